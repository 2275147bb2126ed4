"""What a trader reads: the event in their language, safe HTML for Telegram, JSON fields for the webhook."""

from qbx_engine.core.i18n import Msg
from qbx_engine.mentor.report import report_markdown
from qbx_engine.notify.messages import (
    TELEGRAM_LIMIT,
    event_note,
    plain_text,
    report_note,
    telegram_html,
    webhook_payload,
)
from qbx_engine.notify.reports import split_title
from tests.conftest import WEDNESDAY_10H


def _close_event(name="Gold <b>scalper</b> & co"):
    msg = Msg("ev.close_sl", {"side": "BUY", "ticket": 5012, "volume": 0.25, "symbol": "XAUUSD", "price": 2031.5,
                              "profit": -1234.5, "currency": "USD"})
    return {"ts": WEDNESDAY_10H, "bot_id": 3, "bot_name": name, "action": "SL HIT", "msg": msg.to_json(), "seq": 9}


def test_a_closed_trade_reads_in_the_traders_language_with_profit_and_reason():
    note_id = event_note(_close_event(), "trades", "id", "Asia/Jakarta")
    note_en = event_note(_close_event(), "trades", "en", "Europe/London")
    assert note_id["title"].startswith("Kena stop loss · Gold <b>scalper</b> & co (#3)")
    assert note_id["body"] == "BUY #5012 0,25 lot XAUUSD kena stop loss di 2031,5: -1.234,50 USD."
    assert "0.25 lot XAUUSD hit its stop loss at 2031.5: -1,234.50 USD" in note_en["body"]
    assert note_id["time"] == "2026-11-25T17:00:00+07:00" and note_en["time"] == "2026-11-25T10:00:00+00:00"
    facts = (note_id["category"], note_id["action"], note_id["bot_id"], note_id["event_seq"])
    assert facts == ("trades", "SL HIT", 3, 9)


def test_telegram_html_escapes_what_the_trader_typed():
    text = telegram_html(event_note(_close_event(), "trades", "en", "Asia/Jakarta"))
    assert text.startswith("<b>🛑 Stop loss hit · Gold &lt;b&gt;scalper&lt;/b&gt; &amp; co (#3)</b>\n")
    assert "<b>scalper</b>" not in text
    assert text.endswith("<i>2026-11-25 17:00 WIB</i>")


def test_the_mentor_report_keeps_its_shape_in_telegram_and_plain_text():
    analysis = {"date": "2026-11-25", "currency": "USD", "summary": {"total_trades": 0},
                "motivasi": Msg("mentor.report.empty")}
    markdown = report_markdown(analysis, "en")
    title, body = split_title(markdown, "fallback")
    assert title == "Mentor report 2026-11-25" and not body.startswith("#")
    note = report_note("reports", title, body + "\n\n**Bold** line\n- item", WEDNESDAY_10H, "en", "Asia/Jakarta")
    html = telegram_html(note)
    assert "<b>Bold</b> line" in html and "• item" in html and "**" not in html
    assert "#" not in plain_text(note) and "**" not in plain_text(note)


def test_a_huge_body_still_fits_one_telegram_message():
    note = report_note("reports", "Big", "word " * 5000, WEDNESDAY_10H, "en", "UTC")
    assert len(telegram_html(note)) <= TELEGRAM_LIMIT


def test_webhook_sends_every_field_by_default_and_the_traders_template_when_given():
    note = event_note(_close_event("Gold"), "trades", "en", "Asia/Jakarta")
    payload = webhook_payload(note, None)
    assert payload["source"] == "QuantumBotX" and payload["action"] == "SL HIT" and payload["bot_id"] == 3
    assert payload["category"] == "trades" and payload["language"] == "en" and len(payload["id"]) == 32
    assert payload["text"].startswith("Stop loss hit · Gold (#3)\n") and "-1,234.50 USD" in payload["text"]
    templated = webhook_payload(note, {"content": "{title}: {text}", "bot": "{bot_id}", "typo": "{nope} {action}"})
    assert set(templated) == {"content", "bot", "typo"}
    assert templated["bot"] == 3  # a lone placeholder keeps its type
    assert templated["content"].startswith("Stop loss hit · Gold (#3): Stop loss hit")
    assert templated["typo"] == "{nope} SL HIT"
