"""Where a replay reads its prices: the paper market's own price path, or bars alone.

* :class:`PaperPrices` — paper history. Quotes are the paper market's quotes at the very
  instant (:meth:`PaperMarket.bid`), and an SL or TP is found where the live paper broker
  finds it (:meth:`PaperMarket.first_touches`: the first touch on the price path, a level
  jumped over while the market was shut fills at the first price after it reopened).
  Bars only narrow the search: bars up to M5 are built from every 5-second knot, so a level
  their range misses was not touched; longer bars are searched on the path directly.
* :class:`BarPrices` — CSV and MT5 history: only bars are known. A tick fills at the open of
  the bar it falls in; SL/TP are checked within each bar's range from the entry bar on, a
  bar that opens beyond a stop fills at its open (a gap), a bar that touches both counts as
  the stop-loss (without ticks the order is unknown; the pessimistic reading never flatters a
  strategy), and a hit takes effect at that bar's close.

Both answer the same questions, so the replay (:mod:`.replay`) never asks which it holds.
"""

from __future__ import annotations

import bisect
import math
from typing import Any

import numpy as np

from ..brokers.paper import ACCOUNT_CURRENCY
from ..core.money import rate_to_account
from ..market.bars import Bars
from ..market.paper_market import QUOTE_STEP, PaperMarket
from ..market.timeframes import seconds

EXACT_BARS = 300  # seconds: bars this short are built from every knot of the paper path (exact highs and lows)


class BarPrices:
    exact = False

    def __init__(self, bars: Bars, timeframe_seconds: float, spread: float, rate: Any):
        self.bars, self.length, self.spread = bars, float(timeframe_seconds), spread
        self._rate = rate  # (currency, bid, time) -> rate to the account currency
        self.time, self.open, self.high, self.low, self.close = bars.time, bars.open, bars.high, bars.low, bars.close
        self._times, self._opens, self._closes = self.time.tolist(), self.open.tolist(), self.close.tolist()

    # -- the market's hours, as the bars show them -------------------------------------------
    def next_open(self, ts: float) -> float:
        """The first instant at or after ``ts`` a bar covers (bars exist only while the market trades)."""
        k = int(np.searchsorted(self.time, ts, side="right")) - 1
        if k >= 0 and ts < self.time[k] + self.length:
            return ts
        return float(self.time[k + 1]) if k + 1 < len(self.time) else ts

    def next_opens(self, ts: np.ndarray) -> np.ndarray:
        k = np.searchsorted(self.time, ts, side="right") - 1
        covered = (k >= 0) & (ts < self.time[np.maximum(k, 0)] + self.length)
        after = np.minimum(k + 1, len(self.time) - 1)
        return np.where(covered | (k + 1 >= len(self.time)), ts, self.time[after])

    def is_open(self, ts: float) -> bool:
        return self.next_open(ts) == ts and len(self.time) > 0 and ts >= self.time[0]

    # -- quotes ----------------------------------------------------------------------------
    def bid(self, ts: float) -> float:
        """The open of the bar ``ts`` falls in (the last bar's close after the data ends)."""
        k = bisect.bisect_right(self._times, ts) - 1
        if k < 0:
            return self._opens[0]
        if ts >= self._times[k] + self.length:
            return self._closes[k]
        return self._opens[k]

    def bids(self, ts: np.ndarray) -> np.ndarray:
        """:meth:`bid` at each of the instants ``ts``."""
        k = np.searchsorted(self.time, ts, side="right") - 1
        inside = np.maximum(k, 0)
        return np.where(k < 0, self.open[0], np.where(ts >= self.time[inside] + self.length, self.close[inside],
                                                       self.open[inside]))

    def grid_bids(self, grid: np.ndarray, lo: int, hi: int) -> np.ndarray:
        """:meth:`bid` at the instants ``grid[lo:hi]``."""
        return self.bids(grid[lo:hi])

    def bound(self, ts: float) -> tuple[float, float]:
        """The quote at ``ts`` and how far it may be from that (here: exactly it)."""
        return self.bid(ts), 0.0

    def prefetch(self, ts: float) -> None:
        """Bars are in memory: nothing to price ahead."""

    def expect(self, times: np.ndarray, currencies: tuple[str, ...]) -> None:
        """Bars are in memory: nothing to price ahead."""

    def rate(self, currency: str, ts: float) -> float:
        return self._rate(currency, self.bid(ts), ts)

    def close_rate(self, currency: str, when: float, bid: float, bar: int) -> float:
        """The rate a close converts its profit at: from the exit bar's start and the exit bid."""
        return self._rate(currency, bid, self._times[bar])

    def mark(self, ts: float) -> float:
        """A quick mark at ``ts`` for estimates (the last closed bar's close)."""
        k = bisect.bisect_right(self._times, ts - self.length) - 1
        return self._closes[max(k, 0)]

    # -- SL and TP ------------------------------------------------------------------------
    def start_watch(self, position: dict, opened_at: float) -> None:
        position["checked"] = bisect.bisect_right(self._times, opened_at) - 1

    def moved_at(self, position: dict, ts: float) -> None:
        """The SL moved at ``ts``: bars before the one ``ts`` falls in were checked with the old one."""

    def first_hit(self, position: dict, upto: float) -> tuple[float, float, str, int] | None:
        """The first SL/TP hit in the bars not checked yet whose close is at or before ``upto``:
        (when it counts, fill price, "sl" or "tp", the bar)."""
        start = position["checked"]
        end = int(np.searchsorted(self.time, upto, side="right")) - 1
        if end >= 0 and upto >= self.time[end] + self.length:
            end += 1  # that bar has closed by then; the bar ``upto`` falls in is checked later
        hit = _range_hit(position, start, end, self.open, self.high, self.low, self.spread)
        if hit is None:
            position["checked"] = max(start, end)
            return None
        bar, price, reason = hit
        return float(self.time[bar] + self.length), price, reason, bar


