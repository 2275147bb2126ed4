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
}
