"""The bad inputs of issue 19, one by one: each refused by name in the trader's words, nothing saved.

And what is accepted on purpose: numbers typed as text (qbx_engine.core.inputs), ``events(limit=0)``.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest

from qbx_engine import ValidationError
from qbx_engine.backtest import BacktestConfig
from tests.engine.conftest import new_bot

NOT_DATA = {".lock", ".lock-owner.json"}


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in NOT_DATA}


@pytest.fixture
def refuses(engine, data_dir):
    def check(call, field: str, *words: str) -> ValidationError:
        before = files(data_dir)
        with pytest.raises(ValidationError) as raised:
            call()
        assert field in raised.value.field_errors, raised.value.field_errors
        for word in words:
            assert word in str(raised.value)
        assert raised.value.message("id") and raised.value.message("en")
        assert files(data_dir) == before
        return raised.value
    return check


def test_a_list_as_the_strategy_name(engine, refuses):
    refuses(lambda: new_bot(engine, strategy_name=["ma_crossover"]), "strategy_name", "['ma_crossover']")


@pytest.mark.parametrize("field", ["risk_percent", "sl_pips", "check_interval"])
def test_a_number_too_large_for_a_float(engine, refuses, field):
    refuses(lambda: new_bot(engine, **{field: 10**400}), field)


def test_a_time_zone_of_256_characters(engine, refuses):
    refuses(lambda: engine.update_settings(timezone="Europe/" + "x" * 249), "timezone", "Unknown time zone")
    assert engine.get_settings()["timezone"] == "Asia/Jakarta"


@pytest.mark.parametrize("change, field", [
    ({"initial_balance": math.inf}, "initial_balance"),
    ({"risk_percent": math.nan}, "risk_percent"),
    ({"sl_pips": "20"}, "sl_pips"),
    ({"volume": None}, "volume"),
    ({"spread_points": 2.5}, "spread_points"),
    ({"atr_period": 0}, "atr_period"),
    ({"strategy_params": [("fast_period", 5)]}, "strategy_params"),
    ({"initial_balance": 10**400}, "initial_balance"),
])
def test_a_backtest_configuration_with_inf_nan_or_wrong_types(engine, refuses, change, field):
    config = dataclasses.replace(BacktestConfig("ma_crossover", sl_pips=20, tp_pips=40), **change)
    refuses(lambda: engine.lab.backtest(config, symbol="EURUSD", timeframe="H1", count=300), field)


def test_a_backtest_of_zero_bars(engine, refuses):
    refuses(lambda: engine.lab.backtest(BacktestConfig("ma_crossover", sl_pips=20), symbol="EURUSD", timeframe="H1",
                                    count=0), "count", "from 1 to")


@pytest.mark.parametrize("arguments, field", [
    ({"actions": 123}, "actions"),
    ({"actions": ["START", "NOT AN ACTION"]}, "actions"),
    ({"since": "x"}, "since"),
    ({"until": math.nan}, "until"),
    ({"limit": -1}, "limit"),
    ({"limit": "10"}, "limit"),
    ({"offset": 1.5}, "offset"),
    ({"bot_id": "1"}, "bot_id"),
    ({"notifications_only": "yes"}, "notifications_only"),
])
def test_event_queries_with_bad_filters(engine, refuses, arguments, field):
    refuses(lambda: engine.events(**arguments), field)


def test_zero_events_is_an_empty_answer(engine):
    new_bot(engine, status="active")
    assert engine.events(limit=0) == []
    assert engine.events(bot_id=1, limit=0) == []
    assert [e["action"] for e in engine.events(bot_id=1, actions="START")] == ["START"]
    assert engine.events(actions=("START", "STOP"), limit=5)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2026-02-30", "yesterday", 20261125])
def test_a_day_out_of_range_or_malformed(engine, refuses, day):
    refuses(lambda: engine.mentor.report(day), "day")
    refuses(lambda: engine.mentor.emotions(day), "day")


@pytest.mark.parametrize("days", ["x", 0, 10**6, 2.0])
def test_sessions_for_a_bad_number_of_days(engine, refuses, days):
    refuses(lambda: engine.mentor.sessions(days=days), "days")


def test_rates_on_an_unknown_timeframe_or_count(engine, refuses):
    refuses(lambda: engine.market.rates("EURUSD", "H9", 50), "timeframe", "H9")
    refuses(lambda: engine.market.rates("EURUSD", "M15", 0), "count")
    refuses(lambda: engine.market.rates(["EURUSD"], "M15", 10), "market")
    assert len(engine.market.rates("eurusd", "M15", 10)) == 10


@pytest.mark.parametrize("balance", [math.nan, math.inf, -math.inf, 1e19, 10**400, 0, -5, "lots", None, True])
def test_a_paper_balance_that_is_not_money(engine, refuses, balance):
    refuses(lambda: engine.set_paper_balance(balance), "balance")
    assert engine.account()["balance"] == 10_000.0


def test_a_non_mapping_strategy_params_does_not_reset_tuned_parameters(engine, refuses):
    bot = new_bot(engine, strategy_name="ma_crossover", strategy_params={"fast_period": 7, "slow_period": 30})
    for value in ([7, 30], "fast=7", 5, None):
        refuses(lambda v=value: engine.update_bot(bot["id"], strategy_params=v), "strategy_params", "mapping")
    assert engine.get_bot(bot["id"])["strategy_params"]["fast_period"] == 7
    refuses(lambda: new_bot(engine, strategy_params="fast=7"), "strategy_params")


def test_numbers_typed_as_text_are_numbers(engine):
    """The documented rule for values a trader fills in: "1.5" and "1,5" (decimal comma) are 1.5."""
    bot = new_bot(engine, risk_percent="1,5", sl_pips=" 25 ", strategy_name="ma_crossover",
                  strategy_params={"fast_period": "8"})
    assert (bot["risk_percent"], bot["sl_pips"], bot["strategy_params"]["fast_period"]) == (1.5, 25.0, 8)
    assert engine.set_paper_balance("2500,50")["balance"] == 2500.5


def test_a_lifecycle_call_on_a_flag_that_is_not_a_bool(engine, refuses):
    bot = new_bot(engine)
    refuses(lambda: engine.delete_bot(bot["id"], close_position="yes"), "close_position")
    assert engine.get_bot(bot["id"])["status"] == "stopped"


def test_numpy_integers_are_whole_numbers(engine):
    import numpy as np

    bot = new_bot(engine, status="active")
    assert engine.events(bot_id=np.int64(bot["id"]), limit=np.int32(5))
    with pytest.raises(ValidationError):
        engine.events(limit=np.float64(5.0))