class Quotes:
    """The paper market's quotes at an instant, remembered: a look at the account at one instant asks for the
    same symbols' quotes (positions, conversion rates, margins) many times. Same prices as :meth:`PaperMarket.bid`."""

    def __init__(self, market: PaperMarket, size: int = 4096):
        self.market, self.specs = market, market.specs
        self._seen: dict[tuple[str, float], float] = {}
        self._size = size
        self._all_at: int | None = None
        self._grids: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # symbol -> (a replay's grid, its quotes)
        self._ahead: dict[tuple[str, int], float] = {}  # quotes priced ahead (:meth:`expect`), kept for the run
        self._asked: set[str] = set()  # the symbols this run asks for: a look at the account prices only those

    def expect(self, symbol: str, times: np.ndarray) -> None:
        """Price ahead, in one pass (:meth:`PaperMarket.bids_each`), the quotes of ``symbol`` a replay will ask for
        at ``times``: the same prices, at a fraction of the cost of one pass each."""
        self._asked.add(symbol)
        times = np.asarray(times, dtype=np.float64)
        steps = np.floor(times / QUOTE_STEP).astype(np.int64).tolist()
        fresh = {step: ts for step, ts in zip(steps, times.tolist(), strict=True) if (symbol, step) not in self._ahead}
        if fresh:
            prices = self.market.bids_each(symbol, np.array(list(fresh.values()), dtype=np.float64))
            self._ahead.update(zip(((symbol, step) for step in fresh), prices.tolist(), strict=True))

    def grid_bids(self, prices: PaperPrices, grid: np.ndarray) -> np.ndarray:
        """``prices.bids(grid)``, priced once per symbol for the grid of one replay (its seats on one symbol share
        them: the same arithmetic on the same instants)."""
        found = self._grids.get(prices.symbol)
        if found is None or found[0] is not grid:
            found = self._grids[prices.symbol] = (grid, prices.bids(grid))
        return found[1]

    def bid(self, symbol: str, ts: float) -> float:
        key = (symbol, math.floor(ts / QUOTE_STEP))
        found = self._seen.get(key)
        if found is None:
            found = self._ahead.get(key)
            if found is not None:
                return found
            self._asked.add(symbol)
            if len(self._seen) >= self._size:
                self._seen.clear()
            found = self._seen[key] = self.market.bid(symbol, ts)
        return found

    def prefetch(self, ts: float) -> None:
        """Every symbol's quote at ``ts`` (of those the run asks for) in one pass over the path
        (:meth:`PaperMarket.bids_at`): a look at the account needs several (its positions, their conversion rates
        and margins), each costing nearly a pass."""
        step = math.floor(ts / QUOTE_STEP)
        if step == self._all_at:
            return
        self._all_at = step
        missing = [symbol for symbol in sorted(self._asked) if (symbol, step) not in self._seen
                   and (symbol, step) not in self._ahead]
        if len(missing) < 2:
            return
        if len(self._seen) + len(missing) > self._size:
            self._seen.clear()
        for symbol, price in self.market.bids_at(missing, ts).items():
            self._seen[(symbol, step)] = price


