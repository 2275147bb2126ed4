"""What the trader tells the mentor about themselves: emotions, market condition, a note."""

from __future__ import annotations

from ..core.errors import ValidationError
from ..core.i18n import Msg, shown
from ..core.inputs import unshowable

EMOTIONS = ("tenang", "percaya_diri", "netral", "serakah", "takut", "frustrasi", "bosan", "lelah")
NEGATIVE = frozenset({"serakah", "takut", "frustrasi", "bosan", "lelah"})
MARKET_CONDITIONS = ("trending", "ranging", "volatile", "news")
NOTE_MAX = 1000


def clean_entry(data: dict) -> dict:
    """A valid emotion entry (before, after, market, note) or ValidationError naming each bad field.

    ``emotion_after`` may be empty: the form is also filled before the first trade of the day.
    """
    if not isinstance(data, dict):
        raise ValidationError({"entry": Msg("mentor.err.not_a_record")})
    errors: dict[str, Msg] = {}
    before = data.get("emotion_before")
    after = data.get("emotion_after") or None
    market = data.get("market_condition")
    if before not in EMOTIONS:
        errors["emotion_before"] = Msg("mentor.err.emotion", {"value": shown(before or "")})
    if after is not None and after not in EMOTIONS:
        errors["emotion_after"] = Msg("mentor.err.emotion", {"value": shown(after)})
    if market not in MARKET_CONDITIONS:
        errors["market_condition"] = Msg("mentor.err.market", {"value": shown(market or "")})
    note = data.get("note")
    note = note.strip() if isinstance(note, str) else ""
    if not note:
        errors["note"] = Msg("mentor.err.note_empty")
    elif len(note) > NOTE_MAX:
        errors["note"] = Msg("mentor.err.note_long", {"max": NOTE_MAX, "length": len(note)})
    elif unshowable(note, allowed="\n\t"):  # the rule a bot's name meets: no bidi override, nothing invisible
        errors["note"] = Msg("mentor.err.note_control")
    unknown = set(data) - {"emotion_before", "emotion_after", "market_condition", "note"}
    errors.update({shown(name): Msg("bot.unknown_field", {"name": shown(name)}) for name in sorted(unknown, key=shown)})
    if errors:
        raise ValidationError(errors)
    return {"emotion_before": before, "emotion_after": after, "market_condition": market, "note": note}
