"""What an event or a report becomes as a message, in the trader's language, and how each channel shows it.

A queued message is a *note*: plain data (title, body, the event's facts), rendered once in the
trader's language when it is queued. Each channel formats the note when it sends it: Telegram as
HTML (the only parse mode where nothing typed by the trader can break the message), the webhook
as JSON fields.
"""

from __future__ import annotations

import html
import re
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from ..core.i18n import render, t
from ..texts import TEXTS
from .categories import TEST

TELEGRAM_LIMIT = 4096  # characters in one Telegram message
BODY_LIMIT = 3500  # leaves room for the title, the time and the markup

ICONS = {"OPEN BUY": "🟢", "OPEN SELL": "🔴", "CLOSE BUY": "🏁", "CLOSE SELL": "🏁", "SL HIT": "🛑", "TP HIT": "🎯",
         "CLOSED MANUALLY": "✋", "STOP OUT": "⛔", "HALTED": "🚨", "ERROR": "⚠️", "BROKER DOWN": "🔌",
         "BROKER UP": "✅", "ALERT REFUSED": "📡", "REPORT": "📒", TEST: "🔔"}


def action_slug(action: str) -> str:
    return action.lower().replace(" ", "_")


def event_note(event: dict, category: str, lang: str, tz: str) -> dict:
    """The note for one event of the activity log."""
    key = f"notify.act.{action_slug(event['action'])}"
    title = t(key, lang) if key in TEXTS else event["action"]
    if event.get("bot_id") is not None:
        title = t("notify.bot_title", lang, title=title, bot=event.get("bot_name") or "", id=event["bot_id"])
    return _note(category, event["action"], title, render(event.get("msg"), lang), False, event["ts"], lang, tz,
                 bot_id=event.get("bot_id"), bot_name=event.get("bot_name"), event_seq=event.get("seq"))


def report_note(category: str, title: str, markdown: str, ts: float, lang: str, tz: str) -> dict:
    """A report already rendered as Markdown by its own module (the mentor's, for the daily report)."""
    return _note(category, "REPORT", title, markdown, True, ts, lang, tz)


def test_note(ts: float, lang: str, tz: str) -> dict:
    return _note(TEST, TEST, t("notify.test_title", lang), t("notify.test_body", lang), False, ts, lang, tz)


def _note(category: str, action: str, title: str, body: str, markdown: bool, ts: float, lang: str, tz: str,
          **facts) -> dict:
    local = datetime.fromtimestamp(ts, ZoneInfo(tz))
    return {"id": uuid.uuid4().hex, "category": category, "action": action, "title": title, "body": body,
            "markdown": markdown, "ts": ts, "time": local.isoformat(timespec="seconds"),
            "time_text": local.strftime("%Y-%m-%d %H:%M %Z"), "language": lang, **facts}


# -- Telegram -----------------------------------------------------------------------------------
def telegram_html(note: dict) -> str:
    icon = ICONS.get(note["action"], "🔔")
    body = _cut(note["body"])
    body_html = _markdown_html(body) if note["markdown"] else html.escape(body, quote=False)
    text = f"<b>{icon} {html.escape(note['title'], quote=False)}</b>\n{body_html}\n<i>{note['time_text']}</i>"
    return text[:TELEGRAM_LIMIT]


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _markdown_html(markdown: str) -> str:
    """The small Markdown the reports use (headings, bold, lists, quotes) as Telegram HTML."""
    lines = []
    for line in html.escape(markdown, quote=False).splitlines():
        if line.startswith("#"):
            line = f"<b>{line.lstrip('#').strip()}</b>"
        elif line.startswith("&gt; "):
            line = f"<i>{line[5:]}</i>"
        elif line.startswith("- "):
            line = "• " + line[2:]
        lines.append(_BOLD.sub(r"<b>\1</b>", line))
    return "\n".join(lines)


def plain_text(note: dict) -> str:
    body = note["body"]
    if note["markdown"]:
        lines = []
        for line in body.splitlines():
            line = line.lstrip("#").strip() if line.startswith("#") else line
            line = line[2:] if line.startswith("> ") else line
            line = "• " + line[2:] if line.startswith("- ") else line
            lines.append(line.replace("**", ""))
        body = "\n".join(lines)
    return f"{note['title']}\n{body}"


def _cut(text: str) -> str:
    return text if len(text) <= BODY_LIMIT else text[:BODY_LIMIT].rstrip() + " …"


# -- the webhook --------------------------------------------------------------------------------
WEBHOOK_FIELDS = ("source", "id", "category", "action", "title", "text", "markdown", "bot_id", "bot_name", "time",
                  "ts", "language")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def webhook_values(note: dict) -> dict:
    return {"source": "QuantumBotX", "id": note["id"], "category": note["category"], "action": note["action"],
            "title": note["title"], "text": plain_text(note), "markdown": f"**{note['title']}**\n{note['body']}",
            "bot_id": note.get("bot_id"), "bot_name": note.get("bot_name"), "time": note["time"], "ts": note["ts"],
            "language": note["language"]}


def webhook_payload(note: dict, template: dict[str, str] | None) -> dict:
    """Every field by default; with a template, ``{"content": "{title}: {text}"}`` and the like.

    A template value that is exactly one placeholder keeps the value's type (numbers stay numbers).
    An unknown placeholder is left as written, so a typo shows in the receiver instead of failing.
    """
    values = webhook_values(note)
    if not template:
        return values
    payload = {}
    for name, pattern in template.items():
        whole = _PLACEHOLDER.fullmatch(pattern)
        if whole and whole.group(1) in values:
            payload[name] = values[whole.group(1)]
        else:
            payload[name] = _PLACEHOLDER.sub(lambda m: _text(values.get(m.group(1), m.group(0))), pattern)
    return payload


def _text(value) -> str:
    return "" if value is None else str(value)
