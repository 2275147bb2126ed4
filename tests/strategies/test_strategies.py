"""Every strategy on synthetic data, hand-made series with known answers, and bad parameters."""

import json

import numpy as np
import pandas as pd
import pytest

from qbx_engine.core.errors import ValidationError
from qbx_engine.core.i18n import render
from qbx_engine.market.timeframes import TIMEFRAMES
from qbx_engine.strategies import STRATEGIES, build, strategy_class
from qbx_engine.strategies.base import MARKETS, SIGNAL_CODES, SIGNAL_NAMES
from qbx_engine.texts import TEXTS
from tests.strategies.conftest import bars_from_closes

ALL = sorted(STRATEGIES)
FROM_BARS = sorted(name for name, cls in STRATEGIES.items() if not cls.from_alerts)  # alerts: test_tradingview_alert


def test_at_least_the_required_strategies_are_registered():
    assert {"ma_crossover", "rsi_reversal", "bollinger_reversion", "macd_crossover", "stochastic",
            "ema_rsi_pullback"} <= set(STRATEGIES)


EXITING = {"turtle_breakout"}  # strategies with exit-only signals


def market_bars(name, request):
    """Paper bars of a market the strategy suits: EURUSD H1, or US500 M15 for the index-only strategies."""
    return request.getfixturevalue("us500_m15" if STRATEGIES[name].markets == ("index",) else "eurusd_h1")


@pytest.mark.parametrize("name", FROM_BARS)
def test_each_strategy_trades_both_ways_on_synthetic_data(name, request):
    bars = market_bars(name, request)
    strategy = build(name, None)
    frame = strategy.columns(bars)
    allowed = set(SIGNAL_NAMES) if name in EXITING else {-1, 0, 1}
    assert set(np.unique(frame["signal"]).tolist()) <= allowed
    assert (frame["signal"][strategy.warmup():] == 1).sum() >= 5
    assert (frame["signal"][strategy.warmup():] == -1).sum() >= 5
    if name in EXITING:
        assert (frame["signal"] == 2).sum() >= 5 and (frame["signal"] == -2).sum() >= 5
    for column in strategy.indicator_columns():
        assert column in frame and len(frame[column]) == len(bars)


@pytest.mark.parametrize("name", FROM_BARS)
def test_live_analysis_matches_the_full_series(name, request):
    """The signal a bot sees on its window equals the backtester's signal for that bar."""
    bars = market_bars(name, request)
    strategy = build(name, None)
    full = strategy.columns(bars)["signal"]
    need = strategy.bars_needed()
    interesting = [len(bars) - 1]
    for code in np.unique(full[need:]):  # a few bars of every signal the strategy gives, HOLD included
        interesting += [i for i in np.flatnonzero(full == code) if i >= need][:4]
    assert {int(full[i]) for i in interesting} >= {-1, 0, 1}
    for end in interesting:
        window = bars.slice(end + 1 - need, end + 1)
        analysis = strategy.analyze(window)
        assert SIGNAL_CODES[analysis.signal] == full[end], (name, end)
        assert analysis.bar_time == bars.time[end]


@pytest.mark.parametrize("name", ALL)
def test_reasons_read_well_in_both_languages(name, gold_m15):
    strategy = build(name, None)
    frame = strategy.columns(gold_m15)
    for index in [len(gold_m15) - 1] + list(np.flatnonzero(frame["signal"])[:2]):
        window = gold_m15.slice(0, index + 1)
        analysis = strategy.analyze(window.tail(strategy.bars_needed()))
        for lang in ("id", "en"):
            text = render(analysis.reason, lang)
            assert text and "{" not in text and "why." not in text
        json.dumps(analysis.to_json())


