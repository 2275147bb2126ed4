"""Ticks that trade: once per closed bar, risk-sized, journaled with the broker's own profit."""

import time

import pytest

from qbx_engine.core.i18n import render
from tests.conftest import WEDNESDAY_10H
from tests.engine.conftest import force, new_bot
from tests.fakes import sleeper, unavailable


def events_of(engine, bot_id, action=None):
    rows = engine.events(bot_id=bot_id, limit=None)
    return [e for e in reversed(rows) if action is None or e["action"] == action]


def test_buy_opens_a_risk_sized_position_with_sl_tp_and_magic(engine, clock):
    bot_id = new_bot(engine, status="active", risk_percent=1.0, sl_pips=20, tp_pips=40)["id"]
    force(engine, "BUY")
    bot = engine.run_tick(bot_id)
    [position] = engine.broker.positions(magic=bot_id)
    assert bot["position_ticket"] == position.ticket and position.side == "buy"
    assert position.volume == 0.5  # 10,000 x 1% / (20 pips x 10 USD) = 0.5 lot
    assert position.sl == pytest.approx(position.open_price - 0.0020, abs=1e-9)
    assert position.tp == pytest.approx(position.open_price + 0.0040, abs=1e-9)
    assert position.comment.startswith(f"QBX#{bot_id}")
    [opened] = events_of(engine, bot_id, "OPEN BUY")
    assert opened["notification"] and "0.5 lot EURUSD" in render(opened["msg"], "en")
    assert bot["last_analysis"]["signal"] == "BUY" and bot["last_tick_at"] == clock.now()


def test_the_bot_acts_once_per_closed_bar(engine, clock):
    bot_id = new_bot(engine, status="active")["id"]
    force(engine, "BUY")
    engine.run_tick(bot_id)
    clock.advance(20)  # same bar
    engine.run_tick(bot_id)
    assert len(engine.broker.positions(magic=bot_id)) == 1
    assert render(engine.get_bot(bot_id)["last_analysis"]["note"], "en") == "This bar's signal was already acted on."
    clock.advance(60)
    engine.run_tick(bot_id)  # a new bar, BUY again: already long
    assert len(engine.broker.positions(magic=bot_id)) == 1
    assert len(events_of(engine, bot_id, "OPEN BUY")) == 1


def test_hold_does_nothing(engine, clock):
    bot_id = new_bot(engine, status="active")["id"]
    for _ in range(5):
        clock.advance(60)
        engine.run_tick(bot_id)
    assert engine.broker.positions() == [] and engine.trades() == []
    assert engine.get_bot(bot_id)["last_analysis"]["signal"] == "HOLD"


def test_sell_reverses_a_buy_and_the_journal_matches_the_broker(engine, clock):
    bot_id = new_bot(engine, status="active", sl_pips=200, tp_pips=400)["id"]
    force(engine, "BUY")
    engine.run_tick(bot_id)
    buy_ticket = engine.get_bot(bot_id)["position_ticket"]
    clock.advance(15 * 60)
    force(engine, "SELL")
    engine.run_tick(bot_id)
    [sell] = engine.broker.positions(magic=bot_id)
    assert sell.side == "sell" and sell.ticket != buy_ticket
    [trade] = engine.trades(bot_id=bot_id)
    broker_side = engine.broker.closed_position(buy_ticket)
    assert trade["position_id"] == buy_ticket and trade["reason"] == "bot"
    assert trade["profit"] == broker_side.profit and trade["close_price"] == broker_side.close_price
    names = [e["action"] for e in events_of(engine, bot_id)]
    assert names[-2:] == ["CLOSE BUY", "OPEN SELL"]


def _tick_until_journaled(engine, clock, bot_id, limit=2000):
    for _ in range(limit):
        clock.advance(60)
        engine.run_tick(bot_id)
        if engine.trades(bot_id=bot_id):
            return engine.trades(bot_id=bot_id)[0]
    raise AssertionError("the position never closed")


