"""What the mentor reads a period with: the trades, the trader's notes, their clock and their limits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..journal import local_day
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

    def __post_init__(self):
        object.__setattr__(self, "trades", by_close(self.trades))
        object.__setattr__(self, "entries", sorted(self.entries, key=lambda e: e["ts"]))

    def day_of(self, ts: float) -> date:
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
        day = self.day_of(trade["open_time"])
        same_day = [e for e in self.entries if self.day_of(e["ts"]) == day]
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
