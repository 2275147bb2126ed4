"""Declared strategy parameters: what the dashboard turns into widgets and what validates edits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.i18n import Msg, shown
from ..core.inputs import number as _number

KINDS = ("int", "float", "bool", "choice")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    default: Any
    label: dict[str, str]
    help: dict[str, str]
    min: float | None = None
    max: float | None = None
    step: float | None = None
    choices: tuple = ()
    choice_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"{self.name}: kind must be one of {KINDS}")
        problem = self.check(self.default)
        if problem is not None:
            raise ValueError(f"{self.name}: the default {self.default!r} is invalid")

    def check(self, value: Any) -> Msg | None:
        """None when ``value`` (already coerced) is acceptable, else why not."""
        try:
            self.coerce(value)
        except ParamError as exc:
            return exc.msg
        return None

    def coerce(self, value: Any) -> Any:
        """The value in its declared type, or ParamError with a message for the trader."""
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().lower() in ("true", "false"):
                return value.strip().lower() == "true"
            raise ParamError(Msg("param.not_bool", {"label": self.label, "value": _shown(value)}))
        if self.kind == "choice":
            if value in self.choices:
                return value
            raise ParamError(Msg("param.not_choice", {"label": self.label, "value": _shown(value),
                                                      "choices": ", ".join(map(str, self.choices))}))
        number = _number(value)
        if number is None:
            key = "param.not_int" if self.kind == "int" else "param.not_number"
            raise ParamError(Msg(key, {"label": self.label, "value": _shown(value)}))
        if self.kind == "int":
            if number != int(number):
                raise ParamError(Msg("param.not_int", {"label": self.label, "value": _shown(value)}))
            number = int(number)
        if (self.min is not None and number < self.min) or (self.max is not None and number > self.max):
            raise ParamError(Msg("param.range", {"label": self.label, "min": self.min, "max": self.max,
                                                 "value": number}))
        return number

    def to_json(self) -> dict:
        return {"name": self.name, "kind": self.kind, "default": self.default, "label": self.label,
                "help": self.help, "min": self.min, "max": self.max, "step": self.step,
                "choices": list(self.choices), "choice_labels": self.choice_labels}


class ParamError(Exception):
    def __init__(self, msg: Msg):
        super().__init__(msg.key)
        self.msg = msg


def _shown(value: Any) -> str:
    return repr(value)[:40] if isinstance(value, str) else shown(value)


def int_param(name, default, low, high, label, help_text, step=1) -> Param:
    return Param(name, "int", default, label, help_text, low, high, step)


def float_param(name, default, low, high, label, help_text, step=0.1) -> Param:
    return Param(name, "float", float(default), label, help_text, low, high, step)
