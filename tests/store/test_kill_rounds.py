"""kill -9, over and over, while bots trade: nothing acknowledged is lost, nothing is doubled, the books agree.

A zygote process imports QuantumBotX once and forks one trader per round, so a round costs a fork instead of an
interpreter start. Each trader opens the engine on the same data folder (recovering from the last kill), trades
six bots from three threads on a manual clock that moves a minute per step (every tick sees a new bar; stops and
targets are hit between steps; several bots write at the same moment, so writes share fsyncs), queues each event
for a webhook that never answers, and compacts as eagerly as it can (tiny thresholds, so kills also land in the
middle of a compaction). It prints an acknowledgement after each durable change returned: an event's seq, a
journaled trade, an opened position, a closed one with its profit, entry facts. The test kills it with SIGKILL
after a random number of acknowledgements (sometimes while it is still opening), then opens the folder itself:
every acknowledged record must be there, no record twice, the paper book and its deal history must add up to
the cent, and every deal of a bot must be in the journal once with the broker's profit.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from collections import Counter
from decimal import Decimal

import pytest

from qbx_engine import Engine
from qbx_engine.core.clock import ManualClock
from qbx_engine.store.partitioned import chunk_files
from tests.conftest import ROOT, WEDNESDAY_10H

ROUNDS = 100
START = WEDNESDAY_10H + 13 * 3600 + 30 * 60  # 23:30 UTC: the day closes during the run, and is compacted
SYMBOLS = ("BTCUSD", "ETHUSD", "XAUUSD", "EURUSD", "GBPUSD", "USDJPY")

ZYGOTE = r"""
import os, sys, threading
from concurrent.futures import ThreadPoolExecutor
from qbx_engine import Engine
from qbx_engine.core.clock import ManualClock

data_dir, symbols = sys.argv[1], sys.argv[2].split(",")
lock = threading.Lock()


def say(*parts):
    with lock:
        os.write(1, (" ".join(str(p) for p in parts) + "\n").encode())


def trade(start):
    clock = ManualClock(start)
    engine = Engine.open(data_dir, clock=clock, start_scheduler=False)
    store = engine.store
    store.compactor.interval = 0.02
    for log in (store.events, store.journal, store.log("paper/history")):
        log.idle, log.patch_min, log.segment_records, log.index_every = 0.0, 10, 120, 0.2
    for name in ("paper/book.json", "entries.json", "notify/outbox.json"):
        store.tables(name).compact_min = 6
    engine.event_log.listeners.append(lambda event: say("EV", event["seq"]))
    journal_add, broker, entries = engine.journal.add, engine.broker, engine.trader.entries
    opening, closing, putting = broker.open_position, broker._close_many, entries.put

    def add(record):
        done = journal_add(record)
        if done:
            say("J", record["position_id"])
        return done

    def open_position(*args, **kwargs):
        position = opening(*args, **kwargs)
        say("OPEN", position.ticket, position.magic)
        return position

    def close_many(closes):
        done = closing(closes)
        for closed in done:
            say("CLOSE", closed.ticket, closed.profit)
        return done

    def put(ticket, facts):
        putting(ticket, facts)
        say("ENTRY", ticket)

    engine.journal.add, broker.open_position, broker._close_many, entries.put = add, open_position, close_many, put
    if not engine.list_bots():
        for n, symbol in enumerate(symbols):
            engine.create_bot({"name": f"fast {symbol}", "market": symbol, "timeframe": "M1",
                               "strategy_name": "ma_crossover", "strategy_params": {"fast_period": 2,
                               "slow_period": 3 + n % 2}, "risk_percent": 0.5, "sl_pips": 6, "tp_pips": 9,
                               "check_interval": 60, "status": "active"})
    bots = [bot["id"] for bot in engine.list_bots()]
    say("READY")
    with ThreadPoolExecutor(3) as pool:
        for _ in range(5000):
            clock.advance(60)
            say("T", clock.now())
            list(pool.map(engine.run_tick, bots))
    engine.close()
    say("DONE")


say("ZYGOTE")
for command in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            trade(float(command))
        finally:
            os._exit(0)
    say("CHILD", pid)
    os.waitpid(pid, 0)
    say("DEAD", pid)
