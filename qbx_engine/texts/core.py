"""Errors, broker refusals, lot sizing, bot fields, settings and events."""

TEXTS: dict[str, dict[str, str]] = {
    # errors
    "err.validation": {"id": "Input ditolak: {details}", "en": "Input refused: {details}"},
    "err.unknown_bot": {"id": "Bot #{bot_id} tidak ada (mungkin sudah dihapus).",
                        "en": "Bot #{bot_id} does not exist (it may have been deleted)."},
    "err.datadir_locked": {
        "id": "Folder data {path} sedang dipakai oleh {holder}. Tutup QuantumBotX yang lain itu dulu, "
              "atau pakai folder data lain (QBX_DATA_DIR).",
        "en": "The data folder {path} is in use by {holder}. Close that other QuantumBotX first, "
              "or use another data folder (QBX_DATA_DIR)."},
    "err.datadir_locked_here": {
        "id": "Folder data {path} sudah dibuka oleh engine lain di proses ini ({holder}).",
        "en": "The data folder {path} is already open by another engine in this process ({holder})."},
    "err.store_corrupted": {
        "id": "Berkas data {path} tidak bisa dibaca: {problem}. QuantumBotX tidak mengubahnya; "
              "pulihkan dari cadangan atau pindahkan berkas itu.",
        "en": "The data file {path} cannot be read: {problem}. QuantumBotX did not change it; "
              "restore it from a backup or move it away."},
    "err.store_write": {
        "id": "Gagal menyimpan ke {path}: {problem}. Perubahan dibatalkan; periksa ruang disk.",
        "en": "Could not save to {path}: {problem}. The change was undone; check the free disk space."},

    # broker refusals
    "broker.unknown_symbol": {"id": "Simbol {symbol} tidak dikenal broker.",
                              "en": "The broker does not know the symbol {symbol}."},
    "broker.no_rate": {"id": "Tidak ada kurs untuk mengonversi {currency} ke mata uang akun.",
                       "en": "No rate to convert {currency} into the account currency."},
    "broker.market_closed": {"id": "Pasar {symbol} sedang tutup.", "en": "The {symbol} market is closed."},
    "broker.invalid_volume": {
        "id": "Lot {volume} tidak sah untuk {symbol}: minimal {volume_min}, maksimal {volume_max}, kelipatan {step}.",
        "en": "Lot {volume} is not valid for {symbol}: minimum {volume_min}, maximum {volume_max}, step {step}."},
    "broker.invalid_stops": {
        "id": "SL {sl} / TP {tp} terlalu dekat atau di sisi yang salah dari harga {price} "
              "(jarak minimal {stops_level} poin).",
        "en": "SL {sl} / TP {tp} is too close to, or on the wrong side of, the price {price} "
              "(minimum distance {stops_level} points)."},
    "broker.no_money": {
        "id": "Margin tidak cukup: order ini butuh {needed:,.2f} {currency}, margin bebas {free:,.2f} {currency}.",
        "en": "Not enough margin: this order needs {needed:,.2f} {currency}, free margin is {free:,.2f} {currency}."},
    "broker.position_gone": {"id": "Posisi #{ticket} sudah tertutup.", "en": "Position #{ticket} is already closed."},
    # MetaTrader 5 (every refusal carries the terminal's retcode)
    "broker.mt5.init_failed": {
        "id": "Tidak bisa terhubung ke terminal MetaTrader 5 (kode {retcode}: {detail}). Pastikan terminal "
              "berjalan, login benar, dan 'Algo Trading' aktif.",
        "en": "Could not connect to the MetaTrader 5 terminal (code {retcode}: {detail}). Make sure the terminal "
              "is running, the login is right and 'Algo Trading' is on."},
    "broker.mt5.disconnected": {"id": "Koneksi ke terminal MetaTrader 5 terputus (kode {retcode}).",
                                "en": "The connection to the MetaTrader 5 terminal was lost (code {retcode})."},
    "broker.mt5.order_unknown": {
        "id": "Order terkirim tapi hasilnya belum pasti (kode {retcode}); posisi akan dicocokkan di cek berikutnya.",
        "en": "The order was sent but its outcome is unknown (code {retcode}); the position is matched on the "
              "next check."},
    "broker.mt5.position_unconfirmed": {
        "id": "Broker menerima order (kode {retcode}) tapi posisinya belum terlihat; dicocokkan di cek berikutnya.",
        "en": "The broker accepted the order (code {retcode}) but the position is not visible yet; it is matched "
              "on the next check."},
    "broker.mt5.requote": {"id": "Harga terus berubah (requote, kode {retcode}) setelah {tries} percobaan.",
                           "en": "The price kept changing (requote, code {retcode}) after {tries} attempts."},
    "broker.mt5.rejected": {"id": "Broker menolak order (kode {retcode}: {detail}).",
                            "en": "The broker rejected the order (code {retcode}: {detail})."},
    "broker.mt5.invalid_request": {"id": "Permintaan order tidak valid (kode {retcode}: {detail}).",
                                   "en": "The order request is invalid (code {retcode}: {detail})."},
    "broker.mt5.invalid_volume": {"id": "Volume order tidak sah untuk {symbol} (kode {retcode}).",
                                  "en": "The order volume is not valid for {symbol} (code {retcode})."},
    "broker.mt5.invalid_price": {"id": "Harga order tidak valid untuk {symbol} (kode {retcode}).",
                                 "en": "The order price is not valid for {symbol} (code {retcode})."},
    "broker.mt5.invalid_stops": {
        "id": "SL/TP ditolak untuk {symbol} (kode {retcode}): terlalu dekat dengan harga; broker meminta jarak "
              "minimal {stops_level} poin. Perlebar SL/TP bot ini.",
        "en": "SL/TP refused for {symbol} (code {retcode}): too close to the price; the broker requires at least "
              "{stops_level} points. Widen this bot's SL/TP."},
    "broker.mt5.trade_disabled": {"id": "Trading untuk {symbol} dinonaktifkan oleh broker (kode {retcode}).",
                                  "en": "Trading in {symbol} is disabled by the broker (code {retcode})."},
    "broker.mt5.market_closed": {"id": "Pasar {symbol} sedang tutup (kode {retcode}).",
                                 "en": "The {symbol} market is closed (code {retcode})."},
    "broker.mt5.no_money": {"id": "Dana tidak cukup untuk order {symbol} (kode {retcode}).",
                            "en": "Not enough money for the {symbol} order (code {retcode})."},
    "broker.mt5.too_many_requests": {"id": "Terlalu banyak permintaan ke broker (kode {retcode}); dicoba lagi nanti.",
                                     "en": "Too many requests to the broker (code {retcode}); tried again later."},
    "broker.mt5.autotrading_server": {"id": "Server broker menonaktifkan trading otomatis (kode {retcode}).",
                                      "en": "The broker's server has disabled automated trading (code {retcode})."},
    "broker.mt5.autotrading_client": {
        "id": "Tombol 'Algo Trading' di terminal MetaTrader 5 mati (kode {retcode}). Nyalakan agar bot bisa order.",
        "en": "'Algo Trading' is switched off in the MetaTrader 5 terminal (code {retcode}). Switch it on so bots "
              "can trade."},
    "broker.mt5.frozen": {"id": "Posisi sedang dibekukan broker (dekat harga eksekusi; kode {retcode}).",
                          "en": "The position is frozen by the broker (close to execution; code {retcode})."},
    "broker.mt5.invalid_fill": {"id": "Broker tidak menerima mode pengisian order untuk {symbol} (kode {retcode}).",
                                "en": "The broker accepts none of the filling modes tried for "
                                      "{symbol} (code {retcode})."},
    "broker.mt5.limit": {"id": "Batas posisi/volume akun tercapai (kode {retcode}).",
                         "en": "The account's position or volume limit is reached (code {retcode})."},
    "broker.mt5.long_only": {"id": "{symbol} hanya boleh posisi BUY (kode {retcode}).",
                             "en": "{symbol} allows BUY positions only (code {retcode})."},
    "broker.mt5.short_only": {"id": "{symbol} hanya boleh posisi SELL (kode {retcode}).",
                              "en": "{symbol} allows SELL positions only (code {retcode})."},
    "broker.mt5.close_only": {"id": "{symbol} hanya boleh menutup posisi (kode {retcode}).",
                              "en": "{symbol} allows closing positions only (code {retcode})."},
    "broker.mt5.fifo_close": {"id": "Akun FIFO: posisi lama harus ditutup lebih dulu (kode {retcode}).",
                              "en": "FIFO account: older positions must be closed first (code {retcode})."},
    "broker.mt5.refused": {"id": "Broker menolak order (kode {retcode}: {detail}).",
                           "en": "The broker refused the order (code {retcode}: {detail})."},
    "ev.symbol_resolved": {"id": "Pasar {market} memakai simbol broker {symbol}.",
                           "en": "Market {market} trades as the broker's symbol {symbol}."},
    # lot sizing
    "lot.no_stop": {"id": "Tanpa stop loss, ukuran lot berbasis risiko tidak bisa dihitung.",
                    "en": "Without a stop loss the risk-based lot cannot be computed."},
    "lot.below_min": {
        "id": "Lot minimum {volume_min} dengan SL {sl_pips} pip merisikokan {min_risk:,.2f} ({min_percent}% saldo), "
              "lebih dari risiko {risk_percent}% ({risk_money:,.2f}) yang diminta. Tidak entry.",
        "en": "The minimum lot {volume_min} with a {sl_pips}-pip SL risks {min_risk:,.2f} ({min_percent}% of balance), "
              "more than the {risk_percent}% ({risk_money:,.2f}) asked. No trade."},

    # lifecycle errors
    "err.cannot_pause": {"id": "Bot #{bot_id} berstatus {status}; hanya bot Aktif yang bisa dijeda.",
                         "en": "Bot #{bot_id} is {status}; only an active bot can be paused."},
    "err.cannot_resume": {"id": "Bot #{bot_id} berstatus {status}, bukan Dijeda; gunakan Mulai.",
                          "en": "Bot #{bot_id} is {status}, not paused; use Start."},
    "err.engine_closed": {"id": "Engine sudah ditutup.", "en": "The engine is closed."},
    "err.tick_busy": {"id": "Bot #{bot_id} masih memproses tick sebelumnya; coba lagi sebentar.",
                      "en": "Bot #{bot_id} is still busy with its previous tick; try again shortly."},
    "broker.down_waiting": {"id": "Broker tidak terhubung; mencoba lagi dalam {retry_in} detik.",
                            "en": "The broker is not connected; retrying in {retry_in} s."},
    # bot fields
    "bot.not_a_record": {"id": "Data bot tidak lengkap.", "en": "The bot data is incomplete."},
    "bot.unknown_field": {"id": "Kolom '{name}' tidak dikenal.", "en": "Unknown field '{name}'."},
    "bot.not_editable": {"id": "Kolom '{name}' tidak bisa diubah di sini.",
                         "en": "The field '{name}' cannot be edited here."},
    "bot.bad_initial_status": {"id": "Bot baru hanya bisa berstatus active atau stopped (diberi {status}).",
                               "en": "A new bot can only be active or stopped (got {status})."},
    "bot.name_required": {"id": "Nama bot wajib diisi.", "en": "The bot needs a name."},
    "bot.market_required": {"id": "Pilih pasar (simbol) untuk bot.", "en": "Choose a market (symbol) for the bot."},
    "bot.name_too_long": {"id": "Nama bot maksimal {max} karakter (sekarang {length}).",
                          "en": "A bot name has at most {max} characters (this one has {length})."},
    "bot.name_control_chars": {"id": "Nama bot berisi karakter yang tidak bisa ditampilkan.",
                               "en": "The bot name contains characters that cannot be shown."},
    "bot.unknown_market": {"id": "Simbol '{market}' tidak ada di broker ini (contoh: EURUSD, XAUUSD).",
                           "en": "The symbol '{market}' does not exist at this broker (e.g. EURUSD, XAUUSD)."},
    "bot.bad_timeframe": {"id": "Timeframe '{value}' tidak dikenal; pilih {choices}.",
                          "en": "Unknown timeframe '{value}'; choose {choices}."},
    "bot.risk_percent_type": {"id": "Risiko per trade harus angka persen (diberi {value}).",
                              "en": "Risk per trade must be a percentage (got {value})."},
    "bot.risk_percent_range": {"id": "Risiko per trade harus antara {min}% dan {max}% dari saldo (diberi {value}).",
                               "en": "Risk per trade must be between {min}% and {max}% of the balance (got {value})."},
    "bot.sl_pips_type": {"id": "Stop loss harus angka pip (diberi {value}).",
                         "en": "Stop loss must be a number of pips (got {value})."},
    "bot.sl_pips_range": {"id": "Stop loss harus antara {min} dan {max} pip (diberi {value}); "
                                "tanpa SL risiko tak terbatas.",
                          "en": "Stop loss must be between {min} and {max} pips (got {value}); "
                                "without an SL the risk is unlimited."},
    "bot.tp_pips_type": {"id": "Take profit harus angka pip (diberi {value}).",
                         "en": "Take profit must be a number of pips (got {value})."},
    "bot.tp_pips_range": {"id": "Take profit harus antara {min} dan {max} pip; 0 berarti tanpa TP (diberi {value}).",
                          "en": "Take profit must be between {min} and {max} pips; 0 means no TP (got {value})."},
    "bot.bad_stop_mode": {"id": "Mode stop harus 'pips' atau 'atr' (diberi {value}).",
                          "en": "The stop mode must be 'pips' or 'atr' (got {value})."},
    "bot.sl_atr_type": {"id": "SL dalam ATR harus angka kelipatan ATR (diberi {value}).",
                        "en": "The SL in ATR must be a number of ATR multiples (got {value})."},
    "bot.sl_atr_range": {"id": "SL harus antara {min} dan {max} kali ATR (diberi {value}).",
                         "en": "The SL must be between {min} and {max} times the ATR (got {value})."},
    "bot.tp_atr_type": {"id": "TP dalam ATR harus angka kelipatan ATR (diberi {value}).",
                        "en": "The TP in ATR must be a number of ATR multiples (got {value})."},
    "bot.tp_atr_range": {"id": "TP harus antara {min} dan {max} kali ATR; 0 berarti tanpa TP (diberi {value}).",
                         "en": "The TP must be between {min} and {max} times the ATR; 0 means no TP (got {value})."},
    "bot.atr_period_type": {"id": "Periode ATR harus bilangan bulat bar (diberi {value}).",
                            "en": "The ATR period must be a whole number of bars (got {value})."},
    "bot.atr_period_range": {"id": "Periode ATR harus antara {min} dan {max} bar (diberi {value}).",
                             "en": "The ATR period must be between {min} and {max} bars (got {value})."},
    "plan.no_atr": {"id": "ATR {period} bar belum bisa dihitung (bar belum cukup), jadi SL/TP tidak bisa dipasang.",
                    "en": "The {period}-bar ATR cannot be computed yet (not enough bars), so no SL/TP can be placed."},
    "plan.stops_too_close": {
        "id": "SL {sl_pips} pip / TP {tp_pips} pip dari harga entry terlalu dekat dengan harga penutupan "
              "(jarak minimal broker {stops_level} poin, spread {spread} poin).",
        "en": "An SL of {sl_pips} pips / TP of {tp_pips} pips from the entry is too close to the closing price "
              "(the broker's minimum is {stops_level} points, the spread {spread} points)."},
    "err.strategy_output": {"id": "Strategi {strategy} memberi hasil yang tidak sah: {problem}.",
                            "en": "The strategy {strategy} returned something invalid: {problem}."},
    "bot.check_interval_type": {"id": "Interval cek harus bilangan bulat detik (diberi {value}).",
                                "en": "The check interval must be a whole number of seconds (got {value})."},
    "bot.check_interval_range": {"id": "Interval cek harus antara {min} dan {max} detik (diberi {value}).",
                                 "en": "The check interval must be between {min} and {max} seconds (got {value})."},
    # settings
    "settings.unknown": {"id": "Pengaturan '{name}' tidak dikenal.", "en": "Unknown setting '{name}'."},
    "settings.bad_language": {"id": "Bahasa '{value}' tidak tersedia (id atau en).",
                              "en": "Language '{value}' is not available (id or en)."},
    "settings.bad_timezone": {"id": "Zona waktu '{value}' tidak dikenal (contoh: Asia/Jakarta).",
                              "en": "Unknown time zone '{value}' (e.g. Asia/Jakarta)."},
    "settings.bad_broker": {"id": "Broker '{value}' tidak dikenal (paper atau mt5).",
                            "en": "Unknown broker '{value}' (paper or mt5)."},
    "settings.bad_streak": {"id": "Batas error beruntun harus bilangan 1 sampai 100 (diberi {value}).",
                            "en": "The error-streak limit must be a whole number from 1 to 100 (got {value})."},
    "settings.bad_max_trades": {"id": "Batas trade per hari harus 0 sampai 1000 (diberi {value}).",
                                "en": "The trades-per-day limit must be 0 to 1000 (got {value})."},
    "settings.bad_value": {"id": "Nilai tidak sah.", "en": "Invalid value."},
    # events
    "ev.engine_start": {"id": "Engine dimulai (broker {broker}); {bots} bot dimuat, {active} aktif.",
                        "en": "Engine started (broker {broker}); {bots} bots loaded, {active} active."},
    "ev.engine_stop": {"id": "Engine dihentikan.", "en": "Engine stopped."},
    "ev.start": {"id": "Bot dimulai: {strategy} di {market} {timeframe}, cek tiap {interval} detik.",
                 "en": "Bot started: {strategy} on {market} {timeframe}, checking every {interval} s."},
    "ev.pause": {"id": "Bot dijeda.", "en": "Bot paused."},
    "ev.pause_with_position": {
        "id": "Bot dijeda. Posisi terbukanya sekarang hanya dilindungi SL/TP di broker.",
        "en": "Bot paused. Its open position is now protected only by its SL/TP at the broker."},
    "ev.resume": {"id": "Bot dilanjutkan.", "en": "Bot resumed."},
    "ev.stop": {"id": "Bot dihentikan.", "en": "Bot stopped."},
    "ev.update": {"id": "Pengaturan diubah: {fields}. Berlaku mulai tick berikutnya.",
                  "en": "Settings changed: {fields}. They apply from the next tick."},
    "ev.delete": {"id": "Bot '{name}' dihapus. {position}", "en": "Bot '{name}' deleted. {position}"},
    "ev.delete_flat": {"id": "Tidak ada posisi terbuka.", "en": "It had no open position."},
    "ev.delete_left": {"id": "Posisi terbukanya dibiarkan di broker.",
                       "en": "Its open position was left at the broker."},
    "ev.delete_closed": {"id": "Posisi #{ticket} ditutup ({profit:+,.2f}).",
                         "en": "Position #{ticket} was closed ({profit:+,.2f})."},
    "ev.overrun": {"id": "Tick tidak sempat berjalan tiap {interval} detik; {count} tick dilewati sejauh ini.",
                   "en": "Ticks cannot keep up with the {interval} s interval; {count} skipped so far."},
    "ev.broker_down": {"id": "Koneksi broker terputus: {problem}. Semua bot menunggu dan mencoba lagi.",
                       "en": "Lost the broker connection: {problem}. All bots wait and retry."},
    "ev.broker_up": {"id": "Koneksi broker pulih setelah {seconds} detik.",
                     "en": "The broker connection is back after {seconds} s."},
    "ev.symbol_missing": {"id": "Simbol {market} tidak ditemukan di broker; bot dihentikan (Error).",
                          "en": "The symbol {market} was not found at the broker; the bot is halted (Error)."},
    "ev.market_closed": {"id": "Pasar {symbol} tutup; bot menunggu pasar buka.",
                         "en": "The {symbol} market is closed; the bot waits for it to open."},
    "ev.rejected": {"id": "Sinyal {signal} tidak dieksekusi: {problem}",
                    "en": "The {signal} signal was not executed: {problem}"},
    "ev.no_trade": {"id": "Sinyal {signal} tanpa entry: {problem}", "en": "No entry on the {signal} signal: {problem}"},
    "ev.stops_too_close": {
        "id": "Sinyal {signal} tanpa entry: SL {sl_pips} pip / TP {tp_pips} pip lebih dekat dari jarak minimal broker "
              "({stops_level} poin, spread {spread} poin).",
        "en": "No entry on the {signal} signal: an SL of {sl_pips} pips / TP of {tp_pips} pips is closer than the "
              "broker's minimum ({stops_level} points, spread {spread} points)."},
    "ev.stood_down": {"id": "Sinyal {signal} tidak dieksekusi karena bot dijeda/dihentikan saat tick berjalan.",
                      "en": "The {signal} signal was not executed: the bot was paused or stopped during the tick."},
    "ev.open": {"id": "{side} {volume} lot {symbol} @ {price} (SL {sl}, TP {tp}, "
                      "risiko {risk:,.2f} = {risk_pct}% saldo), "
                      "tiket #{ticket}. {reason}",
                "en": "{side} {volume} lot {symbol} @ {price} (SL {sl}, TP {tp}, "
                      "risk {risk:,.2f} = {risk_pct}% of balance), "
                      "ticket #{ticket}. {reason}"},
    "ev.close_account": {"id": "Posisi {who} {side} #{ticket} {volume} lot {symbol} ditutup ({how}) di {price}: "
                               "{profit:+,.2f} {currency}.",
                         "en": "{who} position {side} #{ticket} {volume} lot {symbol} closed ({how}) at {price}: "
                               "{profit:+,.2f} {currency}."},
    "who.manual": {"id": "manual", "en": "Manual"},
    "who.ea": {"id": "EA lain (magic {magic})", "en": "Another EA's (magic {magic})"},
    "note.nothing_to_exit": {"id": "Sinyal keluar, tetapi tidak ada posisi di sisi itu.",
                             "en": "An exit signal, but no position on that side."},
    "note.stale_bar": {"id": "Sinyal {signal} tidak dieksekusi: bar baru sudah tutup selama tick ini; bar baru itu "
                             "yang dinilai berikutnya.",
                       "en": "The {signal} signal was not executed: a newer bar closed during this tick; that bar "
                             "is judged next."},
    "settings.not_paper": {"id": "Saldo hanya bisa diatur untuk akun paper.",
                           "en": "The balance can only be set on the paper account."},
    "settings.bad_balance": {"id": "Saldo harus angka antara 0,01 dan 1.000.000.000.000 (diberi {value}).",
                             "en": "The balance must be a number from 0.01 to 1,000,000,000,000 (got {value})."},
    "ev.close_bot": {"id": "Tutup {side} #{ticket} {volume} lot {symbol} @ {price} karena sinyal berlawanan: "
                           "{profit:+,.2f} {currency}.",
                     "en": "Closed {side} #{ticket} {volume} lot {symbol} @ {price} on the opposite signal: "
                           "{profit:+,.2f} {currency}."},
    "ev.close_sl": {"id": "{side} #{ticket} {volume} lot {symbol} kena stop loss di {price}: "
                          "{profit:+,.2f} {currency}.",
                    "en": "{side} #{ticket} {volume} lot {symbol} hit its stop loss at {price}: "
                          "{profit:+,.2f} {currency}."},
    "ev.close_tp": {"id": "{side} #{ticket} {volume} lot {symbol} kena take profit di {price}: "
                          "{profit:+,.2f} {currency}.",
                    "en": "{side} #{ticket} {volume} lot {symbol} hit its take profit at {price}: "
                          "{profit:+,.2f} {currency}."},
    "ev.close_manual": {"id": "{side} #{ticket} {volume} lot {symbol} ditutup manual di {price}: "
                              "{profit:+,.2f} {currency}.",
                        "en": "{side} #{ticket} {volume} lot {symbol} was closed by hand at {price}: "
                              "{profit:+,.2f} {currency}."},
    "ev.close_so": {"id": "{side} #{ticket} {volume} lot {symbol} ditutup broker (stop out) di {price}: "
                          "{profit:+,.2f} {currency}.",
                    "en": "{side} #{ticket} {volume} lot {symbol} was closed by a stop out at {price}: "
                          "{profit:+,.2f} {currency}."},
    "ev.close_unknown": {"id": "Posisi #{ticket} sudah tertutup, tetapi broker tidak memberi detailnya.",
                         "en": "Position #{ticket} is closed, but the broker gave no details of it."},
    "ev.many_positions": {"id": "Ada {count} posisi dengan magic number bot ini ({tickets}); bot mengelola satu saja.",
                          "en": "There are {count} positions with this bot's magic number ({tickets}); "
                                "the bot manages only one."},
    "ev.adopted": {"id": "Posisi {side} #{ticket} {volume} lot {symbol} milik bot ditemukan di "
                         "broker dan dikelola lagi.",
                   "en": "Found the bot's {side} position #{ticket} ({volume} lot {symbol}) at the broker; "
                         "managing it again."},
    "ev.error": {"id": "{type}: {message}", "en": "{type}: {message}"},
    "ev.halted": {"id": "Bot masuk status Error setelah {count} kegagalan beruntun. Terakhir: {problem}",
                  "en": "The bot went to Error after {count} failures in a row. Last: {problem}"},
    "why.broker_down": {"id": "Broker tidak terhubung: {problem}", "en": "The broker is not connected: {problem}"},
    "why.market_closed": {"id": "Pasar {symbol} tutup.", "en": "The {symbol} market is closed."},
    "note.acted_this_bar": {"id": "Sinyal bar ini sudah ditindaklanjuti.",
                            "en": "This bar's signal was already acted on."},
    "note.not_active": {"id": "Sinyal {signal}, tetapi bot tidak aktif: tidak ada order.",
                        "en": "A {signal} signal, but the bot is not active: no order."},
    "note.already_in": {"id": "Sudah dalam posisi {side}.", "en": "Already in a {side} position."},

    # close reasons
    "reason.bot": {"id": "sinyal bot", "en": "bot signal"},
    "reason.sl": {"id": "stop loss", "en": "stop loss"},
    "reason.tp": {"id": "take profit", "en": "take profit"},
    "reason.manual": {"id": "manual", "en": "by hand"},
    "reason.so": {"id": "stop out", "en": "stop out"},
}
