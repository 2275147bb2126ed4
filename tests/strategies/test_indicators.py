"""Our indicators against the independent ``ta`` package, to 1e-9."""

import numpy as np
import pandas as pd
import pytest
import ta

from qbx_engine.market import indicators as ind

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


def _ta_zeros_to_nan(series: pd.Series, first: int, last: int | None = None) -> pd.Series:
    """``ta`` writes 0 where its ADX/DI are not defined yet (and on its last DI bar): compare the defined span."""
    values = series.to_numpy().copy()
    values[:first] = np.nan
    if last is not None:
        values[last:] = np.nan
    return pd.Series(values)


@pytest.mark.parametrize("period", [7, 14, 20])
def test_adx_and_directional_indicators(bars, period):
    strength, plus, minus = ind.adx(bars.high, bars.low, bars.close, period)
    ref = ta.trend.ADXIndicator(bars.high, bars.low, bars.close, period)
    first_adx = 2 * period - 1
    same(strength, _ta_zeros_to_nan(ref.adx(), first_adx), start=first_adx)
    assert np.isnan(strength[:first_adx]).all()
    # ta leaves +DI/-DI at 0 on bar `period` and on the last bar; ours are defined from bar `period` on.
    same(plus[:-1], _ta_zeros_to_nan(ref.adx_pos(), period + 1)[:-1], start=period + 1)
    same(minus[:-1], _ta_zeros_to_nan(ref.adx_neg(), period + 1)[:-1], start=period + 1)
    assert np.isnan(plus[:period]).all() and not np.isnan(plus[period:]).any()


def test_ichimoku_lines(bars):
    tenkan, kijun, span_a, span_b = ind.ichimoku(bars.high, bars.low, 9, 26, 52)
    ref = ta.trend.IchimokuIndicator(bars.high, bars.low, 9, 26, 52, visual=False)
    same(tenkan, ref.ichimoku_conversion_line())
    same(kijun, ref.ichimoku_base_line())
    same(span_a, ref.ichimoku_a())
    same(span_b, ref.ichimoku_b(), start=51)  # ta fills span B's first 51 bars from partial windows


def test_slow_stochastic(bars):
    k, d = ind.slow_stochastic(bars.high, bars.low, bars.close, 14, 3, 3)
    ref = ta.momentum.StochasticOscillator(bars.high, bars.low, bars.close, 14, 3)
    same(k, ref.stoch_signal())  # slow %K is the fast %K's 3-bar average: ta's signal line
    same(d, ref.stoch_signal().rolling(3).mean())


def test_wilder_seeded_by_hand():
    values = np.array([np.nan, 2.0, 4.0, 6.0, 3.0, 9.0])
    out = ind.wilder_seeded(values, 3)
    # seed: mean(2, 4, 6) = 4 on the third real value; then 4 + (3 - 4) / 3, then that + (9 - it) / 3
    expected = [np.nan, np.nan, np.nan, 4.0, 4.0 + (3.0 - 4.0) / 3, None]
    expected[5] = expected[4] + (9.0 - expected[4]) / 3
    np.testing.assert_allclose(out, expected, rtol=0, atol=1e-12)


def test_adx_by_hand_on_a_steady_rise():
    """Every bar 1 higher than the last: all movement is up, so +DI = 100 * 1 / true range, -DI = 0, ADX = 100."""
    close = np.arange(1.0, 41.0)
    high, low = close + 0.5, close - 0.5   # range 1, true range 1.5 (from the previous close, 1 lower)
    strength, plus, minus = ind.adx(high, low, close, 5)
    np.testing.assert_allclose(plus[5:], 100.0 * 1.0 / 1.5)
    assert (minus[5:] == 0).all() and (strength[9:] == 100.0).all()


@pytest.mark.parametrize("period", [7, 14])
def test_adx_warm_up_makes_a_window_agree_with_the_full_series(eurusd_h1, period):
    """A live bot reads warmup_adx(n) bars; its last ADX must be the backtest's for that bar."""
    full = ind.adx(eurusd_h1.high, eurusd_h1.low, eurusd_h1.close, period)
    n = ind.warmup_adx(period)
    for end in range(n, len(eurusd_h1), 97):
        window = eurusd_h1.slice(end - n, end)
        part = ind.adx(window.high, window.low, window.close, period)
        for ours, theirs in zip(part, full, strict=True):
            assert abs(ours[-1] - theirs[end - 1]) <= 1e-6 * max(1.0, abs(theirs[end - 1]))
