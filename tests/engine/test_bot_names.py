"""Bot names: emoji sequences are names, invisible and control characters are not (nothing is saved)."""

from __future__ import annotations

import pytest

from qbx_engine.core.errors import ValidationError
from qbx_engine.core.i18n import Msg
from tests.engine.conftest import new_bot


@pytest.mark.parametrize("name", [
    "👩‍💻 Scalper",              # woman technologist: woman, ZERO WIDTH JOINER, laptop
    "👨‍👩‍👧 family fund",         # three people joined twice
    "🏳️‍🌈 EURUSD",              # flag, VARIATION SELECTOR-16, ZWJ, rainbow
    "❤️‍🔥 gold",                 # heart on fire
    "👩🏽‍💻 tone",               # skin tone modifier before the joiner
    "Emas ⭐️ ☕︎",               # variation selectors alone
    "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland",          # subdivision flag spelled with tag characters
    "Bot Emas — 金 ✓",
])
def test_emoji_sequences_are_accepted_and_kept_exactly(engine, name):
    bot = new_bot(engine, name=name)
    assert bot["name"] == name
    assert engine.get_bot(bot["id"])["name"] == name
    renamed = engine.update_bot(bot["id"], name=name + " 2")
    assert renamed["name"] == name + " 2"


@pytest.mark.parametrize("name", [
    "bad\x00name",        # NUL
    "red\x1b[31m",        # terminal escape
    "abc\u202eevil",      # RIGHT-TO-LEFT OVERRIDE: reverses the text after it
    "abc\u2066x\u2069",   # bidi isolates
    "two\u200bbots",      # ZERO WIDTH SPACE: two names that look the same
    "a\u200cb",           # zero width non-joiner
    "soft\u00adhyphen",   # invisible soft hyphen
    "bom\ufeff",          # byte order mark
    "a\u200db",           # a joiner between letters is invisible, not an emoji
    "\u200d👩",            # nor at the start
    "👩\u200d",            # nor at the end
    "x\U000e0041",        # a tag character outside a flag
    "private\ue000",      # private use
    "unassigned\U000e0fff",
])
def test_control_and_invisible_characters_are_refused_and_nothing_is_saved(engine, name):
    with pytest.raises(ValidationError) as refused:
        new_bot(engine, name=name)
    assert refused.value.field_errors == {"name": Msg("bot.name_control_chars")}
    assert engine.list_bots() == []
    kept = new_bot(engine, name="Kept")
    with pytest.raises(ValidationError):
        engine.update_bot(kept["id"], name=name)
    assert engine.get_bot(kept["id"])["name"] == "Kept"
