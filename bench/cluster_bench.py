"""The optimisation grid on a Dask LocalCluster of 2 and 4 workers, against one process and local worker processes.

The grid of bench/optimise_bench.py (1,000 MA-crossover combinations on 50,000 EURUSD H1 bars). Each cluster is
started here (worker processes with one thread each, no dashboard) and its start is timed apart from the runs.

Reported per row: wall time of the grid, its speed-up over one process; for the cluster also the time to
connect and install the bars on every worker (once per worker), and the overhead per task two ways:
* ``empty_task_ms``: 400 tasks that evaluate nothing, through the same executor (scheduling, transfer,
  result) - the fixed cost of one chunk;
* ``added_per_task_ms``: (wall x usable cores - one-process wall) / tasks - what the cluster added per
  chunk beyond the evaluation itself, on this machine, including each worker's own cold start (its indicators
  and the trade plan's quote levels are computed on every worker).
On this 2-core machine 4 workers share 2 cores: the speed-up is bounded by 2; on a real cluster each worker
brings its own core.

Usage: python bench/cluster_bench.py [--bars 50000] [--workers 2,4]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import report  # noqa: E402
from bench.optimise_bench import grid  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bars", type=int, default=50_000)
    parser.add_argument("--workers", type=lambda text: [int(n) for n in text.split(",")], default=[2, 4],
                        help="cluster sizes to try, e.g. 2,4")
    args = parser.parse_args()

    from distributed import LocalCluster

    from qbx_engine.backtest import BacktestConfig, optimise, paper_history
    from qbx_engine.backtest.cluster import DaskCluster
    from qbx_engine.backtest.runner import Contract

    bars = paper_history("EURUSD", "H1", args.bars, 1_795_600_000.0)
    contract = Contract.paper("EURUSD")
    spec = grid(optimise, BacktestConfig)
    cores = os.cpu_count() or 1

    def load() -> float | None:
        return round(os.getloadavg()[0], 1) if hasattr(os, "getloadavg") else None

    def timed(**where) -> tuple[dict, float]:
        started = time.perf_counter()
        result = optimise.run(spec, bars, contract, **where)
        return result, time.perf_counter() - started

    rows = [{"run": "one process", "workers": 1, "load": load()}]
    single, single_s = timed(workers=1)
    rows[0].update(seconds=round(single_s, 2), speed_up=1.0)
    rows.append({"run": "local processes", "load": load()})
    local, local_s = timed(workers=cores)
    rows[-1].update(workers=local["workers"], seconds=round(local_s, 2), speed_up=round(single_s / local_s, 2))
    same = True
    for count in args.workers:
        at = load()
        started = time.perf_counter()
        with LocalCluster(n_workers=count, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            cluster_start = time.perf_counter() - started
            address = cluster.scheduler_address
            result, cluster_s = timed(cluster=address)
            same &= [r["params"] for r in result["rows"]] == [r["params"] for r in single["rows"]]
            tasks = len(optimise._groups(optimise.grid(spec)[0], spec.axes, result["workers"]))
            installed = time.perf_counter()
            executor = DaskCluster(optimise.workload(spec, bars, contract), address)
            installed = time.perf_counter() - installed
            try:
                empty = time.perf_counter()
                executor.run([(k, []) for k in range(400)], lambda index, found: None, lambda: False)
                empty = (time.perf_counter() - empty) / 400
            finally:
                executor.close()
        usable = min(count, cores)
        rows.append({"run": f"LocalCluster, {count} workers", "workers": result["workers"], "load": at,
                     "seconds": round(cluster_s, 2), "speed_up": round(single_s / cluster_s, 2),
                     "cluster_start_s": round(cluster_start, 2), "bars_to_workers_s": round(installed, 3),
                     "tasks": tasks, "empty_task_ms": round(empty * 1000, 2),
                     "added_per_task_ms": round((cluster_s * usable - single_s) / tasks * 1000, 1)})
    report("optimise_cluster", f"Optimisation on a Dask LocalCluster: {single['combinations']:,} combinations on "
           f"{len(bars):,} bars", ["run", "workers", "seconds", "speed_up", "cluster_start_s", "bars_to_workers_s",
                                   "tasks", "empty_task_ms", "added_per_task_ms", "load"], rows,
           script="cluster",
           notes=f"Speed-up over one process on this {cores}-CPU machine (more workers than CPUs share them). The "
                 f"cluster's ranking is the same as one process's: {'yes' if same else 'NO'}. bars_to_workers_s: "
                 "connecting and installing the bars on every worker (a worker plugin, once per worker); "
                 "empty_task_ms: a task that evaluates nothing, end to end (Dask's own cost per chunk); "
                 "added_per_task_ms: (wall x usable CPUs - one-process wall) / tasks, which also counts what every "
                 "worker computes for itself before its caches are warm (indicators, the trade plan's quote levels).")


if __name__ == "__main__":
    main()
