"""What the engine accepts from its callers, checked once, refused in the trader's words.

Two kinds of input, two rules:

* **Values a trader fills in** (bot settings, strategy parameters, the paper balance) are numbers, or
  text that spells one: ``"1.5"`` and ``"1,5"`` (a decimal comma, as written in Indonesia) are both
  1.5; surrounding spaces are ignored. The stored value is always a number. ``True``/``False``, NaN,
  infinities and numbers too large for a float are refused.
* **Arguments a program passes** (``limit``, ``offset``, ``days``, ``count``, times, flags) must have
  their type: a whole number is an ``int``, a time is an epoch number, a flag is a ``bool``.

Every refusal is a :class:`~qbx_engine.core.errors.ValidationError` naming the argument; nothing is saved.
"""

from __future__ import annotations

import json
import math
import operator
import unicodedata
from datetime import date, datetime
from typing import Any

from .errors import ValidationError
from .i18n import Msg, shown

__all__ = ["number", "whole", "optional_whole", "flag", "moment", "day", "bot_ref", "text", "shown", "shown_stored",
           "unshowable", "showable"]

MAX_TIME = 4_102_444_800.0  # 2100-01-01 UTC: a time past it is a mistake, not a plan
FIRST_DAY, LAST_DAY = date(1970, 1, 2), date(2099, 12, 30)  # days whose bounds every time zone can hold
MAX_ID = 2**63 - 1  # the largest id (a bot's id is its magic number; MT5 keeps those in 64 bits)


def number(value: Any) -> float | None:
    """A trader-typed number as a finite float, or None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        if len(value) > 40:
            return None
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            return None
    if isinstance(value, (int, float)):
        try:
            value = float(value)
        except OverflowError:
            return None
        return value if math.isfinite(value) else None
    return None


def whole(name: str, original: Any, low: int, high: int | None = None) -> int:
    """An integer argument (``int``, or NumPy's) from ``low`` to ``high`` (None: no upper bound)."""
    value: int | None
    try:
        value = None if isinstance(original, bool) else operator.index(original)
    except TypeError:
        value = None
    if value is None:
        raise ValidationError.one(name, "input.not_whole", name=name, value=shown(original))
    if value < low or (high is not None and value > high):
        raise ValidationError.one(name, "input.whole_range", name=name, value=shown(value), low=low,
                                  high=high if high is not None else "∞")
    return value


def optional_whole(name: str, value: Any, low: int, high: int | None = None) -> int | None:
    return None if value is None else whole(name, value, low, high)


def flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValidationError.one(name, "input.not_flag", name=name, value=shown(value))
    return value


def moment(name: str, value: Any) -> float | None:
    """A time as epoch seconds (None: no bound)."""
    if value is None:
        return None
    seconds = None if isinstance(value, (bool, str)) else number(value)
    if seconds is None or not 0 <= seconds <= MAX_TIME:
        raise ValidationError.one(name, "input.not_time", name=name, value=shown(value))
    return seconds


def day(name: str, value: Any) -> date | None:
    """A calendar day: ``YYYY-MM-DD``, a date or a datetime (its date); None stays None."""
    if value is None:
        return None
    found = value.date() if isinstance(value, datetime) else value
    if not isinstance(found, date):
        try:
            found = date.fromisoformat(value) if isinstance(value, str) and len(value) <= 10 else None
        except ValueError:
            found = None
        if found is None:
            raise ValidationError({name: Msg("mentor.err.day", {"value": shown(value)})})
    if not FIRST_DAY <= found <= LAST_DAY:
        raise ValidationError({name: Msg("input.day_range", {"value": found.isoformat()})})
    return found


def bot_ref(name: str, value: Any) -> int | None:
    """A bot id as a filter (None: every bot); a deleted bot's id is fine."""
    if value is None:
        return None
    return whole(name, value, 0, MAX_ID)


def text(name: str, value: Any, longest: int) -> str:
    if not isinstance(value, str) or len(value) > longest:
        raise ValidationError.one(name, "input.not_text", name=name, value=shown(value), longest=longest)
    return value


def shown_stored(value: Any) -> str:
    """A value read from a data file, as JSON writes it (``null``, ``true``, ``"text"``)."""
    try:
        return shown(json.dumps(value, ensure_ascii=False, default=str))
    except (TypeError, ValueError):
        return shown(value)


# -- text a trader types and the dashboard shows -------------------------------------------------------
_ZWJ = "\u200d"
_BLACK_FLAG = "\U0001f3f4"
_TAGS = range(0xE0020, 0xE0080)  # spell subdivision flags after a black flag (England, Scotland, Wales)
REPLACEMENT = "\ufffd"


def _hidden_at(text: str, i: int, allowed: str) -> bool:
    """Whether ``text[i]`` is a control, format, private-use or unassigned character outside an emoji sequence."""
    ch = text[i]
    if ch in allowed or not unicodedata.category(ch).startswith("C"):
        return False
    before, after = text[i - 1] if i else "", text[i + 1:i + 2]
    if ch == _ZWJ and _emoji_end(before) and after and unicodedata.category(after) == "So":
        return False
    return not (ord(ch) in _TAGS and before and (before == _BLACK_FLAG or ord(before) in _TAGS))


def unshowable(text: str, allowed: str = "") -> bool:
    """The one rule for text a trader types and the dashboard, a report or a message shows (a bot's name, an
    emotion note): no control, format, private-use or unassigned character outside an emoji sequence.

    Refused: controls (NUL, ESC), bidirectional overrides and isolates (U+202E, U+2066) that reorder the text
    around them, and invisible characters such as the zero-width space, the zero-width non-joiner and the soft
    hyphen that make two texts look the same. Allowed: the zero-width joiner between two emoji (👩‍💻, 👨‍👩‍👧),
    the tag characters of a subdivision flag, and the characters in ``allowed`` (a note's line breaks).
    Variation selectors and skin tones are not control characters and were never refused.
    """
    return any(_hidden_at(text, i, allowed) for i in range(len(text)))


def showable(text: str, allowed: str = "\n\t") -> str:
    """``text`` as it may be shown: what :func:`unshowable` refuses becomes U+FFFD, visible and inert (for
    text stored before the rule, or read from a broker)."""
    if not any(_hidden_at(text, i, allowed) for i in range(len(text))):
        return text
    return "".join(REPLACEMENT if _hidden_at(text, i, allowed) else ch for i, ch in enumerate(text))


def _emoji_end(ch: str) -> bool:
    """The last character of an emoji: the emoji itself, a skin tone (Sk) or a variation selector (U+FE0F)."""
    return bool(ch) and (unicodedata.category(ch) in ("So", "Sk") or ch == "\ufe0f")
