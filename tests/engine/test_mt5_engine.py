"""The whole engine on MT5Broker over the fake terminal: the same life a bot has on paper."""

from __future__ import annotations

import logging

import pytest

from qbx_engine import Engine
from qbx_engine.core.i18n import render
from tests import mt5_fake
from tests.engine.conftest import force, new_bot

pytestmark = pytest.mark.usefixtures("scripted")


@pytest.fixture
def terminal(monkeypatch, clock):
    return mt5_fake.plug_in(monkeypatch, clock)


@pytest.fixture
def engine(data_dir, clock, terminal):
    opened = Engine.open(data_dir, broker="mt5", clock=clock)
    yield opened
    opened.close()


def actions(engine, bot_id):
    return [e["action"] for e in reversed(engine.events(bot_id=bot_id, limit=100))]


def test_a_bot_trades_on_mt5_from_start_to_stop(engine, terminal, clock, caplog):
    caplog.set_level(logging.DEBUG)
    bot_id = new_bot(engine, market="xauusd", sl_pips=300, tp_pips=600, status="active")["id"]
    assert engine.broker.kind == "mt5"
    force(engine, "BUY")
    clock.advance(60)
    engine.run_tick(bot_id)
    (buy,) = terminal.positions.values()
    assert (buy["symbol"], buy["type"], buy["magic"]) == ("XAUUSD.m", 0, bot_id)
    assert engine.get_bot(bot_id)["market"] == "XAUUSD.m"  # the trader's "xauusd", as this broker names it
    assert terminal.requests[-1]["type_filling"] == 0 and terminal.requests[-1]["comment"].startswith(f"QBX#{bot_id}")

    force(engine, "SELL")  # reverse: close the BUY, then open a SELL
    clock.advance(60)
    engine.run_tick(bot_id)
    (sell,) = terminal.positions.values()
    assert sell["type"] == 1
    (closed_buy,) = engine.trades(bot_id=bot_id)
    assert (closed_buy["reason"], closed_buy["position_id"]) == ("bot", buy["ticket"])

    terminal.trigger(sell["ticket"], mt5_fake.DEAL_REASON_SL)  # the server's stop loss
    clock.advance(60)
    force(engine, "HOLD")
    engine.run_tick(bot_id)
    sl_trade = engine.trades(bot_id=bot_id)[0]
    out = [d for d in terminal.deals if d.position_id == sell["ticket"] and d.entry == mt5_fake.DEAL_ENTRY_OUT][0]
    assert (sl_trade["reason"], sl_trade["profit"], sl_trade["close_price"]) == ("sl", out.profit, sell["sl"])
    fees = round(sum(d.commission for d in terminal.deals if d.position_id == sell["ticket"]), 2)
    assert sl_trade["commission"] == fees < 0 and engine.get_bot(bot_id)["position_ticket"] is None

    engine.stop_bot(bot_id)
    assert actions(engine, bot_id) == ["START", "OPEN BUY", "CLOSE BUY", "OPEN SELL", "SL HIT", "STOP"]
    total = sum(t["net_profit"] for t in engine.trades(bot_id=bot_id))
    assert round(10_000 + total, 2) == engine.account()["balance"]
    assert terminal.password not in caplog.text
    assert all(terminal.password not in str(e["msg"]) for e in engine.events(limit=None))


def test_refusals_reach_the_event_log_with_their_retcode(engine, terminal, clock):
    bot_id = new_bot(engine, market="EURUSD", status="active")["id"]
    terminal.algo_trading = False
    force(engine, "BUY")
    clock.advance(60)
    engine.run_tick(bot_id)
    (event,) = engine.events(bot_id=bot_id, limit=1)
    assert event["action"] == "NO TRADE" and event["notification"]
    assert "10027" in render(event["msg"], "id") and "Algo Trading" in render(event["msg"], "en")
    assert terminal.positions == {}


def test_a_lost_terminal_fails_the_tick_cleanly_and_reconnects(engine, terminal, clock):
    bot_id = new_bot(engine, market="EURUSD", status="active")["id"]
    terminal.crash()
    force(engine, "BUY")
    clock.advance(60)
    engine.run_tick(bot_id)
    assert engine.health()["engine"]["broker_ok"] is False and terminal.positions == {}
    terminal.restart()
    for _ in range(10):  # backoff: a later tick reconnects, then trades
        clock.advance(60)
        engine.run_tick(bot_id)
        if terminal.positions:
            break
    assert engine.health()["engine"]["broker_ok"] is True
    assert [p["magic"] for p in terminal.positions.values()] == [bot_id]
    assert {"BROKER DOWN", "BROKER UP", "OPEN BUY"} <= set(e["action"] for e in engine.events(limit=50))


def test_restart_adopts_the_open_position_by_magic(data_dir, clock, terminal):
    with Engine.open(data_dir, broker="mt5", clock=clock) as first:
        bot_id = new_bot(first, market="EURUSD", status="active")["id"]
        force(first, "BUY")
        clock.advance(60)
        first.run_tick(bot_id)
        (ticket,) = terminal.positions
    terminal.trigger(ticket, mt5_fake.DEAL_REASON_TP)  # closed by TP while QuantumBotX was down
    with Engine.open(data_dir, broker="mt5", clock=clock) as second:
        (trade,) = second.trades(bot_id=bot_id)
        assert (trade["position_id"], trade["reason"]) == (ticket, "tp")
        assert second.get_bot(bot_id)["position_ticket"] is None


def test_bots_made_on_paper_say_which_broker_symbol_they_trade_on_mt5(data_dir, clock, terminal):
    with Engine.open(data_dir, broker="paper", clock=clock, start_scheduler=False) as paper:
        bot_id = new_bot(paper, market="XAUUSD", sl_pips=300, tp_pips=600)["id"]
    with Engine.open(data_dir, broker="mt5", clock=clock) as engine:
        engine.start_bot(bot_id)
        force(engine, "BUY")
        clock.advance(60)
        engine.run_tick(bot_id)
        (event,) = engine.events(bot_id=bot_id, actions=["SYMBOL"])
        assert render(event["msg"], "en") == "Market XAUUSD trades as the broker's symbol XAUUSD.m."
        assert [p["symbol"] for p in terminal.positions.values()] == ["XAUUSD.m"]