@pytest.mark.parametrize("sl_pips, tp_pips, reason, action", [(3, 1000, "sl", "SL HIT"), (1000, 3, "tp", "TP HIT")])
def test_sl_and_tp_between_ticks_are_journaled_with_the_real_profit(engine, clock, sl_pips, tp_pips, reason, action):
    bot_id = new_bot(engine, status="active", sl_pips=sl_pips, tp_pips=tp_pips, risk_percent=2)["id"]
    force(engine, "BUY")
    engine.run_tick(bot_id)
    ticket = engine.get_bot(bot_id)["position_ticket"]
    assert ticket is not None
    force(engine, "HOLD")
    trade = _tick_until_journaled(engine, clock, bot_id)
    closed = engine.broker.closed_position(ticket)
    assert trade["reason"] == closed.reason == reason
    assert trade["profit"] == closed.profit and (trade["profit"] < 0) == (reason == "sl")
    assert trade["close_price"] == (closed.sl if reason == "sl" else closed.tp)
    assert engine.get_bot(bot_id)["position_ticket"] is None
    [event] = events_of(engine, bot_id, action)
    assert event["notification"]


def test_a_full_day_journal_equals_the_brokers_deals(engine, clock):
    bot_id = new_bot(engine, status="active", strategy_name="ma_crossover",
                     strategy_params={"fast_period": 3, "slow_period": 7}, sl_pips=4, tp_pips=6)["id"]
    for _ in range(600):
        clock.advance(60)
        engine.run_tick(bot_id)
    trades = engine.trades(bot_id=bot_id)
    deals = engine.broker.closed_positions(WEDNESDAY_10H, clock.now() + 1, magic=bot_id)
    assert len(trades) == len(deals) > 20
    assert {t["reason"] for t in trades} >= {"bot", "sl", "tp"}
    assert {t["position_id"]: t["profit"] for t in trades} == {d.ticket: d.profit for d in deals}
    assert round(sum(t["profit"] for t in trades), 2) == round(engine.account()["balance"] - 10_000, 2)


def test_no_trade_when_the_minimum_lot_is_too_risky_and_it_is_said_once(engine, clock):
    bot_id = new_bot(engine, status="active", market="XAUUSD", risk_percent=0.01, sl_pips=1000)["id"]
    force(engine, "BUY")
    for _ in range(3):
        engine.run_tick(bot_id)
        clock.advance(60)
        force(engine, "BUY")
    assert engine.broker.positions() == []
    [event] = events_of(engine, bot_id, "NO TRADE")
    assert event["repeat"] == 3
    assert "minimum lot 0.01" in render(event["msg"], "en")


def test_a_closed_market_is_announced_once_not_every_tick(engine, clock):
    bot_id = new_bot(engine, status="active")["id"]
    clock.set(WEDNESDAY_10H + 3 * 86400)  # Saturday
    force(engine, "BUY")
    for _ in range(50):
        clock.advance(60)
        engine.run_tick(bot_id)
    assert len(events_of(engine, bot_id, "MARKET CLOSED")) == 1
    assert engine.broker.positions() == []
    assert "closed" in render(engine.get_bot(bot_id)["last_analysis"]["reason"], "en")


def test_a_position_closed_by_hand_is_noticed_and_journaled(engine, clock):
    bot_id = new_bot(engine, status="active", sl_pips=500, tp_pips=500)["id"]
    force(engine, "SELL")
    engine.run_tick(bot_id)
    ticket = engine.get_bot(bot_id)["position_ticket"]
    clock.advance(300)
    engine.broker.close_by_hand(ticket)
    force(engine, "HOLD")
    engine.run_tick(bot_id)
    [trade] = engine.trades(bot_id=bot_id)
    assert trade["reason"] == "manual" and trade["profit"] == engine.broker.closed_position(ticket).profit
    assert events_of(engine, bot_id, "CLOSED MANUALLY")


