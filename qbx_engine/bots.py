"""What a bot is: its fields, their rules, and its lifecycle statuses."""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from .errors import ValidationError
from .i18n import Msg
from .market.timeframes import TIMEFRAMES
from .strategies import strategy_class

ACTIVE, PAUSED, STOPPED, ERROR = "active", "paused", "stopped", "error"
STATUSES = (ACTIVE, PAUSED, STOPPED, ERROR)
STATUS_LABELS = {ACTIVE: {"id": "Aktif", "en": "Active"}, PAUSED: {"id": "Dijeda", "en": "Paused"},
                 STOPPED: {"id": "Berhenti", "en": "Stopped"}, ERROR: {"id": "Error", "en": "Error"}}

EDITABLE = ("name", "market", "timeframe", "strategy_name", "strategy_params", "risk_percent", "sl_pips",
            "tp_pips", "check_interval")
DEFAULTS = {"timeframe": "H1", "strategy_name": "ma_crossover", "strategy_params": {}, "risk_percent": 1.0,
            "sl_pips": 30.0, "tp_pips": 60.0, "check_interval": 60}
LIMITS = {"risk_percent": (0.01, 10.0), "sl_pips": (0.1, 100_000.0), "tp_pips": (0.0, 100_000.0),
          "check_interval": (1, 86_400)}
NAME_MAX = 60


def clean_new_bot(data: dict[str, Any], find_symbol) -> dict[str, Any]:
    """A complete, valid bot config from what the trader entered, or ValidationError."""
    if not isinstance(data, dict):
        raise ValidationError({"bot": Msg("bot.not_a_record")})
    unknown = set(data) - set(EDITABLE) - {"status"}
    errors: dict[str, Msg] = {name: Msg("bot.unknown_field", {"name": name}) for name in sorted(unknown)}
    status = data.get("status", STOPPED)
    if status not in (ACTIVE, STOPPED):
        errors["status"] = Msg("bot.bad_initial_status", {"status": str(status)})
    merged = {**DEFAULTS, **{k: v for k, v in data.items() if k in EDITABLE}}
    for required in ("name", "market"):
        if required not in data:
            errors[required] = Msg(f"bot.{required}_required")
    clean, field_errors = _clean_fields(merged, find_symbol)
    errors.update({k: v for k, v in field_errors.items() if k not in errors})
    if errors:
        raise ValidationError(errors)
    clean["status"] = status
    return clean


def clean_changes(current: dict[str, Any], changes: dict[str, Any], find_symbol) -> dict[str, Any]:
    """The subset of ``changes`` that differs from ``current``, validated, or ValidationError."""
    errors = {name: Msg("bot.not_editable" if name in ("id", "status") else "bot.unknown_field", {"name": name})
              for name in sorted(set(changes) - set(EDITABLE))}
    if errors:
        raise ValidationError(errors)
    same_strategy = changes.get("strategy_name", current["strategy_name"]) == current["strategy_name"]
    params = changes.get("strategy_params")
    if params is not None and same_strategy and isinstance(params, dict):
        changes = dict(changes, strategy_params={**current["strategy_params"], **params})
    if "strategy_name" in changes and not same_strategy and params is None:
        changes = dict(changes, strategy_params={})
    merged = {**{k: current[k] for k in EDITABLE}, **changes}
    clean, errors = _clean_fields(merged, find_symbol)
    touched = set(changes) | ({"strategy_params"} if "strategy_name" in changes else set())
    relevant = {k: v for k, v in errors.items() if k.split(".")[0] in touched}
    if relevant:
        raise ValidationError(relevant)
    return {k: clean[k] for k in EDITABLE if k in touched and clean.get(k) != current[k]}


def _clean_fields(data: dict[str, Any], find_symbol) -> tuple[dict[str, Any], dict[str, Msg]]:
    errors: dict[str, Msg] = {}
    clean: dict[str, Any] = {}

    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        errors["name"] = Msg("bot.name_required")
    else:
        name = " ".join(name.split())
        if len(name) > NAME_MAX:
            errors["name"] = Msg("bot.name_too_long", {"max": NAME_MAX, "length": len(name)})
        elif _unshowable(name):
            errors["name"] = Msg("bot.name_control_chars")
        clean["name"] = name

    market = data.get("market")
    symbol = find_symbol(market) if isinstance(market, str) and market.strip() else None
    if symbol is None:
        errors["market"] = Msg("bot.unknown_market", {"market": str(market or "").strip()[:30]})
    clean["market"] = symbol

    timeframe = data.get("timeframe")
    if timeframe not in TIMEFRAMES:
        errors["timeframe"] = Msg("bot.bad_timeframe", {"value": str(timeframe)[:20], "choices": ", ".join(TIMEFRAMES)})
    clean["timeframe"] = timeframe

    try:
        cls = strategy_class(data.get("strategy_name"))
        clean["strategy_name"] = cls.name
        clean["strategy_params"] = cls.validate(data.get("strategy_params") if isinstance(
            data.get("strategy_params"), dict) else {})
    except ValidationError as exc:
        errors.update(exc.field_errors)

    for field in ("risk_percent", "sl_pips", "tp_pips", "check_interval"):
        low, high = LIMITS[field]
        value = _number(data.get(field))
        if value is None or (field == "check_interval" and value != int(value)):
            errors[field] = Msg(f"bot.{field}_type", {"value": str(data.get(field))[:20]})
        elif not (low <= value <= high):
            errors[field] = Msg(f"bot.{field}_range", {"min": low, "max": high, "value": value})
        else:
            clean[field] = int(value) if field == "check_interval" else float(value)
    return clean, errors


_ZWJ = "\u200d"
_BLACK_FLAG = "\U0001f3f4"
_TAGS = range(0xE0020, 0xE0080)  # spell subdivision flags after a black flag (England, Scotland, Wales)


def _unshowable(name: str) -> bool:
    """A control, format, private-use or unassigned character outside an emoji sequence.

    Refused: controls (NUL, ESC), bidi overrides (U+202E) and invisible characters such as the
    zero-width space, the zero-width non-joiner and the soft hyphen: they reorder the text around
    a name or make two names look the same. Allowed: the zero-width joiner between two emoji
    (👩‍💻, 👨‍👩‍👧) and the tag characters of a subdivision flag. Variation selectors and skin
    tones are not control characters and were never refused.
    """
    for i, ch in enumerate(name):
        if not unicodedata.category(ch).startswith("C"):
            continue
        before, after = name[i - 1] if i else "", name[i + 1:i + 2]
        if ch == _ZWJ and _emoji_end(before) and after and unicodedata.category(after) == "So":
            continue
        if ord(ch) in _TAGS and before and (before == _BLACK_FLAG or ord(before) in _TAGS):
            continue
        return True
    return False


def _emoji_end(ch: str) -> bool:
    """The last character of an emoji: the emoji itself, a skin tone (Sk) or a variation selector (U+FE0F)."""
    return bool(ch) and (unicodedata.category(ch) in ("So", "Sk") or ch == "\ufe0f")


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            return None
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    return None
