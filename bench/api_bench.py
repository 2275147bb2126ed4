"""HTTP API and TradingView alert benchmark: what a call and an alert cost, over real uvicorn on loopback.

Usage: python bench/api_bench.py [--bots 10,100] [--repeat 200] [--flood 400] [--clients 8] [--seconds 10]
The servers run as the dashboard runs them (each on its own thread and port), with the rate limits off so the
figures are the servers' own cost. Reads go through the engine's queries; a change (pause + resume) writes its
lifecycle and API lines; accepting an alert writes it to the alert queue and its ALERT line (two durable
writes). The tick rows are one alert bot's ``run_tick`` with an alert waiting (take it, plan and open) and with
nothing waiting (the cheap path every tick of a quiet alert bot takes). The tick table (``api_ticks``) counts a
1 s bot's ticks over ``--seconds`` on the real scheduler (bench/ticks.py), with the servers idle and with
``--clients`` clients calling the API and the receiver without pause.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402

from bench.common import report, summary  # noqa: E402
from bench.ticks import COLUMNS, figures, reversing  # noqa: E402
from qbx_engine import Engine  # noqa: E402
from qbx_engine.core.clock import ManualClock  # noqa: E402
from qbx_engine.remote.http import build_alerts, build_api  # noqa: E402
from qbx_engine.remote.http.common import RateLimiter  # noqa: E402
from qbx_engine.remote.http.server import Listener  # noqa: E402

TOKEN = "bench-token-0123456789abcdefghij"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
WEDNESDAY_10H = 1795600800.0  # markets open


def _unlimited() -> RateLimiter:
    return RateLimiter(1e9, 10**9)


def _timed(call, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000.0)
    return out


def run(bots: int, repeat: int, flood: int, clients: int) -> list[dict]:
    folder = Path(tempfile.mkdtemp(prefix="qbx-api-bench-"))
    clock = ManualClock(WEDNESDAY_10H)
    rows: list[dict] = []
    try:
        engine = Engine.open(folder, clock=clock, start_scheduler=False)
        api = Listener("API", build_api(engine, TOKEN, limiter=_unlimited(), auth_limiter=_unlimited()),
                       "127.0.0.1", 0, proxy_headers=False)
        alerts = Listener("alerts", build_alerts(engine, per_secret=_unlimited(), per_client=_unlimited()),
                          "127.0.0.1", 0, proxy_headers=True)
        api.start()
        alerts.start()
        try:
            for n in range(bots - 1):
                engine.create_bot({"name": f"Bot {n}", "market": "EURUSD", "timeframe": "H1"})
            made = engine.alerts.create_bot({"name": "TV", "market": "EURUSD", "timeframe": "M1", "status": "active",
                                             "sl_pips": 20, "tp_pips": 40})
            bot_id, secret = made["bot"]["id"], made["secret"]
            base, hook = f"http://127.0.0.1:{api.port}", f"http://127.0.0.1:{alerts.port}/alerts/{secret}"
            with httpx.Client(headers=AUTH, timeout=60) as client:
                ms = _timed(lambda: client.get(f"{base}/api/bots").raise_for_status(), repeat)
                rows.append({"what": "GET /api/bots", "bots": bots, **summary(ms)})
                ms = _timed(lambda: client.get(f"{base}/api/bots/{bot_id}").raise_for_status(), repeat)
                rows.append({"what": "GET /api/bots/{id}", "bots": bots, **summary(ms)})

                def change() -> None:
                    client.post(f"{base}/api/bots/{bot_id}/pause").raise_for_status()
                    client.post(f"{base}/api/bots/{bot_id}/resume").raise_for_status()
                ms = _timed(change, repeat // 2)
                rows.append({"what": "pause + resume (4 log lines)", "bots": bots, **summary(ms)})
            counter = iter(range(10**9))
            with httpx.Client(timeout=60) as client:
                ms = _timed(lambda: client.post(hook, content=json.dumps(
                    {"signal": "buy", "id": f"s{next(counter)}"})).raise_for_status(), repeat)
                rows.append({"what": "POST /alerts/{secret} (queued)", "bots": bots, **summary(ms)})
            clock.advance(1)
            ms = _timed(lambda: engine.run_tick(bot_id), 1)
            rows.append({"what": f"tick taking 1 of {repeat} waiting alerts + order", "bots": bots, **summary(ms)})
            ms = _timed(lambda: engine.run_tick(bot_id), repeat)
            rows.append({"what": "tick, no alert waiting", "bots": bots, **summary(ms)})

            def send(n: int) -> float:
                with httpx.Client(timeout=60) as client:
                    start = time.perf_counter()
                    client.post(hook, content=json.dumps({"signal": "sell", "id": f"f{n}"})).raise_for_status()
                    return (time.perf_counter() - start) * 1000.0

            started = time.perf_counter()
            with ThreadPoolExecutor(clients) as pool:
                ms = list(pool.map(send, range(flood)))
            elapsed = time.perf_counter() - started
            rows.append({"what": f"{flood} alerts from {clients} clients at once", "bots": bots, **summary(ms),
                         "per_s": round(flood / elapsed, 1)})
        finally:
            api.stop()
            alerts.stop()
            engine.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def ticks(seconds: float, clients: int) -> list[dict]:
    """The 1 s bot's figures with the API and the receiver idle, then with ``clients`` calling them all along."""
    rows = []
    for calling in (0, clients):
        folder = Path(tempfile.mkdtemp(prefix="qbx-api-ticks-"))
        try:
            rows.append({"what": f"1 s bot, {calling} clients calling" if calling else "1 s bot, servers idle",
                         **_ticks_while_called(folder / "data", seconds, calling)})
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return rows


