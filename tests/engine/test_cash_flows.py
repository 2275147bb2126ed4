"""Deposits and withdrawals are not trading results: the emergency brake's equity peak moves with them.

Paper: the trader sets the paper balance. MT5: balance (and credit) deals in the terminal's history, read by
the brake's periodic look, each applied once, also across a restart and for deals made while QuantumBotX was
closed.
"""

from __future__ import annotations

import threading

import pytest

from qbx_engine import Engine
from tests import mt5_fake
from tests.engine.conftest import force, new_bot

pytestmark = pytest.mark.usefixtures("scripted")


@pytest.fixture
def quiet(data_dir, clock):
    opened = Engine.open(data_dir, clock=clock, start_scheduler=False)
    yield opened
    opened.close()


def losing_trade(engine, clock, bot_id: int) -> float:
    force(engine, "BUY")
    clock.advance(60)
    engine.run_tick(bot_id)
    clock.advance(60)
    loss = -engine.close_position(bot_id)["profit"]
    assert loss > 0
    return loss


def test_a_paper_withdrawal_does_not_trip_the_drawdown_brake(quiet):
    """The issue's case: 5 % max drawdown, balance 10,000 -> 9,000, and the brake's next look."""
    quiet.update_settings(brake_max_drawdown=5.0)
    assert quiet.safety.brake()["peak"] == 10_000.0
    quiet.set_paper_balance(9_000.0)
    quiet.safety.watch_account()
    assert quiet.safety.brake()["on"] is False
    figures = quiet.safety.brake_figures()
    assert (figures["peak"], figures["equity"], figures["drawdown"]) == (9_000.0, 9_000.0, 0.0)
    assert [e for e in quiet.events() if e["action"] == "BRAKE"] == []


def test_a_look_in_progress_never_sees_a_withdrawal_without_its_deal(quiet):
    """The brake's look reads the deals, then the account; a withdrawal waits for a look in progress to end."""
    quiet.update_settings(brake_max_drawdown=5.0)
    quiet.safety.watch_account()
    reading, go_on = threading.Event(), threading.Event()
    real_account = quiet.broker.account

    def slow_account():
        reading.set()
        go_on.wait(30)
        return real_account()

    quiet.broker.account = slow_account
    look = threading.Thread(target=quiet.safety.watch_account)
    look.start()
    assert reading.wait(30)  # the look has read the deals and is reading the account
    quiet.broker.account = real_account
    withdrawal = threading.Thread(target=quiet.set_paper_balance, args=(9_000.0,))
    withdrawal.start()
    withdrawal.join(0.5)
    assert withdrawal.is_alive()  # it waits for the look
    go_on.set()
    look.join(30)
    withdrawal.join(30)
    assert quiet.account()["balance"] == 9_000.0
    assert quiet.safety.brake()["on"] is False and quiet.safety.brake_figures()["peak"] == 9_000.0


def test_a_withdrawal_is_booked_with_its_deal_so_a_crash_before_the_look_changes_nothing(data_dir, clock):
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        engine.update_settings(brake_max_drawdown=5.0)
        engine.safety.watch_account()
        engine.broker.set_balance(9_000.0)  # the process dies here: the brake has not looked since
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as reopened:
        reopened.safety.watch_account()
        assert reopened.safety.brake()["on"] is False and reopened.safety.brake_figures()["peak"] == 9_000.0
        (flow,) = reopened.broker.cash_flows(0, clock.now() + 1)
        assert (flow.amount, flow.kind) == (-1_000.0, "balance")


def test_a_paper_deposit_does_not_hide_a_drawdown(quiet, clock):
    quiet.safety.watch_account()
    bot_id = new_bot(quiet, status="active")["id"]
    loss = losing_trade(quiet, clock, bot_id)
    balance = quiet.account()["balance"]
    quiet.set_paper_balance(balance + 1_000.0)
    quiet.safety.watch_account()
    figures = quiet.safety.brake_figures()
    assert (figures["peak"], figures["drawdown"]) == (11_000.0, loss)
    quiet.update_settings(brake_max_drawdown=round(loss / 11_000 * 100, 4) - 0.0001)  # reached by that loss
    state = quiet.safety.brake()
    assert (state["on"], state["cause"], state["figures"]["peak"]) == (True, "drawdown", 11_000.0)


def test_a_re_armed_days_starting_point_moves_with_a_withdrawal(quiet, clock):
    bot_id = new_bot(quiet, status="active")["id"]
    quiet.update_settings(brake_daily_loss=0.01)
    losing_trade(quiet, clock, bot_id)
    quiet.safety.rearm_brake()  # today now counts from the equity at re-arm
    quiet.set_paper_balance(quiet.account()["balance"] - 500.0)
    quiet.safety.watch_account()
    assert quiet.safety.brake()["on"] is False and quiet.safety.brake_figures()["loss"] == 0.0


@pytest.fixture
def terminal(monkeypatch, clock):
    return mt5_fake.plug_in(monkeypatch, clock)


def mt5_engine(data_dir, clock) -> Engine:
    return Engine.open(data_dir, broker="mt5", clock=clock, start_scheduler=False)


def test_mt5_balance_deals_move_the_peak_both_ways_each_once(data_dir, clock, terminal):
    with mt5_engine(data_dir, clock) as engine:
        engine.update_settings(brake_max_drawdown=5.0)
        assert engine.safety.brake()["peak"] == 10_000.0
        terminal.deposit(-1_000.0)  # a withdrawal in the terminal
        clock.advance(5)
        engine.safety.watch_account()
        assert engine.safety.brake()["on"] is False and engine.safety.brake()["peak"] == 9_000.0
        clock.advance(5)
        engine.safety.watch_account()  # the same deal read again: applied once
        assert engine.safety.brake()["peak"] == 9_000.0
        terminal.deposit(2_500.0)
        terminal.deposit(250.0, kind=mt5_fake.DEAL_TYPE_CREDIT)  # a credit is equity, not a result either
        clock.advance(5)
        engine.safety.watch_account()
        assert engine.safety.brake()["peak"] == 11_750.0
        assert engine.safety.brake_figures()["drawdown"] == 0.0
    terminal.deposit(-3_000.0)  # while QuantumBotX is closed
    clock.advance(600)
    with mt5_engine(data_dir, clock) as reopened:  # its first look reads what happened meanwhile, once
        reopened.safety.watch_account()
        state = reopened.safety.brake()
        assert (state["on"], state["peak"]) == (False, 8_750.0)
        assert reopened.safety.brake_figures()["drawdown"] == 0.0


def test_a_brake_started_after_old_deposits_does_not_apply_them_again(data_dir, clock, terminal):
    terminal.deposit(5_000.0)  # before QuantumBotX ever looked: already in the equity it starts from
    clock.advance(60)
    with mt5_engine(data_dir, clock) as engine:
        assert engine.safety.brake()["peak"] == 15_000.0
        engine.safety.watch_account()
        assert engine.safety.brake()["peak"] == 15_000.0
