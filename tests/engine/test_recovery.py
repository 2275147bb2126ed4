"""Restarts and crashes: statuses restored, positions re-attached, nothing journaled or opened twice."""

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest

from qbx_engine import Engine
from qbx_engine.core.clock import AcceleratedClock, ManualClock
from tests.conftest import ROOT, WEDNESDAY_10H
from tests.engine.conftest import force, into_error, new_bot

SPEED = 60.0  # one market minute per real second: every tick of a 1 s bot sees a new M1 bar

CHILD = r"""
import sys, time
from qbx_engine import Engine
from qbx_engine.core.clock import AcceleratedClock, ManualClock
from qbx_engine.core.i18n import Msg
data_dir, start, real_start, speed = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
engine = Engine.open(data_dir, clock=AcceleratedClock(start, speed, real_start))
if not engine.list_bots():
    for symbol in ("EURUSD", "GBPUSD", "USDJPY", "XAUUSD", "BTCUSD", "ETHUSD"):
        engine.create_bot({"name": f"fast {symbol}", "market": symbol, "timeframe": "M1",
                           "strategy_name": "ma_crossover", "strategy_params": {"fast_period": 2, "slow_period": 3},
                           "risk_percent": 0.5, "sl_pips": 8, "tp_pips": 8, "check_interval": 1,
                           "status": "active"})
print("READY", flush=True)
time.sleep(120)
"""


def _check_books(engine):
    """Every closed position journaled once with the broker's profit; one open position per bot at most;
    and never two entries of one bot on one bar (no duplicate orders)."""
    bots = {b["id"]: b for b in engine.list_bots()}
    history = engine.broker.closed_positions(0, engine.clock.now() + 10**6)
    journal = engine.trades()
    journaled = Counter(t["position_id"] for t in journal)
    assert all(count == 1 for count in journaled.values())
    mine = {c.ticket: c for c in history if c.magic in bots}
    assert set(journaled) == set(mine)
    for trade in journal:
        assert trade["profit"] == mine[trade["position_id"]].profit
    open_positions = engine.broker.positions()
    per_bot = Counter(p.magic for p in open_positions)
    assert all(count == 1 for count in per_bot.values())
    for position in open_positions:
        assert bots[position.magic]["position_ticket"] == position.ticket
    entries = Counter((p.magic, int(p.open_time // 60)) for p in list(history) + open_positions)
    assert max(entries.values()) == 1
    return len(history)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_kill_9_while_bots_trade_then_recover_without_duplicates(data_dir):
    real_start = time.time()
    rng = random.Random(3)
    closed_total = 0
    for _ in range(3):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data_dir), str(WEDNESDAY_10H), str(real_start), str(SPEED)],
            stdout=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert child.stdout.readline().strip() == "READY"
        time.sleep(rng.uniform(4.0, 7.0))
        child.send_signal(signal.SIGKILL)
        child.wait()
        # The check looks at one instant: a moving clock would let the broker close more positions (SL/TP)
        # while the books are being compared.
        clock = ManualClock(AcceleratedClock(WEDNESDAY_10H, SPEED, real_start).now())
        with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
            assert {b["status"] for b in engine.list_bots()} == {"active"}
            assert len(engine.list_bots()) == 6
            closed_total = _check_books(engine)
    assert closed_total >= 10  # the bots really traded between the kills


def test_restart_restores_every_status_and_job(data_dir, clock, scripted):
    with Engine.open(data_dir, clock=clock) as engine:
        active = new_bot(engine, status="active")["id"]
        paused = new_bot(engine, status="active", name="p")["id"]
        engine.pause_bot(paused)
        stopped = new_bot(engine, name="s")["id"]
        errored = new_bot(engine, status="active", name="e")["id"]
        into_error(engine, errored)
    with Engine.open(data_dir, clock=clock) as engine:
        statuses = {b["id"]: b["status"] for b in engine.list_bots()}
        assert statuses == {active: "active", paused: "paused", stopped: "stopped", errored: "error"}
        assert engine.verify_invariants() == []


def test_a_position_closed_while_the_engine_was_down_is_journaled_on_start(data_dir, clock, scripted):
    with Engine.open(data_dir, clock=clock) as engine:
        bot_id = new_bot(engine, status="active", sl_pips=3, tp_pips=1000, risk_percent=2)["id"]
        force(engine, "BUY")
        engine.run_tick(bot_id)
        ticket = engine.get_bot(bot_id)["position_ticket"]
    clock.advance(6 * 3600)  # the stop is hit while nothing runs
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        [trade] = engine.trades(bot_id=bot_id)
        assert trade["position_id"] == ticket and trade["reason"] == "sl"
        assert trade["close_time"] < clock.now() - 60
        assert engine.get_bot(bot_id)["position_ticket"] is None
        assert engine.events(bot_id=bot_id, actions=["SL HIT"], limit=1)


def test_no_second_order_on_the_same_bar_after_a_restart(data_dir, clock, scripted):
    with Engine.open(data_dir, clock=clock) as engine:
        bot_id = new_bot(engine, status="active", sl_pips=3, tp_pips=1000, risk_percent=2)["id"]
        force(engine, "BUY")
        engine.run_tick(bot_id)
        engine.broker.close_by_hand(engine.get_bot(bot_id)["position_ticket"])
    with Engine.open(data_dir, clock=clock) as engine:
        force(engine, "BUY")
        engine.run_tick(bot_id)  # same bar, same BUY, and the position is gone: still no re-entry
        assert engine.broker.positions() == []
        assert len(engine.events(bot_id=bot_id, actions=["OPEN BUY"], limit=None)) == 1


def test_the_last_analysis_survives_a_restart(data_dir, clock, scripted):
    with Engine.open(data_dir, clock=clock) as engine:
        bot_id = new_bot(engine, status="active")["id"]
        engine.run_tick(bot_id)
        seen = engine.get_bot(bot_id)["last_analysis"]
    with Engine.open(data_dir, clock=clock) as engine:
        assert engine.get_bot(bot_id)["last_analysis"] == seen
        assert engine.health()["bots"][bot_id]["ticks"] == 1