def test_the_trader_can_close_a_bots_position_from_the_dashboard(engine):
    bot_id = new_bot(engine, status="active")["id"]
    force(engine, "BUY")
    engine.run_tick(bot_id)
    closed = engine.close_position(bot_id)
    assert closed["reason"] == "manual" and engine.broker.positions() == []
    assert engine.trades(bot_id=bot_id)[0]["reason"] == "manual"
    assert engine.close_position(bot_id) is None


def test_an_unknown_position_with_the_bots_magic_is_adopted(engine):
    bot_id = new_bot(engine, status="active")["id"]
    orphan = engine.broker.open_position("EURUSD", "sell", 0.1, sl=0, tp=0, magic=bot_id, comment="orphan")
    force(engine, "SELL")
    engine.run_tick(bot_id)
    assert engine.get_bot(bot_id)["position_ticket"] == orphan.ticket
    assert len(engine.broker.positions(magic=bot_id)) == 1
    assert events_of(engine, bot_id, "ADOPTED")


def test_a_stopped_bot_checked_now_analyses_but_never_trades(engine):
    bot_id = new_bot(engine)["id"]
    force(engine, "BUY")
    bot = engine.run_tick(bot_id)
    assert engine.broker.positions() == []
    assert bot["last_analysis"]["signal"] == "BUY"
    assert "not active" in render(bot["last_analysis"]["note"], "en")


def test_strategy_failures_count_and_halt_the_bot_after_the_limit(engine, clock, scripted):
    bot_id = new_bot(engine, status="active")["id"]
    other = new_bot(engine, status="active", name="healthy", market="GBPUSD")["id"]
    scripted.fail_with = ValueError("division by zero in my indicator")
    for n in range(1, 5):
        engine.run_tick(bot_id)
        assert engine.get_bot(bot_id)["error_streak"] == n and engine.get_bot(bot_id)["status"] == "active"
    engine.run_tick(bot_id)
    bot = engine.get_bot(bot_id)
    assert bot["status"] == "error" and bot["error_streak"] == 5
    assert engine.health()["bots"][bot_id]["job"] is None
    [error] = events_of(engine, bot_id, "ERROR")
    assert error["repeat"] == 5 and "ValueError: division by zero" in render(error["msg"], "en")
    [halted] = events_of(engine, bot_id, "HALTED")
    assert halted["notification"] and "5 failures in a row" in render(halted["msg"], "en")
    assert "Traceback" not in render(error["msg"], "en")
    assert engine.get_bot(other)["status"] == "active"
    scripted.fail_with = None
    assert engine.start_bot(bot_id)["error_streak"] == 0
    engine.run_tick(bot_id)
    assert engine.get_bot(bot_id)["error_streak"] == 0
    assert engine.verify_invariants() == []


def test_the_error_limit_is_a_setting(engine, scripted):
    engine.update_settings(error_streak_limit=2)
    bot_id = new_bot(engine, status="active")["id"]
    scripted.fail_with = RuntimeError("x")
    engine.run_tick(bot_id)
    engine.run_tick(bot_id)
    assert engine.get_bot(bot_id)["status"] == "error"


def test_a_success_resets_the_streak(engine, scripted):
    bot_id = new_bot(engine, status="active")["id"]
    scripted.fail_with = RuntimeError("flaky")
    engine.run_tick(bot_id)
    engine.run_tick(bot_id)
    scripted.fail_with = None
    engine.run_tick(bot_id)
    assert engine.get_bot(bot_id)["error_streak"] == 0
    assert engine.store.bots.get(bot_id)["error_streak"] == 0


def test_a_missing_symbol_puts_the_bot_in_error(hooked_engine, monkeypatch):
    engine = hooked_engine
    bot_id = new_bot(engine, status="active")["id"]
    monkeypatch.setattr(engine.broker, "find_symbol", lambda name: None)
    engine.run_tick(bot_id)
    assert engine.get_bot(bot_id)["status"] == "error"
    assert "EURUSD was not found" in render(events_of(engine, bot_id, "HALTED")[0]["msg"], "en")


