"""The first connection to MetaTrader 5, step by step: what each step found, what a failure means, what to do."""

TEXTS: dict[str, dict[str, str]] = {
    # the steps, in the order the terminal meets them
    "mt5c.step.terminal": {"id": "Terminal ditemukan", "en": "Terminal found"},
    "mt5c.step.initialized": {"id": "Terhubung ke terminal", "en": "Connected to the terminal"},
    "mt5c.step.login": {"id": "Login akun", "en": "Logged in"},
    "mt5c.step.account": {"id": "Akun dan server", "en": "Account and server"},
    "mt5c.step.autotrading_terminal": {"id": "AutoTrading di terminal", "en": "AutoTrading in the terminal"},
    "mt5c.step.autotrading_account": {"id": "AutoTrading untuk akun", "en": "AutoTrading for the account"},
    "mt5c.step.symbol": {"id": "Simbol dan harga", "en": "Symbol and price"},
    "mt5c.step.offset": {"id": "Jam server", "en": "Server clock"},
    # what a step found
    "mt5c.terminal_ok": {"id": "MetaTrader 5 build {build} ({company}) di {path}.",
                         "en": "MetaTrader 5 build {build} ({company}) at {path}."},
    "mt5c.initialized_ok": {"id": "Paket Python MetaTrader5 {package} terhubung.",
                            "en": "The MetaTrader5 Python package {package} is connected."},
    "mt5c.login_ok": {"id": "Akun {login} ({name}).", "en": "Account {login} ({name})."},
    "mt5c.account_ok": {"id": "Server {server} ({company}), akun {mode}, {currency}, saldo {balance:,.2f}.",
                        "en": "Server {server} ({company}), {mode} account, {currency}, balance {balance:,.2f}."},
    "mt5c.mode.demo": {"id": "demo", "en": "demo"},
    "mt5c.mode.real": {"id": "riil", "en": "real"},
    "mt5c.mode.contest": {"id": "kontes", "en": "contest"},
    "mt5c.algo_ok": {"id": "Tombol Algo Trading menyala dan trading lewat Python diizinkan.",
                     "en": "The Algo Trading button is on and trading through Python is allowed."},
    "mt5c.account_trading_ok": {"id": "Akun boleh trading, termasuk oleh program (Expert Advisor).",
                                "en": "The account may trade, programs (Expert Advisors) included."},
    "mt5c.symbol_ok": {"id": "{wanted} di broker ini adalah {symbol} ({how}); bid {bid}, ask {ask}.",
                       "en": "{wanted} is {symbol} at this broker ({how}); bid {bid}, ask {ask}."},
    "mt5c.how.exact": {"id": "nama sama persis", "en": "the same name"},
    "mt5c.how.case": {"id": "beda huruf besar/kecil", "en": "another letter case"},
    "mt5c.how.suffix": {"id": "dengan akhiran broker", "en": "with the broker's suffix"},
    "mt5c.how.alias": {"id": "nama lain instrumen yang sama", "en": "another name of the same instrument"},
    "mt5c.offset_ok": {"id": "Jam server {offset}: waktu bar dan deal diubah ke UTC.",
                       "en": "Server clock {offset}: bar and deal times are converted to UTC."},
    # what a failure means, and what to do
    "mt5c.no_package": {"id": "Paket Python MetaTrader5 tidak terpasang di sini: paket itu hanya ada untuk Windows "
                              "64-bit.",
                        "en": "The MetaTrader5 Python package is not installed here: it exists for 64-bit Windows "
                              "only."},
    "mt5c.no_package_fix": {"id": "Jalankan QuantumBotX di komputer Windows tempat MetaTrader 5 berjalan; perintah "
                                  "pip install -r requirements.txt memasang paketnya di sana.",
                            "en": "Run QuantumBotX on the Windows computer where MetaTrader 5 runs; pip install -r "
                                  "requirements.txt installs the package there."},
    "mt5c.bad_login_setting": {"id": "Login MT5 di secrets.toml atau variabel lingkungan tidak bisa dipakai: "
                                     "{detail}.",
                               "en": "The MT5 login in secrets.toml or the environment cannot be used: {detail}."},
    "mt5c.bad_login_setting_fix": {"id": "Isi login dengan nomor akun saja (mis. 12345678) di [mt5] pada "
                                         ".streamlit/secrets.toml atau QBX_MT5_LOGIN, lalu jalankan ulang dashboard.",
                                   "en": "Give the login as the account number only (e.g. 12345678) under [mt5] in "
                                         ".streamlit/secrets.toml or in QBX_MT5_LOGIN, then restart the dashboard."},
    "mt5c.not_installed": {"id": "Tidak ada terminal MetaTrader 5 di komputer ini ({detail}).",
                           "en": "No MetaTrader 5 terminal was found on this computer ({detail})."},
    "mt5c.not_installed_fix": {"id": "Pasang MetaTrader 5 (64-bit) dari situs broker Anda, login sekali, lalu tes "
                                     "lagi. Bila terpasang di tempat lain, tulis lokasi terminal64.exe sebagai path "
                                     "di [mt5] pada .streamlit/secrets.toml atau QBX_MT5_PATH.",
                               "en": "Install MetaTrader 5 (64-bit) from your broker's website, log in once, then "
                                     "test again. If it is installed elsewhere, give the location of terminal64.exe "
                                     "as path under [mt5] in .streamlit/secrets.toml or in QBX_MT5_PATH."},
    "mt5c.path_wrong": {"id": "Path terminal {path} tidak menjalankan terminal ({detail}).",
                        "en": "The terminal path {path} does not start a terminal ({detail})."},
    "mt5c.path_wrong_fix": {"id": "Path harus lokasi lengkap terminal64.exe, mis. C:\\Program Files\\MetaTrader "
                                  "5\\terminal64.exe (klik kanan pintasan MetaTrader 5 → Open file location). Hapus "
                                  "path untuk memakai terminal yang terpasang.",
                            "en": "The path must be the full location of terminal64.exe, e.g. C:\\Program "
                                  "Files\\MetaTrader 5\\terminal64.exe (right-click the MetaTrader 5 shortcut → "
                                  "Open file location). Remove path to use the installed terminal."},
    "mt5c.ipc_timeout": {"id": "Terminal tidak menjawab tepat waktu (IPC timeout: {detail}).",
                         "en": "The terminal did not answer in time (IPC timeout: {detail})."},
    "mt5c.ipc_timeout_fix": {"id": "Terminal mungkin masih membuka, sedang update, atau menunggu jendela dialog. Buka "
                                   "MetaTrader 5 sendiri, tunggu sampai harga bergerak, tutup dialog yang muncul, "
                                   "jalankan terminal dan QuantumBotX sebagai user Windows yang sama (keduanya "
                                   "tanpa, atau keduanya dengan, 'Run as administrator'), lalu tes lagi.",
                             "en": "The terminal may still be starting, updating, or waiting on a dialog. Open "
                                   "MetaTrader 5 yourself, wait until prices move, close any dialog, run the terminal "
                                   "and QuantumBotX as the same Windows user (both with, or both without, 'Run as "
                                   "administrator'), then test again."},
    "mt5c.old_build": {"id": "Terminal terlalu lama untuk paket Python MetaTrader5 ({detail}).",
                       "en": "The terminal is too old for the MetaTrader5 Python package ({detail})."},
    "mt5c.old_build_fix": {"id": "Perbarui terminal: Help → Check for updates (atau pasang ulang dari broker), "
                                 "jalankan ulang, lalu tes lagi.",
                           "en": "Update the terminal: Help → Check for updates (or reinstall it from your broker), "
                                 "restart it, then test again."},
    "mt5c.init_failed": {"id": "Terminal tidak bisa dihubungkan (kode {code}: {detail}).",
                         "en": "The terminal could not be connected (code {code}: {detail})."},
    "mt5c.init_failed_fix": {"id": "Buka MetaTrader 5 sendiri dan pastikan ia login dan menampilkan harga, lalu tes "
                                   "lagi.",
                             "en": "Open MetaTrader 5 yourself, make sure it is logged in and shows prices, then "
                                   "test again."},
    "mt5c.auth_failed": {"id": "Login ditolak: nomor akun, password atau server salah (akun {login} di server "
                               "{server}).",
                         "en": "Authorization failed: the account number, password or server was refused (account "
                               "{login} on server {server})."},
    "mt5c.auth_failed_fix": {"id": "Periksa login (nomor akun), password (password trading, bukan password investor) "
                                   "dan nama server persis seperti di jendela login terminal (mis. NamaBroker-Demo). "
                                   "Coba login sekali secara manual di terminal.",
                             "en": "Check the login (the account number), the password (the trading password, not "
                                   "the investor one) and the server name exactly as the terminal's login window "
                                   "shows it (e.g. YourBroker-Demo). Log in once by hand in the terminal."},
    "mt5c.not_logged_in": {"id": "Terminal terhubung tetapi belum login ke akun mana pun.",
                           "en": "The terminal is connected but logged in to no account."},
    "mt5c.not_logged_in_fix": {"id": "Login di terminal (File → Login to Trade Account), atau isi login, password dan "
                                     "server di [mt5] pada .streamlit/secrets.toml.",
                               "en": "Log in in the terminal (File → Login to Trade Account), or give login, password "
                                     "and server under [mt5] in .streamlit/secrets.toml."},
    "mt5c.other_account": {"id": "Terminal login ke akun {login}, bukan {wanted} (server {server}).",
                           "en": "The terminal is logged in to account {login}, not {wanted} (server {server})."},
    "mt5c.no_server": {"id": "Terminal tidak terhubung ke server trading {server}.",
                       "en": "The terminal is not connected to the trade server {server}."},
    "mt5c.no_server_fix": {"id": "Periksa koneksi internet dan nama server; pojok kanan bawah terminal menunjukkan "
                                 "status koneksi (mis. 'No connection' atau 'Invalid account').",
                           "en": "Check the internet connection and the server name; the terminal's bottom right "
                                 "corner shows the connection (e.g. 'No connection' or 'Invalid account')."},
    "mt5c.algo_off": {"id": "AutoTrading (Algo Trading) mati di terminal: setiap order akan ditolak dengan kode 10027 "
                            "'AutoTrading disabled by client'.",
                      "en": "AutoTrading (Algo Trading) is off in the terminal: every order would be refused with code "
                            "10027 'AutoTrading disabled by client'."},
    "mt5c.algo_off_fix": {"id": "Tekan tombol Algo Trading di toolbar terminal sampai hijau. Agar tetap menyala "
                                "setelah restart: Tools → Options → Expert Advisors → centang 'Allow algorithmic "
                                "trading'.",
                          "en": "Press the Algo Trading button in the terminal's toolbar until it is green. To keep it "
                                "on after a restart: Tools → Options → Expert Advisors → tick 'Allow algorithmic "
                                "trading'."},
    "mt5c.api_off": {"id": "Terminal melarang trading lewat Python: 'Disable automated trading via external Python "
                           "API' dicentang.",
                     "en": "The terminal forbids trading through Python: 'Disable automated trading via external "
                           "Python API' is ticked."},
    "mt5c.api_off_fix": {"id": "Tools → Options → Expert Advisors: hapus centang 'Disable automated trading via "
                               "external Python API', lalu tes lagi.",
                         "en": "Tools → Options → Expert Advisors: untick 'Disable automated trading via external "
                               "Python API', then test again."},
    "mt5c.account_no_trading": {"id": "Trading dinonaktifkan untuk akun ini: server tidak menerima order dari login "
                                      "ini (password investor/baca saja, atau akun yang dinonaktifkan broker).",
                                "en": "Trading is disabled on this account: the server takes no orders from this "
                                      "login (an investor, read-only password, or an account the broker disabled)."},
    "mt5c.account_no_trading_fix": {"id": "Login dengan password trading (master), bukan password investor. Bila tetap "
                                          "begitu, tanyakan ke broker apakah akun ini boleh trading.",
                                    "en": "Log in with the trading (master) password, not the investor password. If "
                                          "it stays so, ask your broker whether the account may trade."},
    "mt5c.server_algo_off": {"id": "Server broker tidak mengizinkan trading otomatis di akun ini: order akan ditolak "
                                   "dengan kode 10026 'AutoTrading disabled by server'.",
                             "en": "The broker's server does not allow automated trading on this account: orders "
                                   "would be refused with code 10026 'AutoTrading disabled by server'."},
    "mt5c.server_algo_off_fix": {"id": "Minta broker mengaktifkan Expert Advisor / trading algoritmik untuk akun "
                                       "ini, atau pakai jenis akun yang mengizinkannya.",
                                 "en": "Ask your broker to enable Expert Advisors / algorithmic trading on the "
                                       "account, or use an account type that allows it."},
    "mt5c.symbol_unknown": {"id": "{symbol} tidak ada di broker ini, juga tidak dengan akhiran yang dikenal. Nama "
                                  "mirip: {near}.",
                            "en": "{symbol} is not a symbol of this broker, nor with a known suffix. Similar names: "
                                  "{near}."},
    "mt5c.symbol_unknown_fix": {"id": "Pakai nama persis seperti di Market Watch terminal (View → Market Watch, klik "
                                      "kanan → Show All) sebagai pasar bot.",
                                "en": "Use the name exactly as the terminal's Market Watch shows it (View → Market "
                                      "Watch, right-click → Show All) as the bot's market."},
    "mt5c.not_in_market_watch": {"id": "{symbol} tidak ada di Market Watch dan tidak bisa ditambahkan.",
                                 "en": "{symbol} is not in Market Watch and could not be added to it."},
    "mt5c.not_in_market_watch_fix": {"id": "Di Market Watch klik kanan → Symbols, cari {symbol} lalu tekan Show "
                                           "Symbol.",
                                     "en": "In Market Watch right-click → Symbols, find {symbol} and press Show "
                                           "Symbol."},
    "mt5c.symbol_disabled": {"id": "Broker menonaktifkan trading {symbol}.",
                             "en": "The broker has disabled trading {symbol}."},
    "mt5c.symbol_disabled_fix": {"id": "Pilih simbol lain, atau tanyakan ke broker kapan {symbol} bisa ditradingkan.",
                                 "en": "Choose another symbol, or ask your broker when {symbol} can be traded."},
    "mt5c.no_tick": {"id": "Belum ada harga untuk {symbol}.", "en": "There is no price for {symbol} yet."},
    "mt5c.no_tick_fix": {"id": "Buka grafik {symbol} di terminal agar harganya dimuat, lalu tes lagi.",
                         "en": "Open a chart of {symbol} in the terminal so its prices load, then test again."},
    "mt5c.market_closed": {"id": "Pasar {symbol} sedang tutup (harga terakhir sudah lama).",
                           "en": "The {symbol} market is closed now (its last price is old)."},
    "mt5c.market_closed_until": {"id": "Pasar {symbol} sedang tutup; biasanya buka {opens}.",
                                 "en": "The {symbol} market is closed now; it usually opens {opens}."},
    "mt5c.market_closed_fix": {"id": "Tidak ada yang perlu diperbaiki: bot menunggu pasar buka. Untuk melihat harga "
                                     "hidup sekarang, tes pasar yang sedang buka (mis. BTCUSD bila broker Anda "
                                     "punya).",
                               "en": "Nothing to fix: bots wait for the market to open. To see a live price now, "
                                     "test a market that is open (e.g. BTCUSD if your broker lists it)."},
    "mt5c.offset_unknown": {"id": "Tidak ada harga yang baru saat ini (pasar tutup), jadi selisih jam server belum "
                                  "diketahui.",
                            "en": "No price is fresh right now (markets are closed), so the server clock's offset "
                                  "is not known yet."},
    "mt5c.offset_unknown_fix": {"id": "Tes lagi saat pasar buka. QuantumBotX mempelajarinya sendiri dari harga "
                                      "pertama yang baru.",
                                "en": "Test again while a market is open. QuantumBotX learns it by itself from the "
                                      "first fresh price."},
    # the Settings section
    "mt5c.ui.title": {"id": "Koneksi MetaTrader 5", "en": "MetaTrader 5 connection"},
    "mt5c.ui.intro": {"id": "Tes koneksi memeriksa langkah demi langkah apa yang dibutuhkan bot untuk trading di "
                            "MetaTrader 5 dengan login dari .streamlit/secrets.toml atau variabel lingkungan, dan "
                            "untuk setiap masalah mengatakan artinya dan apa yang harus dilakukan. Tidak ada order "
                            "yang dikirim.",
                      "en": "The connection test checks step by step what bots need to trade on MetaTrader 5, with "
                            "the login from .streamlit/secrets.toml or the environment, and for each problem says "
                            "what it means and what to do. No order is sent."},
    "mt5c.ui.symbol": {"id": "Simbol yang dites", "en": "Symbol to test"},
    "mt5c.ui.button": {"id": "Tes koneksi", "en": "Test connection"},
    "mt5c.ui.all_ok": {"id": "Semua langkah lolos: bot bisa trading di MetaTrader 5.",
                       "en": "Every step passed: bots can trade on MetaTrader 5."},
    "mt5c.ui.warnings": {"id": "Koneksi siap, dengan catatan di bawah.",
                         "en": "The connection is ready, with the notes below."},
    "mt5c.ui.failed": {"id": "Berhenti di langkah: {step}.", "en": "Stopped at the step: {step}."},
    "mt5c.ui.fix": {"id": "Yang perlu dilakukan: {fix}", "en": "What to do: {fix}"},
    "mt5c.ui.not_reached": {"id": "belum dicek", "en": "not reached"},
    "mt5c.ui.tested_at": {"id": "Dites {when}.", "en": "Tested {when}."},
}
