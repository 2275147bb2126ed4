"""The one translation table (Bahasa Indonesia and English) and its renderer.

Stored records (events, analyses, errors) keep a message *key* and its
parameters, never rendered text, so switching language re-renders history too.
The table itself lives in :mod:`qbx_engine.texts`.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"


@dataclass(frozen=True)
class Msg:
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"key": self.key, "params": {name: _json_param(value) for name, value in self.params.items()}}

    @classmethod
    def from_json(cls, data: dict | None) -> Msg | None:
        if not data:
            return None
        return cls(data["key"], dict(data.get("params") or {}))


def _json_param(value):
    return value.to_json() if isinstance(value, Msg) else value


class _Params(dict):
    """Leaves an unknown placeholder visible instead of failing the render."""

    def __missing__(self, name):
        return "{" + name + "}"


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params) -> str:
    from ..texts import TEXTS

    entry = TEXTS.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry["en"]
    params = {name: _localize_param(value, lang) for name, value in params.items()}
    try:
        return template.format_map(_Params(params))
    except (ValueError, TypeError):
        return template


def render(msg: Msg | dict | None, lang: str = DEFAULT_LANGUAGE) -> str:
    if msg is None:
        return ""
    if isinstance(msg, dict):
        msg = Msg.from_json(msg)
        if msg is None:  # an empty record: nothing to say
            return ""
    return t(msg.key, lang, **msg.params)


def _localize_param(value, lang):
    """A parameter may itself be a message, or a label given in both languages."""
    if isinstance(value, Msg):
        return render(value, lang)
    if isinstance(value, dict) and set(value) == {"key", "params"}:
        return render(value, lang)
    if isinstance(value, dict) and value and set(value) <= set(LANGUAGES):
        return value.get(lang) or value.get("en") or next(iter(value.values()))
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_localize_param(item, lang)) for item in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _Number(value, lang)
    return value


class _Number:
    """Formats like the number it wraps, with Indonesian separators for ``id``."""

    def __init__(self, value, lang):
        self.value, self.lang = value, lang

    def __format__(self, spec):
        text = format(self.value, spec)
        if self.lang == "id":
            text = text.translate(str.maketrans({",": ".", ".": ","}))
        return text

    def __str__(self):
        return format(self, "")


def number(value: float, decimals: int = 2, lang: str = DEFAULT_LANGUAGE) -> str:
    """A number with thousands separators in the trader's language."""
    return format(_Number(value, lang), f",.{decimals}f")


def shown(value: Any) -> str:
    """A short, printable picture of a value someone typed or stored, for a message about it.

    Bounded whatever the value: text is cut, containers are shown a few levels and items deep, and a
    value that cannot print itself (a hostile ``__repr__``, an int too long to print) shows its type.
    """
    try:
        text = value if isinstance(value, str) else _SHORT.repr(value)
    except Exception:  # noqa: BLE001 - whatever the value does, the message about it must not fail
        text = f"<{type(value).__name__}>"
    text = "".join(ch if ch.isprintable() else "?" for ch in text[:60])
    return text if len(text) <= 40 else text[:37] + "..."


_SHORT = reprlib.Repr()  # Python 3.11 takes no keyword arguments here
_SHORT.maxlevel = 3
for _name in ("maxtuple", "maxlist", "maxarray", "maxdict", "maxset", "maxfrozenset", "maxdeque"):
    setattr(_SHORT, _name, 4)
_SHORT.maxstring = _SHORT.maxlong = _SHORT.maxother = 40
