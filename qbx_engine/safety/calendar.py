"""The no-trade calendar: days and daily hours when bots open nothing, and days traded at a lower risk.

All of it is off until the trader switches it on (setting ``calendar_on``).
What it can hold:

* the trader's own dates (``calendar_dates``, whole days in the trader's time
  zone) and daily windows (``calendar_windows``, "HH:MM-HH:MM" in the trader's
  time zone; a window may run past midnight, "23:30-00:30");
* presets the trader switches on (``calendar_presets``): market holidays of the
  Indonesia Stock Exchange and the New York Stock Exchange — each a whole day in
  that exchange's own time zone — and Ramadan windows around sahur and iftar;
* "careful" days (``calendar_careful_dates`` and ``calendar_careful_presets``)
  on which bots still trade but risk at most ``calendar_careful_risk`` percent.

Closing is never blocked: the calendar is asked only before an entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..core.i18n import Msg, shown

JAKARTA, NEW_YORK = "Asia/Jakarta", "America/New_York"
MAX_STEPS = 800  # consecutive blocked spans followed when looking for the time a block lifts


def _days(*isos: str) -> frozenset[date]:
    return frozenset(date.fromisoformat(iso) for iso in isos)


def _span(first: str, last: str) -> frozenset[date]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return frozenset(start + timedelta(days=i) for i in range((end - start).days + 1))


@dataclass(frozen=True)
class Preset:
    """Days of a preset (whole days in ``tz``), and daily windows on those days (then the days are not blocked
    whole, only the windows)."""

    id: str
    tz: str
    days: frozenset[date]
    windows: tuple[str, ...] = ()
    estimated: frozenset[date] = field(default_factory=frozenset)


# Indonesia Stock Exchange (IDX/BEI) trading holidays.
# 2026: IDX announcement Peng-00171/BEI.POP/09-2025 (23 Sept 2025), which follows the joint decree (SKB) of the
#   ministers of religious affairs, manpower and administrative reform No. 1497/2/5 of 2025 on national holidays
#   and "cuti bersama" for 2026; 239 trading days. Reported by CNBC Indonesia and others.
# 2027: the national holidays with fixed dates, IDX's usual year-end holiday (31 Dec), and estimates of the
#   religious ones (Islamic dates counted on from 1 Muharram 1448 = 16 June 2026, Nyepi and Vesak from the new
#   and full moons). No "cuti bersama" days: the 2027 decree sets them. The Settings page marks the estimates;
#   the trader adds or corrects dates in their own list.
IDX = Preset("idx", JAKARTA, _days(
    "2026-01-01", "2026-01-16", "2026-02-16", "2026-02-17", "2026-03-18", "2026-03-19", "2026-03-20",
    "2026-03-23", "2026-03-24", "2026-04-03", "2026-05-01", "2026-05-14", "2026-05-15", "2026-05-27",
    "2026-05-28", "2026-06-01", "2026-06-16", "2026-08-17", "2026-08-25", "2026-12-24", "2026-12-25",
    "2026-12-31",
    "2027-01-01", "2027-01-05", "2027-02-06", "2027-03-09", "2027-03-10", "2027-03-11", "2027-03-26",
    "2027-05-01", "2027-05-06", "2027-05-16", "2027-05-20", "2027-06-01", "2027-06-06", "2027-08-15",
    "2027-08-17", "2027-12-25", "2027-12-31"),
    estimated=_days("2027-01-05", "2027-03-09", "2027-03-10", "2027-03-11", "2027-05-16", "2027-05-20",
                    "2027-06-06", "2027-08-15"))

# New York Stock Exchange holidays: NYSE Group's holiday calendar for 2026-2028, published 23 Dec 2025
# (and for 2025-2027 on 8 Nov 2024). Early closes (1 p.m.) are not full holidays and are not listed.
NYSE = Preset("nyse", NEW_YORK, _days(
    "2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19", "2026-07-03",
    "2026-09-07", "2026-11-26", "2026-12-25",
    "2027-01-01", "2027-01-18", "2027-02-15", "2027-03-26", "2027-05-31", "2027-06-18", "2027-07-05",
    "2027-09-06", "2027-11-25", "2027-12-24"))

# Ramadan, approximately: 1 Ramadan 1447 H on 19 Feb 2026 (Idul Fitri 21-22 March 2026 in the 2026
# decree), 1 Ramadan 1448 H around 8 Feb 2027. The windows are approximate Jakarta times (WIB) around sahur
# (imsak is about 04:25-04:35 in February-March) and iftar (maghrib about 18:05-18:20); other cities differ by
# minutes to an hour: add your own windows for them.
RAMADAN = Preset("ramadan", JAKARTA, _span("2026-02-19", "2026-03-20") | _span("2027-02-08", "2027-03-09"),
                 windows=("03:30-04:45", "17:45-18:45"),
                 estimated=_span("2027-02-08", "2027-03-09"))

PRESETS: dict[str, Preset] = {p.id: p for p in (IDX, NYSE, RAMADAN)}

_WINDOW = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Window:
    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> Window | None:
        found = _WINDOW.match(text.strip()) if isinstance(text, str) else None
        if found is None:
            return None
        h1, m1, h2, m2 = (int(g) for g in found.groups())
        window = cls(time(h1, m1), time(h2, m2))
        return window if window.start != window.end else None

    def around(self, moment: datetime) -> tuple[datetime, datetime] | None:
        """The occurrence of this window (started today or yesterday, local wall clock) that holds ``moment``."""
        zone = moment.tzinfo
        for day in (moment.date(), moment.date() - timedelta(days=1)):
            start = datetime.combine(day, self.start, tzinfo=zone)
            end_day = day if self.end > self.start else day + timedelta(days=1)
            end = datetime.combine(end_day, self.end, tzinfo=zone)
            if start.timestamp() <= moment.timestamp() < end.timestamp():
                return start, end
        return None


def check_dates(value) -> Msg | None:
    """A list of ISO dates (YYYY-MM-DD), at most 1000, from 2000 to 2100."""
    if not isinstance(value, (list, tuple)) or len(value) > 1000:
        return Msg("cal.err.dates", {"value": shown(value)})
    for item in value:
        try:
            day = date.fromisoformat(item) if isinstance(item, str) else None
        except ValueError:
            day = None
        if day is None or not 2000 <= day.year <= 2100:
            return Msg("cal.err.date", {"value": shown(item)})
    return None


def check_windows(value) -> Msg | None:
    if not isinstance(value, (list, tuple)) or len(value) > 48:
        return Msg("cal.err.windows", {"value": shown(value)})
    for item in value:
        if Window.parse(item) is None:
            return Msg("cal.err.window", {"value": shown(item)})
    return None


def check_presets(value) -> Msg | None:
    if isinstance(value, (list, tuple)) and all(isinstance(p, str) and p in PRESETS for p in value):
        return None
    return Msg("cal.err.presets", {"value": shown(value), "allowed": ", ".join(PRESETS)})


def _local(ts: float, tz: str) -> datetime:
    return datetime.fromtimestamp(ts, ZoneInfo(tz))


def _next_midnight(moment: datetime) -> float:
    return datetime.combine(moment.date() + timedelta(days=1), time(0), tzinfo=moment.tzinfo).timestamp()


def _blocked_at(cfg: dict, ts: float) -> tuple[Msg, float] | None:
    """Why entries are barred at ``ts`` and until when that one reason lasts, or None."""
    here = _local(ts, cfg["timezone"])
    if here.date().isoformat() in set(cfg["calendar_dates"]):
        return Msg("cal.why.date", {"day": here.date().isoformat()}), _next_midnight(here)
    for text in cfg["calendar_windows"]:
        window = Window.parse(text)
        occurrence = window.around(here) if window else None
        if occurrence:
            return Msg("cal.why.window", {"window": text}), occurrence[1].timestamp()
    for preset_id in cfg["calendar_presets"]:
        preset = PRESETS[preset_id]
        there = _local(ts, preset.tz)
        if not preset.windows:
            if there.date() in preset.days:
                return Msg(f"cal.why.{preset.id}", {"day": there.date().isoformat()}), _next_midnight(there)
            continue
        for text in preset.windows:
            occurrence = Window.parse(text).around(there)  # type: ignore[union-attr]
            if occurrence and occurrence[0].date() in preset.days:
                return Msg(f"cal.why.{preset.id}", {"window": text}), occurrence[1].timestamp()
    return None


def calendar_block(cfg: dict, now: float) -> tuple[Msg, float] | None:
    """(why, when it lifts) if the calendar bars entries at ``now``; back-to-back reasons are followed to
    the first moment none holds."""
    if not cfg.get("calendar_on"):
        return None
    found = _blocked_at(cfg, now)
    if found is None:
        return None
    why, until = found
    for _ in range(MAX_STEPS):
        following = _blocked_at(cfg, until)
        if following is None:
            break
        until = max(following[1], until + 1)
    return why, until


def careful_risk(cfg: dict, now: float) -> float | None:
    """The highest risk % allowed at ``now`` on a day marked "careful", or None."""
    cap = cfg.get("calendar_careful_risk") or 0
    if not cfg.get("calendar_on") or not cap:
        return None
    if _local(now, cfg["timezone"]).date().isoformat() in set(cfg["calendar_careful_dates"]):
        return float(cap)
    for preset_id in cfg["calendar_careful_presets"]:
        preset = PRESETS[preset_id]
        if _local(now, preset.tz).date() in preset.days:
            return float(cap)
    return None


def preset_view(preset_id: str) -> dict:
    """A preset as the Settings page lists it: its days (ISO), which of them are estimates, its windows."""
    preset = PRESETS[preset_id]
    return {"id": preset.id, "tz": preset.tz, "days": sorted(d.isoformat() for d in preset.days),
            "estimated": sorted(d.isoformat() for d in preset.estimated), "windows": list(preset.windows)}
