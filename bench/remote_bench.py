"""Telegram command reader benchmark: a command's round trip, what keeping its place costs, ticks while Telegram hangs.

Usage: python bench/remote_bench.py [--bots 0,20,100] [--repeat 30] [--seconds 10]
Round trip: from the update's arrival at a local fake Bot API (tests/remote/fake_telegram.py, 127.0.0.1) to
the reply's arrival there, through long polling, the durable offset write, the engine call, the activity-log
line and the reply; the paper broker. The state rows time the three durable writes of one command (offset and
command taken; result and reply kept; done). The tick rows run one 1 s bot on the real scheduler for
``--seconds``, without the reader and with it working through commands whose every reply hangs until its
request times out; lateness is the scheduler's own (tick start vs its grid).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import report, summary  # noqa: E402
from qbx_engine import Engine  # noqa: E402
from qbx_engine.remote.telegram import RemoteConfig, TelegramRemote  # noqa: E402
from qbx_engine.remote.telegram.state import FILE, RemoteState  # noqa: E402
from tests.remote.fake_telegram import FakeTelegram  # noqa: E402

TOKEN = "123456789:AAbenchmarkTokenValue_0123"
CHAT = 987654321


def _bot(engine: Engine, n: int, **extra) -> int:
    return engine.create_bot({"name": f"Bench {n}", "market": "EURUSD", "timeframe": "M1",
                              "strategy_name": "ma_crossover", "risk_percent": 1.0, "sl_pips": 20, "tp_pips": 40,
                              "check_interval": 3600, **extra})["id"]


def _round_trips(server: FakeTelegram, texts: list[str], repeat: int) -> list[float]:
    times = []
    for n in range(repeat):
        text = texts[n % len(texts)]
        before = len(server.replies(CHAT))
        start = time.perf_counter()
        server.message(CHAT, text)
        server.wait_replies(CHAT, before + 1, within=60)
        times.append((time.perf_counter() - start) * 1000.0)
    return times


def commands(folder: Path, bots: list[int], repeat: int) -> list[dict]:
    rows = []
    for count in bots:
        server = FakeTelegram(TOKEN)
        shutil.rmtree(folder, ignore_errors=True)
        engine = Engine.open(folder)
        remote = None
        try:
            ids = [_bot(engine, n, status="active" if n % 2 else "stopped") for n in range(count)]
            remote = TelegramRemote(engine, RemoteConfig(TOKEN, frozenset({CHAT}), server.base,
                                                         "http://localhost:8501"), rate=(10**6, 60.0)).start()
            _round_trips(server, ["/status"], 2)  # connect and warm up
            plan = [("/status", ["/status"]), ("/saldo", ["/saldo"]), ("/posisi", ["/posisi"]),
                    ("/laporan", ["/laporan"])]
            if ids:
                plan += [(f"/bot {ids[-1]}", [f"/bot {ids[-1]}"]),
                         ("/jeda + /lanjut", [f"/jeda {ids[-1]}", f"/lanjut {ids[-1]}"])]
            for name, texts in plan:
                stats = summary(_round_trips(server, texts, repeat))
                rows.append({"what": name, "bots": count, "p50_ms": stats["p50_ms"], "p99_ms": stats["p99_ms"]})
        finally:
            if remote is not None:
                remote.stop()
            engine.close()
            server.close()
    return rows


def state_writes(folder: Path, repeat: int) -> list[dict]:
    shutil.rmtree(folder, ignore_errors=True)
    engine = Engine.open(folder, start_scheduler=False)
    try:
        state = RemoteState(engine.store.db(FILE))
        times: dict[str, list[float]] = {"begin": [], "replying": [], "done": []}
        inflight = {"chat_id": CHAT, "phase": "acting", "command": "/status", "lang": "id", "at": 0.0}
        last = {"at": 0.0, "chat": "98…21", "command": "/status", "result": {"key": "tg.res.shown", "params": {}}}
        reply = {"chat_id": CHAT, "text": "x" * 2000}
        for n in range(repeat):
            steps = (("begin", state.begin, (n, {**inflight, "update_id": n})),
                     ("replying", state.replying, (reply, last)), ("done", state.done, ()))
            for name, call, arguments in steps:
                start = time.perf_counter()
                call(*arguments)
                times[name].append((time.perf_counter() - start) * 1000.0)
    finally:
        engine.close()
    return [{"what": f"state: {name}", "p50_ms": summary(ms)["p50_ms"], "p99_ms": summary(ms)["p99_ms"]}
            for name, ms in times.items()]


def ticks(folder: Path, seconds: float, hanging: bool) -> dict:
    shutil.rmtree(folder, ignore_errors=True)
    server = FakeTelegram(TOKEN)
    engine = Engine.open(folder)
    remote = None
    try:
        for n in range(20):
            _bot(engine, n, status="active")  # what the commands read
        bot_id = _bot(engine, 99, status="active", check_interval=1)
        if hanging:
            server.then("sendMessage", *["hang"] * 100_000)
            for _ in range(300):
                for text in ("/status", "/saldo", "/posisi"):
                    server.message(CHAT, text)
            remote = TelegramRemote(engine, RemoteConfig(TOKEN, frozenset({CHAT}), server.base,
                                                         "http://localhost:8501"), request_timeout=0.2,
                                    rate=(10**6, 60.0)).start()
        deadline = time.monotonic() + 30
        while engine.health()["bots"][bot_id]["ticks"] == 0 and time.monotonic() < deadline:
            time.sleep(0.005)
        first = engine.health()["bots"][bot_id]["ticks"]
        time.sleep(seconds)
        health = engine.health()["bots"][bot_id]
        commands_run = len([e for e in engine.events(limit=None) if e["action"] == "TELEGRAM"])
        return {"what": "ticks, replies hanging" if hanging else "ticks, no reader", "ticks": health["ticks"] - first,
                "lateness_p50_ms": health["lateness_p50_ms"], "lateness_p99_ms": health["lateness_p99_ms"],
                "overruns": health["overruns"], "missed": health["missed"], "commands": commands_run}
    finally:
        if remote is not None:
            remote.stop()
        engine.close()
        server.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bots", default="0,20,100")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="qbx-remote-bench-"))
    try:
        rows = commands(folder / "data", [int(b) for b in args.bots.split(",")], args.repeat)
        rows += state_writes(folder / "data", args.repeat)
        rows += [ticks(folder / "data", args.seconds, hanging=False), ticks(folder / "data", args.seconds, True)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report("remote", "Telegram commands: round trip through a local Bot API, state writes, ticks while Telegram hangs",
           ["what", "bots", "p50_ms", "p99_ms", "ticks", "lateness_p50_ms", "lateness_p99_ms", "overruns", "missed",
            "commands"], rows,
           "A round trip includes three durable writes of the reader's state file and one activity-log append (each "
           "an fsync), the engine call and two local HTTP requests; Telegram's own network time comes on top. The "
           "tick rows count one 1 s bot's ticks (and the scheduler's lateness) with 20 more bots for the commands to "
           "read; 'commands' is how many the reader ran while every reply hung for its 0.2 s timeout. p99 includes "
           "contention with the other load on this 2-core machine.")


if __name__ == "__main__":
    main()
