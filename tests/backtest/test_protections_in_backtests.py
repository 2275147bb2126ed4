"""Each entry gate, the emergency brake and the no-trade calendar change a backtest exactly as they change live
trading: a bot driven live close by close on the paper broker and its account backtest refuse the same entries,
for the same cause, at the same bar — and trade alike. Without the protection the backtest trades otherwise."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from qbx_engine import Engine
from qbx_engine.core.clock import ManualClock
from tests.backtest.account_drive import (
    at_closes,
    backtest,
    drive,
    live_refusals,
    live_trades,
    replayed_refusals,
    replayed_trades,
)

START = datetime(2026, 11, 25, 3, 0, tzinfo=UTC).timestamp()  # a Wednesday
STEP = 5 * 60
STEPS = 144  # twelve hours of M5 closes
BOT = {"name": "Busy EURUSD", "market": "EURUSD", "timeframe": "M5", "strategy_name": "ma_crossover",
       "strategy_params": {"fast_period": 2, "slow_period": 5, "ma_type": "sma"}, "risk_percent": 1.0, "sl_pips": 4,
       "tp_pips": 9, "check_interval": 300, "status": "active"}
OFF = {"cooldown_minutes": 0, "sl_guard_count": 0, "max_trades_per_day": 0, "entries_off": False}
CASES = {
    "cooldown": ({"cooldown_minutes": 40}, {}),
    "sl_guard": ({"sl_guard_count": 2, "sl_guard_window": 120, "sl_guard_pause": 90}, {}),
    "max_trades": ({"max_trades_per_day": 3}, {}),
    "entries_off": ({"entries_off": True}, {}),
    "calendar": ({}, {"calendar_on": True, "calendar_windows": ["10:00-13:00"]}),  # Jakarta: 03:00-06:00 UTC
    "brake": ({}, {"brake_daily_loss": 25.0}),
    "brake_drawdown": ({}, {"brake_max_drawdown": 0.5}),
}
SETTINGS_OFF = {"calendar_on": False, "brake_daily_loss": 0.0, "brake_max_drawdown": 0.0}


@pytest.mark.parametrize("cause", list(CASES))
def test_a_protection_refuses_the_same_entries_live_and_in_the_backtest(data_dir, cause):
    bot_settings, account_settings = CASES[cause]
    clock = ManualClock(START)
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        if account_settings:
            engine.update_settings(**account_settings)
        bot_id = engine.create_bot({**BOT, **bot_settings})["id"]
        notes = drive(engine, clock, START, START + STEPS * STEP, at_closes(engine, START, STEP, STEPS),
                        scheduler=False)
        until = START + STEPS * STEP
        run = backtest(engine, START, until)
        refused = replayed_refusals(run)
        assert refused == live_refusals(notes)
        assert cause.partition("_drawdown")[0] in {c for _, _, c in refused}
        assert replayed_trades(run) == live_trades(engine)

        bot = engine.book.get(bot_id)
        unprotected = backtest(engine, START, until, bots=[dataclasses.replace(bot, **OFF)],
                               settings={**engine.get_settings(), **SETTINGS_OFF})
        assert cause.partition("_drawdown")[0] not in {c for _, _, c in replayed_refusals(unprotected)}
        assert replayed_trades(unprotected) != replayed_trades(run)


def test_an_entry_the_margin_cannot_carry_is_refused_live_and_in_the_backtest(data_dir):
    """The paper broker's margin rule: 10 % risk on a 4-pip stop asks for ~25 lots, more than 10,000 can carry."""
    clock = ManualClock(START)
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        engine.create_bot({**BOT, "risk_percent": 10.0})
        notes = drive(engine, clock, START, START + 36 * STEP, at_closes(engine, START, STEP, 36),
                        scheduler=False)
        run = backtest(engine, START, START + 36 * STEP)
        refused = replayed_refusals(run)
        assert refused == live_refusals(notes) and {c for _, _, c in refused} == {"margin"}
        assert replayed_trades(run) == live_trades(engine) == []


def test_margin_refusals_agree_with_bots_on_different_contracts(data_dir):
    """Each entry's margin is counted on its own contract, beside the positions of bots on other symbols."""
    clock = ManualClock(START)
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        engine.create_bot({**BOT, "risk_percent": 3.0})
        engine.create_bot({**BOT, "name": "Busy USDJPY", "market": "USDJPY", "risk_percent": 2.0, "sl_pips": 6})
        engine.create_bot({**BOT, "name": "Busy gold", "market": "XAUUSD", "risk_percent": 2.0, "sl_pips": 300,
                           "tp_pips": 600})
        notes = drive(engine, clock, START, START + 72 * STEP, at_closes(engine, START, STEP, 72),
                        scheduler=False)
        run = backtest(engine, START, START + 72 * STEP)
        refused = replayed_refusals(run)
        assert refused == live_refusals(notes)
        assert {c for _, _, c in refused} == {"margin"} and {b for _, b, _ in refused} == {1, 2}
        assert replayed_trades(run) == live_trades(engine) and {t[0] for t in live_trades(engine)} == {1, 2, 3}
