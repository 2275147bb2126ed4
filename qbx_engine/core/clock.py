"""Time as the engine sees it: injectable so tests move time instead of sleeping."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from .i18n import Msg

WEEK = 7 * 86400.0


class SystemClock:
    def now(self) -> float:
        return time.time()


class ManualClock:
    """A clock that only moves when told to; safe to share between threads."""

    def __init__(self, start: float | datetime):
        self._lock = threading.Lock()
        self._now = to_epoch(start)

    def now(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> float:
        with self._lock:
            self._now += seconds
            return self._now

    def set(self, when: float | datetime) -> None:
        with self._lock:
            self._now = to_epoch(when)


def to_epoch(when: float | datetime) -> float:
    if isinstance(when, datetime):
        if when.tzinfo is None:
            raise ValueError("naive datetime: give a timezone (UTC is expected)")
        return when.timestamp()
    return float(when)


def utc(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, tz=UTC)


class AcceleratedClock:
    """Real time sped up: ``speed`` market seconds pass per real second, from ``start``.

    Lets the paper market run a trading day in minutes (demos, benchmarks, the
    crash-recovery test) while the scheduler keeps real time. Two processes
    given the same ``start`` and ``real_start`` agree on the time.
    """

    def __init__(self, start: float | datetime, speed: float, real_start: float | None = None):
        self.start = to_epoch(start)
        self.speed = float(speed)
        self.real_start = time.time() if real_start is None else float(real_start)

    def now(self) -> float:
        return self.start + (time.time() - self.real_start) * self.speed


def local_when(ts: float, tz: str, now: float) -> Msg:
    """A coming moment as a trader reads it in their own zone: "Senin 05:00 WIB" ("Monday 05:00 WIB"), with
    the date when it is a week or more away. A zone without an abbreviation shows its offset (UTC+04)."""
    local = datetime.fromtimestamp(ts, ZoneInfo(tz))
    zone = local.strftime("%Z")
    if not zone or zone[0] in "+-":
        offset = local.strftime("%z")
        zone = "UTC" + offset[:3] + (":" + offset[3:] if offset[3:] not in ("", "00") else "")
    params = {"day": Msg(f"mentor.weekday.{local.isoweekday()}"), "time": local.strftime("%H:%M"), "zone": zone}
    if ts - now >= WEEK - 86400.0:
        return Msg("when.date_time", {**params, "date": local.strftime("%Y-%m-%d")})
    return Msg("when.day_time", params)
