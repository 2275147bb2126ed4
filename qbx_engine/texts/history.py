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
    # broker history for backtests
    "bt.bad_span": {"id": "Rentang tanggal tidak valid (awal harus sebelum akhir dan sebelum sekarang, paling banyak "
                          "{most} bar).",
                    "en": "Invalid date range (the start must be before the end and before now, at most {most} bars)."},
    "bt.no_history": {"id": "Broker tidak punya bar {symbol} {timeframe} untuk rentang ini.",
                      "en": "The broker has no {symbol} {timeframe} bars for this range."},
    # optimisation
    "opt.busy": {"id": "Optimasi lain masih berjalan; tunggu selesai atau batalkan dulu.",
                 "en": "Another optimisation is still running; wait for it or cancel it first."},
    "opt.failed": {"id": "Optimasi gagal: {problem}", "en": "The optimisation failed: {problem}"},
    "opt.unknown_param": {"id": "Parameter '{name}' tidak ada di strategi ini.",
                          "en": "This strategy has no parameter '{name}'."},
    "opt.bad_range": {"id": "Rentang {name} tidak valid (dari ≤ sampai, langkah lebih dari 0, di dalam batas parameter).",
                      "en": "Invalid range for {name} (from ≤ to, a step above 0, within the parameter's limits)."},
    "opt.too_many_values": {"id": "{name}: {count} nilai, paling banyak {most} per parameter.",
                            "en": "{name}: {count} values, at most {most} per parameter."},
    "opt.axes": {"id": "Pilih 1 sampai {most} parameter yang berbeda.", "en": "Choose 1 to {most} different parameters."},
    "opt.bad_metric": {"id": "Ukuran '{value}' tidak dikenal.", "en": "Unknown metric '{value}'."},
    "opt.bad_split": {"id": "Porsi in-sample harus 30% sampai 100% (bukan {value}).",
                      "en": "The in-sample share must be 30% to 100% (not {value})."},
    "opt.bad_folds": {"id": "Walk-forward: 0 sampai 10 segmen, dan butuh data out-of-sample (bukan {value}).",
                      "en": "Walk-forward: 0 to 10 segments, and it needs out-of-sample data (not {value})."},
    "opt.too_many": {"id": "{count} kombinasi, paling banyak {most}: persempit rentangnya.",
                     "en": "{count} combinations, at most {most}: narrow the ranges."},
}
