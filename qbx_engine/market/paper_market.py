"""Quotes, closed bars, trading hours and exact SL/TP path checks for the paper symbols.

Each symbol trades its sessions (:mod:`.hours`: forex and metals Sunday 17:00 to
Friday 17:00 New York time, crypto always). Bars are bid bars aligned to UTC; a
bar exists when the market traded during any part of it, and is built from the
open part only. Bars up to M5 are built from every 5-second knot, so their highs
and lows are exact; longer bars sample 60 points each.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict

import numpy as np

from ..core.money import round_price
from .bars import COLUMNS, Bars
from .symbols import PAPER_SYMBOLS, SymbolSpec
from .synthetic import KNOT, RAW_DAILY_STD, hashed_uniform, raw_each, raw_path, raw_quotes
from .timeframes import seconds

DAY = 86400.0
QUOTE_STEP = 0.1  # seconds: the paper market updates its quotes ten times a second
_PATH_BLOCK = 200_000  # samples per pass when scanning a long interval for SL/TP
_LONGEST_CLOSE = 4 * DAY  # the longest a paper market stays shut (a long weekend)


class PaperMarket:
    def __init__(self, specs: dict[str, SymbolSpec] | None = None):
        self.specs = specs or PAPER_SYMBOLS
        self._lock = threading.Lock()
        self._bars: OrderedDict[tuple[str, str], tuple[Bars, float]] = OrderedDict()
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

    def bids_at(self, symbols: list[str], ts: float) -> dict[str, float]:
        """:meth:`bid` of several symbols at one instant, the same prices priced in one pass over the path."""
        quoted = math.floor(ts / QUOTE_STEP) * QUOTE_STEP
        specs = [self.specs[symbol] for symbol in symbols]
        raws = raw_quotes(np.array([spec.seed for spec in specs], dtype=np.uint64), quoted)
        return {spec.name: _rounded_bid(spec, raws[k:k + 1]) for k, spec in enumerate(specs)}

    def bids_each(self, symbol: str, times: np.ndarray) -> np.ndarray:
        """:meth:`bid` at each of ``times``, the same prices priced in one pass over the path (a replay knows the
        instants its bots will ask at before it starts)."""
        spec = self.specs[symbol]
        quoted = np.floor(np.asarray(times, dtype=np.float64) / QUOTE_STEP) * QUOTE_STEP
        raws = raw_each(spec.seed, quoted)
        return np.array([_rounded_bid(spec, raws[k:k + 1]) for k in range(len(raws))])

    def ask(self, symbol: str, ts: float) -> float:
        spec = self.specs[symbol]
        return round_price(self.bid(symbol, ts) + spec.spread_points * spec.point, spec.digits)

    def is_open(self, symbol: str, ts) -> bool | np.ndarray:
        return self.specs[symbol].sessions.is_open(ts)

    def next_open(self, symbol: str, ts: float) -> float:
        """The first instant at or after ``ts`` when the symbol trades."""
        return self.specs[symbol].sessions.next_open(ts)

    # -- bars ------------------------------------------------------------------
    def last_closed(self, symbol: str, timeframe: str, now: float) -> float | None:
        """Start of the newest bar that closed at or before ``now`` (None if none in the last days)."""
        length = seconds(timeframe)
        newest = math.floor(now / length) * length - length
        if self._exists(symbol, length, np.array([newest]))[0]:
            return float(newest)
        starts = newest - length * np.arange(1, int(_LONGEST_CLOSE / length) + 2, dtype=np.float64)
        found = np.flatnonzero(self._exists(symbol, length, starts))
        return float(starts[found[0]]) if found.size else None

    def bars(self, symbol: str, timeframe: str, count: int, now: float) -> Bars:
        """The ``count`` most recent bars that closed at or before ``now``, oldest first."""
        length = seconds(timeframe)
        last_start = self.last_closed(symbol, timeframe, now)
        if last_start is None or count <= 0:
            return Bars.empty()
        key = (symbol, timeframe)
        with self._lock:
            cached = self._bars.get(key)
            if cached is not None:
                self._bars.move_to_end(key)
        if cached is not None and len(cached[0]) >= count and cached[1] == last_start:
            return cached[0].tail(count)
        if cached is not None and len(cached[0]) >= count and cached[1] < last_start:
            newer = self._starts_between(symbol, length, cached[1], last_start)
            if len(newer) < count:
                extended = _concat(cached[0], self._build(symbol, length, newer)).tail(max(count, len(cached[0])))
                return self._remember(key, extended, last_start, count)
        starts = self._starts_back(symbol, length, last_start, count)
        return self._remember(key, self._build(symbol, length, starts), last_start, count)

    def _remember(self, key, bars: Bars, last_start: float, count: int) -> Bars:
        with self._lock:
            self._bars[key] = (bars, last_start)
            self._bars.move_to_end(key)
            while len(self._bars) > 64:
                self._bars.popitem(last=False)
        return bars.tail(count)

    @staticmethod
    def _grid(length: int) -> np.ndarray:
        """Sample offsets inside a bar, its end included."""
        step = max(KNOT, length / 60)
        return step * np.arange(int(round(length / step)) + 1)

    def _exists(self, symbol: str, length: int, starts: np.ndarray) -> np.ndarray:
        """Which bars had any trading (sampled on the bar's grid, its end excluded)."""
        sessions = self.specs[symbol].sessions
        if sessions.always:
            return np.ones(starts.shape, dtype=bool)
        return sessions.is_open(starts[:, None] + self._grid(length)[None, :-1]).any(axis=1)

    def _starts_back(self, symbol: str, length: int, last_start: float, count: int) -> np.ndarray:
        """The ``count`` bar starts up to ``last_start``, oldest first, skipping closed periods."""
        span = count + 2
        while True:
            starts = last_start - length * np.arange(span, dtype=np.float64)
            kept = starts[self._exists(symbol, length, starts)][:count]
            if len(kept) == count or span > 20 * count + int(30 * DAY / length):
                return kept[::-1]
            span = span * 2 + int(_LONGEST_CLOSE / length)

    def _starts_between(self, symbol: str, length: int, after: float, upto: float) -> np.ndarray:
        starts = np.arange(after + length, upto + length / 2, length, dtype=np.float64)
        return starts[self._exists(symbol, length, starts)]

    def _build(self, symbol: str, length: int, starts: np.ndarray) -> Bars:
        spec = self.specs[symbol]
        grid = self._grid(length)
        times = starts[:, None] + grid[None, :]
        prices = self.path(symbol, times)
        if not spec.sessions.always:
            traded = spec.sessions.is_open(times)
            traded[:, -1] &= traded[:, -2]  # the end point closes the bar only if the market was open to it
            partial = ~traded.all(axis=1)
            if partial.any():
                rows = prices[partial]
                rows[~traded[partial]] = np.nan
                first = np.argmax(traded[partial], axis=1)
                last = traded.shape[1] - 1 - np.argmax(traded[partial][:, ::-1], axis=1)
                index = np.arange(len(rows))
                opening, closing = rows[index, first], rows[index, last]
                rows[:, 0], rows[:, -1] = opening, closing
                prices[partial] = np.where(np.isnan(rows), opening[:, None], rows)
        digits = spec.digits
        volumes = (len(grid) * 8 * (0.4 + hashed_uniform(spec.seed, length, starts // length))).astype(np.int64)
        return Bars(starts.astype(np.float64), np.round(prices[:, 0], digits), np.round(prices.max(axis=1), digits),
                    np.round(prices.min(axis=1), digits), np.round(prices[:, -1], digits), volumes)

    # -- SL/TP between two checks ----------------------------------------------
    def first_touch(self, symbol: str, side: str, sl: float, tp: float, t_from: float,
                    t_to: float) -> tuple[float, float, str] | None:
        """When and at what price the position's SL or TP was first reached in (t_from, t_to].

        The closing price of a buy is the bid, of a sell the ask. A level crossed
        while the market traded fills at the level; a level jumped over while it
        was closed (a weekend gap) fills at the first price after the reopening.
        """
        return self.first_touches(symbol, [(side, sl, tp)], t_from, t_to)[0]

    def first_touches(self, symbol: str, orders: list[tuple[str, float, float]], t_from: float,
                      t_to: float) -> list[tuple[float, float, str] | None]:
        """:meth:`first_touch` for many (side, SL, TP) of one symbol over the same interval, pricing the path once."""
        found: list[tuple[float, float, str] | None] = [None] * len(orders)
        pending = [i for i, (_, sl, tp) in enumerate(orders) if sl or tp]
        if t_to <= t_from or not pending:
            return found
        spec = self.specs[symbol]
        spread = spec.spread_points * spec.point
        previous: dict[str, tuple[float, float] | None] = {"buy": None, "sell": None}
        block_start = math.floor(t_from / KNOT) * KNOT + KNOT
        head = np.array([t_from])
        while pending:
            knots = np.arange(block_start, min(t_to, block_start + _PATH_BLOCK * KNOT), KNOT)
            done = block_start + _PATH_BLOCK * KNOT >= t_to
            times = np.concatenate([head, knots, [t_to] if done else []])
            head = np.array([])
            times = times[self.is_open(symbol, times)]
            if times.size:
                bid = self.path(symbol, times)
                closing = {"buy": bid, "sell": bid + spread}
                for i in list(pending):
                    side, sl, tp = orders[i]
                    hit = _first_hit(side, sl, tp, closing[side])
                    if hit is not None:
                        found[i] = self._fill(spec, side, sl, tp, times, closing[side], hit, previous[side])
                        pending.remove(i)
                previous = {side: (times[-1], values[-1]) for side, values in closing.items()}
            if done:
                break
            block_start += _PATH_BLOCK * KNOT
        return found

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


def _rounded_bid(spec: SymbolSpec, raw: np.ndarray) -> float:
    """The quote for one unscaled offset (a one-element array), as :meth:`PaperMarket.path` prices and
    :meth:`PaperMarket.bid` rounds it."""
    return round_price(float((spec.base_price * np.exp(spec.daily_vol / RAW_DAILY_STD * raw))[0]), spec.digits)


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


def _concat(older: Bars, newer: Bars) -> Bars:
    return Bars(*(np.concatenate([getattr(older, c), getattr(newer, c)]) for c in COLUMNS))
