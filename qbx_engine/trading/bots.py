"""What a bot is: its fields, their rules, its lifecycle statuses, and its typed record."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import LifecycleError, StoreCorrupted, ValidationError
from ..core.i18n import Msg
from ..core.inputs import number, shown, shown_stored, unshowable
from ..market.timeframes import TIMEFRAMES
from ..strategies import strategy_class
from .plan import ATR, PIPS, STOP_MODES, Stops
from .trailing import Trailing

ACTIVE, PAUSED, STOPPED, ERROR = "active", "paused", "stopped", "error"
STATUSES = (ACTIVE, PAUSED, STOPPED, ERROR)
STATUS_LABELS = {ACTIVE: {"id": "Aktif", "en": "Active"}, PAUSED: {"id": "Dijeda", "en": "Paused"},
                 STOPPED: {"id": "Berhenti", "en": "Stopped"}, ERROR: {"id": "Error", "en": "Error"}}

# Protections and trailing (each 0 / False = off; minutes; trailing distances in the bot's stop unit):
# see qbx_engine.safety.gates and qbx_engine.trading.trailing.
PROTECTIONS = ("cooldown_minutes", "sl_guard_count", "sl_guard_window", "sl_guard_pause", "max_trades_per_day",
               "entries_off", "breakeven_at", "trail_distance")
EDITABLE = ("name", "market", "timeframe", "strategy_name", "strategy_params", "risk_percent", "stop_mode",
            "sl_pips", "tp_pips", "sl_atr", "tp_atr", "atr_period", "check_interval", *PROTECTIONS)
DEFAULTS: dict[str, Any] = {
    "timeframe": "H1", "strategy_name": "ma_crossover", "strategy_params": {}, "risk_percent": 1.0,
    "stop_mode": PIPS, "sl_pips": 30.0, "tp_pips": 60.0, "sl_atr": 1.5, "tp_atr": 3.0, "atr_period": 14,
    "check_interval": 60, "cooldown_minutes": 0, "sl_guard_count": 0, "sl_guard_window": 60,
    "sl_guard_pause": 60, "max_trades_per_day": 0, "entries_off": False, "breakeven_at": 0.0,
    "trail_distance": 0.0}
# What the engine keeps per bot beside its settings, as a new bot starts.
KEPT = {"error_streak": 0, "position_ticket": None, "last_acted_bar": None, "last_error": None}
# Every field a bot file holds without its identity and times: what an older file is given when it lacks one.
BOT_FIELDS = {**DEFAULTS, **KEPT}
WEEK = 7 * 24 * 60  # minutes
LIMITS = {"risk_percent": (0.01, 10.0), "sl_pips": (0.1, 100_000.0), "tp_pips": (0.0, 100_000.0),
          "sl_atr": (0.1, 50.0), "tp_atr": (0.0, 100.0), "atr_period": (2, 500), "check_interval": (1, 86_400),
          "cooldown_minutes": (0, WEEK), "sl_guard_count": (0, 100), "sl_guard_window": (1, WEEK),
          "sl_guard_pause": (1, WEEK), "max_trades_per_day": (0, 1000), "breakeven_at": (0.0, 100_000.0),
          "trail_distance": (0.0, 100_000.0)}
WHOLE = ("atr_period", "check_interval", "cooldown_minutes", "sl_guard_count", "sl_guard_window", "sl_guard_pause",
         "max_trades_per_day")
# What the bot trades and how it decides: changed only while it is not trading (stopped, paused, error).
STRUCTURAL = ("market", "timeframe", "strategy_name", "stop_mode")
NAME_MAX = 60


@dataclass(frozen=True)
class Bot:
    """A bot as the engine holds it: typed, immutable (a change makes a new record)."""

    id: int
    name: str
    market: str
    timeframe: str
    strategy_name: str
    strategy_params: dict[str, Any]
    risk_percent: float
    sl_pips: float
    tp_pips: float
    check_interval: int
    status: str
    stop_mode: str = PIPS
    sl_atr: float = DEFAULTS["sl_atr"]
    tp_atr: float = DEFAULTS["tp_atr"]
    atr_period: int = DEFAULTS["atr_period"]
    cooldown_minutes: int = 0
    sl_guard_count: int = 0
    sl_guard_window: int = 60
    sl_guard_pause: int = 60
    max_trades_per_day: int = 0
    entries_off: bool = False
    breakeven_at: float = 0.0
    trail_distance: float = 0.0
    created_at: float | None = None
    updated_at: float | None = None
    error_streak: int = 0
    position_ticket: int | None = None
    last_acted_bar: float | None = None
    last_error: dict | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # fields this version does not know, kept as they are

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Bot:
        names = {f.name for f in dataclasses.fields(cls)} - {"extra"}
        known = {k: v for k, v in record.items() if k in names}
        return cls(**known, extra={k: v for k, v in record.items() if k not in names and k != "doc_id"})

    def to_record(self) -> dict[str, Any]:
        record = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "extra"}
        record["strategy_params"] = dict(self.strategy_params)
        return {**self.extra, **record}

    def but(self, **changes) -> Bot:
        return dataclasses.replace(self, **changes)

    @property
    def stops(self) -> Stops:
        if self.stop_mode == ATR:
            return Stops(ATR, self.sl_atr, self.tp_atr, self.atr_period)
        return Stops(PIPS, self.sl_pips, self.tp_pips)

    @property
    def trailing(self) -> Trailing:
        """Break-even and trailing, in the unit of the bot's stops (pips or ATR multiples)."""
        return Trailing(self.stop_mode, self.breakeven_at, self.trail_distance, self.atr_period)