def test_ma_crossover_buys_on_the_crossing_bar_exactly():
    closes = list(np.linspace(1.20, 1.10, 60)) + list(np.linspace(1.10, 1.25, 60))
    bars = bars_from_closes(closes)
    strategy = build("ma_crossover", {"fast_period": 5, "slow_period": 20})
    frame = strategy.columns(bars)
    fast = pd.Series(bars.close).rolling(5).mean()
    slow = pd.Series(bars.close).rolling(20).mean()
    first_above = int(np.argmax((fast > slow).to_numpy() & (np.arange(len(bars)) > 60)))
    assert list(np.flatnonzero(frame["signal"] == 1)) == [first_above]
    analysis = strategy.analyze(bars.slice(0, first_above + 1))
    assert analysis.signal == "BUY"
    assert "crossed above" in render(analysis.reason, "en")
    assert strategy.analyze(bars.slice(0, first_above + 2)).signal == "HOLD"


def test_rsi_reversal_buys_when_rsi_leaves_oversold():
    closes = [1.3 - 0.002 * i for i in range(40)] + [1.22 + 0.003 * i for i in range(10)]
    strategy = build("rsi_reversal", {"rsi_period": 14})
    frame = strategy.columns(bars_from_closes(closes))
    buys = np.flatnonzero(frame["signal"] == 1)
    assert len(buys) == 1
    assert frame["rsi"][buys[0] - 1] <= 30 < frame["rsi"][buys[0]]


def test_too_few_bars_means_hold_with_the_reason():
    strategy = build("ma_crossover", None)
    analysis = strategy.analyze(bars_from_closes(np.linspace(1, 2, 10)))
    assert analysis.signal == "HOLD"
    assert render(analysis.reason, "en") == "Only 10 bars; the strategy needs 52."


@pytest.mark.parametrize("params, field, english", [
    ({"fast_period": "abc"}, "strategy_params.fast_period", "Fast MA period must be a whole number (got 'abc')"),
    ({"fast_period": 2.5}, "strategy_params.fast_period", "must be a whole number"),
    ({"fast_period": True}, "strategy_params.fast_period", "must be a whole number"),
    ({"fast_period": 1}, "strategy_params.fast_period", "must be between 2 and 200 (got 1)"),
    ({"slow_period": 10_000}, "strategy_params.slow_period", "between 3 and 400"),
    ({"fast_period": 60, "slow_period": 50}, "strategy_params.fast_period", "must be smaller than the slow period"),
    ({"ma_type": "wma"}, "strategy_params.ma_type", "must be one of: sma, ema"),
    ({"colour": "red"}, "strategy_params.colour", "has no parameter 'colour'"),
])
def test_bad_parameters_are_refused_with_a_message_per_field(params, field, english):
    with pytest.raises(ValidationError) as raised:
        build("ma_crossover", params)
    assert field in raised.value.field_errors
    assert english in str(raised.value)
    assert raised.value.message("id") != raised.value.message("en")


def test_numbers_typed_as_text_are_accepted():
    strategy = build("rsi_reversal", {"rsi_period": "21", "oversold": "25,5"})
    assert strategy.p == {"rsi_period": 21, "oversold": 25.5, "overbought": 70.0}


def test_float_parameters_refuse_nan():
    with pytest.raises(ValidationError):
        build("bollinger_reversion", {"bb_std": float("nan")})


def test_unknown_strategy_names_the_choices():
    with pytest.raises(ValidationError) as raised:
        strategy_class("martingale")
    assert "ma_crossover" in str(raised.value) and "strategy_name" in raised.value.field_errors


@pytest.mark.parametrize("name", ALL)
def test_schema_is_complete_and_presets_are_valid(name):
    cls = STRATEGIES[name]
    description = json.loads(json.dumps(cls.describe()))
    assert description["difficulty"] in ("beginner", "intermediate", "advanced")
    for param in description["params"]:
        assert param["label"]["id"] and param["label"]["en"] and param["help"]["id"] and param["help"]["en"]
        if param["kind"] in ("int", "float"):
            assert param["min"] <= param["default"] <= param["max"] and param["step"]
    for preset in cls.presets.values():
        cls.validate(preset)
    assert {"conservative", "balanced", "aggressive"} <= set(cls.presets)
    assert all(f"preset.{key}" in TEXTS for key in cls.presets)
    assert description["markets"] and set(description["markets"]) <= set(MARKETS)
    assert set(description["timeframes"]) <= set(TIMEFRAMES)
    assert all(f"category.{market}" in TEXTS for market in description["markets"])