@pytest.mark.parametrize("method", ["positions", "is_market_open", "rates", "symbol_info", "account", "tick",
                                    "open_position"])
def test_broker_outage_in_any_call_fails_fast_and_recovers(hooked_engine, clock, method):
    engine = hooked_engine
    first = new_bot(engine, status="active")["id"]
    second = new_bot(engine, status="active", market="GBPUSD", name="second")["id"]
    force(engine, "BUY")
    engine.hooks.hooks[method] = unavailable
    engine.run_tick(first)
    assert not engine.health()["engine"]["broker_ok"]
    calls_before = sum(engine.hooks.calls.values())
    engine.run_tick(second)  # fails at once, without touching the dead broker
    assert sum(engine.hooks.calls.values()) == calls_before
    assert "not connected" in render(engine.get_bot(second)["last_analysis"]["reason"], "en")
    assert engine.get_bot(first)["error_streak"] == 0 and engine.get_bot(first)["status"] == "active"
    assert len(engine.events(actions=["BROKER DOWN"], limit=None)) == 1
    del engine.hooks.hooks[method]
    assert engine.broker.positions() == []
    clock.advance(2)
    engine.run_tick(first)
    assert engine.health()["engine"]["broker_ok"]
    assert len(engine.events(actions=["BROKER UP"], limit=None)) == 1
    assert len(engine.broker.positions(magic=first)) == 1  # the bar was not lost to the outage


def test_reconnect_backs_off(hooked_engine, clock):
    engine = hooked_engine
    bot_id = new_bot(engine, status="active")["id"]
    engine.hooks.hooks["positions"] = unavailable
    engine.hooks.hooks["reconnect"] = unavailable
    engine.run_tick(bot_id)
    waits = []
    for _ in range(4):
        retry_at = engine.guard._retry_at
        clock.set(retry_at)
        engine.run_tick(bot_id)
        waits.append(engine.guard._retry_at - retry_at)
    assert waits == [2.0, 4.0, 8.0, 16.0]


def test_health_reports_ticks_and_staleness(engine, clock):
    bot_id = new_bot(engine, status="active", check_interval=60)["id"]
    clock.advance(200)
    health = engine.health()
    assert health["bots"][bot_id]["stale"] and bot_id in health["engine"]["stale_bots"]
    engine.run_tick(bot_id)
    health = engine.health()["bots"][bot_id]
    assert not health["stale"] and health["ticks"] == 1 and health["last_tick_at"] == clock.now()


def test_notifications_read_and_unread(engine):
    bot_id = new_bot(engine, status="active")["id"]
    engine.pause_bot(bot_id)
    assert [e["action"] for e in engine.notifications.unread()] == ["PAUSE", "START"]
    engine.notifications.mark_read()
    assert engine.notifications.unread() == []
    engine.resume_bot(bot_id)
    assert [e["action"] for e in engine.notifications.unread()] == ["RESUME"]


def test_slow_ticks_are_counted_not_queued_and_never_overlap(hooked_engine, clock):
    """Real scheduler, 1 s interval, a tick that takes 1.6 s."""
    engine = hooked_engine
    engine.hooks.hooks["positions"] = sleeper(1.6)  # every tick looks at the bot's position
    bot_id = new_bot(engine, status="active", check_interval=1)["id"]
    deadline = time.monotonic() + 8
    while time.monotonic() < deadline and (engine.health()["bots"][bot_id]["overruns"] < 2
                                           or not events_of(engine, bot_id, "TICK OVERRUN")):
        time.sleep(0.1)
    health = engine.health()["bots"][bot_id]
    assert health["overruns"] >= 2
    assert engine.hooks.max_running["positions"] == 1
    [overrun] = events_of(engine, bot_id, "TICK OVERRUN")  # one line a minute, however many skips
    assert not overrun["notification"] and "skipped so far" in render(overrun["msg"], "en")
