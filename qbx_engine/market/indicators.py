"""Technical indicators on NumPy arrays, for a live tick (a few hundred bars) and a backtest (50,000) alike.

Conventions are the common ones, and those of the ``ta`` package, which the
tests use as the independent reference (equal to 1e-9): SMA over a full window;
EMA with ``span`` and no adjustment, undefined for its first ``span - 1`` values;
Wilder smoothing (``alpha = 1/n``) for RSI and ATR; population standard
deviation for Bollinger Bands. A value that cannot be computed yet is NaN.

Recursive averages (EMA, Wilder) depend on every bar before them, so a live
bot reading a window of bars sees the backtest's value only once the window
is long enough for the start to be forgotten: :func:`warmup_ema` and
:func:`warmup_wilder` say how long (a relative difference below 1e-6).
"""

from __future__ import annotations

import functools
import math
from contextlib import contextmanager
from contextvars import ContextVar

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

NAN = float("nan")
CONVERGED = 1e-6  # a recursive average is "warmed up" once the seed's weight is below this


# -- warm-up: how many bars an indicator needs before its value means what it says --------------
def warmup_window(period: int) -> int:
    """Bars a windowed indicator (SMA, Bollinger, Donchian, rolling min/max) needs for one value."""
    return int(period)


def _warmup_recursive(alpha: float, period: int) -> int:
    return int(period) + math.ceil(math.log(CONVERGED) / math.log(1.0 - alpha))


def warmup_ema(period: int) -> int:
    return _warmup_recursive(2.0 / (period + 1.0), period)


def warmup_wilder(period: int) -> int:
    return _warmup_recursive(1.0 / period, period)


# -- shared results: an optimisation computes each indicator of one bar set once ---------------------
class SharedResults:
    """Indicator arrays of one bar set, kept by (function, arguments) for as long as :func:`sharing` lasts.

    An argument array is recognised by identity, and only if it is one of the bar set's columns or an
    array this cache returned (both are held here, so their ids cannot be reused). Results are made
    read-only: a strategy that wrote into an indicator would otherwise change every later combination.
    """

    def __init__(self, columns, limit_bytes: int = 256 * 1024 * 1024):
        self.base = {id(c): c for c in columns}
        self.limit = limit_bytes
        self.clear()

    def clear(self) -> None:
        self.known = dict(self.base)
        self.values: dict[tuple, object] = {}
        self.size = 0
        self.hits = self.misses = 0

    def key(self, fn, args, kwargs) -> tuple | None:
        parts: list = [fn.__name__]
        for name, value in [*enumerate(args), *sorted(kwargs.items())]:
            parts.append(name)
            if isinstance(value, np.ndarray):
                if id(value) not in self.known:
                    return None
                parts.append(("array", id(value)))
            elif isinstance(value, (int, float, str, bool)) or value is None:
                parts.append(value)
            else:
                return None
        return tuple(parts)

    def keep(self, key: tuple, result) -> None:
        arrays = result if isinstance(result, tuple) else (result,)
        size = sum(a.nbytes for a in arrays if isinstance(a, np.ndarray))
        if self.size + size > self.limit:
            self.clear()
        for array in arrays:
            if isinstance(array, np.ndarray):
                array.flags.writeable = False
                self.known[id(array)] = array
        self.values[key] = result
        self.size += size


_SHARED: ContextVar[SharedResults | None] = ContextVar("qbx_shared_indicators", default=None)


@contextmanager
def sharing(*columns: np.ndarray):
    """While inside, indicators computed from ``columns`` (this thread only) are computed once per arguments."""
    results = SharedResults(columns)
    token = _SHARED.set(results)
    try:
        yield results
    finally:
        _SHARED.reset(token)


