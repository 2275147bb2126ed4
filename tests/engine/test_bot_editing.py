"""Full bot editing: what a running bot may change, what waits for a stop or pause, and the open position."""

from __future__ import annotations

import pytest

from qbx_engine.core.errors import LifecycleError, ValidationError
from qbx_engine.core.i18n import render
from tests.engine.conftest import force, into_error, new_bot, next_bar


def updates(engine, bot_id) -> list[str]:
    return [render(e["msg"], "en") for e in engine.events(bot_id=bot_id, actions=["UPDATE"], limit=None)]


@pytest.mark.parametrize("changes", [{"market": "GBPUSD"}, {"timeframe": "M5"},
                                     {"strategy_name": "rsi_reversal"}, {"stop_mode": "atr"},
                                     {"market": "GBPUSD", "risk_percent": 2.0}])
def test_an_active_bot_keeps_its_market_timeframe_strategy_and_stop_mode(engine, changes):
    bot_id = new_bot(engine, status="active")["id"]
    before = engine.get_bot(bot_id)
    with pytest.raises(LifecycleError) as raised:
        engine.update_bot(bot_id, **changes)
    assert "Pause or stop it first" in raised.value.message("en")
    assert "Jeda atau hentikan bot dulu" in raised.value.message("id")
    assert engine.get_bot(bot_id) == before
    assert engine.store.bots.get(bot_id)["market"] == "EURUSD"
    assert updates(engine, bot_id) == []


def test_an_active_bot_takes_name_parameters_risk_and_stops_at_once(engine):
    bot_id = new_bot(engine, status="active", strategy_name="rsi_reversal")["id"]
    engine.update_bot(bot_id, name="Renamed", strategy_params={"rsi_period": 9}, risk_percent=0.5, sl_pips=15,
                      sl_atr=2.0, atr_period=10, market="EURUSD", timeframe="M1", stop_mode="pips")
    bot = engine.get_bot(bot_id)
    assert (bot["name"], bot["strategy_params"]["rsi_period"], bot["risk_percent"], bot["sl_pips"], bot["sl_atr"],
            bot["atr_period"], bot["status"]) == ("Renamed", 9, 0.5, 15.0, 2.0, 10, "active")


@pytest.mark.parametrize("status", ["stopped", "paused", "error"])
def test_a_bot_not_trading_changes_market_timeframe_strategy_and_stop_mode(engine, clock, status):
    bot_id = new_bot(engine, status="active")["id"]
    engine.run_tick(bot_id)
    assert engine.get_bot(bot_id)["last_analysis"]["symbol"] == "EURUSD"
    if status == "stopped":
        engine.stop_bot(bot_id)
    elif status == "paused":
        engine.pause_bot(bot_id)
    else:
        clock.advance(60)  # a new bar, which the failing strategy cannot analyse
        into_error(engine, bot_id)
    updated = engine.update_bot(bot_id, name="Gold swing", market="xauusd", timeframe="M5",
                                strategy_name="turtle_breakout", strategy_params={"entry_period": 30},
                                stop_mode="atr", sl_atr=2.0, tp_atr=4.0, atr_period=10)
    assert (updated["name"], updated["market"], updated["timeframe"], updated["strategy_name"],
            updated["strategy_params"], updated["stop_mode"], updated["status"]) == \
        ("Gold swing", "XAUUSD", "M5", "turtle_breakout", {"entry_period": 30, "exit_period": 10}, "atr", status)
    assert updated["last_analysis"] is None  # what it saw was another market
    assert engine.store.bots.get(bot_id)["market"] == "XAUUSD"
    engine.start_bot(bot_id)
    next_bar(clock, engine, bot_id, minutes=5)
    seen = engine.get_bot(bot_id)["last_analysis"]
    assert (seen["symbol"], seen["timeframe"], seen["strategy"]) == ("XAUUSD", "M5", "turtle_breakout")
    assert engine.verify_invariants() == []


@pytest.mark.parametrize("pause", [True, False])
def test_a_market_change_is_refused_while_the_bot_holds_a_position(engine, clock, pause):
    bot_id = new_bot(engine, status="active")["id"]
    force(engine, "BUY")
    engine.run_tick(bot_id)
    ticket = engine.get_bot(bot_id)["position_ticket"]
    assert ticket
    engine.pause_bot(bot_id) if pause else engine.stop_bot(bot_id)
    before = engine.get_bot(bot_id)
    with pytest.raises(ValidationError) as raised:
        engine.update_bot(bot_id, market="GBPUSD", name="Moved")
    assert list(raised.value.field_errors) == ["market"]
    assert f"#{ticket}" in raised.value.message("en") and "Close it before changing the market" in \
        raised.value.message("en")
    assert f"#{ticket}" in raised.value.message("id") and "Tutup posisinya dulu" in raised.value.message("id")
    assert engine.get_bot(bot_id) == before and engine.store.bots.get(bot_id)["name"] == "Scripted EURUSD"


def test_timeframe_strategy_and_stop_mode_change_with_a_position_says_what_happens_to_it(engine, clock):
    bot_id = new_bot(engine, status="active")["id"]
    force(engine, "BUY")
    engine.run_tick(bot_id)
    ticket = engine.get_bot(bot_id)["position_ticket"]
    sl_before = engine.positions()[0]["sl"]
    engine.pause_bot(bot_id)
    engine.update_bot(bot_id, timeframe="M5", stop_mode="atr")
    assert any(f"Position #{ticket} on EURUSD stays with this bot" in text for text in updates(engine, bot_id))
    (position,) = engine.positions()
    assert (position["ticket"], position["sl"]) == (ticket, sl_before)
    engine.resume_bot(bot_id)
    force(engine, "SELL")  # the new rules decide from here: the position is reversed, and the new entry
    next_bar(clock, engine, bot_id, minutes=5)  # is sized by ATR stops
    bot = engine.get_bot(bot_id)
    assert bot["position_ticket"] != ticket and bot["last_analysis"]["timeframe"] == "M5"
    (closed,) = engine.trades(bot_id=bot_id)
    assert (closed["position_id"], closed["timeframe"]) == (ticket, "M1")  # the trade keeps its own rules
    (reversed_into,) = engine.positions()
    assert reversed_into["side"] == "sell" and reversed_into["sl"] != 0


def test_a_paused_bot_that_changed_timeframe_analyses_the_new_one_on_resume(engine, clock):
    bot_id = new_bot(engine, status="active", strategy_name="ma_crossover")["id"]
    engine.run_tick(bot_id)
    engine.pause_bot(bot_id)
    engine.update_bot(bot_id, timeframe="M15")
    engine.resume_bot(bot_id)
    engine.run_tick(bot_id)  # the same instant: the M1 bar analysed before must not stand in for M15
    seen = engine.get_bot(bot_id)["last_analysis"]
    assert seen["timeframe"] == "M15" and seen["bar_time"] % 900 == 0
