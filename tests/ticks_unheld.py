"""Proof, without a clock, that work on another thread (HTTP requests, the Telegram reader, notification senders)
never holds up a bot's ticks.

A 1 s bot on the real scheduler reverses its position at every tick: each tick sees a new closed bar (the broker
hook moves the test's clock a minute) and closes and opens a position, so it takes every lock a trading tick
takes (its tick and order gates, its record, the journal, the activity log, the outbox through the notifier's
listener) and needs a free worker of the scheduler. The test holds the other side blocked forever at the point
it names, waits for that side's own word that it is blocked there, then waits for :data:`TICKS` ticks to
complete — each told by the OPEN line it writes from its own thread — and checks the other side is still
blocked. Had that side kept anything a tick needs, no tick would complete and the wait fails; no figure of time
is asserted (:data:`NEVER` only turns a hang into a failure). How fast ticks run meanwhile is measured by
bench/api_bench.py, bench/remote_bench.py and bench/notify_bench.py.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from qbx_engine import Engine
from qbx_engine.brokers.paper import PaperBroker
from qbx_engine.trading import events as ev
from tests.engine.conftest import new_bot
from tests.fakes import HookedBroker, Scripted

TICKS = 3  # ticks that must complete while the other side is blocked
NEVER = 60.0  # seconds after which a wait that should have ended is reported as a failure (a hang guard)
SCHEDULER_THREAD = "ThreadPoolExecutor"  # the name APScheduler's worker threads carry (a tick runs on one)


class Witness:
    """Counts the bot's completed ticks by the OPEN line each writes (told on the tick's own thread)."""

    def __init__(self, engine: Engine, bot_id: int):
        self.engine, self.bot_id = engine, bot_id
        self.opened = 0
        self._changed = threading.Condition()
        engine.event_log.listeners.append(self._on_event)

    def _on_event(self, event: dict) -> None:
        if event.get("bot_id") == self.bot_id and event.get("action") in (ev.OPEN_BUY, ev.OPEN_SELL):
            with self._changed:
                self.opened += 1
                self._changed.notify_all()

    def wait(self, more: int, what: str) -> None:
        """Until ``more`` ticks beyond the ones seen so far have completed."""
        with self._changed:
            target = self.opened + more
            if not self._changed.wait_for(lambda: self.opened >= target, NEVER):
                done = more - (target - self.opened)
                health = self.engine.health()["bots"].get(self.bot_id)
                raise AssertionError(f"{done} of {more} ticks completed {what}; the bot's health: {health}")


@contextmanager
def reversing_bot(data_dir, clock, release: Callable[[], None] = lambda: None,
                  **open_options) -> Iterator[tuple[Engine, int, Witness]]:
    """The engine (real scheduler, paper broker) with a 1 s bot reversing at every tick, once it has ticked.
    ``release`` lets the held side go before the engine closes (a failed proof must not hang the close)."""
    def new_bar_and_reverse(*_args):
        if threading.current_thread().name.startswith(SCHEDULER_THREAD):  # a tick, not a page or a command
            clock.advance(60)
            Scripted.signal = "SELL" if Scripted.signal == "BUY" else "BUY"

    def factory(store, clk):
        broker = HookedBroker(PaperBroker(store, clk))
        broker.hooks["is_market_open"] = new_bar_and_reverse
        return broker

    Scripted.signal = "BUY"
    engine = Engine.open(data_dir, broker=factory, clock=clock, **open_options)
    try:
        bot_id = new_bot(engine, status="active", check_interval=1)["id"]
        witness = Witness(engine, bot_id)
        witness.wait(1, "before anything was blocked")
        yield engine, bot_id, witness
    finally:
        release()
        engine.close()


def ticks_while(witness: Witness, blocked: Callable[[], bool], what: str) -> None:
    """:data:`TICKS` ticks complete while ``what`` is held blocked: ``blocked()`` says so before and after."""
    assert blocked(), f"not blocked: {what}"
    witness.wait(TICKS, f"while {what}")
    assert blocked(), f"released before the ticks completed, so they prove nothing: {what}"


class Gate:
    """Where a test holds a thread forever: ``hold()`` blocks its caller until :meth:`open`; :meth:`wait_held`
    returns once ``count`` callers are held (their own word, not a time)."""

    def __init__(self):
        self.held = 0
        self._open = threading.Event()
        self._changed = threading.Condition()

    def hold(self) -> None:
        with self._changed:
            self.held += 1
            self._changed.notify_all()
        self._open.wait()
        with self._changed:
            self.held -= 1

    def wait_held(self, count: int, what: str) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: self.held >= count, NEVER), f"never held: {what}"

    def holding(self, count: int) -> bool:
        with self._changed:
            return self.held >= count and not self._open.is_set()

    def open(self) -> None:
        self._open.set()
