"""What the mentor reads a period with: the trades, the trader's notes, their clock and their limits."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..trading.journal import day_bounds, local_day
from .facts import by_close


@dataclass(frozen=True)
class Reading:
    """One day or one week of the journal, as the mentor judges it.

    ``entries``: the trader's emotion notes of the period (with their market condition);
    ``positions``: the account's open positions when the period includes now (else empty);
    ``max_per_day``: the trader's own daily trade limit (0: none, judge against their average).
    """

    first: date
    last: date
    trades: list[dict]
    entries: list[dict]
    tz: str
    currency: str
    max_per_day: int = 0
    positions: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    _days: list[date] = field(init=False, repr=False, compare=False)
    _starts: list[float] = field(init=False, repr=False, compare=False)
    _notes_by_day: dict[date, list[dict]] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "trades", by_close(self.trades))
        object.__setattr__(self, "entries", sorted(self.entries, key=lambda e: e["ts"]))
        # Local midnights from the day before ``first`` to the day after ``last``: a day is then a bisection.
        days = [self.first + timedelta(days=n) for n in range(-1, (self.last - self.first).days + 2)]
        object.__setattr__(self, "_days", days)
        object.__setattr__(self, "_starts", [day_bounds(d, self.tz).start for d in days])
        object.__setattr__(self, "_notes_by_day", {})
        for entry in self.entries:
            self._notes_by_day.setdefault(self.day_of(entry["ts"]), []).append(entry)

    def day_of(self, ts: float) -> date:
        i = bisect.bisect_right(self._starts, ts) - 1
        if 0 <= i < len(self._days) - 1:
            return self._days[i]
        return local_day(ts, self.tz)

    def days(self) -> dict[date, list[dict]]:
        """The period's trades by the local day they closed on, in day order."""
        out: dict[date, list[dict]] = {}
        for trade in self.trades:
            out.setdefault(self.day_of(trade["close_time"]), []).append(trade)
        return dict(sorted(out.items()))

    def condition_of(self, trade: dict) -> str | None:
        """The market condition the trader logged for this trade: their last note before its entry that day,
        else their first note of that day (written later about the whole day); None if they logged none."""
        same_day = self._notes_by_day.get(self.day_of(trade["open_time"]), [])
        before = [e for e in same_day if e["ts"] <= trade["open_time"]]
        chosen = before[-1] if before else (same_day[0] if same_day else None)
        return chosen.get("market_condition") if chosen else None


@dataclass(frozen=True)
class MentorView:
    """What the engine hands the mentor desk: the trader's settings, the time now, and open positions
    (a callable, so the broker is asked only when the period includes now)."""

    tz: str
    currency: str
    now: float
    max_per_day: int
    positions: Callable[[], list[dict]]
