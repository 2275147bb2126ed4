"""What the tick tables of bench/api_bench.py and bench/notify_bench.py share: a 1 s bot reversing at every tick on
the real scheduler (a new bar, a close and an open, the notifications they raise), and its figures over a window of
real time. It is the bot of tests/ticks_unheld.py, which proves without a clock that requests and senders never hold
a tick up; these figures say how much they slow one on this machine."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from qbx_engine import Engine
from qbx_engine.core.clock import ManualClock
from qbx_engine.strategies import STRATEGIES
from tests.fakes import Scripted
from tests.ticks_unheld import reversing_bot

WEDNESDAY_10H = 1795600800.0  # the paper market is open
COLUMNS = ["what", "ticks", "lateness_p50_ms", "lateness_p99_ms", "overruns", "missed"]


@contextmanager
def reversing(folder: Path) -> Iterator[tuple[Engine, int]]:
    """The engine and its 1 s reversing bot, once the bot has ticked (closed on leaving)."""
    STRATEGIES[Scripted.name] = Scripted
    with reversing_bot(folder, ManualClock(WEDNESDAY_10H)) as (engine, bot_id, _witness):
        yield engine, bot_id


def figures(engine: Engine, bot_id: int, seconds: float) -> dict:
    """The bot's ticks over the next ``seconds`` and the scheduler's own lateness (tick start vs its grid), with
    the ticks it had to skip (overruns: a tick still running; missed: started over a second late)."""
    first = engine.health()["bots"][bot_id]["ticks"]
    time.sleep(seconds)
    health = engine.health()["bots"][bot_id]
    return {"ticks": health["ticks"] - first, "lateness_p50_ms": health["lateness_p50_ms"],
            "lateness_p99_ms": health["lateness_p99_ms"], "overruns": health["overruns"], "missed": health["missed"]}
