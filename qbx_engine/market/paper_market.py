"""Quotes, closed bars, trading hours and exact SL/TP path checks for the paper symbols.

Forex and metals trade Monday to Friday (UTC days); crypto trades every day.
Bars are bid bars aligned to UTC. Bars up to M5 are built from every 5-second
knot, so their highs and lows are exact; longer bars sample 60 points each.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict

import numpy as np
import pandas as pd

from ..money import round_price
from .symbols import PAPER_SYMBOLS, SymbolSpec
from .synthetic import KNOT, RAW_DAILY_STD, hashed_uniform, raw_path
from .timeframes import seconds

DAY = 86400.0
QUOTE_STEP = 0.1  # seconds: the paper market updates its quotes ten times a second
_PATH_BLOCK = 200_000  # samples per pass when scanning a long interval for SL/TP


def weekday(ts):
    """Monday = 0 … Sunday = 6, for UTC epoch seconds (scalar or array)."""
    return (np.floor_divide(ts, DAY) + 3) % 7


class PaperMarket:
    def __init__(self, specs: dict[str, SymbolSpec] | None = None):
        self.specs = specs or PAPER_SYMBOLS
        self._lock = threading.Lock()
        self._bars: OrderedDict[tuple[str, str], pd.DataFrame] = OrderedDict()
        self._quotes: dict[str, tuple[float, float]] = {}

    # -- prices ----------------------------------------------------------------
    def path(self, symbol: str, times) -> np.ndarray:
        """Unrounded bid at each time."""
        spec = self.specs[symbol]
        scale = spec.daily_vol / RAW_DAILY_STD
        return spec.base_price * np.exp(scale * raw_path(spec.seed, np.asarray(times, dtype=np.float64)))

    def bid(self, symbol: str, ts: float) -> float:
        quoted = math.floor(ts / QUOTE_STEP) * QUOTE_STEP
        with self._lock:
            cached = self._quotes.get(symbol)
            if cached is not None and cached[0] == quoted:
                return cached[1]
        price = round_price(float(self.path(symbol, [quoted])[0]), self.specs[symbol].digits)
        with self._lock:
            self._quotes[symbol] = (quoted, price)
        return price

    def ask(self, symbol: str, ts: float) -> float:
        spec = self.specs[symbol]
        return round_price(self.bid(symbol, ts) + spec.spread_points * spec.point, spec.digits)

    def is_open(self, symbol: str, ts) -> bool | np.ndarray:
        if self.specs[symbol].trades_weekends:
            return True if np.isscalar(ts) else np.ones(np.shape(ts), dtype=bool)
        return weekday(ts) < 5

    def next_open(self, symbol: str, ts: float) -> float:
        """The first instant at or after ``ts`` when the symbol trades."""
        if self.is_open(symbol, ts):
            return ts
        day_start = math.floor(ts / DAY) * DAY
        return day_start + DAY * (7 - int(weekday(ts)))

    # -- bars ------------------------------------------------------------------
    def bars(self, symbol: str, timeframe: str, count: int, now: float) -> pd.DataFrame:
        """The ``count`` most recent bars that closed at or before ``now``, oldest first."""
        length = seconds(timeframe)
        last_start = math.floor(now / length) * length - length
        key = (symbol, timeframe)
        with self._lock:
            cached = self._bars.get(key)
            if cached is not None:
                self._bars.move_to_end(key)
        if cached is not None and len(cached) >= count and cached.attrs["last_start"] == last_start:
            return cached.iloc[-count:].reset_index(drop=True)
        if cached is not None and len(cached) >= count and cached.attrs["last_start"] < last_start:
            newer = self._starts_between(symbol, length, cached.attrs["last_start"], last_start)
            if len(newer) < count:
                frame = pd.concat([cached, self._frame(symbol, length, newer)], ignore_index=True)
                frame = frame.iloc[-max(count, len(cached)):].reset_index(drop=True)
                return self._remember(key, frame, last_start, count)
        starts = self._starts_back(symbol, length, last_start, count)
        return self._remember(key, self._frame(symbol, length, starts), last_start, count)

    def _remember(self, key, frame: pd.DataFrame, last_start: float, count: int) -> pd.DataFrame:
        frame.attrs["last_start"] = last_start
        with self._lock:
            self._bars[key] = frame
            self._bars.move_to_end(key)
            while len(self._bars) > 64:
                self._bars.popitem(last=False)
        return frame.iloc[-count:].reset_index(drop=True)

    def _starts_back(self, symbol: str, length: int, last_start: float, count: int) -> np.ndarray:
        """Bar starts, newest ``last_start``, skipping days the symbol does not trade."""
        span = count if self.specs[symbol].trades_weekends else int(count * 7 / 5) + int(3 * DAY / length) + 2
        starts = last_start - length * np.arange(span, dtype=np.float64)
        starts = starts[self.is_open(symbol, starts)][:count]
        return starts[::-1]

    def _starts_between(self, symbol: str, length: int, after: float, upto: float) -> np.ndarray:
        starts = np.arange(after + length, upto + length / 2, length, dtype=np.float64)
        return starts[self.is_open(symbol, starts)]

    def _frame(self, symbol: str, length: int, starts: np.ndarray) -> pd.DataFrame:
        spec = self.specs[symbol]
        step = max(KNOT, length / 60)
        offsets = step * np.arange(int(round(length / step)) + 1)
        prices = self.path(symbol, starts[:, None] + offsets[None, :])
        digits = spec.digits
        volumes = (len(offsets) * 8 * (0.4 + hashed_uniform(spec.seed, length, starts // length))).astype(np.int64)
        return pd.DataFrame({
            "time": pd.to_datetime(starts.astype(np.int64), unit="s", utc=True),
            "open": np.round(prices[:, 0], digits),
            "high": np.round(prices.max(axis=1), digits),
            "low": np.round(prices.min(axis=1), digits),
            "close": np.round(prices[:, -1], digits),
            "tick_volume": volumes,
        })

    # -- SL/TP between two checks ----------------------------------------------
    def first_touch(self, symbol: str, side: str, sl: float, tp: float, t_from: float,
                    t_to: float) -> tuple[float, float, str] | None:
        """When and at what price the position's SL or TP was first reached in (t_from, t_to].

        The closing price of a buy is the bid, of a sell the ask. A level crossed
        while the market traded fills at the level; a level jumped over while it
        was closed (a weekend gap) fills at the first price after the reopening.
        """
        if t_to <= t_from or (not sl and not tp):
            return None
        spec = self.specs[symbol]
        spread = spec.spread_points * spec.point
        first_knot = math.floor(t_from / KNOT) * KNOT + KNOT
        previous: tuple[float, float] | None = None
        block_start = first_knot
        head = np.array([t_from])
        while True:
            knots = np.arange(block_start, min(t_to, block_start + _PATH_BLOCK * KNOT), KNOT)
            done = block_start + _PATH_BLOCK * KNOT >= t_to
            times = np.concatenate([head, knots, [t_to] if done else []])
            head = np.array([])
            times = times[self.is_open(symbol, times)]
            if times.size:
                closing = self.path(symbol, times) + (spread if side == "sell" else 0.0)
                hit = _first_hit(side, sl, tp, closing)
                if hit is not None:
                    return self._fill(spec, side, sl, tp, times, closing, hit, previous)
                previous = (times[-1], closing[-1])
            if done:
                return None
            block_start += _PATH_BLOCK * KNOT

    @staticmethod
    def _fill(spec, side, sl, tp, times, closing, index, previous):
        level_kind = _kind_at(side, sl, tp, closing[index])
        level = sl if level_kind == "sl" else tp
        if index > 0:
            t0, p0 = times[index - 1], closing[index - 1]
        elif previous is not None:
            t0, p0 = previous
        else:
            return float(times[0]), round_price(closing[0], spec.digits), level_kind
        t1, p1 = times[index], closing[index]
        if t1 - t0 > KNOT + 1e-6:  # the market was closed in between: gap fill
            return float(t1), round_price(p1, spec.digits), level_kind
        fraction = (level - p0) / (p1 - p0) if p1 != p0 else 1.0
        return float(t0 + (t1 - t0) * fraction), round_price(level, spec.digits), level_kind


def _first_hit(side: str, sl: float, tp: float, closing: np.ndarray) -> int | None:
    hits = np.zeros(closing.shape, dtype=bool)
    if side == "buy":
        if sl:
            hits |= closing <= sl
        if tp:
            hits |= closing >= tp
    else:
        if sl:
            hits |= closing >= sl
        if tp:
            hits |= closing <= tp
    found = np.flatnonzero(hits)
    return int(found[0]) if found.size else None


def _kind_at(side: str, sl: float, tp: float, price: float) -> str:
    if side == "buy":
        return "sl" if sl and price <= sl else "tp"
    return "sl" if sl and price >= sl else "tp"
