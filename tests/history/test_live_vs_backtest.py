"""Live vs backtest: a bot driven bar by bar through the engine on the paper market, then compared with the
backtest of its exact settings over the same bars."""

from __future__ import annotations

import pytest

from qbx_engine import Engine
from qbx_engine.core.errors import ValidationError


def run_bot(engine, clock, bars: int, *, on_bar=None, **settings) -> int:
    bot = engine.create_bot({"name": "Live MA", "market": "EURUSD", "timeframe": "M1",
                             "strategy_name": "ma_crossover", "strategy_params": {"fast_period": 3, "slow_period": 8},
                             "risk_percent": 1.0, "sl_pips": 5, "tp_pips": 8, "check_interval": 60, **settings})
    engine.start_bot(bot["id"])  # at a bar's open, as a bot's scheduled ticks are
    for n in range(bars):
        if on_bar is not None:
            on_bar(n, bot["id"])
        engine.run_tick(bot["id"])
        clock.advance(60)
    return bot["id"]


@pytest.fixture
def engine(data_dir, clock):
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as opened:
        yield opened


def test_the_live_bot_and_its_backtest_trade_identically_on_the_same_bars(engine, clock):
    bot_id = run_bot(engine, clock, 240)
    compared = engine.history.live_vs_backtest(bot_id)
    counts = compared["counts"]
    assert compared["identical"] and counts["fill"] == counts["missed"] == counts["extra"] == 0
    same = [r for r in compared["rows"] if r["status"] == "same"]
    journal = engine.trades(bot_id=bot_id)
    assert len(same) >= 25 and len(same) >= len(journal) - 1  # the last may close beyond the data
    assert {r["live_reason"] for r in same} >= {"bot", "sl"}
    for row in same:  # same bar, side, lot, fill and money
        assert (row["live_volume"], row["live_net"]) == (row["test_volume"], row["test_net"])
        assert row["live_entry"] == pytest.approx(row["test_entry"], abs=1e-9)
    assert compared["config"]["sl_pips"] == 5 and compared["config"]["spread_points"] == 12  # EURUSD's spread
    live_end = compared["live_curve"]["equity"][-1]
    assert live_end == pytest.approx(10_000 + sum(t["net_profit"] for t in journal), abs=0.01)
    assert len(compared["backtest_curve"]["time"]) == len(compared["backtest_curve"]["equity"]) >= 239


def test_a_pause_shows_as_missed_trades_and_a_hand_close_as_a_fill_difference(engine, clock):
    def meddle(n, bot_id):
        if n == 60:
            engine.pause_bot(bot_id)
        if n == 120:
            engine.resume_bot(bot_id)
        if n == 170 and engine.get_bot(bot_id)["position_ticket"]:
            engine.close_position(bot_id)

    bot_id = run_bot(engine, clock, 200, on_bar=meddle)
    compared = engine.history.live_vs_backtest(bot_id)
    assert not compared["identical"]
    assert compared["counts"]["missed"] >= 2  # the backtest kept trading while the bot was paused
    missed = [r for r in compared["rows"] if r["status"] == "missed"]
    assert all(r["entry_time"] < missed[0]["entry_time"] + 61 * 60 for r in missed)
    assert any(r["status"] == "fill" and r["live_reason"] == "manual" for r in compared["rows"])


def test_a_bot_that_never_ran_has_nothing_to_compare(engine):
    bot = engine.create_bot({"name": "Idle", "market": "EURUSD", "timeframe": "M1", "strategy_name": "ma_crossover",
                             "strategy_params": {"fast_period": 3, "slow_period": 8}, "check_interval": 60})
    with pytest.raises(ValidationError) as caught:
        engine.history.live_vs_backtest(bot["id"])
    assert "belum pernah berjalan" in caught.value.message("id")
