"""Strategy cost: a live bot's analysis of its window on a new bar, and a backtest's signals over a long series.

For every registered strategy with its default parameters: the bars a bot reads
(its warm-up), the median time of ``analyze`` on that window of paper EURUSD H1
bars (US500 M15 for the index strategies), and the time of ``columns`` over a
long paper-market M5 series. Best-of and medians keep machine noise out.

Usage: python bench/strategies_bench.py [--long 50000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import percentile, report, timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--long", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from qbx_engine.market.paper_market import PaperMarket
    from qbx_engine.strategies import STRATEGIES, build

    now = time.time()
    market = PaperMarket()
    live = {"forex": market.bars("EURUSD", "H1", 3000, now), "index": market.bars("US500", "M15", 3000, now)}
    long = {"forex": market.bars("EURUSD", "M5", args.long, now), "index": market.bars("US500", "M5", args.long, now)}
    rows = []
    for name, cls in STRATEGIES.items():
        kind = "index" if cls.markets == ("index",) else "forex"
        strategy = build(name, None)
        window = live[kind].tail(strategy.bars_needed())
        analyse_ms = timed(lambda strategy=strategy, window=window: strategy.analyze(window), args.repeat)
        series_ms = min(timed(lambda strategy=strategy, series=long[kind]: strategy.columns(series), 3))
        rows.append({"strategy": name, "bars_read": strategy.bars_needed(),
                     "analyze_p50_ms": round(percentile(analyse_ms, 50), 3),
                     "series_ms": round(series_ms, 1), "bars": len(long[kind]),
                     "bars_per_s": round(len(long[kind]) / series_ms * 1000)})
    report("strategies", "Strategy cost: live analysis of one window, and signals over a long series",
           ["strategy", "bars_read", "analyze_p50_ms", "series_ms", "bars", "bars_per_s"], rows,
           "bars_read: the window a live bot fetches (warm-up + 2). series: columns() over paper M5 bars.")


if __name__ == "__main__":
    main()
