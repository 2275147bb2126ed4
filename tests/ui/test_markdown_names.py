"""Trader-typed text (bot names, CSV cells and headers) reaches Markdown only as literal text.

Every ASCII punctuation character from such text must arrive backslash-escaped: CommonMark then
shows it as itself, so nothing in it can start an image, a link, emphasis, HTML or ``:color[…]``.
The browser test (tests/browser/test_hostile_browser.py) shows the real rendering fetches nothing.
"""

from __future__ import annotations

import re
import string

import pytest

from qbx_engine.core.i18n import Msg, t
from qbx_ui.shell import WORD_JOINER, plain
from tests.ui.test_pages import _create

HOSTILE = ["![p](http://127.0.0.1:9/x.png)", "**bold**", "<img src=x onerror=alert(1)>", "[link](javascript:alert(1))"]
_PUNCTUATION = re.escape(string.punctuation)
_ESCAPED_ONLY = re.compile(rf"(?:\\[{_PUNCTUATION}]|[^{_PUNCTUATION}\\])*")


def unescape(markdown: str) -> str:
    """What CommonMark shows for backslash-escaped punctuation."""
    return re.sub(rf"\\([{_PUNCTUATION}])", r"\1", markdown)


# What GitHub-flavoured Markdown links even in escaped text (after the escapes are resolved).
GFM_AUTOLINK = re.compile(r"(?i)https?://|www\.|[-.\w+]@[-\w]+\.")


@pytest.mark.parametrize("text", [*HOSTILE, ":red[x] :material/home: :smile:", "&lt;b&gt; $x^2$ ~~s~~ `c`",
                                  "a\\*b\\", "#1 | - + . ! {}", "👩‍💻 Emas ⭐️ tanpa tanda",
                                  "see HTTPS://a.b, www.c.d and a.b@c.de"])
def test_plain_escapes_every_punctuation_character_and_breaks_bare_links(text):
    escaped = plain(text)
    assert _ESCAPED_ONLY.fullmatch(escaped), escaped
    shown = unescape(escaped)
    assert shown.replace(WORD_JOINER, "") == text  # the same characters; the joiner is invisible
    assert not GFM_AUTOLINK.search(shown)


def literal(source: str, name: str) -> bool:
    """``name`` is in ``source`` only in its escaped form."""
    return plain(name) in source and name not in source


@pytest.mark.parametrize("name", HOSTILE)
def test_bot_names_are_literal_in_toasts_confirmations_and_headings(app, name):
    view = app("bots")
    _create(view, name)
    (bot,) = view.engine.list_bots()
    assert bot["name"] == name  # stored as typed; only its display is escaped
    assert [toast.value for toast in view.at.toast] == [t("ui.created", "id", name=plain(name))]

    for label, done in (("ui.start", "ui.started"), ("ui.pause", "ui.paused"), ("ui.resume", "ui.resumed"),
                        ("ui.stop", "ui.stopped"), ("ui.check_now", "ui.checked")):
        view.click(t(label, "id"))
        assert [toast.value for toast in view.at.toast] == [t(done, "id", name=plain(name))], label

    view.at.switch_page("pages/bot_detail.py").run()
    assert view.at.subheader[0].value == plain(name)
    view.at.switch_page("pages/overview.py").run()
    assert literal(view.texts(), name)  # the notifications name the bot

    view.at.switch_page("pages/bots.py").run()
    view.click(t("ui.delete", "id"))
    assert [w.value for w in view.at.warning] == [t("ui.delete_confirm", "id", name=plain(name))]
    view.click(t("ui.delete_yes", "id"))
    assert view.engine.list_bots() == []
    assert [toast.value for toast in view.at.toast] == [t("ui.deleted", "id", name=plain(name))]
    assert name not in view.texts()


def test_the_applied_toast_names_the_bot_literally(app):
    name = HOSTILE[0]
    view = app("bots")
    _create(view, name)
    view.at.switch_page("pages/backtest.py").run()
    view.at.number_input(key="qbx_bt_count").set_value(500)
    view.click(t("bt.run", "id"))
    view.click(t("bt.apply_button", "id"))
    assert [toast.value for toast in view.at.toast] == [t("bt.applied", "id", name=plain(name))]


def upload(view, content: str) -> list[str]:
    view.at.segmented_control(key="qbx_bt_source").set_value("csv").run()
    view.at.file_uploader(key="qbx_bt_file").set_value(("bars.csv", content.encode("utf-8"), "text/csv")).run()
    view.click(t("bt.run", "id"))
    assert view.engine.lab.runs() == []
    return view.errors()


def test_csv_cells_and_headers_in_error_messages_are_literal(app):
    view = app("backtest")
    header = "![p](http://127.0.0.1:9/x.png)"
    (error,) = upload(view, f"{header};open;high;low;close\n2024-01-02 00:00;1.1;1.2;1.0;1.15\n")
    found = "![p](http://127.0.0.1:9/x.png), open, high, low, close"
    assert error == t("bt.csv_missing", "id", line=1, column=plain("time"), found=plain(found))
    assert literal(error, header)

    cell = "**bold**<img src=x onerror=alert(1)>"
    (error,) = upload(view, f"time,open,high,low,close\n2024-01-02 00:00,1.1,1.2,1.0,1.15\n{cell},1,1,1,1\n")
    assert error == t("bt.csv_bad_time", "id", line=3, value=plain(cell))
    assert literal(error, cell)


def test_engine_messages_keep_their_own_markdown_and_escape_their_parameters(app):
    """Nested messages (a broker problem inside a notice) and bilingual labels are escaped too."""
    from qbx_ui import shell

    view = app("overview")
    inner = Msg("broker.mt5.init_failed", {"retcode": -6, "detail": "[x](http://127.0.0.1:9/) **y**"})
    outer = shell.msg(Msg("ui.mt5_unavailable", {"problem": inner.to_json()}))
    assert literal(outer, "[x](http://127.0.0.1:9/) **y**") and "-6" in outer
    label = shell.msg(Msg("bt.results", {"strategy": {"id": "*a*", "en": "*b*"}, "symbol": "EURUSD"}))
    assert "\\*a\\*" in label and "**" not in label.replace("\\*", "")
    view.assert_clean()
