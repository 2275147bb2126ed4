"""Two-way Telegram (qbx_engine.remote.telegram): replies to the trader's commands, questions, the log, Settings."""

TEXTS: dict[str, dict[str, str]] = {
    # /help
    "tg.help.title": {"id": "QuantumBotX — perintah", "en": "QuantumBotX — commands"},
    "tg.help.look": {
        "id": "Lihat:\n/status — semua bot · /bot 3 — satu bot\n/saldo — akun · /posisi — posisi terbuka\n"
              "/hari — hasil hari ini · /laba 7 — hasil 7 hari terakhir\n"
              "/laporan — laporan mentor hari ini · /mingguan — ulasan minggu ini\n/rem — rem darurat",
        "en": "Look:\n/status — all bots · /bot 3 — one bot\n/balance — the account · /positions — open positions\n"
              "/daily — today's result · /profit 7 — the last 7 days\n"
              "/report — the mentor's report of today · /weekly — this week's review\n/brake — the emergency brake"},
    "tg.help.change": {
        "id": "Ubah:\n/jeda 3 · /lanjut 3 · /henti 3 — satu bot, atau semua (/jeda semua)\n"
              "/mulai 3 ✋ · /mulai semua ✋ · /henti semua ✋\n/tutup 3 ✋ — tutup posisi bot 3\n"
              "/entri 3 mati · /entri 3 hidup — entri baru bot 3 (atau semua)\n"
              "/lepasrem ✋ — aktifkan lagi setelah rem darurat",
        "en": "Change:\n/pause 3 · /resume 3 · /stop 3 — one bot, or all (/pause all)\n"
              "/start 3 ✋ · /start all ✋ · /stop all ✋\n/close 3 ✋ — close bot 3's position\n"
              "/entries 3 off · /entries 3 on — bot 3's new entries (or all)\n"
              "/rearm ✋ — re-arm after the emergency brake"},
    "tg.help.confirm": {"id": "✋ = minta konfirmasi: tekan tombol Ya atau kirim /ya KODE dalam 60 detik; /batal "
                              "membatalkan.",
                        "en": "✋ = asks first: press Yes or send /yes CODE within 60 s; /cancel cancels."},
    "tg.help.other_language": {"id": "In English: /language en", "en": "Bahasa Indonesia: /bahasa id"},
    "tg.menu.status": {"id": "Status semua bot", "en": "Status of all bots"},
    "tg.menu.balance": {"id": "Saldo dan ekuitas akun", "en": "Account balance and equity"},
    "tg.menu.daily": {"id": "Hasil hari ini", "en": "Today's result"},
    "tg.menu.profit": {"id": "Hasil N hari terakhir, mis. 7", "en": "Result of the last N days, e.g. 7"},
    "tg.menu.positions": {"id": "Posisi terbuka", "en": "Open positions"},
    "tg.menu.report": {"id": "Laporan mentor hari ini", "en": "The mentor's report of today"},
    "tg.menu.weekly": {"id": "Ulasan mingguan mentor", "en": "The mentor's weekly review"},
    "tg.menu.pause": {"id": "Jeda bot N atau semua", "en": "Pause bot N or all"},
    "tg.menu.resume": {"id": "Lanjutkan bot N atau semua", "en": "Resume bot N or all"},
    "tg.menu.stop": {"id": "Hentikan bot N atau semua", "en": "Stop bot N or all"},
    "tg.menu.start": {"id": "Mulai bot N atau semua (konfirmasi)", "en": "Start bot N or all (asks first)"},
    "tg.menu.close": {"id": "Tutup posisi bot N (konfirmasi)", "en": "Close bot N's position (asks first)"},
    "tg.menu.entries": {"id": "Entri baru bot N: hidup/mati", "en": "Bot N's new entries: on/off"},
    "tg.menu.brake": {"id": "Keadaan rem darurat", "en": "The emergency brake"},
    "tg.menu.rearm": {"id": "Aktifkan lagi setelah rem darurat (konfirmasi)",
                      "en": "Re-arm after the emergency brake (asks first)"},
    "tg.menu.help": {"id": "Daftar perintah", "en": "All commands"},
    # bots
    "tg.status.title": {"id": "Status bot", "en": "Bots"},
    "tg.status.counts": {"id": "{n} bot: {active} aktif, {paused} dijeda, {stopped} berhenti, {error} error",
                         "en": "{n} bots: {active} active, {paused} paused, {stopped} stopped, {error} in error"},
    "tg.status.no_bots": {"id": "Belum ada bot. Buat bot di dashboard.", "en": "No bots yet. Create one on the "
                                                                               "dashboard."},
    "tg.status.no_broker": {"id": "Broker tidak bisa dihubungi sekarang: posisi dan P/L tidak ditampilkan.",
                            "en": "The broker cannot be reached right now: positions and P/L are not shown."},
    "tg.status.signal": {"id": "sinyal {signal}", "en": "signal {signal}"},
    "tg.status.entries_off": {"id": "entri mati", "en": "entries off"},
    "tg.more_bots": {"id": "… dan {n} bot lagi (lihat satu per satu dengan /bot N)",
                     "en": "… and {n} more bots (see each with /bot N)"},
    "tg.more_lines": {"id": "… dan {n} baris lagi di dashboard", "en": "… and {n} more lines on the dashboard"},
    "tg.bot.status": {"id": "{status} · {market} {timeframe} · {strategy}",
                      "en": "{status} · {market} {timeframe} · {strategy}"},
    "tg.bot.risk": {"id": "Risiko {risk}% · SL {sl} / TP {tp} {unit} · cek tiap {every} detik",
                    "en": "Risk {risk}% · SL {sl} / TP {tp} {unit} · checks every {every} s"},
    "tg.bot.last_tick": {"id": "Tick terakhir: {age}", "en": "Last tick: {age}"},
    "tg.bot.signal": {"id": "Sinyal terakhir {signal}: {reason}", "en": "Last signal {signal}: {reason}"},
    "tg.bot.no_position": {"id": "Tidak ada posisi terbuka.", "en": "No open position."},
    "tg.bot.entries_off": {"id": "Entri baru dimatikan (posisi tetap dikelola). Nyalakan: /entri {id} hidup",
                           "en": "New entries are off (the position is still managed). Back on: /entries {id} on"},
    "tg.bot.block": {"id": "Entri tertahan: {reason}", "en": "Entries held back: {reason}"},
    "tg.bot.block_until": {"id": "Entri tertahan sampai {until}: {reason}",
                           "en": "Entries held back until {until}: {reason}"},
    "tg.position": {"id": "#{ticket} {symbol} {side} {volume} @ {price} → {now} · P/L {profit} {currency} · sejak "
                          "{since}",
                    "en": "#{ticket} {symbol} {side} {volume} @ {price} → {now} · P/L {profit} {currency} · since "
                          "{since}"},
    "tg.positions.title": {"id": "Posisi terbuka ({n})", "en": "Open positions ({n})"},
    "tg.positions.none": {"id": "Tidak ada posisi terbuka.", "en": "No open positions."},
    "tg.positions.bot": {"id": "bot #{id} {name}", "en": "bot #{id} {name}"},
    "tg.positions.other": {"id": "manual/EA lain (magic {magic})", "en": "manual/another EA (magic {magic})"},
    "tg.positions.total": {"id": "Total P/L mengambang: {profit} {currency}", "en": "Floating P/L in all: {profit} "
                                                                                   "{currency}"},
    # the account and results
    "tg.account.title": {"id": "Akun ({kind})", "en": "Account ({kind})"},
    "tg.account.balance": {"id": "Saldo: {value} {currency}", "en": "Balance: {value} {currency}"},
    "tg.account.equity": {"id": "Ekuitas: {value} {currency}", "en": "Equity: {value} {currency}"},
    "tg.account.floating": {"id": "P/L mengambang: {value} {currency}", "en": "Floating P/L: {value} {currency}"},
    "tg.account.margin": {"id": "Margin terpakai {used} · bebas {free} {currency} · level {level}",
                          "en": "Margin used {used} · free {free} {currency} · level {level}"},
    "tg.daily.title": {"id": "Hasil hari ini ({day})", "en": "Today's result ({day})"},
    "tg.profit.title": {"id": "Hasil {days} hari terakhir", "en": "The last {days} days"},
    "tg.result.none": {"id": "Belum ada trade yang ditutup.", "en": "No trades closed."},
    "tg.result.line": {"id": "{trades} trade ({wins} profit, {losses} rugi, win rate {rate}), hasil bersih {net} "
                             "{currency}",
                       "en": "{trades} trades ({wins} won, {losses} lost, win rate {rate}), net {net} {currency}"},
    "tg.profit.more": {"id": "Profit factor {pf} · drawdown maks {dd} {currency} · ekspektasi {r}",
                       "en": "Profit factor {pf} · max drawdown {dd} {currency} · expectancy {r}"},
    "tg.profit.day": {"id": "{trades} trade, {net} {currency}", "en": "{trades} trades, {net} {currency}"},
    # the mentor
    "tg.report.summary": {"id": "{trades} trade ({wins} profit, {losses} rugi), hasil bersih {net} {currency}, skor "
                                "disiplin {score}/10",
                          "en": "{trades} trades ({wins} won, {losses} lost), net {net} {currency}, discipline "
                                "{score}/10"},
    "tg.report.week_empty": {"id": "Belum ada trade yang ditutup minggu ini.", "en": "No trades closed this week."},
    "tg.report.link": {"id": "Laporan lengkap di dashboard: {url}", "en": "The whole report on the dashboard: {url}"},
    # the emergency brake
    "tg.brake.on_title": {"id": "Rem darurat AKTIF", "en": "Emergency brake ON"},
    "tg.brake.off_title": {"id": "Rem darurat tidak aktif", "en": "Emergency brake off"},
    "tg.brake.on": {"id": "Sejak {since}: {why}. Tidak ada bot yang membuka posisi {until}.",
                    "en": "Since {since}: {why}. No bot opens a position {until}."},
    "tg.brake.until": {"id": "sampai {when} atau sampai Anda mengaktifkannya lagi (/lepasrem)",
                       "en": "until {when} or until you re-arm it (/rearm)"},
    "tg.brake.until_rearm": {"id": "sampai Anda mengaktifkannya lagi (/lepasrem)",
                             "en": "until you re-arm it (/rearm)"},
    "tg.brake.on_short": {"id": "Rem darurat AKTIF: {why}. Bot tidak membuka posisi baru.",
                          "en": "Emergency brake ON: {why}. Bots open no new positions."},
    "tg.brake.no_limits": {"id": "Belum ada batas yang diatur (dashboard → Pengaturan).",
                           "en": "No limits are set (dashboard → Settings)."},
    "tg.brake.limits": {"id": "Batas: rugi harian {loss} · drawdown {drawdown}",
                        "en": "Limits: daily loss {loss} · drawdown {drawdown}"},
    "tg.brake.figures": {"id": "Hari ini: rugi {loss} {currency} ({loss_pct}%) · drawdown {drawdown} {currency} "
                               "({drawdown_pct}%)",
                         "en": "Today: loss {loss} {currency} ({loss_pct}%) · drawdown {drawdown} {currency} "
                               "({drawdown_pct}%)"},
    "tg.brake.not_on": {"id": "Rem darurat tidak sedang aktif; tidak ada yang perlu diaktifkan lagi.",
                        "en": "The emergency brake is not on; there is nothing to re-arm."},
    # questions
    "tg.ask.close": {"id": "Tutup posisi bot #{id} {name}: {side} {volume} {symbol} #{ticket}, P/L {profit} "
                           "{currency}?",
                     "en": "Close bot #{id} {name}'s position: {side} {volume} {symbol} #{ticket}, P/L {profit} "
                           "{currency}?"},
    "tg.ask.start": {"id": "Mulai bot #{id} {name} ({market} {timeframe})? Bot akan membuka posisi sendiri.",
                     "en": "Start bot #{id} {name} ({market} {timeframe})? It will open positions by itself."},
    "tg.ask.start_all": {"id": "Mulai {n} bot ({bots})? Bot akan membuka posisi sendiri.",
                         "en": "Start {n} bots ({bots})? They will open positions by themselves."},
    "tg.ask.stop_all": {"id": "Hentikan {n} bot ({bots})? Posisi terbukanya tetap berjalan dengan SL/TP-nya.",
                        "en": "Stop {n} bots ({bots})? Their open positions stay, with their SL/TP."},
    "tg.ask.rearm": {"id": "Aktifkan lagi setelah rem darurat ({why})? Bot boleh membuka posisi lagi.",
                     "en": "Re-arm after the emergency brake ({why})? Bots may open positions again."},
    "tg.confirm.how": {"id": "Tekan Ya, atau kirim {yes} {code}, dalam {seconds} detik.",
                       "en": "Press Yes, or send {yes} {code}, within {seconds} s."},
    "tg.button.yes": {"id": "✅ Ya", "en": "✅ Yes"},
    "tg.button.no": {"id": "✖ Batal", "en": "✖ Cancel"},
    "tg.confirm.expired": {"id": "Konfirmasi untuk {command} sudah kedaluwarsa; tidak ada yang dijalankan. Kirim "
                                 "perintahnya lagi.",
                           "en": "The confirmation for {command} has expired; nothing was done. Send the command "
                                 "again."},
    "tg.confirm.wrong": {"id": "Kode itu salah untuk {command}; tidak ada yang dijalankan.",
                         "en": "That code is wrong for {command}; nothing was done."},
    "tg.confirm.none": {"id": "Tidak ada yang menunggu konfirmasi; tidak ada yang dijalankan.",
                        "en": "Nothing is waiting for a confirmation; nothing was done."},
    "tg.confirm.cancelled": {"id": "Dibatalkan: {command}.", "en": "Cancelled: {command}."},
    "tg.confirmed_command": {"id": "{command} (dikonfirmasi)", "en": "{command} (confirmed)"},
    # what changed
    "tg.done.pause": {"id": "Bot #{id} {name} dijeda.", "en": "Bot #{id} {name} is paused."},
    "tg.done.resume": {"id": "Bot #{id} {name} berjalan lagi.", "en": "Bot #{id} {name} runs again."},
    "tg.done.stop": {"id": "Bot #{id} {name} dihentikan.", "en": "Bot #{id} {name} is stopped."},
    "tg.done.start": {"id": "Bot #{id} {name} dimulai.", "en": "Bot #{id} {name} is started."},
    "tg.done.unchanged": {"id": "Bot #{id} {name} sudah {status}; tidak ada yang berubah.",
                          "en": "Bot #{id} {name} is already {status}; nothing changed."},
    "tg.done.already_active": {"id": "Bot #{id} {name} sudah aktif; tidak ada yang berubah.",
                               "en": "Bot #{id} {name} is already active; nothing changed."},
    "tg.done.pause_all": {"id": "{n} bot dijeda: {bots}.", "en": "{n} bots paused: {bots}."},
    "tg.done.resume_all": {"id": "{n} bot berjalan lagi: {bots}.", "en": "{n} bots run again: {bots}."},
    "tg.done.stop_all": {"id": "{n} bot dihentikan: {bots}.", "en": "{n} bots stopped: {bots}."},
    "tg.done.start_all": {"id": "{n} bot dimulai: {bots}.", "en": "{n} bots started: {bots}."},
    "tg.done.nothing": {"id": "Tidak ada bot yang perlu diubah.", "en": "No bot needed a change."},
    "tg.done.all_partly": {"id": "Sebagian berhasil ({done}); gagal: {problems}",
                           "en": "Partly done ({done}); failed: {problems}"},
    "tg.done.no_position": {"id": "Bot #{id} {name} tidak punya posisi terbuka.",
                            "en": "Bot #{id} {name} has no open position."},
    "tg.done.position_gone": {"id": "Posisi #{ticket} bot #{id} {name} sudah tidak terbuka; tidak ada yang ditutup.",
                              "en": "Position #{ticket} of bot #{id} {name} is no longer open; nothing was closed."},
    "tg.done.close": {"id": "Posisi {side} #{ticket} {symbol} bot #{id} {name} ditutup di {price}, hasil "
                            "{profit:+,.2f} {currency}.",
                      "en": "Bot #{id} {name}'s {side} #{ticket} {symbol} closed at {price}, result "
                            "{profit:+,.2f} {currency}."},
    "tg.done.entries_off": {"id": "Entri baru bot #{id} {name} dimatikan; posisinya tetap dikelola.",
                            "en": "Bot #{id} {name}'s new entries are off; its position is still managed."},
    "tg.done.entries_on": {"id": "Entri baru bot #{id} {name} dinyalakan.", "en": "Bot #{id} {name}'s new entries "
                                                                                 "are on."},
    "tg.done.entries_all_off": {"id": "Entri baru {n} bot dimatikan; posisi tetap dikelola.",
                                "en": "New entries of {n} bots are off; positions are still managed."},
    "tg.done.entries_all_on": {"id": "Entri baru {n} bot dinyalakan.", "en": "New entries of {n} bots are on."},
    "tg.done.rearm": {"id": "Rem darurat dilepas; bot boleh membuka posisi lagi. Hitungan mulai dari ekuitas "
                            "sekarang.",
                      "en": "The emergency brake is re-armed; bots may open positions again. Counting starts from "
                            "the equity now."},
    "tg.done.language": {"id": "Chat ini sekarang berbahasa Indonesia.", "en": "This chat now speaks English."},
    "tg.note.paused_position": {"id": "Posisinya sekarang hanya dilindungi SL/TP di broker.",
                                "en": "Its position is now protected only by its SL/TP at the broker."},
    "tg.note.brake_on": {"id": "Rem darurat sedang AKTIF: bot tidak membuka posisi sampai diaktifkan lagi "
                               "(/lepasrem).",
                         "en": "The emergency brake is ON: no bot opens a position until it is re-armed (/rearm)."},
    # bad input
    "tg.err.unknown": {"id": "Perintah /{word} tidak dikenal. Kirim /bantuan untuk daftar perintah.",
                       "en": "/{word} is not a command here. Send /help for the list."},
    "tg.err.args": {"id": "/{word} perlu argumen yang tepat, mis. {example}.",
                    "en": "/{word} needs its arguments, e.g. {example}."},
    "tg.err.no_args": {"id": "/{word} tidak memakai argumen; kirim /{word} saja.",
                       "en": "/{word} takes no arguments; send just /{word}."},
    "tg.err.bot_number": {"id": "'{value}' bukan nomor bot. Tulis nomornya, mis. /{word} 3 (nomor ada di /status).",
                          "en": "'{value}' is not a bot number. Write its number, e.g. /{word} 3 (see /status)."},
    "tg.err.days": {"id": "'{value}' bukan jumlah hari: tulis angka bulat 1 sampai {most}, mis. /{word} 7.",
                    "en": "'{value}' is not a number of days: write a whole number from 1 to {most}, e.g. "
                          "/{word} 7."},
    "tg.err.switch": {"id": "'{value}' bukan hidup/mati. Tulis mis. /{word} 3 mati atau /{word} 3 hidup.",
                      "en": "'{value}' is not on/off. Write e.g. /{word} 3 off or /{word} 3 on."},
    "tg.err.code": {"id": "'{value}' bukan kode konfirmasi (6 angka dari pertanyaannya), mis. /{word} 123456.",
                    "en": "'{value}' is not a confirmation code (the 6 digits of the question), e.g. /{word} "
                          "123456."},
    "tg.err.language": {"id": "'{value}' bukan bahasa yang tersedia: /{word} id atau /{word} en.",
                        "en": "'{value}' is not a language here: /{word} id or /{word} en."},
    "tg.only_commands": {"id": "Saya hanya mengerti perintah. Kirim /bantuan untuk daftarnya.",
                         "en": "I only understand commands. Send /help for the list."},
    "tg.limited": {"id": "Terlalu banyak perintah; yang berikutnya diabaikan. Coba lagi dalam {seconds} detik.",
                   "en": "Too many commands; the next ones are ignored. Try again in {seconds} s."},
    "tg.interrupted": {"id": "Perintah {command} terputus oleh restart QuantumBotX sebelum selesai: mungkin sudah, "
                             "mungkin belum dijalankan, dan tidak dijalankan lagi. Periksa dengan /status.",
                       "en": "The command {command} was interrupted by a restart of QuantumBotX before it finished: "
                             "it may or may not have taken effect, and it is not run again. Check with /status."},
    "tg.resent": {"id": "(dikirim ulang setelah restart)", "en": "(sent again after a restart)"},
    # the activity log
    "tg.ev.command": {"id": "Telegram (chat {chat}): {command} → {result}",
                      "en": "Telegram (chat {chat}): {command} → {result}"},
    "tg.ev.stranger": {"id": "Telegram: {kind} dari chat {chat}, yang tidak ada di daftar izin, diabaikan tanpa "
                             "jawaban (isinya tidak dicatat).",
                       "en": "Telegram: a {kind} from chat {chat}, which is not on the allow-list, was ignored "
                             "without an answer (its content is not recorded)."},
    "tg.ev.limited": {"id": "Telegram (chat {chat}): terlalu banyak perintah; diabaikan.",
                      "en": "Telegram (chat {chat}): too many commands; ignored."},
    "tg.kind.message": {"id": "pesan", "en": "message"},
    "tg.kind.button": {"id": "tombol", "en": "button press"},
    "tg.res.shown": {"id": "dijawab", "en": "answered"},
    "tg.res.asked": {"id": "menunggu konfirmasi", "en": "waiting for confirmation"},
    "tg.res.interrupted": {"id": "terputus oleh restart; tidak dijalankan lagi",
                           "en": "interrupted by a restart; not run again"},
    # the reader's state
    "tg.st.conflict": {"id": "Program lain sedang membaca pesan bot ini (409 Conflict): hentikan instance lain atau "
                             "webhook-nya.",
                       "en": "Another program is reading this bot's messages (409 Conflict): stop the other "
                             "instance or its webhook."},
    "tg.st.bad_token": {"id": "Telegram menolak token bot (401); periksa tokennya.",
                        "en": "Telegram refused the bot token (401); check the token."},
    "tg.st.unexpected": {"id": "kesalahan tak terduga ({kind})", "en": "an unexpected error ({kind})"},
    "tg.cfg.bad_chats": {"id": "'allowed_chats' harus berisi 1 sampai {most} chat id berupa angka (grup diawali "
                               "tanda minus).",
                         "en": "'allowed_chats' must hold 1 to {most} numeric chat ids (negative for a group)."},
    # the Settings page
    "tg.ui.title": {"id": "Perintah dari Telegram", "en": "Commands from Telegram"},
    "tg.ui.intro": {"id": "Chat yang diizinkan bisa melihat status, saldo dan hasil, serta menjeda, melanjutkan, "
                          "menghentikan atau memulai bot dan menutup posisi dari ponsel. Perubahan yang menyangkut "
                          "uang minta konfirmasi dulu.",
                    "en": "Allowed chats can see status, balance and results, and pause, resume, stop or start bots "
                          "and close positions from the phone. Changes that touch money ask first."},
    "tg.ui.not_set": {"id": "Belum diatur. Tambahkan allowed_chats = [chat id Anda] ke tabel [telegram] di "
                            ".streamlit/secrets.toml (atau `QBX_TELEGRAM_ALLOWED_CHATS`), lalu mulai ulang dashboard.",
                      "en": "Not set up. Add allowed_chats = [your chat id] to the [telegram] table of "
                            ".streamlit/secrets.toml (or `QBX_TELEGRAM_ALLOWED_CHATS`), then restart the dashboard."},
    "tg.ui.not_running": {"id": "Pembaca perintah tidak berjalan.", "en": "The command reader is not running."},
    "tg.ui.polling": {"id": "Membaca perintah sebagai @{username}", "en": "Reading commands as @{username}"},
    "tg.ui.starting": {"id": "Menghubungi Telegram…", "en": "Connecting to Telegram…"},
    "tg.ui.problem": {"id": "Bermasalah sejak {time}: {problem}", "en": "In trouble since {time}: {problem}"},
    "tg.ui.allowed": {"id": "Chat yang diizinkan: {chats} · token {token}", "en": "Allowed chats: {chats} · token "
                                                                                 "{token}"},
    "tg.ui.last": {"id": "Perintah terakhir ({time}, chat {chat}): {command} → {result}",
                   "en": "Last command ({time}, chat {chat}): {command} → {result}"},
    "tg.ui.no_command": {"id": "Belum ada perintah.", "en": "No command yet."},
    "tg.ui.counts": {"id": "Perintah {commands} · dari chat tak dikenal {strangers} · terlalu cepat {limited} · "
                           "terputus restart {interrupted}",
                     "en": "Commands {commands} · from unknown chats {strangers} · too fast {limited} · "
                           "interrupted by a restart {interrupted}"},
}