def _ticks_while_called(folder: Path, seconds: float, calling: int) -> dict:
    """The bot's figures while ``calling`` clients ask for the bots, health and the log, and send alerts that are
    refused (their bot is stopped), without pause."""
    with reversing(folder) as (engine, bot_id):
        api = Listener("API", build_api(engine, TOKEN, limiter=_unlimited(), auth_limiter=_unlimited()),
                       "127.0.0.1", 0, proxy_headers=False)
        alerts = Listener("alerts", build_alerts(engine, per_secret=_unlimited(), per_client=_unlimited()),
                          "127.0.0.1", 0, proxy_headers=True)
        api.start()
        alerts.start()
        secret = engine.alerts.create_bot({"name": "TV", "market": "EURUSD", "timeframe": "M1"})["secret"]
        base, hook = f"http://127.0.0.1:{api.port}", f"http://127.0.0.1:{alerts.port}/alerts/{secret}"
        stop, served = threading.Event(), [0]

        def hammer(n: int) -> None:
            with httpx.Client(timeout=60) as client:
                while not stop.is_set():
                    client.get(f"{base}/api/bots", headers=AUTH)
                    client.get(f"{base}/api/health", headers=AUTH)
                    client.get(f"{base}/api/events", headers=AUTH)
                    client.post(hook, content=json.dumps({"signal": "buy", "id": f"h{n}-{served[0]}"}))
                    served[0] += 4

        workers = [threading.Thread(target=hammer, args=(n,), daemon=True) for n in range(calling)]
        for worker in workers:
            worker.start()
        try:
            before = served[0]
            row = figures(engine, bot_id, seconds)
            answered = served[0] - before
        finally:
            stop.set()
            for worker in workers:
                worker.join(60)
            api.stop()
            alerts.stop()
    return {**row, "requests_per_s": round(answered / seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bots", default="10,100")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--flood", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    rows = []
    for bots in (int(b) for b in args.bots.split(",")):
        rows += run(bots, args.repeat, args.flood, args.clients)
    report("api", "HTTP API and TradingView alerts over loopback (rate limits off)",
           ["what", "bots", "p50_ms", "p99_ms", "mean_ms", "max_ms", "per_s"], rows,
           notes="Latency per request from a client on the same machine, keep-alive; the flood opens one "
                 "connection per alert. Every accepted alert is on disk before its 202.")
    report("api_ticks", f"A 1 s bot's ticks over {args.seconds:.0f} s while the API and the receiver are busy",
           [*COLUMNS, "requests_per_s"], ticks(args.seconds, args.clients), script="api",
           notes="Each tick sees a new bar and reverses the position (close, open, journal, log lines). The clients "
                 "share the machine's cores with the ticks; p99 includes contention with the other load on it. "
                 "tests/http/test_servers.py proves without a clock that requests never hold a tick up.")


if __name__ == "__main__":
    main()
