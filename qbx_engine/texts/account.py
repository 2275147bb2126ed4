"""The account backtest: several bots on one balance, with their gates, the brake and the calendar."""

TEXTS: dict[str, dict[str, str]] = {
    "acct.tab": {"id": "Akun", "en": "Account"},
    "bt.gates": {"id": "Proteksi entri bot", "en": "The bot's entry protections"},
    "bt.gates_help": {"id": "Seperti di bot (0 = mati): backtest menolak entri yang bot tolak, dengan kode yang sama.",
                      "en": "As a bot has them (0 = off): the backtest refuses the entries the bot would, through the "
                            "same code."},
    "acct.intro": {"id": "Uji bot-bot Anda bersama di satu saldo, persis seperti tersimpan: proteksi tiap bot, rem "
                         "darurat, kalender tanpa-trading dan jam pasar ikut berlaku, dengan kode yang sama seperti "
                         "saat live.",
                   "en": "Test your bots together on one balance, exactly as saved: each bot's protections, the "
                         "emergency brake, the no-trade calendar and market hours apply, through the same code as "
                         "live trading."},
    "acct.bots": {"id": "Bot", "en": "Bots"},
    "acct.bots_help": {"id": "Semua bot secara bawaan.", "en": "Every bot by default."},
    "acct.span": {"id": "Periode", "en": "Period"},
    "acct.balance": {"id": "Saldo awal", "en": "Starting balance"},
    "acct.balance_help": {"id": "Saldo akun saat ini secara bawaan.", "en": "The account's balance now, by default."},
    "acct.run": {"id": "Jalankan backtest akun", "en": "Run the account backtest"},
    "acct.running": {"id": "Memutar ulang bot-bot di akun…", "en": "Replaying the bots on the account…"},
    "acct.no_bots_yet": {"id": "Belum ada bot. Buat bot dulu di halaman Bot.",
                         "en": "There are no bots yet. Create one on the Bots page first."},
    "acct.results": {"id": "Akun: {n} bot, {start} sampai {end}", "en": "Account: {n} bots, {start} to {end}"},
    "acct.net": {"id": "Hasil bersih", "en": "Net result"},
    "acct.max_dd": {"id": "Drawdown maks.", "en": "Max drawdown"},
    "acct.trades": {"id": "Trade", "en": "Trades"},
    "acct.pf": {"id": "Profit factor", "en": "Profit factor"},
    "acct.expectancy_r": {"id": "Ekspektansi", "en": "Expectancy"},
    "acct.margin_peak": {"id": "Margin puncak", "en": "Margin peak"},
    "acct.refused": {"id": "Entri ditolak", "en": "Entries refused"},
    "acct.trips": {"id": "Rem darurat aktif {n}×", "en": "Emergency brake on {n}×"},
    "acct.exact": {"id": "SL/TP dicari di jalur harga pasar paper, seperti broker paper live menemukannya.",
                   "en": "SL/TP are found on the paper market's price path, where the live paper broker finds them."},
    "acct.bars_only": {"id": "Histori broker hanya berisi bar: SL/TP dicek dalam rentang tiap bar (bar yang menyentuh "
                              "keduanya dihitung SL), dan berlaku di penutupan bar.",
                       "en": "Broker history has bars only: SL/TP are checked within each bar's range (a bar that "
                             "touches both counts as the SL) and take effect at the bar's close."},
    "acct.looks": {"id": "Rem darurat melihat akun di tiap penutupan bar, setelah tiap posisi tutup dan sebelum tiap "
                          "entri (live juga setiap 5 detik). Rem yang dipasang ulang manual tetap aktif sampai akhir "
                          "periode.",
                   "en": "The emergency brake looks at the account at each bar close, after each close and before "
                         "each entry (live also every 5 seconds). A brake set to re-arm by hand stays on to the end "
                         "of the period."},
    "acct.per_bot": {"id": "Kontribusi tiap bot", "en": "Each bot's contribution"},
    "acct.refusals": {"id": "Entri yang ditolak, per sebab", "en": "Refused entries, by cause"},
    "acct.brake_log": {"id": "Rem darurat", "en": "Emergency brake"},
    "acct.trades_list": {"id": "Trade", "en": "Trades"},
    "acct.not_saved": {"id": "Backtest akun ini tidak tersimpan (disk penuh?).",
                       "en": "This account backtest was not saved (disk full?)."},
    "acct.label": {"id": "Akun · {symbols}", "en": "Account · {symbols}"},
    "acct.cause.entries_off": {"id": "Entri dimatikan", "en": "Entries off"},
    "acct.cause.cooldown": {"id": "Jeda setelah rugi", "en": "Cooldown after a loss"},
    "acct.cause.sl_guard": {"id": "Penjaga SL", "en": "Stop-loss guard"},
    "acct.cause.max_trades": {"id": "Batas trade per hari", "en": "Trades-per-day cap"},
    "acct.cause.calendar": {"id": "Kalender tanpa-trading", "en": "No-trade calendar"},
    "acct.cause.brake": {"id": "Rem darurat", "en": "Emergency brake"},
    "acct.cause.margin": {"id": "Margin tidak cukup", "en": "Not enough margin"},
    "acct.cause.plan": {"id": "Rencana trade ditolak (lot/SL)", "en": "Trade plan refused (lot/stops)"},
    "acct.brake_on": {"id": "Rem aktif", "en": "Brake on"},
    "acct.brake_off": {"id": "Rem lepas", "en": "Brake off"},
    "chart.drawdown": {"id": "Drawdown", "en": "Drawdown"},
    "reason.end": {"id": "akhir periode", "en": "end of the period"},
    "col.cause": {"id": "Sebab", "en": "Cause"},
    "col.count": {"id": "Jumlah", "en": "Count"},
    "col.refused": {"id": "Ditolak", "en": "Refused"},
    "col.when": {"id": "Waktu", "en": "When"},
    "col.what": {"id": "Apa", "en": "What"},
    "col.live_trades": {"id": "Trade live", "en": "Live trades"},
    "col.test_trades": {"id": "Trade backtest", "en": "Backtest trades"},
    "col.live_open": {"id": "Terbuka (live)", "en": "Open (live)"},
    "col.test_open": {"id": "Terbuka (backtest)", "en": "Open (backtest)"},
    # errors
    "acct.no_bots": {"id": "Pilih minimal satu bot.", "en": "Choose at least one bot."},
    "acct.bad_bots": {"id": "Daftar bot tidak valid: {value}.", "en": "Not a list of bots: {value}."},
    "acct.unknown_bots": {"id": "Bot {ids} tidak ada (mungkin sudah dihapus).",
                          "en": "Bots {ids} do not exist (they may have been deleted)."},
    "acct.bad_span": {"id": "Periode tidak valid: awal harus sebelum akhir, paling panjang {days} hari.",
                      "en": "Invalid period: the start must be before the end, {days} days at most."},
    "acct.unknown_market": {"id": "Pasar {market} dari bot '{name}' tidak dikenal broker ini.",
                            "en": "The market {market} of bot '{name}' is unknown to this broker."},
    "acct.too_many_bars": {"id": "Periode ini terlalu panjang untuk bot '{name}' di {timeframe} (lebih dari {most} "
                                 "bar). Pilih periode lebih pendek.",
                           "en": "This period is too long for bot '{name}' on {timeframe} (more than {most} bars). "
                                 "Choose a shorter one."},
    "acct.never_ran": {"id": "Belum ada bot yang pernah berjalan: belum ada akun untuk dibandingkan.",
                       "en": "No bot has run yet: there is no account to compare."},
    # live vs backtest, the account
    "acct.live_title": {"id": "Akun: live vs backtest", "en": "The account: live vs backtest"},
    "acct.live_intro": {"id": "Backtest akun dari bot-bot yang pernah berjalan, sejak start pertama sampai sekarang, "
                              "dibandingkan dengan yang benar-benar terjadi.",
                        "en": "The account backtest of the bots that ran, from the first start to now, against what "
                              "really happened."},
    "acct.live_run": {"id": "Bandingkan akun", "en": "Compare the account"},
    "acct.live_curves": {"id": "Live", "en": "Live"},
    "acct.test_curve": {"id": "Backtest", "en": "Backtest"},
    "acct.live_summary": {"id": "Live {live} vs backtest {test} ({trades_live} vs {trades_test} trade).",
                          "en": "Live {live} vs backtest {test} ({trades_live} vs {trades_test} trades)."},
    "bt.no_conversion": {"id": "Tidak ada kurs untuk mengubah {currency} ke mata uang akun ({account}): broker tidak "
                               "mencantumkan {pairs}. Uang hasil backtest tidak akan ditebak.",
                         "en": "No rate to turn {currency} into the account's currency ({account}): the broker lists "
                               "neither of {pairs}. The backtest does not guess money."},
    "acct.currency": {"id": "Semua angka uang dalam {currency}, mata uang akun.",
                      "en": "Every money figure is in {currency}, the account's currency."},
}
