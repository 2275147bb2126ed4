"""The backtester's trading rules on hand-written bars: fills, SL/TP in a bar, spread, commission, sizing."""

from __future__ import annotations

import pandas as pd
import pytest

from qbx_engine.backtest import BacktestConfig, paper_history, run_backtest
from qbx_engine.backtest.runner import Contract
from qbx_engine.core.errors import ValidationError
from qbx_engine.core.i18n import render
from qbx_engine.strategies import STRATEGIES
from tests.fakes import BarScript

EURUSD = Contract.paper("EURUSD")


@pytest.fixture(autouse=True)
def bar_script(monkeypatch):
    monkeypatch.setitem(STRATEGIES, BarScript.name, BarScript)


def bars(rows, start="2026-11-23 00:00"):
    """rows: (open, high, low, close, signal); the signals go to the BarScript strategy."""
    frame = pd.DataFrame(rows, columns=["open", "high", "low", "close", "sig"])
    frame.insert(0, "time", pd.date_range(start, periods=len(rows), freq="h", tz="UTC"))
    frame["tick_volume"] = 100
    BarScript.script = frame.pop("sig").to_numpy(dtype="int8")
    return frame


def run(rows, **config):
    options = {"size_mode": "fixed", "volume": 1.0, "spread_points": 0, **config}
    return run_backtest(bars(rows), BacktestConfig("bar_script", **options), EURUSD)


FLAT = (1.1000, 1.1010, 1.0990, 1.1000, 0)


def test_signal_fills_at_the_next_open_and_reverses():
    result = run([(1.1, 1.101, 1.099, 1.1, 1), (1.1010, 1.103, 1.1005, 1.1020, 0), (1.1020, 1.104, 1.101, 1.1030, -1),
                  (1.1040, 1.105, 1.102, 1.1030, 0), (1.1030, 1.104, 1.100, 1.1010, 0)])
    t = result.trades
    assert list(t["side"]) == ["buy", "sell"] and list(t["reason"]) == ["signal", "end"]
    assert (t["entry_price"][0], t["exit_price"][0]) == (1.1010, 1.1040)
    assert t["net"][0] == pytest.approx(0.0030 * 100_000)  # 1 lot: 300 USD
    assert (t["entry_bar"][1], t["entry_price"][1], t["exit_price"][1]) == (3, 1.1040, 1.1010)
    assert result.stats["trades"] == 2 and result.stats["net_profit"] == pytest.approx(600.0)


def test_a_signal_in_the_held_direction_does_nothing():
    result = run([(1.1, 1.101, 1.099, 1.1, 1), (1.1, 1.101, 1.099, 1.1, 1), FLAT, FLAT])
    assert len(result.trades) == 1 and result.trades["entry_bar"][0] == 1


def test_sl_and_tp_inside_a_bar_and_the_both_touched_rule():
    # long at 1.1000 with SL 20 pips (1.0980) and TP 20 pips (1.1020)
    tp_only = run([(1.1, 1.1, 1.1, 1.1, 1), (1.1000, 1.1025, 1.0990, 1.1010, 0), FLAT], sl_pips=20, tp_pips=20)
    assert (tp_only.trades["reason"][0], tp_only.trades["exit_price"][0], tp_only.trades["exit_bar"][0]) == \
        ("tp", 1.1020, 1)
    both = run([(1.1, 1.1, 1.1, 1.1, 1), (1.1000, 1.1030, 1.0970, 1.1010, 0), FLAT], sl_pips=20, tp_pips=20)
    assert (both.trades["reason"][0], both.trades["exit_price"][0]) == ("sl", 1.0980)  # pessimistic: the stop
    gap = run([(1.1, 1.1, 1.1, 1.1, 1), (1.1, 1.1005, 1.0995, 1.1, 0), (1.0950, 1.0960, 1.0940, 1.0950, 0)],
              sl_pips=20, tp_pips=20)
    assert (gap.trades["reason"][0], gap.trades["exit_price"][0]) == ("sl", 1.0950)  # gapped through: the open
    short = run([(1.1, 1.1, 1.1, 1.1, -1), (1.1000, 1.1010, 1.0975, 1.0990, 0), FLAT], sl_pips=20, tp_pips=20)
    assert (short.trades["reason"][0], short.trades["exit_price"][0]) == ("tp", 1.0980)


def test_spread_is_paid_once_per_round_trip():
    flat_market = [(1.1, 1.1, 1.1, 1.1, 1), (1.1, 1.1, 1.1, 1.1, 0), (1.1, 1.1, 1.1, 1.1, -1), (1.1, 1.1, 1.1, 1.1, 0)]
    result = run(flat_market, spread_points=15)
    first = result.trades.iloc[0]
    assert (first["entry_price"], first["exit_price"]) == (pytest.approx(1.10015), 1.1)
    assert first["net"] == pytest.approx(-15.0)  # 1.5 pips on one lot, once
    second = result.trades.iloc[1]
    assert (second["entry_price"], second["exit_price"]) == (1.1, pytest.approx(1.10015))


