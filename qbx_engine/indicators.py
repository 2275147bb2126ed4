"""Technical indicators on pandas Series, vectorised.

Conventions are the common ones (and those of the ``ta`` package, which the
tests use as the independent reference): SMA over a full window; EMA with
``span`` and no adjustment, undefined for the first ``span - 1`` bars; Wilder
smoothing (``alpha = 1/n``) for RSI and ATR; population standard deviation
for Bollinger Bands.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def sma(series: pd.Series, period: int) -> pd.Series:
    return series.rolling(period, min_periods=period).mean()


def ema(series: pd.Series, period: int) -> pd.Series:
    return series.ewm(span=period, min_periods=period, adjust=False).mean()


def rsi(close: pd.Series, period: int = 14) -> pd.Series:
    """Relative Strength Index, 0-100; 100 when there was no down move at all.

    The first bar's change counts as zero, so the average starts on the first bar.
    """
    change = close.diff()
    if len(change):
        change.iloc[0] = 0.0
    up = change.clip(lower=0.0)
    down = (-change).clip(lower=0.0)
    avg_up = up.ewm(alpha=1.0 / period, min_periods=period, adjust=False).mean()
    avg_down = down.ewm(alpha=1.0 / period, min_periods=period, adjust=False).mean()
    with np.errstate(divide="ignore", invalid="ignore"):
        value = 100.0 - 100.0 / (1.0 + avg_up / avg_down)
    return value.where(avg_down != 0, 100.0).where(avg_up.notna())


def bollinger(close: pd.Series, period: int = 20, deviations: float = 2.0) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(lower, middle, upper) bands."""
    middle = sma(close, period)
    spread = close.rolling(period, min_periods=period).std(ddof=0) * deviations
    return middle - spread, middle, middle + spread


def macd(close: pd.Series, fast: int = 12, slow: int = 26, signal: int = 9) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(macd line, signal line, histogram)."""
    line = ema(close, fast) - ema(close, slow)
    signal_line = ema(line, signal)
    return line, signal_line, line - signal_line


def stochastic(high: pd.Series, low: pd.Series, close: pd.Series, period: int = 14,
               smooth: int = 3) -> tuple[pd.Series, pd.Series]:
    """(%K, %D): where the close sits in the recent high-low range, and its SMA."""
    lowest = low.rolling(period, min_periods=period).min()
    highest = high.rolling(period, min_periods=period).max()
    with np.errstate(divide="ignore", invalid="ignore"):
        k = 100.0 * (close - lowest) / (highest - lowest)
    return k, sma(k, smooth)


def true_range(high: pd.Series, low: pd.Series, close: pd.Series) -> pd.Series:
    previous = close.shift(1)
    ranges = pd.concat([high - low, (high - previous).abs(), (low - previous).abs()], axis=1)
    return ranges.max(axis=1)


def atr(high: pd.Series, low: pd.Series, close: pd.Series, period: int = 14) -> pd.Series:
    """Wilder's Average True Range, seeded with the mean of the first ``period`` ranges."""
    ranges = true_range(high, low, close)
    seeded = ranges.copy()
    seeded.iloc[: period - 1] = np.nan
    if len(ranges) >= period:
        seeded.iloc[period - 1] = ranges.iloc[:period].mean()
    return seeded.ewm(alpha=1.0 / period, adjust=False).mean()


def donchian(high: pd.Series, low: pd.Series, period: int = 20) -> tuple[pd.Series, pd.Series]:
    """(lowest low, highest high) of the ``period`` bars *before* each bar."""
    return (low.shift(1).rolling(period, min_periods=period).min(),
            high.shift(1).rolling(period, min_periods=period).max())


def crossed_above(a: pd.Series, b) -> pd.Series:
    """True on the bar where ``a`` moves from at-or-below ``b`` to above it."""
    b_prev = b.shift(1) if isinstance(b, pd.Series) else b
    return (a > b) & (a.shift(1) <= b_prev)


def crossed_below(a: pd.Series, b) -> pd.Series:
    b_prev = b.shift(1) if isinstance(b, pd.Series) else b
    return (a < b) & (a.shift(1) >= b_prev)
