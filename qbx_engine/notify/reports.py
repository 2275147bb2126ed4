"""Reports sent on a schedule, at the time the trader chose, in the trader's time zone.

Each entry is due on some local days; on a due day, once the chosen time has
passed, it is built and queued once (the day is remembered in the outbox file,
so a restart does not send it again). A report with nothing to say (no trades
that day) is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..core.i18n import t
from ..mentor.report import report_markdown


@dataclass(frozen=True)
class Scheduled:
    name: str
    due: Callable[[date], bool]
    # (engine.mentor, the local day, the language) -> (title, Markdown body), or None to skip the day
    build: Callable[[Any, date, str], tuple[str, str] | None]


def daily_report(mentor, day: date, lang: str) -> tuple[str, str] | None:
    analysis = mentor.report(day)
    if not analysis["summary"]["total_trades"]:
        return None
    return split_title(report_markdown(analysis, lang), t("notify.daily_title", lang, date=day.isoformat()))


SCHEDULED: tuple[Scheduled, ...] = (
    Scheduled("daily", lambda day: True, daily_report),
    # The mentor's weekly review joins here, e.g. Scheduled("weekly", lambda day: day.weekday() == 5, weekly_review).
)


def split_title(markdown: str, fallback: str) -> tuple[str, str]:
    """A report's leading ``### heading`` becomes the message title (it is not repeated in the body)."""
    first, _, rest = markdown.partition("\n")
    if first.startswith("#"):
        return first.lstrip("#").strip(), rest.strip("\n")
    return fallback, markdown


def parse_time(value: str) -> tuple[int, int]:
    hours, minutes = str(value).split(":")
    return int(hours), int(minutes)
