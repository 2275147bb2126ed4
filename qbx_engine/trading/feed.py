"""Closed bars, fetched once per (symbol, timeframe, closed bar) and shared by every bot that reads them.

A thousand bots on a few symbols would otherwise ask the broker for the same
bars a thousand times a minute (on MT5, each a round trip to the terminal).
The feed asks the broker which bar closed last only when a new one can have
closed: after the newest known bar's successor has ended. Between closes a
tick costs a dictionary lookup.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ..brokers.base import Broker
from ..market.bars import Bars
from ..market.timeframes import seconds


@dataclass
class _Series:
    last: float | None = None  # start of the newest closed bar
    bars: Bars | None = None  # the newest bars up to ``last`` (as many as any reader asked for)


class BarFeed:
    def __init__(self, broker: Broker, clock):
        self.broker = broker
        self.clock = clock
        self._series: dict[tuple[str, str], _Series] = {}
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._guard = threading.Lock()
        self.fetches = 0  # broker bar requests made (for benchmarks and tests)

    def _lock(self, key: tuple[str, str]) -> threading.Lock:
        lock = self._locks.get(key)
        if lock is None:
            with self._guard:
                lock = self._locks.setdefault(key, threading.Lock())
        return lock

    def last_closed(self, symbol: str, timeframe: str) -> float | None:
        """Start of the newest closed bar of ``symbol`` on ``timeframe``."""
        key = (symbol, timeframe)
        series = self._series.get(key)
        if series is not None and series.last is not None and \
                self.clock.now() < series.last + 2 * seconds(timeframe):
            return series.last  # the bar after it is still forming: nothing new can have closed
        with self._lock(key):
            series = self._series.setdefault(key, _Series())
            last = self.broker.last_closed_bar(symbol, timeframe)
            if last != series.last:
                series.last, series.bars = last, None
            return last

    def bars(self, symbol: str, timeframe: str, count: int) -> Bars:
        """The newest ``count`` closed bars; fetched from the broker once per new bar, whoever asks first."""
        key = (symbol, timeframe)
        last = self.last_closed(symbol, timeframe)
        series = self._series[key]
        cached = series.bars
        if cached is not None and len(cached) >= count and cached.last_time == last:
            return cached.tail(count)
        with self._lock(key):
            cached = series.bars
            if cached is not None and len(cached) >= count and cached.last_time == series.last:
                return cached.tail(count)
            wanted = max(count, len(cached) if cached is not None else 0)
            fresh = self.broker.rates(symbol, timeframe, wanted)
            self.fetches += 1
            if fresh.last_time is not None and (series.last is None or fresh.last_time >= series.last):
                series.last, series.bars = fresh.last_time, fresh
            return fresh.tail(count)

    def forget(self) -> None:
        """Drop everything (after a reconnect, when the broker's history may have changed)."""
        with self._guard:
            self._series.clear()
