"""When a market trades: weekly sessions in the market's own time zone, daylight saving included.

Forex and metals trade from Sunday 17:00 to Friday 17:00 New York time, so in
UTC they close Friday 22:00 in winter and 21:00 in summer. Crypto trades
always. Index CFDs trade their exchange's hours. Checks run on scalars (a
tick) and on whole arrays of times (building bars, scanning for SL/TP).
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import overload
from zoneinfo import ZoneInfo

import numpy as np

HOUR = 3600.0
DAY = 86400.0
WEEK = 7 * DAY
_MONDAY = 4 * DAY  # 1970-01-01 was a Thursday: Monday 1970-01-05 starts the week grid
_FIRST_YEAR, _LAST_YEAR = 1970, 2100


@cache
def _transitions(tz: str) -> tuple[list[float], list[float], np.ndarray, np.ndarray]:
    """UTC instants where ``tz``'s offset changes, and the offset from each one on (lists and arrays)."""
    zone = ZoneInfo(tz)

    def offset(ts: float) -> float:
        delta = datetime.fromtimestamp(ts, zone).utcoffset()
        assert delta is not None  # a time in a zone always has one
        return delta.total_seconds()

    start = datetime(_FIRST_YEAR, 1, 1, tzinfo=UTC).timestamp()
    times, offsets = [-math.inf], [offset(start)]
    previous_ts, previous = start, offsets[0]
    for year in range(_FIRST_YEAR, _LAST_YEAR + 1):
        for month in range(1, 13):
            ts = datetime(year, month, 1, tzinfo=UTC).timestamp()
            current = offset(ts)
            if current != previous:
                low, high = previous_ts, ts  # the change happened in (low, high]
                while high - low > 1:
                    middle = (low + high) // 2
                    if offset(middle) == previous:
                        low = middle
                    else:
                        high = middle
                times.append(high)
                offsets.append(current)
            previous_ts, previous = ts, current
    return times, offsets, np.array(times), np.array(offsets)


@dataclass(frozen=True)
class Sessions:
    """Open intervals of the trading week, in seconds from Monday 00:00 of ``tz``'s local time."""

    tz: str | None
    intervals: tuple[tuple[float, float], ...]

    @property
    def always(self) -> bool:
        return self.intervals == ((0.0, WEEK),)

    def _week_position(self, ts):
        if self.tz is None:
            return np.mod(np.asarray(ts, dtype=np.float64) - _MONDAY, WEEK)
        _, _, times, offsets = _transitions(self.tz)
        local = np.asarray(ts, dtype=np.float64)
        local = local + offsets[np.searchsorted(times, local, side="right") - 1]
        return np.mod(local - _MONDAY, WEEK)

    @overload
    def is_open(self, ts: float) -> bool: ...

    @overload
    def is_open(self, ts: np.ndarray) -> np.ndarray: ...

    def is_open(self, ts: float | np.ndarray) -> bool | np.ndarray:
        """At one time (a tick), or at each of an array of times."""
        if self.always:
            return np.ones(np.shape(ts), dtype=bool) if isinstance(ts, np.ndarray) else True
        if not isinstance(ts, np.ndarray):
            return self._open_scalar(float(ts))
        position = self._week_position(ts)
        opened = np.zeros(position.shape, dtype=bool)
        for start, end in self.intervals:
            opened |= (position >= start) & (position < end)
        return opened

    def _open_scalar(self, ts: float) -> bool:
        local = ts
        if self.tz is not None:
            times, offsets, _, _ = _transitions(self.tz)
            local += offsets[bisect.bisect_right(times, ts) - 1]
        position = (local - _MONDAY) % WEEK
        return any(start <= position < end for start, end in self.intervals)

    def next_open(self, ts: float) -> float:
        """The first instant at or after ``ts`` when the market trades."""
        if self.is_open(ts):
            return ts
        position = float(self._week_position(ts))
        starts = sorted(start for start, _ in self.intervals)
        ahead = next((s for s in starts if s > position), starts[0] + WEEK)
        candidate = ts + (ahead - position)
        for _ in range(3):  # a daylight-saving change in between moves local time by an hour
            error = float(self._week_position(candidate)) - ahead % WEEK
            if abs(error) < 1e-6 or abs(abs(error) - WEEK) < 1e-6:
                break
            candidate -= error
        return candidate


def weekly(tz: str, days: range | tuple[int, ...], open_at: float, close_at: float) -> Sessions:
    """The same hours (local, in hours from midnight) on each of ``days`` (Monday = 0)."""
    return Sessions(tz, tuple((d * DAY + open_at * HOUR, d * DAY + close_at * HOUR) for d in days))


ALWAYS = Sessions(None, ((0.0, WEEK),))
# Sunday 17:00 to Friday 17:00 New York time.
FOREX = Sessions("America/New_York", ((0.0, 4 * DAY + 17 * HOUR), (6 * DAY + 17 * HOUR, WEEK)))