"""


class Acks:
    """What the traders acknowledged, over every round."""

    def __init__(self):
        self.events: set[int] = set()
        self.new_events: set[int] = set()  # since the last check
        self.journaled: set[int] = set()
        self.opened: dict[int, int] = {}
        self.closed: dict[int, float] = {}
        self.entries: set[int] = set()
        self.last_time = START

    def read(self, parts: list[str]) -> bool:
        """Take one line; True if it was an acknowledgement of a durable change."""
        kind = parts[0]
        if kind == "EV":
            self.events.add(int(parts[1]))
            self.new_events.add(int(parts[1]))
        elif kind == "J":
            self.journaled.add(int(parts[1]))
        elif kind == "OPEN":
            self.opened[int(parts[1])] = int(parts[2])
        elif kind == "CLOSE":
            self.closed[int(parts[1])] = float(parts[2])
        elif kind == "ENTRY":
            self.entries.add(int(parts[1]))
        elif kind == "T":
            self.last_time = max(self.last_time, float(parts[1]))
            return False
        else:
            return False
        return True


def _check(engine: Engine, acks: Acks) -> None:
    log = engine.event_log.log
    missing = sorted(seq for seq in acks.new_events if log.get(seq) is None)
    assert missing == [], f"acknowledged events lost: {missing[:10]}"
    acks.new_events.clear()

    deals = engine.broker.closed_positions(0, engine.clock.now() + 1)
    tickets = Counter(d.ticket for d in deals)
    assert [t for t, n in tickets.items() if n > 1] == [], "a deal recorded twice"
    by_ticket = {d.ticket: d for d in deals}
    open_positions = {p.ticket: p for p in engine.broker.positions()}
    assert not set(open_positions) & set(by_ticket), "a position both open and closed"
    assert set(acks.opened) <= set(open_positions) | set(by_ticket), "an acknowledged position vanished"
    for ticket, profit in acks.closed.items():
        assert ticket in by_ticket and by_ticket[ticket].profit == profit, f"acknowledged close {ticket} lost"
    balance = Decimal("10000") + sum((Decimal(str(d.profit)) for d in deals), Decimal(0))
    assert Decimal(str(engine.account()["balance"])) == balance.quantize(Decimal("0.01")), "book and deals disagree"

    trades = engine.trades(limit=None)
    journaled = Counter(t["position_id"] for t in trades)
    assert [p for p, n in journaled.items() if n > 1] == [], "a trade journaled twice"
    assert acks.journaled <= set(journaled), "an acknowledged trade lost from the journal"
    bots = {bot["id"]: bot for bot in engine.list_bots()}
    assert set(journaled) == {d.ticket for d in deals if d.magic in bots}, "journal and deal history disagree"
    for trade in trades:
        assert trade["profit"] == by_ticket[trade["position_id"]].profit
    for ticket in acks.entries:
        assert ticket in journaled or engine.trader.entries.get(ticket) is not None, f"entry facts of {ticket} lost"
    per_bot = Counter(p.magic for p in open_positions.values())
    assert all(n == 1 for n in per_bot.values())
    assert engine.verify_invariants() == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the zygote forks (POSIX)")
def test_a_hundred_kills_while_bots_trade_lose_and_double_nothing(data_dir):
    rng = random.Random(25)
    env = dict(os.environ, PYTHONPATH=str(ROOT), QBX_WEBHOOK_URL="http://127.0.0.1:9/never-answers")
    zygote = subprocess.Popen([sys.executable, "-c", ZYGOTE, str(data_dir), ",".join(SYMBOLS)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    acks = Acks()
    during_open = 0
    try:
        assert zygote.stdout.readline().split() == ["ZYGOTE"]
        start = START
        for _ in range(ROUNDS):
            zygote.stdin.write(f"{start}\n")
            zygote.stdin.flush()
            kind, pid = zygote.stdout.readline().split()
            assert kind == "CHILD"
            kill_after = -1 if rng.random() < 0.08 else rng.randint(0, 59)  # -1: while it opens and recovers
            seen, lines = 0, []
            if kill_after < 0:
                during_open += 1
            else:
                while seen < kill_after or not lines:
                    parts = zygote.stdout.readline().split()
                    assert parts and parts[0] != "DEAD", "the trader died by itself"
                    lines.append(parts)
                    seen += acks.read(parts) if parts[0] != "READY" else 0
            os.kill(int(pid), signal.SIGKILL)
            while (parts := zygote.stdout.readline().split()) != ["DEAD", pid]:
                acks.read(parts)  # printed before the kill: acknowledged too
            now = acks.last_time + 120
            with Engine.open(data_dir, clock=ManualClock(now), start_scheduler=False) as engine:
                _check(engine, acks)
            start = now + 60
        with Engine.open(data_dir, clock=ManualClock(start), start_scheduler=False) as engine:
            events = engine.events(limit=None)
            assert len({e["seq"] for e in events}) == len(events) == engine.count_events()
            assert acks.events <= {e["seq"] for e in events}  # still there after every later round and compaction
            assert len(acks.events) > 500 and len(acks.closed) > 100 and len(acks.journaled) > 100
    finally:
        zygote.kill()
        zygote.wait()
    assert during_open >= 3
    for log in ("events", "journal", "paper/history"):
        assert any(p.suffix == ".logz" for p in chunk_files(data_dir / log)), f"{log}: no day was compacted"