class PaperPrices:
    exact = True

    def __init__(self, market: PaperMarket, symbol: str, bars: Bars, timeframe: str, spread: float,
                 quotes: Quotes | None = None):
        self.market, self.symbol, self.spread = market, symbol, spread
        self.quotes = quotes or Quotes(market)
        self.sessions = market.specs[symbol].sessions
        self.digits = market.specs[symbol].digits
        self.bars, self.length = bars, float(seconds(timeframe))
        self.time, self.close = bars.time, bars.close
        self._times = self.time.tolist()
        self._ranges = bars if self.length <= EXACT_BARS else None
        self._grid_quotes: np.ndarray | None = None

    def next_open(self, ts: float) -> float:
        return float(self.market.next_open(self.symbol, ts))

    def next_opens(self, ts: np.ndarray) -> np.ndarray:
        opened = self.sessions.is_open(ts)
        if opened.all():
            return ts
        out = ts.copy()
        for k in np.flatnonzero(~opened):
            out[k] = self.next_open(float(ts[k]))
        return out

    def is_open(self, ts: float) -> bool:
        return bool(self.market.is_open(self.symbol, ts))

    def bid(self, ts: float) -> float:
        return self.quotes.bid(self.symbol, ts)

    def prefetch(self, ts: float) -> None:
        """Every symbol's quote at ``ts`` at once (see :meth:`Quotes.prefetch`)."""
        self.quotes.prefetch(ts)

    def expect(self, times: np.ndarray, currencies: tuple[str, ...]) -> None:
        """Price ahead the quotes a bot trading this symbol asks for at ``times``: its own, and those converting
        ``currencies`` to the account's (see :meth:`rate`)."""
        specs = self.quotes.specs
        symbols = {self.symbol} | {next((s for s in (c + ACCOUNT_CURRENCY, ACCOUNT_CURRENCY + c) if s in specs), "")
                                   for c in currencies if c != ACCOUNT_CURRENCY}
        for symbol in sorted(symbols - {""}):
            self.quotes.expect(symbol, times)

    def bids(self, ts: np.ndarray) -> np.ndarray:
        """The quotes at each of the instants ``ts``, on one pass over the path (rounded to the symbol's digits
        in binary: at most a point from :meth:`bid` on an exact tie, which estimates allow for)."""
        if not len(ts):
            return np.zeros(0)
        quoted = np.floor(ts / QUOTE_STEP) * QUOTE_STEP
        return np.round(self.market.path(self.symbol, quoted), self.digits)

    def grid_bids(self, grid: np.ndarray, lo: int, hi: int) -> np.ndarray:
        """The quotes at the instants ``grid[lo:hi]``, from one pass over the path at every instant of the
        replay's grid (its bar closes), made the first time they are asked for."""
        if self._grid_quotes is None or len(self._grid_quotes) != len(grid):
            self._grid_quotes = self.quotes.grid_bids(self, grid)
        return self._grid_quotes[lo:hi]

    def bound(self, ts: float) -> tuple[float, float]:
        """A price the quote at ``ts`` is within the second number of: the middle and half the range of the bar
        ``ts`` falls in (its highs and lows hold every quote of it, for bars up to M5), else the quote itself."""
        if self._ranges is not None:
            k = bisect.bisect_right(self._times, ts) - 1
            if k >= 0 and ts < self._times[k] + self.length:
                high, low = float(self._ranges.high[k]), float(self._ranges.low[k])
                return (high + low) / 2, (high - low) / 2 + 10.0 ** -self.digits
        return self.bid(ts), 0.0

    def rate(self, currency: str, ts: float) -> float:
        if currency == ACCOUNT_CURRENCY:
            return 1.0
        quotes = self.quotes
        found = rate_to_account(currency, "USD", lambda s: quotes.bid(s, ts) if s in quotes.specs else None)
        return 1.0 if found is None else found

    def close_rate(self, currency: str, when: float, bid: float, bar: int) -> float:
        """The rate a close converts its profit at: the paper broker's, at the instant it closed."""
        return self.rate(currency, when)

    def mark(self, ts: float) -> float:
        """A quick mark at ``ts`` for estimates (the last closed bar's close)."""
        k = int(np.searchsorted(self.time, ts - self.length, side="right")) - 1
        return float(self.close[max(k, 0)]) if len(self.close) else self.bid(ts)

    def start_watch(self, position: dict, opened_at: float) -> None:
        position["checked"] = opened_at

    def moved_at(self, position: dict, ts: float) -> None:
        position["checked"] = max(position["checked"], ts)

    def first_hit(self, position: dict, upto: float) -> tuple[float, float, str, int] | None:
        """The first touch of the SL or TP on the path in (checked, upto], as the paper broker finds it."""
        start = position["checked"]
        if upto <= start:
            return None
        sl, tp, side = position["sl"], position["tp"], position["side"]
        if not sl and not tp:
            position["checked"] = upto
            return None
        for lo, hi in self._candidates(position, start, upto):
            touch = self.market.first_touches(self.symbol, [(side, sl, tp)], lo, hi)[0]
            if touch is not None:
                when, price, reason = touch
                return when, price, reason, -1
        position["checked"] = upto
        return None

    def _candidates(self, position: dict, start: float, upto: float):
        """Stretches of (start, upto], in time order, where the level may have been touched: each bar whose
        range reaches it (exact for bars up to M5) with the shut market before it, and whatever the bars do
        not cover; for longer bars, the whole stretch."""
        if self._ranges is None or not len(self.time):
            yield start, upto
            return
        time, length = self.time, self.length
        first = max(0, int(np.searchsorted(time, start, side="right")) - 1)
        last = int(np.searchsorted(time, upto, side="left"))
        if start < time[0]:
            yield start, min(upto, float(time[0]))
        tail = start
        if first < last:
            long = position["side"] == "buy"
            high, low = self._ranges.high[first:last], self._ranges.low[first:last]
            spread = 0.0 if long else self.spread
            sl, tp = position["sl"], position["tp"]
            near = np.zeros(last - first, dtype=bool)
            if sl:
                near |= (low + spread <= sl) if long else (high + spread >= sl)
            if tp:
                near |= (high + spread >= tp) if long else (low + spread <= tp)
            for k in np.flatnonzero(near).tolist():
                bar = first + k
                lo = max(start, float(time[bar - 1]) + length) if bar > first else start
                hi = min(upto, float(time[bar]) + length)
                if hi > lo:
                    yield lo, hi
            tail = max(start, float(time[last - 1]) + length)
        if tail < upto:
            yield tail, upto


