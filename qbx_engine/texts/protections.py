"""Protections: entry gates, the emergency brake, the no-trade calendar, break-even and trailing stops."""

TEXTS: dict[str, dict[str, str]] = {
    # why an entry is barred (the bot's note, its page, the PROTECTION event)
    "ev.gated": {"id": "Sinyal {signal} tidak membuka posisi: {reason}",
                 "en": "The {signal} signal opened no position: {reason}"},
    "gate.entries_off": {"id": "mode tanpa entry baru aktif — bot hanya mengelola posisi yang ada (sinyal keluar, "
                               "SL/TP, trailing).",
                         "en": "entries are off — the bot only manages its position (exit signals, SL/TP, trailing)."},
    "gate.cooldown": {"id": "masa tenang {minutes} menit setelah trade rugi ({loss:+,.2f} {currency}); boleh masuk "
                            "lagi mulai {until}.",
                      "en": "a {minutes}-minute cooldown after a losing trade ({loss:+,.2f} {currency}); entries "
                            "resume at {until}."},
    "gate.sl_guard": {"id": "{count} kali kena stop loss dalam {window} menit; entry dijeda {pause} menit, sampai "
                            "{until}.",
                      "en": "{count} stop-outs within {window} minutes; entries are paused for {pause} minutes, "
                            "until {until}."},
    "gate.max_trades": {"id": "batas {max} trade per hari sudah tercapai ({count} hari ini); boleh lagi mulai {until}.",
                        "en": "the limit of {max} trades a day is reached ({count} today); entries resume at "
                              "{until}."},
    "gate.calendar": {"id": "dijeda oleh kalender sampai {until}: {why}",
                      "en": "paused by the calendar until {until}: {why}"},
    "gate.brake": {"id": "rem darurat sedang aktif: {why}", "en": "the emergency brake is on: {why}"},
    "note.careful_day": {"id": "Hari yang ditandai hati-hati: risiko entry diturunkan ke {risk}% saldo.",
                         "en": "A day marked careful: the entry's risk was lowered to {risk}% of the balance."},
    # the calendar's reasons
    "cal.why.date": {"id": "tanggal {day} ada di daftar hari tanpa trading Anda.",
                     "en": "{day} is on your list of no-trade days."},
    "cal.why.window": {"id": "jam {window} setiap hari tanpa entry (waktu Anda).",
                       "en": "{window} every day is a no-entry window (your time)."},
    "cal.why.idx": {"id": "hari libur Bursa Efek Indonesia ({day}).",
                    "en": "an Indonesia Stock Exchange holiday ({day})."},
    "cal.why.nyse": {"id": "hari libur bursa New York (NYSE, {day}).",
                     "en": "a New York Stock Exchange holiday ({day})."},
    "cal.why.ramadan": {"id": "jeda sekitar sahur/berbuka Ramadan ({window} WIB, perkiraan).",
                        "en": "the Ramadan break around sahur/iftar ({window} Jakarta time, approximate)."},
    "cal.err.dates": {"id": "Daftar tanggal tidak sah (paling banyak 1000 tanggal).",
                      "en": "The list of dates is not valid (at most 1000 dates)."},
    "cal.err.date": {"id": "Tanggal '{value}' tidak sah; tulis TTTT-BB-HH, mis. 2026-12-24 (satu per baris).",
                     "en": "'{value}' is not a valid date; write YYYY-MM-DD, e.g. 2026-12-24 (one per line)."},
    "cal.err.windows": {"id": "Daftar jam tidak sah (paling banyak 48).",
                        "en": "The list of windows is not valid (at most 48)."},
    "cal.err.window": {"id": "Rentang jam '{value}' tidak sah; tulis JJ:MM-JJ:MM, mis. 21:00-23:30 (boleh melewati "
                             "tengah malam, mis. 23:30-00:30).",
                       "en": "'{value}' is not a valid window; write HH:MM-HH:MM, e.g. 21:00-23:30 (it may run past "
                             "midnight, e.g. 23:30-00:30)."},
    "cal.err.presets": {"id": "Preset '{value}' tidak dikenal (pilihan: {allowed}).",
                        "en": "Unknown presets '{value}' (choose from: {allowed})."},
    # settings rules
    "settings.bad_choice": {"id": "Pilihan '{value}' tidak dikenal (pilihan: {allowed}).",
                            "en": "Unknown choice '{value}' (choose from: {allowed})."},
    "settings.bad_flag": {"id": "Nilai harus ya atau tidak (diberi {value}).",
                          "en": "Must be yes or no (got {value})."},
    "settings.bad_loss_limit": {"id": "Batas rugi harian harus angka 0 sampai {max:,.0f}; 0 berarti mati (diberi "
                                      "{value}).",
                                "en": "The daily loss limit must be a number from 0 to {max:,.0f}; 0 means off (got "
                                      "{value})."},
    "settings.bad_loss_pct": {"id": "Dalam persen, batas rugi harian paling besar 100% (diberi {value}).",
                              "en": "In percent, the daily loss limit is at most 100% (got {value})."},
    "settings.bad_drawdown": {"id": "Drawdown maksimum harus 0 sampai {max}% dari puncak ekuitas; 0 berarti mati "
                                    "(diberi {value}).",
                              "en": "The maximum drawdown must be 0 to {max}% of the equity peak; 0 means off (got "
                                    "{value})."},
    "settings.bad_careful_risk": {"id": "Risiko di hari hati-hati harus 0 sampai {max}%; 0 berarti mati (diberi "
                                        "{value}).",
                                  "en": "The risk on careful days must be 0 to {max}%; 0 means off (got {value})."},
    # a bot's protection fields
    "bot.cooldown_minutes_type": {"id": "Masa tenang harus bilangan bulat menit (diberi {value}).",
                                  "en": "The cooldown must be a whole number of minutes (got {value})."},
    "bot.cooldown_minutes_range": {"id": "Masa tenang harus antara {min} dan {max} menit; 0 berarti mati (diberi "
                                         "{value}).",
                                   "en": "The cooldown must be {min} to {max} minutes; 0 means off (got {value})."},
    "bot.sl_guard_count_type": {"id": "Jumlah stop loss harus bilangan bulat (diberi {value}).",
                                "en": "The number of stop-outs must be a whole number (got {value})."},
    "bot.sl_guard_count_range": {"id": "Jumlah stop loss harus antara {min} dan {max}; 0 berarti mati (diberi "
                                       "{value}).",
                                 "en": "The number of stop-outs must be {min} to {max}; 0 means off (got {value})."},
    "bot.sl_guard_window_type": {"id": "Rentang waktu harus bilangan bulat menit (diberi {value}).",
                                 "en": "The window must be a whole number of minutes (got {value})."},
    "bot.sl_guard_window_range": {"id": "Rentang waktu harus antara {min} dan {max} menit (diberi {value}).",
                                  "en": "The window must be {min} to {max} minutes (got {value})."},
    "bot.sl_guard_pause_type": {"id": "Lama jeda harus bilangan bulat menit (diberi {value}).",
                                "en": "The pause must be a whole number of minutes (got {value})."},
    "bot.sl_guard_pause_range": {"id": "Lama jeda harus antara {min} dan {max} menit (diberi {value}).",
                                 "en": "The pause must be {min} to {max} minutes (got {value})."},
    "bot.max_trades_per_day_type": {"id": "Batas trade per hari harus bilangan bulat (diberi {value}).",
                                    "en": "Trades per day must be a whole number (got {value})."},
    "bot.max_trades_per_day_range": {"id": "Batas trade per hari harus antara {min} dan {max}; 0 berarti tanpa batas "
                                           "(diberi {value}).",
                                     "en": "Trades per day must be {min} to {max}; 0 means no limit (got {value})."},
    "bot.breakeven_at_type": {"id": "Titik break-even harus angka (diberi {value}).",
                              "en": "The break-even level must be a number (got {value})."},
    "bot.breakeven_at_range": {"id": "Titik break-even harus antara {min} dan {max}; 0 berarti mati (diberi "
                                     "{value}).",
                               "en": "The break-even level must be {min} to {max}; 0 means off (got {value})."},
    "bot.trail_distance_type": {"id": "Jarak trailing harus angka (diberi {value}).",
                                "en": "The trailing distance must be a number (got {value})."},
    "bot.trail_distance_range": {"id": "Jarak trailing harus antara {min} dan {max}; 0 berarti mati (diberi {value}).",
                                 "en": "The trailing distance must be {min} to {max}; 0 means off (got {value})."},
    "bot.entries_off_type": {"id": "Mode tanpa entry harus ya atau tidak (diberi {value}).",
                             "en": "Entries off must be yes or no (got {value})."},
    # break-even and trailing
    "ev.sl_moved": {"id": "SL {side} #{ticket} {symbol} dipindah {how}: {old} → {new} (harga tutup bar {close}).",
                    "en": "SL of {side} #{ticket} {symbol} moved {how}: {old} → {new} (bar close {close})."},
    "ev.sl_not_moved": {"id": "SL posisi #{ticket} tidak bisa dipindah ke {sl}: {problem}",
                        "en": "The SL of position #{ticket} could not be moved to {sl}: {problem}"},
    "trail.breakeven": {"id": "ke titik impas (break-even)", "en": "to break-even"},
    "trail.trail": {"id": "mengikuti harga (trailing)", "en": "behind the price (trailing)"},
    # the emergency brake
    "brake.why.daily_loss": {"id": "rugi hari ini {loss:,.2f} {currency} ({pct:.2f}% dari saldo awal hari "
                                   "{start:,.2f}) mencapai batas {limit}.",
                             "en": "today's loss of {loss:,.2f} {currency} ({pct:.2f}% of the day's starting "
                                   "balance {start:,.2f}) reached the limit of {limit}."},
    "brake.limit_money": {"id": "{value:,.2f} {currency}", "en": "{value:,.2f} {currency}"},
    "brake.limit_pct": {"id": "{value}%", "en": "{value}%"},
    "brake.why.drawdown": {"id": "drawdown {drawdown:,.2f} {currency} ({pct:.2f}% dari puncak ekuitas {peak:,.2f}; "
                                 "ekuitas sekarang {equity:,.2f}) mencapai batas {limit}%.",
                           "en": "a drawdown of {drawdown:,.2f} {currency} ({pct:.2f}% of the equity peak "
                                 "{peak:,.2f}; equity now {equity:,.2f}) reached the limit of {limit}%."},
    "brake.on": {"id": "REM DARURAT AKTIF: {why} Semua bot berhenti membuka posisi {until}. {positions}",
                 "en": "EMERGENCY BRAKE ON: {why} No bot opens a position {until}. {positions}"},
    "brake.until_day": {"id": "sampai hari trading berikutnya ({when}) atau sampai Anda mengaktifkannya lagi",
                        "en": "until the next trading day ({when}) or until you re-arm it"},
    "brake.until_rearm": {"id": "sampai Anda mengaktifkannya lagi di halaman Pengaturan",
                          "en": "until you re-arm it on the Settings page"},
    "brake.closing_all": {"id": "Posisi terbuka milik bot ditutup.", "en": "The bots' open positions are closed."},
    "brake.keeping": {"id": "Posisi terbuka tetap berjalan dengan SL/TP-nya.",
                      "en": "Open positions stay, with their SL/TP."},
    "brake.off": {"id": "Rem darurat dilepas ({how}); bot boleh membuka posisi lagi. Hitungan mulai dari ekuitas "
                        "{equity:,.2f} {currency}.",
                  "en": "The emergency brake is off ({how}); bots may open positions again. Counting starts from "
                        "the equity of {equity:,.2f} {currency}."},
    "brake.lifted_day": {"id": "hari trading baru", "en": "a new trading day"},
    "brake.rearmed": {"id": "diaktifkan lagi oleh trader", "en": "re-armed by the trader"},
    "ev.close_brake": {"id": "{side} #{ticket} {volume} lot {symbol} ditutup oleh rem darurat di {price}: "
                             "{profit:+,.2f} {currency}.",
                       "en": "{side} #{ticket} {volume} lot {symbol} closed by the emergency brake at {price}: "
                             "{profit:+,.2f} {currency}."},
    "ev.brake_close_failed": {"id": "Rem darurat tidak bisa menutup posisi #{ticket}: {problem}",
                              "en": "The emergency brake could not close position #{ticket}: {problem}"},
    "reason.brake": {"id": "rem darurat", "en": "emergency brake"},
    "notify.act.brake": {"id": "Rem darurat", "en": "Emergency brake"},
    "notify.act.protection": {"id": "Entry ditahan proteksi", "en": "Entry held back by a protection"},
    # the bot's form and page
    "prot.ui.section": {"id": "Proteksi dan trailing", "en": "Protections and trailing"},
    "prot.ui.section_help": {"id": "Semua opsional (0 = mati). Proteksi hanya menahan entry baru; posisi yang ada "
                                   "tetap ditutup oleh sinyal keluar, SL/TP, trailing, atau oleh Anda.",
                             "en": "All optional (0 = off). Protections only hold back new entries; an open position "
                                   "is still closed by exit signals, SL/TP, trailing, or by you."},
    "prot.ui.cooldown": {"id": "Masa tenang setelah rugi (menit)", "en": "Cooldown after a loss (minutes)"},
    "prot.ui.cooldown_help": {"id": "Setelah trade rugi, bot menunggu sekian menit sebelum entry lagi — aturan "
                                    "anti balas dendam.",
                              "en": "After a losing trade the bot waits this many minutes before its next entry — "
                                    "the anti-revenge rule."},
    "prot.ui.max_trades": {"id": "Maks. trade per hari", "en": "Max trades a day"},
    "prot.ui.max_trades_help": {"id": "Entry yang dibuka bot sejak tengah malam (zona waktu Anda).",
                                "en": "Entries the bot opened since midnight (your time zone)."},
    "prot.ui.guard_count": {"id": "Penjaga SL: jumlah kena SL", "en": "SL guard: stop-outs"},
    "prot.ui.guard_count_help": {"id": "Sekian kali kena stop loss (dengan rugi) dalam rentang waktu di sebelahnya "
                                       "membuat bot berhenti entry sementara.",
                                 "en": "This many losing stop-outs within the window next to it pause the bot's "
                                       "entries."},
    "prot.ui.guard_window": {"id": "…dalam (menit)", "en": "…within (minutes)"},
    "prot.ui.guard_window_help": {"id": "Rentang waktu untuk menghitung stop loss.",
                                  "en": "The window the stop-outs are counted in."},
    "prot.ui.guard_pause": {"id": "…jeda entry (menit)", "en": "…pause entries (minutes)"},
    "prot.ui.guard_pause_help": {"id": "Lama bot tidak membuka posisi setelah penjaga SL terpicu.",
                                 "en": "How long the bot opens nothing once the SL guard trips."},
    "prot.ui.unit_pips": {"id": "pip", "en": "pips"},
    "prot.ui.unit_atr": {"id": "× ATR", "en": "× ATR"},
    "prot.ui.breakeven": {"id": "SL ke break-even setelah profit ({unit})", "en": "SL to break-even after ({unit})"},
    "prot.ui.breakeven_help": {"id": "Saat profit posisi (di harga penutupan bar) mencapai jarak ini, SL dipindah ke "
                                     "harga entry. Satuannya sama dengan SL bot: pip, atau kelipatan ATR.",
                               "en": "When the position's profit (at a bar's close) reaches this distance, the SL "
                                     "moves to the entry price. Same unit as the bot's SL: pips, or ATR multiples."},
    "prot.ui.trail": {"id": "Jarak trailing stop ({unit})", "en": "Trailing distance ({unit})"},
    "prot.ui.trail_help": {"id": "SL mengikuti harga sejauh ini di setiap bar yang tutup, hanya maju, tidak pernah "
                                 "mundur. Dengan break-even aktif, trailing mulai setelah break-even tercapai.",
                           "en": "The SL follows the price this far behind at each closed bar, only forward, never "
                                 "back. With break-even set, trailing starts once break-even is reached."},
    "prot.ui.entries_off": {"id": "Tanpa entry baru (hanya kelola posisi)", "en": "Entries off (manage only)"},
    "prot.ui.entries_off_help": {"id": "Bot tetap berjalan dan mengelola posisinya (sinyal keluar, SL/TP, trailing) "
                                       "tetapi tidak membuka posisi baru. Berbeda dengan Jeda, yang menghentikan bot "
                                       "sama sekali.",
                                 "en": "The bot keeps running and managing its position (exit signals, SL/TP, "
                                       "trailing) but opens nothing new. Unlike Pause, which stops the bot entirely."},
    "prot.ui.entries_off_button": {"id": "Stop entry baru", "en": "Stop new entries"},
    "prot.ui.entries_on_button": {"id": "Izinkan entry lagi", "en": "Allow entries again"},
    "prot.ui.entries_off_done": {"id": "Bot tidak akan membuka posisi baru; posisinya tetap dikelola.",
                                 "en": "The bot will open no new position; its position is still managed."},
    "prot.ui.entries_on_done": {"id": "Bot boleh membuka posisi lagi.", "en": "The bot may open positions again."},
    "prot.ui.gates": {"id": "Proteksi entry", "en": "Entry protections"},
    "prot.ui.open_allowed": {"id": "Tidak ada yang menahan entry saat ini.", "en": "Nothing holds back entries now."},
    "prot.ui.none_set": {"id": "Belum ada proteksi per bot.", "en": "No per-bot protections set."},
    "prot.ui.sum_cooldown": {"id": "masa tenang {n} mnt", "en": "cooldown {n} min"},
    "prot.ui.sum_guard": {"id": "penjaga SL {k}× dalam {t} mnt → jeda {p} mnt",
                          "en": "SL guard {k}× in {t} min → pause {p} min"},
    "prot.ui.sum_max": {"id": "maks. {n} trade/hari", "en": "max {n} trades/day"},
    "prot.ui.sum_breakeven": {"id": "break-even di {x} {unit}", "en": "break-even at {x} {unit}"},
    "prot.ui.sum_trail": {"id": "trailing {x} {unit}", "en": "trailing {x} {unit}"},
    # the banner and the Settings page
    "prot.ui.banner": {"id": "**Rem darurat aktif** sejak {since}: {why} Tidak ada bot yang membuka posisi {until}.",
                       "en": "**Emergency brake on** since {since}: {why} No bot opens a position {until}."},
    "prot.ui.sidebar_brake": {"id": "Rem darurat aktif: bot tidak membuka posisi baru.",
                              "en": "Emergency brake on: bots open no new positions."},
    "prot.ui.until_day": {"id": "sampai {when} (hari trading berikutnya) atau sampai diaktifkan lagi di Pengaturan",
                          "en": "until {when} (the next trading day) or until re-armed in Settings"},
    "prot.ui.until_rearm": {"id": "sampai diaktifkan lagi di halaman Pengaturan",
                            "en": "until it is re-armed on the Settings page"},
    "prot.ui.brake": {"id": "Rem darurat", "en": "Emergency brake"},
    "prot.ui.brake_intro": {"id": "Menghentikan semua entry baru saat rugi hari ini atau drawdown dari puncak ekuitas "
                                  "mencapai batas. Rugi hari ini = saldo awal hari (pukul 00:00 waktu Anda) dikurangi "
                                  "ekuitas sekarang, termasuk posisi terbuka. 0 berarti mati.",
                            "en": "Stops every new entry when today's loss or the drawdown from the equity peak "
                                  "reaches a limit. Today's loss = the day's starting balance (at 00:00 your time) "
                                  "minus the equity now, open positions included. 0 means off."},
    "prot.ui.brake_on": {"id": "**Rem darurat aktif** sejak {since}: {why}",
                         "en": "**Emergency brake on** since {since}: {why}"},
    "prot.ui.brake_armed": {"id": "Rem siap. Saldo awal hari {start} {currency}; rugi hari ini {loss} ({loss_pct}%); "
                                  "puncak ekuitas {peak}, drawdown {dd_pct}%.",
                            "en": "Brake armed. Day's starting balance {start} {currency}; today's loss {loss} "
                                  "({loss_pct}%); equity peak {peak}, drawdown {dd_pct}%."},
    "prot.ui.rearm": {"id": "Aktifkan lagi (bot boleh entry)", "en": "Re-arm (bots may enter)"},
    "prot.ui.rearmed": {"id": "Rem darurat dilepas; hitungan mulai lagi dari ekuitas sekarang.",
                        "en": "Brake released; counting starts again from the equity now."},
    "prot.ui.daily_loss": {"id": "Batas rugi harian", "en": "Daily loss limit"},
    "prot.ui.daily_loss_help": {"id": "Dalam mata uang akun, atau persen dari saldo awal hari.",
                                "en": "In the account currency, or as a percent of the day's starting balance."},
    "prot.ui.loss_unit": {"id": "Satuan batas rugi", "en": "Loss limit in"},
    "prot.ui.unit_money": {"id": "uang (mata uang akun)", "en": "money (account currency)"},
    "prot.ui.unit_percent": {"id": "% saldo awal hari", "en": "% of the day's starting balance"},
    "prot.ui.max_drawdown": {"id": "Drawdown maksimum dari puncak (%)", "en": "Maximum drawdown from the peak (%)"},
    "prot.ui.max_drawdown_help": {"id": "Puncak ekuitas dicatat beberapa detik sekali dan di setiap posisi tutup.",
                                  "en": "The equity peak is tracked every few seconds and at each close."},
    "prot.ui.rearm_mode": {"id": "Setelah aktif, rem dilepas…", "en": "Once on, the brake lifts…"},
    "prot.ui.rearm_manual": {"id": "hanya oleh saya (tombol di atas)", "en": "only by me (the button above)"},
    "prot.ui.rearm_next_day": {"id": "di awal hari trading berikutnya, atau oleh saya",
                               "en": "when the next trading day begins, or by me"},
    "prot.ui.close_all": {"id": "Saat rem aktif, tutup juga posisi terbuka milik bot",
                          "en": "When the brake goes on, also close the bots' open positions"},
    "prot.ui.close_all_help": {"id": "Jika mati, posisi tetap berjalan dengan SL/TP-nya. Posisi manual Anda tidak "
                                     "pernah disentuh.",
                               "en": "If off, positions stay with their SL/TP. Your own manual positions are never "
                                     "touched."},
    "prot.ui.save_brake": {"id": "Simpan rem darurat", "en": "Save the emergency brake"},
    "prot.ui.calendar": {"id": "Kalender tanpa trading", "en": "No-trade calendar"},
    "prot.ui.calendar_intro": {"id": "Hari dan jam ketika bot tidak membuka posisi (zona waktu {tz}). Posisi yang ada "
                                     "tetap dikelola. Mati sampai Anda menyalakannya.",
                               "en": "Days and hours when bots open nothing (time zone {tz}). Open positions are "
                                     "still managed. Off until you switch it on."},
    "prot.ui.calendar_on": {"id": "Nyalakan kalender", "en": "Use the calendar"},
    "prot.ui.dates": {"id": "Tanggal tanpa trading", "en": "No-trade dates"},
    "prot.ui.dates_help": {"id": "Satu tanggal per baris, TTTT-BB-HH (sehari penuh, waktu Anda).",
                           "en": "One date per line, YYYY-MM-DD (the whole day, your time)."},
    "prot.ui.windows": {"id": "Jam tanpa entry setiap hari", "en": "Daily no-entry windows"},
    "prot.ui.windows_help": {"id": "Satu rentang per baris, JJ:MM-JJ:MM, mis. 21:25-21:45 sebelum rilis berita.",
                             "en": "One window per line, HH:MM-HH:MM, e.g. 21:25-21:45 around a news release."},
    "prot.ui.presets": {"id": "Preset tanpa trading", "en": "No-trade presets"},
    "prot.ui.preset_idx": {"id": "Libur Bursa Efek Indonesia 2026–2027", "en": "Indonesia Stock Exchange holidays "
                                                                               "2026–2027"},
    "prot.ui.preset_nyse": {"id": "Libur bursa New York (NYSE) 2026–2027", "en": "New York Stock Exchange holidays "
                                                                                "2026–2027"},
    "prot.ui.preset_ramadan": {"id": "Ramadan: sekitar sahur dan berbuka (WIB, perkiraan)",
                               "en": "Ramadan: around sahur and iftar (Jakarta time, approximate)"},
    "prot.ui.choose": {"id": "Pilih…", "en": "Choose…"},
    "prot.ui.careful": {"id": "Hari hati-hati", "en": "Careful days"},
    "prot.ui.careful_help": {"id": "Di hari-hari ini bot tetap boleh entry, tetapi dengan risiko paling besar "
                                   "persen di bawah ini.",
                             "en": "On these days bots may still enter, but risking at most the percent below."},
    "prot.ui.careful_dates": {"id": "Tanggal hati-hati", "en": "Careful dates"},
    "prot.ui.careful_presets": {"id": "Preset hati-hati", "en": "Careful presets"},
    "prot.ui.careful_risk": {"id": "Risiko maks. di hari hati-hati (%)", "en": "Max risk on careful days (%)"},
    "prot.ui.careful_risk_help": {"id": "0 berarti hari hati-hati tidak dipakai.", "en": "0 means careful days are "
                                                                                          "not used."},
    "prot.ui.save_calendar": {"id": "Simpan kalender", "en": "Save the calendar"},
    "prot.ui.preset_days": {"id": "Isi preset", "en": "What the presets hold"},
    "prot.ui.preset_windows": {"id": "Jam: {windows}, pada hari-hari berikut:",
                               "en": "Windows: {windows}, on these days:"},
    "prot.ui.estimated_note": {"id": "* perkiraan: tanggal 2027 untuk hari raya keagamaan dan Ramadan 2027 dihitung "
                                     "dari kalender bulan; cuti bersama 2027 belum termasuk. Periksa pengumuman resmi "
                                     "dan tambahkan tanggal Anda sendiri bila perlu.",
                               "en": "* estimated: the 2027 dates of religious holidays and Ramadan 2027 are computed "
                                     "from the lunar calendar; 2027 collective leave days are not included. Check the "
                                     "official announcements and add your own dates where needed."},
}
