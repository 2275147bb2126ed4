"""The trader's settings, kept in the data folder, with their rules."""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import StoreCorrupted, ValidationError
from .i18n import LANGUAGES, Msg
from .inputs import shown
from .notify.categories import CATEGORIES
from .store.durable import DurableDB

DEFAULTS: dict[str, Any] = {
    "language": "id",
    "timezone": "Asia/Jakarta",
    "broker": "paper",
    "error_streak_limit": 5,
    "notifications_seen_seq": 0,
    "mentor_max_trades_per_day": 0,  # 0: judge overtrading against the trader's own recent average
    # notifications: the categories each channel sends, and when the daily report goes out (trader's time zone)
    "notify_telegram": CATEGORIES,
    "notify_webhook": CATEGORIES,
    "notify_report_time": "21:00",
}


def _check_timezone(value) -> Msg | None:
    if isinstance(value, str) and 0 < len(value) <= 64:
        try:
            ZoneInfo(value)
            return None
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file name
            pass
    return Msg("settings.bad_timezone", {"value": shown(value)})


def _whole(value, low: int, high: int | None = None) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value and (high is None or value <= high)


def _check_categories(value) -> Msg | None:
    if isinstance(value, (list, tuple)) and all(isinstance(c, str) and c in CATEGORIES for c in value):
        return None
    return Msg("settings.bad_notify_categories", {"value": shown(value), "allowed": ", ".join(CATEGORIES)})


def _check_clock_time(value) -> Msg | None:
    if isinstance(value, str) and re.fullmatch(r"([01]?[0-9]|2[0-3]):[0-5][0-9]", value):
        return None
    return Msg("settings.bad_report_time", {"value": shown(value)})


_RULES = {
    "language": lambda v: None if v in LANGUAGES else Msg("settings.bad_language", {"value": shown(v)}),
    "timezone": _check_timezone,
    "broker": lambda v: None if v in ("paper", "mt5") else Msg("settings.bad_broker", {"value": shown(v)}),
    "error_streak_limit": lambda v: None if _whole(v, 1, 100) else Msg("settings.bad_streak", {"value": shown(v)}),
    "notifications_seen_seq": lambda v: None if _whole(v, 0, 2**63) else Msg("settings.bad_value"),
    "mentor_max_trades_per_day": lambda v: None if _whole(v, 0, 1000)
    else Msg("settings.bad_max_trades", {"value": shown(v)}),
    "notify_telegram": _check_categories,
    "notify_webhook": _check_categories,
    "notify_report_time": _check_clock_time,
}


class Settings:
    """Stored values are checked on open with the rules of :meth:`update` (StoreCorrupted names the field).

    The file is created (empty: every setting at its default) when the folder has none yet, so that from
    then on a missing settings.json is a loss the store refuses to open over, not a fresh start.
    """

    def __init__(self, db: DurableDB):
        self.db = db
        stored = db.get("settings", 1)
        if stored is None:
            db.upsert_doc("settings", 1, {})
            return
        for name, value in stored.items():
            problem = _RULES[name](value) if name in _RULES else None
            if problem is not None:
                raise StoreCorrupted(db.path, Msg("store.field", {"field": name, "problem": problem}),
                                     key="err.store_invalid")

    def all(self) -> dict[str, Any]:
        stored = self.db.get("settings", 1) or {}
        stored.pop("doc_id", None)
        return {**DEFAULTS, **{k: v for k, v in stored.items() if k in DEFAULTS}}

    def get(self, name: str) -> Any:
        return self.all()[name]

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
        return merged
