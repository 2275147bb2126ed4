"""The trader's settings, kept in the data folder, with their rules."""

from __future__ import annotations

import copy
import ipaddress
import re
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .brokers import BROKERS, DEFAULT_BROKER
from .core.errors import StoreCorrupted, ValidationError
from .core.i18n import LANGUAGES, Msg
from .core.inputs import shown
from .mentor.endpoint import URL_MAX, model_problem, url_problem
from .notify.categories import CATEGORIES
from .safety.calendar import check_dates, check_presets, check_windows
from .store.durable import DurableDB

DEFAULTS: dict[str, Any] = {
    "language": "id",
    "timezone": "Asia/Jakarta",
    "broker": DEFAULT_BROKER,
    "error_streak_limit": 5,
    "notifications_seen_seq": 0,
    "mentor_max_trades_per_day": 0,  # 0: judge overtrading against the trader's own recent average
    # ask the mentor (qbx_engine.mentor.chat): an OpenAI-compatible server; "" = off. The API key is a secret and
    # lives in .streamlit/secrets.toml or the environment only (qbx_engine.mentor.endpoint).
    "mentor_ai_url": "",
    "mentor_ai_model": "",
    "mentor_ai_timeout": 120,  # seconds to wait for the answer to start and for each next piece
    "mentor_ai_stream": True,
    "mentor_ai_consent": "",  # the internet host the trader allowed the facts to go to ("" = none)
    # notifications: the categories each channel sends, and when the daily report goes out (trader's time zone)
    "notify_telegram": CATEGORIES,
    "notify_webhook": CATEGORIES,
    "notify_report_time": "21:00",
    # the emergency brake (0: that limit is off); see qbx_engine.safety.brake
    "brake_daily_loss": 0.0,
    "brake_daily_loss_unit": "money",  # "money" (account currency) or "percent" (of the day's starting balance)
    "brake_max_drawdown": 0.0,  # percent of the equity peak
    "brake_close_all": False,  # when the brake goes on, also close the bots' open positions
    "brake_rearm": "manual",  # "manual": until the trader re-arms it; "next_day": also at the next trading day
    # the no-trade calendar (trader's time zone); see qbx_engine.safety.calendar
    "calendar_on": False,
    "calendar_dates": [],
    "calendar_windows": [],
    "calendar_presets": [],
    "calendar_careful_dates": [],
    "calendar_careful_presets": [],
    "calendar_careful_risk": 0.0,  # percent; 0: careful days are not marked
    # the HTTP API and the TradingView alert receiver (qbx_engine.remote.http): where they listen, from the next
    # start (or "restart" in Settings); the receiver's public address is what the trader's tunnel gives it
    "api_host": "127.0.0.1",
    "api_port": 8502,
    "alerts_host": "127.0.0.1",
    "alerts_port": 8503,
    "alerts_public_url": "",
    # a Dask scheduler to run optimisations on ("": this computer's worker processes); see qbx_engine.backtest.cluster
    "optimise_cluster": "",
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


def _amount(high: float, key: str):
    def check(value) -> Msg | None:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= high:
            return None
        return Msg(key, {"value": shown(value), "max": high})
    return check


def _choice(choices: tuple[str, ...]):
    def check(value) -> Msg | None:
        return None if value in choices else Msg("settings.bad_choice", {"value": shown(value),
                                                                         "allowed": ", ".join(choices)})
    return check


def _flag(value) -> Msg | None:
    return None if isinstance(value, bool) else Msg("settings.bad_flag", {"value": shown(value)})


def _optional(check):
    """An empty text switches the feature off; anything else must pass ``check``."""
    return lambda value: None if value == "" else check(value)


def _consent(value) -> Msg | None:
    if isinstance(value, str) and len(value) <= URL_MAX and (value == "" or url_problem(value) is None):
        return None
    return Msg("mentor.chat.cfg.bad_consent", {"value": shown(value)})


def _check_host(value) -> Msg | None:
    """An address to listen on: ``localhost`` or an IP address of this computer (0.0.0.0: every one)."""
    if value == "localhost":
        return None
    if isinstance(value, str) and len(value) <= 45:  # the longest IPv6 address written out
        try:
            ipaddress.ip_address(value)
            return None
        except ValueError:
            pass
    return Msg("settings.bad_host", {"value": shown(value)})


def _check_port(value) -> Msg | None:
    return None if _whole(value, 1024, 65535) else Msg("settings.bad_port", {"value": shown(value)})


def _check_public_url(value) -> Msg | None:
    """Empty, or the https:// address a tunnel gives the alert receiver (no path, user or query)."""
    if value == "":
        return None
    parts = urlsplit(value) if isinstance(value, str) and len(value) <= 200 else None
    if (parts is None or parts.scheme != "https" or not parts.hostname or parts.username or parts.password
            or parts.query or parts.fragment or parts.path not in ("", "/")):
        return Msg("settings.bad_public_url", {"value": shown(value)})
    return None


_HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*" \
        r"|\[[0-9A-Fa-f:.]{2,45}\])"
