"""The trader's settings, kept in the data folder, with their rules."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ValidationError
from .i18n import LANGUAGES, Msg
from .store.durable import DurableDB

DEFAULTS: dict[str, Any] = {
    "language": "id",
    "timezone": "Asia/Jakarta",
    "broker": "paper",
    "error_streak_limit": 5,
    "notifications_seen_seq": 0,
    "mentor_max_trades_per_day": 0,  # 0: judge overtrading against the trader's own recent average
}


def _check_timezone(value) -> Msg | None:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        return Msg("settings.bad_timezone", {"value": str(value)[:40]})
    return None


_RULES = {
    "language": lambda v: None if v in LANGUAGES else Msg("settings.bad_language", {"value": str(v)[:10]}),
    "timezone": _check_timezone,
    "broker": lambda v: None if v in ("paper", "mt5") else Msg("settings.bad_broker", {"value": str(v)[:10]}),
    "error_streak_limit": lambda v: None if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 100
    else Msg("settings.bad_streak", {"value": str(v)[:10]}),
    "notifications_seen_seq": lambda v: None if isinstance(v, int) and v >= 0 else Msg("settings.bad_value"),
    "mentor_max_trades_per_day": lambda v: None if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 1000
    else Msg("settings.bad_max_trades", {"value": str(v)[:10]}),
}


class Settings:
    def __init__(self, db: DurableDB):
        self.db = db

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
