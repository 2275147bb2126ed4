"""Store benchmark: one event write and "the last 200 events" with 0, 100,000 and 1,000,000 stored.

``bot200`` is one bot's newest 200 events (100 bots share the log, so each chunk holds ~5 of them): the
per-bot tail answers it. ``bot200_cold_ms`` is the first such query after opening the store (the tail read
from its file and checked against the chunk summaries); ``bot200_p50_ms`` the repeated query.

Usage: python bench/store_bench.py [--sizes 0,100000,1000000]
The history is imported in bulk (a year of events, as a busy trader would have),
then single writes are timed exactly as the engine makes them (durable, fsync'd).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import report, rss_mb, summary, timed  # noqa: E402
from qbx_engine.core.clock import SystemClock  # noqa: E402
from qbx_engine.core.i18n import Msg  # noqa: E402
from qbx_engine.store import Store  # noqa: E402
from qbx_engine.trading.events import ACTIONS, NOTIFY, EventLog  # noqa: E402

YEAR = 365 * 86400.0


def history(count: int, end: float):
    rng = random.Random(1)
    start = end - YEAR
    for n in range(count):
        action = rng.choice(ACTIONS)
        yield {"ts": start + YEAR * n / max(count, 1), "bot_id": rng.randint(1, 100), "bot_name": "bench",
               "action": action, "msg": Msg("ev.open", {"side": "BUY", "volume": 0.1, "symbol": "EURUSD",
                                                        "price": 1.08, "sl": 1.07, "tp": 1.1, "risk": 10.0,
                                                        "ticket": n, "reason": Msg("why.no_bars")}).to_json(),
               "notification": action in NOTIFY, "repeat": 1, "last_ts": 0.0}


def measure(size: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="qbx-store-bench-"))
    try:
        store = Store(folder)
        now = time.time()
        started = time.perf_counter()
        rows = history(size, now)
        while batch := list(islice(rows, 100_000)):
            store.events.append_many(batch)
        fill_s = time.perf_counter() - started
        store.close()
        started = time.perf_counter()
        store = Store(folder)
        open_ms = (time.perf_counter() - started) * 1000.0
        log = EventLog(store.events, SystemClock())
        counter = iter(range(10**9))
        writes = timed(lambda: log.add(7, "OPEN BUY", Msg("ev.resume", {"n": next(counter)})), 300)
        cold = timed(lambda: log.query(bot_id=42, limit=200), 1)
        newest = timed(lambda: log.query(limit=200), 50)
        one_bot = timed(lambda: log.query(bot_id=42, limit=200), 20)
        scan = timed(lambda: store.events.query(match={"bot_id": 43}, where=lambda r: True, limit=200), 3)
        notes = timed(lambda: log.query(notifications_only=True, limit=200), 20)
        page = timed(lambda: log.query(limit=50, offset=5_000), 10)
        disk = sum(p.stat().st_size for p in (folder / "events").iterdir()) / 1e6
        assert len(log.query(limit=200)) == 200 or size < 200
        store.close()
        return {"events": f"{size:,}", "write_p50_ms": summary(writes)["p50_ms"],
                "write_p99_ms": summary(writes)["p99_ms"], "read200_p50_ms": summary(newest)["p50_ms"],
                "read200_p99_ms": summary(newest)["p99_ms"], "bot200_cold_ms": round(cold[0], 3),
                "bot200_p50_ms": summary(one_bot)["p50_ms"], "bot200_scan_ms": summary(scan)["p50_ms"],
                "notif200_p50_ms": summary(notes)["p50_ms"], "page_5000_ms": summary(page)["p50_ms"],
                "open_ms": round(open_ms, 1), "disk_mb": round(disk, 1), "import_s": round(fill_s, 1),
                "rss_mb": round(rss_mb(), 1), "load1": round(os.getloadavg()[0], 1)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="0,100000,1000000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    rows = [measure(size) for size in sizes]
    report("store", "Store: one durable event write and the newest 200 events, by history size",
           ["events", "write_p50_ms", "write_p99_ms", "read200_p50_ms", "read200_p99_ms", "bot200_cold_ms",
            "bot200_p50_ms", "bot200_scan_ms", "notif200_p50_ms", "page_5000_ms", "open_ms", "disk_mb", "import_s",
            "rss_mb", "load1"], rows,
           "Goals: write < 5 ms and newest-200 read < 50 ms at 1,000,000 events; one bot's newest 200 < 20 ms "
           "(bot200: from its tail; bot200_scan: the same query over the chunks, as before the per-bot tails). "
           "load1: the machine's 1-minute load average when the row was measured (2 cores, shared). A write re-encodes "
           "the day's newest chunk (up to 500 events) and fsyncs it: its cost grows with how full that chunk is, not "
           "with the history's size; the 0 row writes into a new chunk, the others into the imported day's last one.")


if __name__ == "__main__":
    main()
