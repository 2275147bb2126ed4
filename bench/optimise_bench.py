"""Optimisation benchmark: 1,000 combinations on 50,000 bars, end to end, with worker processes.

The grid: MA crossover fast 5-50 (step 5) x slow 60-305 (step 5) x SMA/EMA = 1,000 combinations, on
50,000 paper-market EURUSD H1 bars (about 5.7 years), sized by risk (1%) with a 30-pip stop and a
60-pip target and the symbol's spread: what a bot would trade. 70% of the bars choose (in sample),
30% check (out of sample): every combination is replayed over both.

Reported: wall time of the whole grid (worker start included), combinations and trades per second,
and the same grid in one process (no workers) for comparison; plus how many indicator arrays the
shared results saved. Goal: the whole grid under 10 s on this 2-core machine.

Usage: python bench/optimise_bench.py [--bars 50000] [--workers 2] [--single]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import report  # noqa: E402


def grid(optimise, config_class):
    config = config_class("ma_crossover", {}, risk_percent=1.0, sl_pips=30, tp_pips=60)
    axes = (optimise.axis("ma_crossover", "fast_period", 5, 50, 5),
            optimise.axis("ma_crossover", "slow_period", 60, 305, 5),
            optimise.axis("ma_crossover", "ma_type"))
    return optimise.Spec(config, axes, metric="net_profit", in_sample=0.7)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bars", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--single", action="store_true", help="also time the grid in one process")
    args = parser.parse_args()

    from qbx_engine.backtest import BacktestConfig, optimise, paper_history
    from qbx_engine.backtest.runner import Contract

    bars = paper_history("EURUSD", "H1", args.bars, 1_795_600_000.0)
    spec = grid(optimise, BacktestConfig)
    rows = []
    plans = [("processes", args.workers)] + ([("one process", 1)] if args.single else [])
    for label, workers in plans:
        wall, cpu = time.perf_counter(), time.process_time()
        result = optimise.run(spec, bars, Contract.paper("EURUSD"), workers=workers)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        trades = sum(r["in"]["trades"] + r["out"]["trades"] for r in result["rows"])
        rows.append({"run": label, "workers": result["workers"], "bars": len(bars),
                     "combinations": result["combinations"], "seconds": round(wall, 2),
                     "combos_per_s": round(result["combinations"] / wall, 1),
                     "trades": trades, "trades_per_s": round(trades / wall),
                     "ms_per_combo_per_core": round(wall * result["workers"] / result["combinations"] * 1000, 1),
                     "parent_cpu_s": round(cpu, 2), "under_10s": "yes" if wall < 10 else "no"})
    best = result["rows"][0]
    report("optimise", f"Optimisation: {rows[0]['combinations']:,} combinations on {len(bars):,} bars "
           "(MA crossover, risk-sized, 70/30 split)",
           ["run", "workers", "bars", "combinations", "seconds", "combos_per_s", "trades", "trades_per_s",
            "ms_per_combo_per_core", "parent_cpu_s", "under_10s"], rows,
           notes=f"Every combination is replayed twice (in and out of sample) with the bots' own trade plan per "
                 f"entry. Best in sample: {best['params']} net {best['in']['net_profit']:,.2f}, out of sample "
                 f"{best['out']['net_profit']:,.2f}. Goal: under 10 s for the grid on this 2-core machine "
                 "(worker start included).")


if __name__ == "__main__":
    main()
