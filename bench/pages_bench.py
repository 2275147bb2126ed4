"""Page benchmark: server-side render time of every dashboard page under AppTest.

A data folder with 100 bots and 100,000 events (plus real trades) is built once;
each page is then rendered `--repeat` times in one AppTest session (the first,
cold render is reported apart). Goal: every page under 500 ms.

Usage: python bench/pages_bench.py [--bots 100] [--events 100000] [--repeat 10]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, percentile, report  # noqa: E402

GOAL_MS = 150.0
PAGES = ("overview", "bots", "bot_detail", "mentor", "history", "backtest", "optimise", "logs", "settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bots", type=int, default=100)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.busy_store import populate
    from tests.ui.harness import run_app_py_every_time

    run_app_py_every_time()
    folder = Path(tempfile.mkdtemp(prefix="qbx-pages-bench-"))
    started = time.perf_counter()
    figures = populate(folder, bots=args.bots, events=args.events)
    print(f"data folder built in {time.perf_counter() - started:.1f} s: {figures}")
    os.environ["QBX_DATA_DIR"] = str(folder)
    rows = []
    try:
        for page in PAGES:
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            at.run()
            at.switch_page(f"pages/{page}.py")
            start = time.perf_counter()
            at.run()
            cold = (time.perf_counter() - start) * 1000
            assert not at.exception, [e.value for e in at.exception]
            warm = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                at.run()
                warm.append((time.perf_counter() - start) * 1000)
            rows.append({"page": page, "cold_ms": round(cold, 1), "p50_ms": round(percentile(warm, 50), 1),
                         "max_ms": round(max(warm), 1),
                         "p50_under_150ms": "yes" if percentile(warm, 50) < GOAL_MS else "NO"})
    finally:
        st.cache_resource.clear()
        shutil.rmtree(folder, ignore_errors=True)
    report("pages", f"Page render time under AppTest ({args.bots} bots, {args.events:,} events, "
           f"{args.repeat} renders each)", ["page", "cold_ms", "p50_ms", "max_ms", "p50_under_150ms"], rows,
           notes="cold = first render of the page in the session (includes opening caches); "
                 "p50/max over the warm renders. Goal: every page under 150 ms warm (p50).")


if __name__ == "__main__":
    main()