def _range_hit(pos: dict, start: int, end: int, o, h, low, spread) -> tuple[int, float, str] | None:
    """The first bar in [start, end) whose range reaches the SL or TP, its fill price and which one."""
    sl, tp = pos["sl"], pos["tp"]
    if (not sl and not tp) or start >= end:
        return None
    long = pos["side"] == "buy"
    if long:  # a long closes at the bid: the bar itself
        hit_sl = low[start:end] <= sl if sl else None
        hit_tp = h[start:end] >= tp if tp else None
    else:     # a short closes at the ask: the bar plus the spread
        hit_sl = h[start:end] + spread >= sl if sl else None
        hit_tp = low[start:end] + spread <= tp if tp else None
    either = hit_tp if hit_sl is None else hit_sl if hit_tp is None else hit_sl | hit_tp
    assert either is not None  # an SL or a TP is set (checked above)
    k = int(either.argmax())
    if not either[k]:
        return None
    bar = start + k
    opening = o[bar] if long else o[bar] + spread
    if hit_sl is not None and hit_sl[k]:
        gapped = (opening <= sl) if long else (opening >= sl)
        return bar, (float(opening) if gapped and bar > pos["entry_bar"] else sl), "sl"
    gapped = (opening >= tp) if long else (opening <= tp)
    return bar, (float(opening) if gapped and bar > pos["entry_bar"] else tp), "tp"
