"""Deal history, performance by period, live vs backtest, saved backtests and optimisation."""

TEXTS: dict[str, dict[str, str]] = {
    # navigation
    "nav.history": {"id": "Riwayat & performa", "en": "History & performance"},
    "nav.optimise": {"id": "Optimasi", "en": "Optimisation"},
    # errors
    "hist.bad_filter": {"id": "Filter '{value}' tidak dikenal.", "en": "Unknown filter '{value}'."},
    "hist.bad_days": {"id": "Periode harus 1 sampai 3660 hari (bukan {value}).",
                      "en": "The period must be 1 to 3660 days (not {value})."},
    "perf.bad_period": {"id": "Pengelompokan '{value}' tidak dikenal (harian, mingguan atau bulanan).",
                        "en": "Unknown grouping '{value}' (daily, weekly or monthly)."},
    # saved backtests
    "saved.unknown": {"id": "Backtest tersimpan '{run}' tidak ada (mungkin sudah dihapus).",
                      "en": "There is no saved backtest '{run}' (it may have been deleted)."},
    "saved.unreadable": {"id": "Data backtest {run} rusak dan tidak bisa dibuka.",
                         "en": "The data of this {run} backtest is damaged and cannot be opened."},
    # comparing runs
    "cmp.return_pct": {"id": "Return %", "en": "Return %"},
    "cmp.win_rate": {"id": "Win rate %", "en": "Win rate %"},
    "cmp.expectancy": {"id": "Ekspektansi per trade", "en": "Expectancy per trade"},
    "cmp.exposure": {"id": "Eksposur %", "en": "Exposure %"},
    "cmp.commission": {"id": "Komisi", "en": "Commission"},
    # deal history
    "hist.manual": {"id": "Manual", "en": "By hand"},
    "hist.ea": {"id": "EA lain (magic {magic})", "en": "Other EA (magic {magic})"},
    # live vs backtest
    "live.never_ran": {"id": "Bot '{name}' belum pernah berjalan: belum ada yang bisa dibandingkan.",
                       "en": "Bot '{name}' has never run: there is nothing to compare yet."},
    "live.no_bars": {"id": "Tidak ada data harga {market} untuk periode bot ini.",
                     "en": "There are no {market} prices for this bot's period."},
}