def stored_bot(record: Any, path, bot_id: int) -> Bot:
    """A bot read from its file, checked with the rules a trader's input meets; StoreCorrupted names the file
    and the field. A missing editable field takes its default (a folder from before that field existed)."""
    if not isinstance(record, dict):
        raise StoreCorrupted(path, Msg("store.no_record", {"what": "bot"}), key="err.store_invalid")
    problems: dict[str, Msg] = {}
    if record.get("id") != bot_id:
        problems["id"] = Msg("store.bad_id", {"value": shown_stored(record.get("id")), "bot_id": bot_id})
    status = record.get("status")
    if "status" not in record:
        problems["status"] = Msg("store.field_missing")
    elif status not in STATUSES:
        problems["status"] = Msg("store.bad_status", {"value": shown_stored(status)})
    for name in ("name", "market"):
        if name not in record:
            problems[name] = Msg("store.field_missing")
    clean, field_errors = _clean_fields({**DEFAULTS, **record}, lambda market: market)
    problems.update({k: v for k, v in field_errors.items() if k not in problems})
    for name, kind in (("created_at", "time"), ("updated_at", "time"), ("last_acted_bar", "time"),
                       ("error_streak", "count"), ("position_ticket", "ticket"), ("last_error", "record")):
        problem = _stored_extra(record[name], kind) if name in record else None
        if problem is not None:
            problems[name] = problem
    if problems:
        name, problem = next(iter(problems.items()))
        raise StoreCorrupted(path, Msg("store.field", {"field": name, "problem": problem}), key="err.store_invalid")
    return Bot.from_record({**record, **clean})


def _stored_extra(value: Any, kind: str) -> Msg | None:
    """The rule for a field the engine writes itself (not the trader), as stored."""
    if value is None:
        return Msg("store.bad_whole", {"value": "null"}) if kind == "count" else None
    if kind == "record":
        return None if isinstance(value, dict) else Msg("store.bad_record", {"value": shown_stored(value)})
    if kind == "time":
        return None if number(value) is not None and not isinstance(value, str) else Msg(
            "store.bad_number", {"value": shown_stored(value)})
    whole = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return None if whole else Msg("store.bad_whole", {"value": shown_stored(value)})