_CLUSTER = re.compile(rf"(?:tcp://)?{_HOST}:(?P<port>[0-9]{{1,5}})")


def check_cluster(value) -> Msg | None:
    """Empty (no cluster), or a Dask scheduler as host:port or tcp://host:port."""
    if value == "":
        return None
    found = _CLUSTER.fullmatch(value) if isinstance(value, str) and len(value) <= 300 else None
    if found is None or not 1 <= int(found["port"]) <= 65535:
        return Msg("settings.bad_cluster", {"value": shown(value)})
    return None


def _together(merged: dict[str, Any]) -> dict[str, Msg]:
    """Rules between settings: a daily loss in percent is at most 100; the API and the alert receiver listen on
    different ports."""
    if merged["brake_daily_loss_unit"] == "percent" and merged["brake_daily_loss"] > 100:
        return {"brake_daily_loss": Msg("settings.bad_loss_pct", {"value": merged["brake_daily_loss"]})}
    if merged["api_port"] == merged["alerts_port"]:
        return {"alerts_port": Msg("settings.same_port", {"value": merged["alerts_port"]})}
    return {}


_RULES = {
    "language": lambda v: None if v in LANGUAGES else Msg("settings.bad_language", {"value": shown(v)}),
    "timezone": _check_timezone,
    "broker": lambda v: None if isinstance(v, str) and v in BROKERS
    else Msg("settings.bad_broker", {"value": shown(v)}),
    "error_streak_limit": lambda v: None if _whole(v, 1, 100) else Msg("settings.bad_streak", {"value": shown(v)}),
    "notifications_seen_seq": lambda v: None if _whole(v, 0, 2**63) else Msg("settings.bad_value"),
    "mentor_max_trades_per_day": lambda v: None if _whole(v, 0, 1000)
    else Msg("settings.bad_max_trades", {"value": shown(v)}),
    "notify_telegram": _check_categories,
    "notify_webhook": _check_categories,
    "notify_report_time": _check_clock_time,
    "brake_daily_loss": _amount(1e12, "settings.bad_loss_limit"),
    "brake_daily_loss_unit": _choice(("money", "percent")),
    "brake_max_drawdown": _amount(100.0, "settings.bad_drawdown"),
    "brake_close_all": _flag,
    "brake_rearm": _choice(("manual", "next_day")),
    "calendar_on": _flag,
    "calendar_dates": check_dates,
    "calendar_windows": check_windows,
    "calendar_presets": check_presets,
    "calendar_careful_dates": check_dates,
    "calendar_careful_presets": check_presets,
    "calendar_careful_risk": _amount(10.0, "settings.bad_careful_risk"),
    "mentor_ai_url": _optional(url_problem),
    "mentor_ai_model": _optional(model_problem),
    "mentor_ai_timeout": lambda v: None if _whole(v, 1, 900) else Msg("mentor.chat.cfg.bad_timeout",
                                                                      {"value": shown(v)}),
    "mentor_ai_stream": _flag,
    "mentor_ai_consent": _consent,
    "api_host": _check_host,
    "api_port": _check_port,
    "alerts_host": _check_host,
    "alerts_port": _check_port,
    "alerts_public_url": _check_public_url,
    "optimise_cluster": check_cluster,
}


class Settings:
    """The settings, read from their file once and then from memory (pages read them many times a run).

    Stored values are checked on open with the rules of :meth:`update` (StoreCorrupted names the field).
    The file is created (empty: every setting at its default) when the folder has none yet, so that from
    then on a missing settings.json is a loss the store refuses to open over, not a fresh start.
    """

    def __init__(self, db: DurableDB):
        self.db = db
        self._cached: dict[str, Any] | None = None
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
        return copy.deepcopy(self._loaded())

    def get(self, name: str) -> Any:
        return copy.deepcopy(self._loaded()[name])

    def _loaded(self) -> dict[str, Any]:
        if self._cached is None:
            stored = self.db.get("settings", 1) or {}
            stored.pop("doc_id", None)
            self._cached = {**DEFAULTS, **{k: v for k, v in stored.items() if k in DEFAULTS}}
        return self._cached

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
        errors = {name: msg for name, msg in _together(merged).items() if name in changes
                  or "brake_daily_loss_unit" in changes or {"api_port", "alerts_port"} & set(changes)}
        if errors:
            raise ValidationError(errors)
        self.db.upsert_doc("settings", 1, merged)
        self._cached = None
        return merged
