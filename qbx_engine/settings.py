"""The trader's settings, kept in the data folder, with their rules."""

from __future__ import annotations

import copy
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .brokers import BROKERS, DEFAULT_BROKER
from .errors import ValidationError
from .i18n import LANGUAGES, Msg
from .notify.categories import CATEGORIES
from .store.durable import DurableDB

DEFAULTS: dict[str, Any] = {
    "language": "id",
    "timezone": "Asia/Jakarta",
    "broker": DEFAULT_BROKER,
    "error_streak_limit": 5,
    "notifications_seen_seq": 0,
    "mentor_max_trades_per_day": 0,  # 0: judge overtrading against the trader's own recent average
    # notifications: the categories each channel sends, and when the daily report goes out (trader's time zone)
    "notify_telegram": CATEGORIES,
    "notify_webhook": CATEGORIES,
    "notify_report_time": "21:00",
}


def _check_timezone(value) -> Msg | None:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        return Msg("settings.bad_timezone", {"value": str(value)[:40]})
    return None


def _check_categories(value) -> Msg | None:
    if isinstance(value, (list, tuple)) and all(isinstance(c, str) and c in CATEGORIES for c in value):
        return None
    return Msg("settings.bad_notify_categories", {"value": str(value)[:60], "allowed": ", ".join(CATEGORIES)})


def _check_clock_time(value) -> Msg | None:
    if isinstance(value, str) and re.fullmatch(r"([01]?[0-9]|2[0-3]):[0-5][0-9]", value):
        return None
    return Msg("settings.bad_report_time", {"value": str(value)[:20]})


_RULES = {
    "language": lambda v: None if v in LANGUAGES else Msg("settings.bad_language", {"value": str(v)[:10]}),
    "timezone": _check_timezone,
    "broker": lambda v: None if isinstance(v, str) and v in BROKERS else Msg("settings.bad_broker",
                                                                              {"value": str(v)[:10]}),
    "error_streak_limit": lambda v: None if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 100
    else Msg("settings.bad_streak", {"value": str(v)[:10]}),
    "notifications_seen_seq": lambda v: None if isinstance(v, int) and v >= 0 else Msg("settings.bad_value"),
    "mentor_max_trades_per_day": lambda v: None if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 1000
    else Msg("settings.bad_max_trades", {"value": str(v)[:10]}),
    "notify_telegram": _check_categories,
    "notify_webhook": _check_categories,
    "notify_report_time": _check_clock_time,
}


class Settings:
    """The settings, read from their file once and then from memory (pages read them many times a run)."""

    def __init__(self, db: DurableDB):
        self.db = db
        self._cached: dict[str, Any] | None = None

    def all(self) -> dict[str, Any]:
        if self._cached is None:
            stored = self.db.get("settings", 1) or {}
            stored.pop("doc_id", None)
            self._cached = {**DEFAULTS, **{k: v for k, v in stored.items() if k in DEFAULTS}}
        return copy.deepcopy(self._cached)

    def get(self, name: str) -> Any:
        if self._cached is None:
            self.all()
        return copy.deepcopy(self._cached[name])

    def update(self, **changes) -> dict[str, Any]:
        errors = {name: Msg("settings.unknown", {"name": name}) for name in changes if name not in DEFAULTS}
        for name, value in changes.items():
            if name in _RULES:
                problem = _RULES[name](value)
                if problem is not None:
                    errors[name] = problem
        if errors:
            raise ValidationError(errors)
        merged = {**self.all(), **changes}
        self.db.upsert_doc("settings", 1, merged)
        self._cached = None
        return merged
