"""HTTP API and TradingView alert benchmark: what a call and an alert cost, over real uvicorn on loopback.

Usage: python bench/api_bench.py [--bots 10,100] [--repeat 200] [--flood 400] [--clients 8]
The servers run as the dashboard runs them (each on its own thread and port), with the rate limits off so the
figures are the servers' own cost. Reads go through the engine's queries; a change (pause + resume) writes its
lifecycle and API lines; accepting an alert writes it to the alert queue and its ALERT line (two durable
writes). The tick rows are one alert bot's ``run_tick`` with an alert waiting (take it, plan and open) and with
nothing waiting (the cheap path every tick of a quiet alert bot takes).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402

from bench.common import report, summary  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bots", default="10,100")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--flood", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    rows = []
    for bots in (int(b) for b in args.bots.split(",")):
        rows += run(bots, args.repeat, args.flood, args.clients)
    report("api", "HTTP API and TradingView alerts over loopback (rate limits off)",
           ["what", "bots", "p50_ms", "p99_ms", "mean_ms", "max_ms", "per_s"], rows,
           notes="Latency per request from a client on the same machine, keep-alive; the flood opens one "
                 "connection per alert. Every accepted alert is on disk before its 202.")


if __name__ == "__main__":
    main()