def clean_new_bot(data: dict[str, Any], find_symbol) -> dict[str, Any]:
    """A complete, valid bot config from what the trader entered, or ValidationError."""
    if not isinstance(data, dict):
        raise ValidationError({"bot": Msg("bot.not_a_record")})
    unknown = set(data) - set(EDITABLE) - {"status"}
    errors: dict[str, Msg] = {shown(name): Msg("bot.unknown_field", {"name": shown(name)})
                              for name in sorted(unknown, key=shown)}
    status = data.get("status", STOPPED)
    if status not in (ACTIVE, STOPPED):
        errors["status"] = Msg("bot.bad_initial_status", {"status": shown(status)})
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
    clean = {k: clean[k] for k in EDITABLE if k in touched and clean.get(k) != current[k]}
    _check_structural(current, clean)
    return clean


def _check_structural(current: dict[str, Any], clean: dict[str, Any]) -> None:
    """A running bot keeps its market, timeframe, strategy and stop mode; a bot holding a position keeps its
    market (the position stays on the old symbol and nothing would manage it)."""
    structural = [name for name in STRUCTURAL if name in clean]
    if not structural:
        return
    if current.get("status") == ACTIVE:
        raise LifecycleError("err.edit_while_active", bot_id=current.get("id"), name=current.get("name"),
                             fields=[Msg(f"field.{name}") for name in structural])
    if "market" in clean and current.get("position_ticket"):
        raise ValidationError({"market": Msg("bot.market_with_position", {
            "market": current["market"], "ticket": current["position_ticket"]})})


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
        elif unshowable(name):
            errors["name"] = Msg("bot.name_control_chars")
        clean["name"] = name

    market = data.get("market")
    symbol = find_symbol(market) if isinstance(market, str) and market.strip() else None
    if symbol is None:
        shown_market = shown(market.strip() if isinstance(market, str) else market or "")
        errors["market"] = Msg("bot.unknown_market", {"market": shown_market})
    clean["market"] = symbol

    timeframe = data.get("timeframe")
    if timeframe not in TIMEFRAMES:
        errors["timeframe"] = Msg("bot.bad_timeframe", {"value": shown(timeframe), "choices": ", ".join(TIMEFRAMES)})
    clean["timeframe"] = timeframe

    params = data.get("strategy_params")
    try:
        cls = strategy_class(data.get("strategy_name"))
        clean["strategy_name"] = cls.name
        if not isinstance(params, dict):  # never "no parameters": that would reset tuned ones to the defaults
            errors["strategy_params"] = Msg("input.not_mapping", {"name": "strategy_params", "value": shown(params)})
        else:
            clean["strategy_params"] = cls.validate(params)
    except ValidationError as exc:
        errors.update(exc.field_errors)

    stop_mode = data.get("stop_mode")
    if stop_mode not in STOP_MODES:
        errors["stop_mode"] = Msg("bot.bad_stop_mode", {"value": shown(stop_mode)})
    clean["stop_mode"] = stop_mode

    if not isinstance(data.get("entries_off"), bool):
        errors["entries_off"] = Msg("bot.entries_off_type", {"value": shown(data.get("entries_off"))})
    clean["entries_off"] = data.get("entries_off") is True

    _clean_numbers(data, clean, errors)
    return clean, errors


def _clean_numbers(data: dict[str, Any], clean: dict[str, Any], errors: dict[str, Msg]) -> None:
    """The numeric fields, each within its LIMITS and a whole number where WHOLE says so."""
    for name, (low, high) in LIMITS.items():
        value = number(data.get(name))
        if value is None or (name in WHOLE and value != int(value)):
            errors[name] = Msg(f"bot.{name}_type", {"value": shown(data.get(name))})
        elif not (low <= value <= high):
            errors[name] = Msg(f"bot.{name}_range", {"min": low, "max": high, "value": value})
        else:
            clean[name] = int(value) if name in WHOLE else float(value)

