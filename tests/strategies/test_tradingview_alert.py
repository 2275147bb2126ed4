"""The TradingView alert strategy in a backtest: each alert on the bar it arrived in, bars in and signals out."""

from __future__ import annotations

import numpy as np
import pytest

from qbx_engine.core.errors import ValidationError
from qbx_engine.core.i18n import render
from qbx_engine.strategies import STRATEGIES, build
from qbx_engine.strategies.base import SIGNAL_CODES
from qbx_engine.strategies.tradingview_alert import AlertTape, TradingViewAlert

BUY, SELL, EXIT = SIGNAL_CODES["BUY"], SIGNAL_CODES["SELL"], SIGNAL_CODES["EXIT"]


def test_the_kind_is_registered_takes_its_signals_from_alerts_and_checks_its_age_limit():
    assert STRATEGIES["tradingview_alert"] is TradingViewAlert and TradingViewAlert.from_alerts
    assert not any(cls.from_alerts for name, cls in STRATEGIES.items() if name != "tradingview_alert")
    assert build("tradingview_alert", None).p == {"max_age": 300}
    with pytest.raises(ValidationError) as refused:
        build("tradingview_alert", {"max_age": 5})
    assert "strategy_params.max_age" in refused.value.field_errors


def test_each_alert_lands_on_the_bar_it_arrived_in_and_the_last_of_a_bar_counts(eurusd_h1):
    start = eurusd_h1.time
    tape = AlertTape.of([
        (start[10] + 1, "BUY"),  # the first second of bar 10
        (start[20] + 3599, "SELL"),  # its last second
        (start[30] + 100, "BUY"), (start[30] + 200, "EXIT"),  # two in one bar: the later one counts
        (start[0] - 1, "SELL"),  # before the first bar: not on these bars
        (start[-1] + 3600, "BUY"),  # after the last bar closed: not yet
    ])
    signal = TradingViewAlert().with_alerts(tape, 3600).columns(eurusd_h1)["signal"]
    assert {int(i): int(signal[i]) for i in np.flatnonzero(signal)} == {10: BUY, 20: SELL, 30: EXIT}
    assert TradingViewAlert().columns(eurusd_h1)["signal"].any() == 0  # no tape: nothing to act on


def test_an_alert_that_arrived_while_the_market_was_closed_is_not_acted_on(us500_m15):
    start = us500_m15.time
    gap = int(np.flatnonzero(np.diff(start) > 900)[0])  # the last bar before a session's close
    tape = AlertTape.of([(start[gap] + 900 + 60, "BUY"), (start[gap] + 60, "SELL")])
    signal = TradingViewAlert().with_alerts(tape, 900).columns(us500_m15)["signal"]
    assert np.flatnonzero(signal).tolist() == [gap] and signal[gap] == SELL
    without_timeframe = TradingViewAlert().with_alerts(tape).columns(us500_m15)["signal"]  # shortest bar step
    assert np.array_equal(signal, without_timeframe)


def test_the_last_bars_analysis_equals_the_full_series_and_reads_well(eurusd_h1):
    start = eurusd_h1.time
    rng = np.random.default_rng(7)
    picks = np.sort(rng.choice(np.arange(5, len(eurusd_h1) - 1), 60, replace=False))
    tape = AlertTape.of([(start[i] + rng.uniform(0, 3599), rng.choice(["BUY", "SELL", "EXIT"])) for i in picks])
    strategy = TradingViewAlert().with_alerts(tape, 3600)
    full = strategy.columns(eurusd_h1)["signal"]
    for end in [*picks[:20], picks[0] + 1, len(eurusd_h1) - 1]:
        analysis = strategy.analyze(eurusd_h1.slice(end + 1 - strategy.bars_needed(), end + 1))
        assert SIGNAL_CODES[analysis.signal] == full[end]
        for lang in ("id", "en"):
            text = render(analysis.reason, lang)
            assert text and "{" not in text