def test_commission_per_lot_per_side():
    result = run([(1.1, 1.1, 1.1, 1.1, 1), (1.1, 1.1, 1.1, 1.1, 0), (1.1, 1.1, 1.1, 1.1, -1), FLAT],
                 commission_per_lot=3.5, volume=2.0)
    first = result.trades.iloc[0]
    assert (first["gross"], first["commission"], first["net"]) == (0.0, -14.0, -14.0)
    assert result.stats["commission"] == -28.0
    assert result.equity.iloc[-1] == pytest.approx(10_000 - 28.0)


def test_risk_based_lot_from_the_balance_and_stop():
    result = run([(1.1, 1.1, 1.1, 1.1, 1), FLAT, FLAT], size_mode="risk", risk_percent=1.0, sl_pips=25)
    assert result.trades["volume"][0] == 0.4  # 100 USD / (25 pips x 10 USD per pip per lot)
    refused = run([(1.1, 1.1, 1.1, 1.1, 1), FLAT, FLAT], size_mode="risk", risk_percent=0.01, sl_pips=250,
                  initial_balance=100)
    assert refused.trades.empty and refused.skipped[0]["reason"]["key"] == "lot.below_min"


def test_drawdown_counts_the_open_trade():
    result = run([(1.1, 1.1, 1.1, 1.1, 1), (1.1000, 1.1, 1.0500, 1.0500, 0), (1.05, 1.11, 1.05, 1.1100, 0)])
    assert result.stats["max_drawdown"] == pytest.approx(-5000.0)
    assert result.stats["max_drawdown_pct"] == pytest.approx(-50.0)
    assert result.stats["exposure_pct"] == pytest.approx(66.67)


def test_jpy_profit_is_converted_to_the_account_currency():
    yen = Contract.paper("USDJPY")
    frame = bars([(150.0, 150, 150, 150, 1), (150.0, 150.5, 150, 150.0, 0), (150.5, 150.5, 150.5, 150.5, 0)])
    result = run_backtest(frame, BacktestConfig("bar_script", size_mode="fixed", volume=1.0, spread_points=0), yen)
    assert result.trades["net"][0] == pytest.approx(round(0.5 * 100_000 / 150.5, 2))


@pytest.mark.parametrize("rows, config, field", [
    ([], {}, "bars"),
    ([FLAT], {"strategy_name": "ma_crossover"}, "bars"),
    ([FLAT, FLAT], {"size_mode": "risk", "sl_pips": 0}, "sl_pips"),
    ([FLAT, FLAT], {"volume": 0}, "volume"),
    ([FLAT, FLAT], {"commission_per_lot": -1}, "costs"),
])
def test_bad_input_is_refused_clearly(rows, config, field):
    options = {"strategy_name": "bar_script", "size_mode": "fixed", "volume": 1.0, **config}
    frame = bars(rows) if rows else bars([]).iloc[0:0]
    with pytest.raises(ValidationError) as refused:
        run_backtest(frame, BacktestConfig(**options), EURUSD)
    assert field in refused.value.field_errors
    if field == "bars":
        assert "butuh minimal" in render(refused.value.field_errors["bars"], "id")


def test_paper_history_runs_the_real_strategies():
    history = paper_history("EURUSD", "H1", 5000, until=pd.Timestamp("2026-11-20", tz="UTC").timestamp())
    assert len(history) == 5000
    for name in STRATEGIES:
        if name == "bar_script":
            continue
        result = run_backtest(history, BacktestConfig(name, sl_pips=30, tp_pips=60), EURUSD)
        assert result.stats["bars"] == 5000 and len(result.equity) == 5000
        assert result.stats["net_profit"] == pytest.approx(float(result.trades["net"].sum()), abs=0.05)


@pytest.mark.parametrize("unit", ["s", "ms", "ns"])
def test_statistics_do_not_depend_on_the_time_resolution(unit):
    history = paper_history("EURUSD", "H1", 2000, until=pd.Timestamp("2026-11-20", tz="UTC").timestamp()).frame()
    history["time"] = history["time"].dt.as_unit(unit)  # a CSV's frame may come at any datetime resolution
    result = run_backtest(history, BacktestConfig("ma_crossover", sl_pips=30, tp_pips=60), EURUSD)
    equity = result.equity.to_numpy()
    returns = equity[1:] / equity[:-1] - 1
    years = (history["time"].iloc[-1] - history["time"].iloc[0]).total_seconds() / (365.25 * 86400)
    expected = returns.mean() / returns.std() * ((len(equity) - 1) / years) ** 0.5
    assert result.stats["sharpe"] == pytest.approx(round(expected, 2), abs=0.01)
    assert -10 < result.stats["sharpe"] < 10