def _shared(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        results = _SHARED.get()
        if results is None:
            return fn(*args, **kwargs)
        key = results.key(fn, args, kwargs)
        if key is None:
            return fn(*args, **kwargs)
        found = results.values.get(key)
        if found is None:
            results.misses += 1
            found = fn(*args, **kwargs)
            results.keep(key, found)
        else:
            results.hits += 1
        return found
    return wrapper


# -- helpers ---------------------------------------------------------------------------------------
def _f(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


def shift(values: np.ndarray, by: int = 1) -> np.ndarray:
    """``values`` moved ``by`` bars later (NaN where nothing was before)."""
    values = _f(values)
    out = np.full(values.shape, NAN)
    if by < len(values):
        out[by:] = values[: len(values) - by]
    return out


def _windows(values: np.ndarray, period: int):
    """(sliding windows, output with NaN where a window is not full yet)."""
    values = _f(values)
    out = np.full(values.shape, NAN)
    if period > len(values) or period < 1:
        return None, out
    return sliding_window_view(values, period), out


@_shared
def rolling(values, period: int, how: str) -> np.ndarray:
    """Rolling ``mean``, ``min``, ``max`` or ``std`` (population) over full windows; NaN inside a window stays NaN."""
    if how == "mean":
        values = _f(values)
        out = np.full(values.shape, NAN)
        if 1 <= period <= len(values):
            out[period - 1:] = np.convolve(values, np.ones(period), "valid") / period
        return out
    windows, out = _windows(values, period)
    if windows is None:
        return out
    if how == "min":
        out[period - 1:] = windows.min(axis=1)
    elif how == "max":
        out[period - 1:] = windows.max(axis=1)
    elif how == "std":
        out[period - 1:] = windows.std(axis=1)
    else:
        raise ValueError(f"unknown rolling statistic {how!r}")
    return out


@_shared
def rolling_quantile(values, period: int, q: float) -> np.ndarray:
    """Rolling quantile with linear interpolation (pandas' default)."""
    windows, out = _windows(values, period)
    if windows is not None:
        out[period - 1:] = np.quantile(windows, q, axis=1)
    return out


def ewm(values, alpha: float, min_periods: int) -> np.ndarray:
    """Exponentially weighted mean without adjustment, as pandas computes it (``adjust=False``).

    Leading NaNs are skipped; a NaN inside the series decays the old weight
    without adding a new one (``ignore_na=False``); ``min_periods`` counts real values.
    """
    values = _f(values)
    real = ~np.isnan(values)
    first = int(np.argmax(real)) if real.any() else len(values)
    if not real[first:].all():
        return _ewm_with_gaps(values.tolist(), alpha, min_periods)
    out = np.full(values.shape, NAN)
    keep = 1.0 - alpha
    total = keep + alpha
    weighted = NAN
    smoothed = []
    for x in values[first:].tolist():
        if weighted != weighted:
            weighted = x
        elif weighted != x:
            weighted = (keep * weighted + alpha * x) / total
        smoothed.append(weighted)
    out[first:] = smoothed
    if min_periods > 1:
        out[first:first + min_periods - 1] = NAN
    return out


def _ewm_with_gaps(data: list, alpha: float, min_periods: int) -> np.ndarray:
    """The general case of :func:`ewm` (pandas' algorithm step by step), for series with gaps."""
    out = [NAN] * len(data)
    keep = 1.0 - alpha
    weighted = NAN
    old = 1.0
    seen = 0
    for i, x in enumerate(data):
        real = x == x
        seen += real
        if weighted == weighted:
            old *= keep
            if real:
                if weighted != x:
                    weighted = (old * weighted + alpha * x) / (old + alpha)
                old = 1.0
        elif real:
            weighted = x
        if seen >= min_periods:
            out[i] = weighted
    return np.array(out)


# -- indicators ------------------------------------------------------------------------------------
@_shared
def sma(close, period: int) -> np.ndarray:
    return rolling(close, period, "mean")


@_shared
def ema(close, period: int) -> np.ndarray:
    return ewm(close, 2.0 / (period + 1.0), period)


@_shared
def wilder(values, period: int) -> np.ndarray:
    return ewm(values, 1.0 / period, period)


@_shared
def rsi(close, period: int = 14) -> np.ndarray:
    """Relative Strength Index, 0-100; 100 when there was no down move at all.

    The first bar's change counts as zero, so the average starts on the first bar.
    """
    close = _f(close)
    change = np.diff(close, prepend=close[:1]) if len(close) else close
    up = np.clip(change, 0.0, None)
    down = np.clip(-change, 0.0, None)
    avg_up = wilder(up, period)
    avg_down = wilder(down, period)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = 100.0 - 100.0 / (1.0 + avg_up / avg_down)
    value = np.where(avg_down == 0, 100.0, value)
    return np.where(np.isnan(avg_up), NAN, value)


@_shared
def bollinger(close, period: int = 20, deviations: float = 2.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lower, middle, upper) bands."""
    middle = sma(close, period)
    spread = rolling(close, period, "std") * deviations
    return middle - spread, middle, middle + spread


@_shared
def macd(close, fast: int = 12, slow: int = 26, signal: int = 9) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(macd line, signal line, histogram)."""
    line = ema(close, fast) - ema(close, slow)
    signal_line = ema(line, signal)
    return line, signal_line, line - signal_line


@_shared
def stochastic(high, low, close, period: int = 14, smooth: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """(%K, %D): where the close sits in the recent high-low range, and its SMA."""
    lowest = rolling(low, period, "min")
    highest = rolling(high, period, "max")
    with np.errstate(divide="ignore", invalid="ignore"):
        k = 100.0 * (_f(close) - lowest) / (highest - lowest)
    return k, sma(k, smooth)


def true_range(high, low, close) -> np.ndarray:
    """max(high, previous close) - min(low, previous close); the first bar is its own range."""
    high, low = _f(high), _f(low)
    previous = shift(close, 1)
    ranges = np.fmax(np.fmax(high - low, np.abs(high - previous)), np.abs(low - previous))
    return ranges


@_shared
def atr(high, low, close, period: int = 14) -> np.ndarray:
    """Wilder's Average True Range, seeded with the mean of the first ``period`` ranges."""
    ranges = true_range(high, low, close)
    seeded = np.full(ranges.shape, NAN)
    if len(ranges) >= period:
        seeded[period - 1] = ranges[:period].mean()
        seeded[period:] = ranges[period:]
    return ewm(seeded, 1.0 / period, 0)


@_shared
def atr_simple(high, low, close, period: int = 14) -> np.ndarray:
    """The ATR as MetaTrader 5's ATR indicator draws it: a simple average of the last ``period`` true ranges.

    It depends on those bars only, so a live bot and a backtest get the same value
    for the same bar whatever window they read: the ATR that stops are measured in.
    """
    return sma(true_range(high, low, close), period)


@_shared
def donchian(high, low, period: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """(lowest low, highest high) of the ``period`` bars *before* each bar."""
    return shift(rolling(low, period, "min"), 1), shift(rolling(high, period, "max"), 1)


def crossed_above(a, b) -> np.ndarray:
    """True on the bar where ``a`` moves from at-or-below ``b`` to above it (``b`` may be a number)."""
    a = _f(a)
    b_now = _f(b) if np.ndim(b) else np.full(a.shape, float(b))
    with np.errstate(invalid="ignore"):
        return (a > b_now) & (shift(a) <= shift(b_now))


def crossed_below(a, b) -> np.ndarray:
    a = _f(a)
    b_now = _f(b) if np.ndim(b) else np.full(a.shape, float(b))
    with np.errstate(invalid="ignore"):
        return (a < b_now) & (shift(a) >= shift(b_now))


# -- trend strength, Ichimoku, slow stochastic ------------------------------------------------------
def warmup_adx(period: int) -> int:
    """ADX smooths twice with Wilder's average (the DI lines, then the DX): both must forget their seeds."""
    return 2 * warmup_wilder(period)


def wilder_seeded(values, period: int) -> np.ndarray:
    """Wilder's average seeded with the mean of the first ``period`` real values (leading NaNs skipped)."""
    values = _f(values)
    out = np.full(values.shape, NAN)
    real = np.flatnonzero(~np.isnan(values))
    if len(real) < period:
        return out
    first = int(real[0])
    seeded = np.full(values.shape, NAN)
    seeded[first + period - 1] = values[first:first + period].mean()
    seeded[first + period:] = values[first + period:]
    return ewm(seeded, 1.0 / period, 0)


def adx(high, low, close, period: int = 14) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ADX, +DI, -DI), Wilder's directional movement system.

    From the second bar on: +DM is the rise of the high when it beats the fall of
    the low (else 0), -DM the mirror; +DI and -DI are their Wilder averages over the
    true range's, in percent; DX = |+DI - -DI| / (+DI + -DI) in percent, and ADX is
    DX's Wilder average. The DI lines start at bar ``period``, ADX at ``2 * period - 1``.
    """
    high, low = _f(high), _f(low)
    ranges = true_range(high, low, close)
    up = high - shift(high)
    down = shift(low) - low
    with np.errstate(invalid="ignore"):
        plus = np.where((up > down) & (up > 0), up, 0.0)
        minus = np.where((down > up) & (down > 0), down, 0.0)
    if len(ranges):
        ranges[0] = plus[0] = minus[0] = NAN  # no previous bar: no movement to measure
    smooth_range = wilder_seeded(ranges, period)
    with np.errstate(divide="ignore", invalid="ignore"):
        plus_di = np.where(smooth_range == 0, 0.0, 100.0 * wilder_seeded(plus, period) / smooth_range)
        minus_di = np.where(smooth_range == 0, 0.0, 100.0 * wilder_seeded(minus, period) / smooth_range)
        total = plus_di + minus_di
        dx = np.where(total == 0, 0.0, 100.0 * np.abs(plus_di - minus_di) / total)
    undefined = np.isnan(smooth_range)
    plus_di[undefined] = minus_di[undefined] = dx[undefined] = NAN
    return wilder_seeded(dx, period), plus_di, minus_di


def ichimoku(high, low, tenkan: int = 9, kijun: int = 26, senkou: int = 52) -> tuple[np.ndarray, ...]:
    """(Tenkan-sen, Kijun-sen, Senkou span A, Senkou span B) as computed *on* each bar.

    Each line is the midpoint of the highest high and lowest low of its window
    (span A: the midpoint of Tenkan and Kijun). The cloud a chart draws over bar t is
    the spans of bar t - ``kijun`` (shift them by ``kijun`` to compare with a price).
    """
    def midpoint(period: int) -> np.ndarray:
        return 0.5 * (rolling(high, period, "max") + rolling(low, period, "min"))

    tenkan_line, kijun_line = midpoint(tenkan), midpoint(kijun)
    return tenkan_line, kijun_line, 0.5 * (tenkan_line + kijun_line), midpoint(senkou)


def slow_stochastic(high, low, close, period: int = 14, smooth: int = 3,
                    signal: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """(slow %K, slow %D): the fast %K averaged over ``smooth`` bars, and its ``signal``-bar average."""
    _, slow_k = stochastic(high, low, close, period, smooth)
    return slow_k, sma(slow_k, signal)


def warmup_slow_stochastic(period: int, smooth: int, signal: int) -> int:
    return warmup_window(period) + warmup_window(smooth) + warmup_window(signal)
