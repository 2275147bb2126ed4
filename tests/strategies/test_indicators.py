"""Our indicators against the independent ``ta`` package, to 1e-9."""

import numpy as np
import pandas as pd
import pytest
import ta

from qbx_engine import indicators as ind

TOL = 1e-9


def same(ours: np.ndarray, theirs: pd.Series, start: int = 0):
    """Equal to ``ta`` within 1e-9, relative to the value's size above 1 (gold at 2,650 has ~13 significant
    digits left after pandas' running sums, so an absolute 1e-9 would test float noise, not the formula)."""
    a, b = np.asarray(ours)[start:], theirs.to_numpy()[start:]
    assert np.isnan(a).sum() == np.isnan(b).sum()
    mask = ~np.isnan(b)
    assert mask.sum() > 100
    assert np.max(np.abs(a[mask] - b[mask]) / np.maximum(1.0, np.abs(b[mask]))) <= TOL


@pytest.fixture(params=["eurusd_h1", "gold_m15"])
def bars(request):
    """The paper bars as the pandas frame ``ta`` wants; our functions take its columns."""
    return request.getfixturevalue(request.param).frame()


@pytest.mark.parametrize("period", [5, 20, 200])
def test_sma_and_ema(bars, period):
    same(ind.sma(bars.close, period), ta.trend.SMAIndicator(bars.close, period).sma_indicator())
    same(ind.ema(bars.close, period), ta.trend.EMAIndicator(bars.close, period).ema_indicator())


@pytest.mark.parametrize("period", [2, 14, 30])
def test_rsi(bars, period):
    same(ind.rsi(bars.close, period), ta.momentum.RSIIndicator(bars.close, period).rsi())


def test_rsi_is_100_when_price_only_rises():
    rising = np.linspace(1.0, 2.0, 50)
    assert ind.rsi(rising, 14)[-1] == 100.0


@pytest.mark.parametrize("period, dev", [(20, 2.0), (10, 1.5)])
def test_bollinger(bars, period, dev):
    lower, middle, upper = ind.bollinger(bars.close, period, dev)
    ref = ta.volatility.BollingerBands(bars.close, period, dev)
    same(lower, ref.bollinger_lband())
    same(middle, ref.bollinger_mavg())
    same(upper, ref.bollinger_hband())


def test_macd(bars):
    line, signal, hist = ind.macd(bars.close, 12, 26, 9)
    ref = ta.trend.MACD(bars.close, 26, 12, 9)
    same(line, ref.macd())
    same(signal, ref.macd_signal())
    same(hist, ref.macd_diff())


def test_stochastic(bars):
    k, d = ind.stochastic(bars.high, bars.low, bars.close, 14, 3)
    ref = ta.momentum.StochasticOscillator(bars.high, bars.low, bars.close, 14, 3)
    same(k, ref.stoch())
    same(d, ref.stoch_signal())


@pytest.mark.parametrize("period", [7, 14])
def test_atr(bars, period):
    ours = ind.atr(bars.high, bars.low, bars.close, period)
    theirs = ta.volatility.AverageTrueRange(bars.high, bars.low, bars.close, period).average_true_range()
    same(ours, theirs, start=period - 1)  # ta writes zeros where the ATR is not defined yet
    assert np.isnan(ours[: period - 1]).all()


def test_donchian_uses_the_bars_before(bars):
    lower, upper = ind.donchian(bars.high, bars.low, 20)
    ref = ta.volatility.DonchianChannel(bars.high, bars.low, bars.close, 20)
    same(upper, ref.donchian_channel_hband().shift(1))
    same(lower, ref.donchian_channel_lband().shift(1))


def test_crossings_mark_only_the_crossing_bar():
    a = np.array([1.0, 2.0, 3.0, 2.0, 1.0])
    b = np.array([2.0, 2.0, 2.0, 2.0, 2.0])
    assert ind.crossed_above(a, b).tolist() == [False, False, True, False, False]
    assert ind.crossed_below(a, b).tolist() == [False, False, False, False, True]
