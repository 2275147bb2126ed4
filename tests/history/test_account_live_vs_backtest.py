"""The account view of live vs backtest: the bots that ran, from their first start to now, replayed on the balance
they started from. Bots ticked where their live schedule puts them (each bar close plus the bot's own offset) come
out identical: the default timing of the account backtest is that schedule."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from qbx_engine import Engine
from qbx_engine.core.clock import ManualClock
from qbx_engine.core.errors import ValidationError
from qbx_engine.trading.schedule import tick_offset

START = datetime(2026, 11, 24, 3, 0, tzinfo=UTC).timestamp()
STEP = 15 * 60
BOT = {"timeframe": "M15", "strategy_name": "ma_crossover", "strategy_params": {"fast_period": 3, "slow_period": 8},
       "risk_percent": 1.0, "sl_pips": 12, "tp_pips": 25, "check_interval": 60}


def test_bots_on_their_schedule_and_the_account_backtest_agree(data_dir):
    clock = ManualClock(START)
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        ids = [engine.create_bot({**BOT, "name": name, "market": name, "status": "active",
                                  "cooldown_minutes": 30 if name == "GBPUSD" else 0})["id"]
               for name in ("EURUSD", "GBPUSD", "USDJPY")]
        ticks = sorted((tick_offset(i, 60), i) for i in ids)
        for step in range(49):
            for offset, bot_id in ticks:
                clock.set(START + step * STEP + offset)
                engine.run_tick(bot_id)
        compared = engine.history.account_live_vs_backtest()
        assert compared["since"] == START and compared["balance"] == 10_000.0
        assert compared["live_trades"] >= 10
        for row in compared["rows"]:
            assert (row["live_trades"], row["live_net"], row["live_open"]) == \
                (row["test_trades"], row["test_net"], row["test_open"]), row
        run = compared["run"]
        still_open = sum(p["profit"] for p in engine.positions())
        ended = float(run.trades[run.trades["reason"] == "end"]["net"].sum())
        assert run.stats["net_profit"] - ended == pytest.approx(compared["live_net"], abs=0.005)
        assert abs(ended - still_open) < 50  # open positions valued at the last close vs the quote now
        assert engine.lab.runs() == []  # a comparison is not kept among the saved runs


def test_no_bot_has_run_yet(data_dir):
    with Engine.open(data_dir, clock=ManualClock(START), start_scheduler=False) as engine:
        engine.create_bot({**BOT, "name": "Idle", "market": "EURUSD"})
        with pytest.raises(ValidationError) as caught:
            engine.history.account_live_vs_backtest()
        assert caught.value.field_errors["bots"].key == "acct.never_ran"
