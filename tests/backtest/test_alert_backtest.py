"""Backtesting a TradingView alert bot: a CSV of past alerts, checked like live alerts, replayed through the
backtester's own rules (the same trades as the same signals written by hand)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from qbx_engine import Engine
from qbx_engine.backtest import BacktestConfig, paper_history, run_backtest
from qbx_engine.backtest.data import load_alerts_csv
from qbx_engine.backtest.runner import Contract
from qbx_engine.core.errors import ValidationError
from qbx_engine.core.i18n import render
from qbx_engine.strategies import STRATEGIES
from qbx_engine.strategies.base import SIGNAL_CODES
from tests.conftest import WEDNESDAY_10H
from tests.fakes import BarScript


def iso(ts: float) -> str:
    return pd.Timestamp(ts, unit="s", tz="UTC").strftime("%Y-%m-%dT%H:%M:%SZ")


def test_the_plain_shape_sorted_with_words_and_duplicates_dropped():
    table = load_alerts_csv("time,signal,price,id\n"
                            "2026-11-24T10:05:00Z,buy,1.1,a\n"
                            "2026-11-24T09:00:00Z,SHORT,1.2,b\n"
                            "2026-11-24T10:30:00Z,flat,,c\n"
                            "2026-11-24T11:00:00Z,sell,1.3,a\n")
    assert list(table["signal"]) == ["SELL", "BUY", "EXIT"] and list(table["id"]) == ["b", "a", "c"]
    assert table["time"].iloc[2] == pd.Timestamp("2026-11-24T10:30:00Z")
    assert table.attrs["duplicates"] == 1 and pd.isna(table["price"].iloc[2])
    epoch = load_alerts_csv("timestamp,signal\n1795600800,buy\n1795600800000,sell\n")  # seconds or ms
    assert list(epoch["time"]) == [pd.Timestamp(1795600800, unit="s", tz="UTC")] * 2


def test_the_message_shape_reads_each_body_as_the_receiver_does():
    table = load_alerts_csv('time;description\n'
                            '2026-11-24 10:05:00;{"signal": "long", "id": "x1", "price": 1.25}\n'
                            '2026-11-24 10:20:00;{"signal": "flat", "id": "x2"}\n')
    assert list(table["signal"]) == ["BUY", "EXIT"] and table["price"].iloc[0] == 1.25


@pytest.mark.parametrize("content, english", [
    ("", "empty"),
    ("when,signal\n2026-01-01,buy\n", "'time'"),
    ("time,price\n2026-01-01,1.1\n", "'signal'"),
    ("time,signal\n2026-01-01,buy\n2026-01-02,hold\n", "Line 3: signal hold is not buy, sell or close"),
    ("time,signal\n2026-01-01,buy\nlater,sell\n", "Line 3"),
    ("time,signal,price\n2026-01-01,buy,-1\n", "Line 2: price '-1'"),
    ("time,signal\n2150-01-01,buy\n", "Line 2"),
    ('time,message\n2026-01-01,"{""signal"": ""buy""}"\n', "Line 2, field id"),
    ('time,message\n2026-01-01,"{""signal"": ""buy"", ""id"": ""a"", ""price"": ""{{close}}""}"\n',
     "did not fill in {{close}}"),
])
def test_a_bad_file_is_refused_with_its_line(content, english):
    with pytest.raises(ValidationError) as refused:
        load_alerts_csv(content)
    assert english in render(refused.value.field_errors["csv"], "en")


def test_an_alert_backtest_trades_as_the_same_signals_written_by_hand(tmp_path, monkeypatch):
    bars = paper_history("EURUSD", "M15", 600, WEDNESDAY_10H)
    start = bars.time
    rng = np.random.default_rng(3)
    picks = np.sort(rng.choice(np.arange(10, 590), 40, replace=False))
    words = rng.choice(["buy", "sell", "close"], len(picks))
    csv = "time,signal,id\n" + "".join(f"{iso(start[i] + 420)},{w},n{i}\n" for i, w in zip(picks, words,
                                                                                          strict=True))
    config = BacktestConfig("tradingview_alert", sl_pips=15, tp_pips=30)
    with Engine.open(tmp_path / "data", start_scheduler=False) as engine:
        result = engine.lab.backtest_alerts(config, csv.encode(), symbol="EURUSD", timeframe="M15", bars=bars.frame())
        assert engine.lab.runs()[0]["source"] == "alerts" and engine.lab.runs()[0]["run_id"] == result.run_id
        with pytest.raises(ValidationError) as other_kind:
            engine.lab.backtest_alerts(BacktestConfig("ma_crossover", sl_pips=15), csv, symbol="EURUSD",
                                       timeframe="M15", bars=bars.frame())
        assert "strategy_name" in other_kind.value.field_errors
        with pytest.raises(ValidationError) as outside:
            engine.lab.backtest_alerts(config, "time,signal\n2020-01-01,buy\n", symbol="EURUSD", timeframe="M15",
                                       bars=bars.frame())
        assert "No alert falls within these bars" in render(outside.value.field_errors["alerts"], "en")
        # bars from a CSV: each alert lands on a bar by the bars' own spacing, whatever timeframe is named
        named_wrong = engine.lab.backtest_alerts(config, csv, symbol="EURUSD", timeframe="M5", bars=bars.frame())
        pd.testing.assert_frame_equal(named_wrong.trades, result.trades)
        with pytest.raises(ValidationError) as without:
            engine.lab.backtest(config, symbol="EURUSD", timeframe="M15", bars=bars.frame())
        assert "choose a CSV of its past alerts" in render(without.value.field_errors["alerts"], "en")
        assert len(engine.lab.runs()) == 2

    script = np.zeros(len(bars), dtype=np.int8)
    codes = {"buy": SIGNAL_CODES["BUY"], "sell": SIGNAL_CODES["SELL"], "close": SIGNAL_CODES["EXIT"]}
    script[picks] = [codes[w] for w in words]
    monkeypatch.setitem(STRATEGIES, BarScript.name, BarScript)
    monkeypatch.setattr(BarScript, "script", script)
    by_hand = run_backtest(bars, BacktestConfig("bar_script", sl_pips=15, tp_pips=30), Contract.paper("EURUSD"))
    assert len(result.trades) > 10
    pd.testing.assert_frame_equal(result.trades, by_hand.trades)
    assert result.stats == by_hand.stats
