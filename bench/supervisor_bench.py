"""Supervisor benchmark: N paper bots (MA crossover, 1 s interval) on the real scheduler.

For N = 10, 100, 1000 (each in a fresh process) it runs the bots for 30 s and
prints ticks executed vs scheduled, tick lateness p50/p99, CPU %, RSS, and the
p99 latency of pause/resume/stop/start calls made while the bots run (the calls
go to a tenth of the bots; ticks and lateness are measured on the other nine tenths).

Usage: python bench/supervisor_bench.py [--bots 10,100,1000] [--seconds 30]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import percentile, report, rss_mb  # noqa: E402

WEDNESDAY_10H = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)
SYMBOLS = ("EURUSD", "GBPUSD", "AUDUSD", "USDJPY", "USDCHF", "EURJPY", "XAUUSD", "BTCUSD", "ETHUSD")


def one_run(count: int, seconds: float) -> dict:
    from qbx_engine import Engine
    from qbx_engine.clock import AcceleratedClock

    folder = Path(tempfile.mkdtemp(prefix="qbx-sup-bench-"))
    rng = random.Random(count)
    engine = Engine.open(folder, clock=AcceleratedClock(WEDNESDAY_10H, 1.0))
    try:
        created = time.perf_counter()
        for n in range(count):
            fast = rng.randint(5, 20)
            engine.create_bot({"name": f"bench {n}", "market": SYMBOLS[n % len(SYMBOLS)],
                               "timeframe": ("M1", "M5", "M15")[n % 3], "strategy_name": "ma_crossover",
                               "strategy_params": {"fast_period": fast, "slow_period": fast + rng.randint(10, 40)},
                               "risk_percent": 0.1, "sl_pips": 30, "tp_pips": 60, "check_interval": 1,
                               "status": "active"})
        setup_s = time.perf_counter() - created
        time.sleep(2.0)  # let every bot pass its staggered first tick
        ids = [b["id"] for b in engine.list_bots()]
        churned = ids[: max(1, count // 10)]  # lifecycle calls go to these; ticks are counted on the rest
        steady = [engine._runtimes[i] for i in ids if i not in churned]
        for runtime in engine._runtimes.values():
            runtime.lateness_ms.clear()
        ticks_before = sum(r.ticks for r in steady)
        usage_before = resource.getrusage(resource.RUSAGE_SELF)
        wall_before = time.perf_counter()
        calls: dict[str, list[float]] = {"pause": [], "resume": [], "stop": [], "start": []}
        stop_flag = threading.Event()

        def lifecycle_load():
            chooser = random.Random(7)
            while not stop_flag.is_set():
                bot_id = chooser.choice(churned)
                for name, call in (("pause", engine.pause_bot), ("resume", engine.resume_bot),
                                   ("stop", engine.stop_bot), ("start", engine.start_bot)):
                    started = time.perf_counter()
                    call(bot_id)
                    calls[name].append((time.perf_counter() - started) * 1000.0)
                stop_flag.wait(0.05)

        loader = threading.Thread(target=lifecycle_load)
        loader.start()
        time.sleep(seconds)
        stop_flag.set()
        loader.join()
        wall = time.perf_counter() - wall_before
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu = (usage.ru_utime - usage_before.ru_utime + usage.ru_stime - usage_before.ru_stime) / wall * 100.0
        executed = sum(r.ticks for r in steady) - ticks_before
        scheduled = len(steady) * wall  # one tick per bot per second
        lateness = [value for r in steady for value in r.lateness_ms]
        every_call = [v for values in calls.values() for v in values]
        health = engine.health()
        return {"bots": count, "ticks_executed": executed, "ticks_scheduled": int(scheduled),
                "executed_pct": round(100.0 * executed / scheduled, 2),
                "late_p50_ms": round(percentile(lateness, 50), 2), "late_p99_ms": round(percentile(lateness, 99), 2),
                "cpu_pct": round(cpu, 1), "rss_mb": round(rss_mb(), 1),
                "call_p50_ms": round(percentile(every_call, 50), 2),
                "call_p99_ms": round(percentile(every_call, 99), 2), "calls": len(every_call),
                "overruns": sum(h["overruns"] + h["missed"] for h in health["bots"].values()),
                "trades": len(engine.trades()), "setup_s": round(setup_s, 1)}
    finally:
        engine.close()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bots", default="10,100,1000")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one_run(args.one, args.seconds)))
        return
    rows = []
    for count in (int(n) for n in args.bots.split(",")):
        done = subprocess.run([sys.executable, __file__, "--one", str(count), "--seconds", str(args.seconds)],
                              capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"  {count} bots done", file=sys.stderr)
    report("supervisor", f"Supervisor: N paper bots, MA crossover, 1 s interval, {args.seconds:.0f} s on this machine",
           ["bots", "ticks_executed", "ticks_scheduled", "executed_pct", "late_p50_ms", "late_p99_ms", "cpu_pct",
            "rss_mb", "call_p50_ms", "call_p99_ms", "calls", "overruns", "trades", "setup_s"], rows,
           "Goals: 1,000 bots with >= 99% of ticks executed and p99 lateness < 250 ms; lifecycle calls p99 "
           "< 20 ms; RSS < 300 MB.")


if __name__ == "__main__":
    main()
