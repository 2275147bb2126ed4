"""Parity with backtesting.py: its EURUSD hourly data, MA crossover 10/30, one unit per trade, no costs."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from qbx_engine.backtest import BacktestConfig, run_backtest
from qbx_engine.backtest.runner import Contract

backtesting = pytest.importorskip("backtesting")
from backtesting import Backtest, Strategy  # noqa: E402
from backtesting.lib import crossover  # noqa: E402
from backtesting.test import EURUSD, SMA  # noqa: E402


class UnitSmaCross(Strategy):
    """backtesting.py's SmaCross (10/30), trading one unit instead of a share of equity."""

    n1, n2 = 10, 30

    def init(self):
        self.sma1 = self.I(SMA, self.data.Close, self.n1)
        self.sma2 = self.I(SMA, self.data.Close, self.n2)

    def next(self):
        if crossover(self.sma1, self.sma2):
            self.position.close()
            self.buy(size=1)
        elif crossover(self.sma2, self.sma1):
            self.position.close()
            self.sell(size=1)


def as_bars(data: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"time": data.index.tz_localize("UTC"), "open": data["Open"].to_numpy(),
                         "high": data["High"].to_numpy(), "low": data["Low"].to_numpy(),
                         "close": data["Close"].to_numpy(), "tick_volume": data["Volume"].to_numpy()})


@pytest.fixture(scope="module")
def theirs():
    with warnings.catch_warnings():  # its own notes: the last trade stays open; a pandas deprecation
        warnings.simplefilter("ignore")
        return Backtest(EURUSD, UnitSmaCross, cash=10_000, commission=0, spread=0).run()._trades


@pytest.fixture(scope="module")
def ours():
    config = BacktestConfig("ma_crossover", {"fast_period": 10, "slow_period": 30, "ma_type": "sma"},
                            size_mode="fixed", volume=1, spread_points=0)
    return run_backtest(as_bars(EURUSD), config, Contract.units()).trades


def test_same_trades_as_backtesting_py(theirs, ours):
    closed = ours[ours["reason"] != "end"]  # backtesting.py leaves the last trade open
    assert len(closed) == len(theirs) > 100
    assert list(closed["entry_time"].dt.tz_localize(None)) == list(theirs["EntryTime"])
    assert list(closed["exit_time"].dt.tz_localize(None)) == list(theirs["ExitTime"])
    assert list(closed["side"]) == ["buy" if size > 0 else "sell" for size in theirs["Size"]]
    np.testing.assert_allclose(closed["entry_price"], theirs["EntryPrice"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(closed["exit_price"], theirs["ExitPrice"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(closed["price_diff"], theirs["PnL"], rtol=0, atol=1e-12)
