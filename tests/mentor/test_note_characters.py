"""Text a trader types is held to one rule wherever it is shown: an emotion note meets the bot name's rule.

A right-to-left override in a note reversed what the mentor's notes table showed; now the note is refused like
a name with it (nothing saved). A note stored before the rule, or a broker's comment, is shown with the
character made visible (U+FFFD), never applied.
"""

from __future__ import annotations

import pytest

from qbx_engine import Engine
from qbx_engine.brokers.base import ClosedPosition
from qbx_engine.core.errors import ValidationError
from qbx_engine.core.i18n import Msg
from qbx_engine.core.inputs import showable, unshowable
from qbx_engine.reports.history import deal_rows
from qbx_engine.reports.views import notes_frame

HIDDEN = ["abc\u202eevil", "abc\u2066x\u2069", "two\u200bnotes", "a\u200cb", "soft\u00adhyphen", "bom\ufeff",
          "a\u200db", "private\ue000", "bad\x00note", "red\x1b[31m"]


def entry(note: str) -> dict:
    return {"emotion_before": "tenang", "emotion_after": "takut", "market_condition": "ranging", "note": note}


@pytest.fixture
def engine(data_dir, clock):
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as opened:
        yield opened


@pytest.mark.parametrize("note", HIDDEN)
def test_a_note_with_a_bidi_override_or_an_invisible_character_is_refused_like_a_name(engine, note):
    with pytest.raises(ValidationError) as refused:
        engine.mentor.add_emotion(entry(note))
    assert refused.value.field_errors == {"note": Msg("mentor.err.note_control")}
    assert engine.mentor.emotions() == []
    assert unshowable(note)  # the bot name's rule says the same


def test_line_breaks_and_emoji_sequences_stay_in_a_note(engine):
    note = "Sabar 👩‍💻 dulu,\n\ttunggu 🏳️‍🌈 sinyal"
    assert engine.mentor.add_emotion(entry(note))["note"] == note
    assert engine.mentor.emotions()[0]["note"] == note


def test_a_note_stored_before_the_rule_is_shown_inert(engine, clock):
    engine.store.emotions.append({"ts": clock.now(), "day": engine.today(), **entry("rugi \u202e001 USD")})
    (shown,) = notes_frame(engine.mentor.emotions(), "id", "Asia/Jakarta")["note"]
    assert shown == "rugi \ufffd001 USD"


def test_a_broker_comment_is_shown_inert():
    closed = ClosedPosition(ticket=7, symbol="EURUSD", side="buy", volume=0.1, open_price=1.1, open_time=0.0,
                            close_price=1.2, close_time=60.0, profit=5.0, reason="manual", magic=0, sl=0.0, tp=0.0,
                            comment="grid\u202eEA")
    (row,) = deal_rows([closed], {}, {})
    assert row["comment"] == "grid\ufffdEA"
    assert showable("👨‍👩‍👧 🏴󠁧󠁢󠁳󠁣󠁴󠁿 ok") == "👨‍👩‍👧 🏴󠁧󠁢󠁳󠁣󠁴󠁿 ok"
