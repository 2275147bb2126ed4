"""Ask the mentor on the pages (AppTest, the real engine, a local fake OpenAI-compatible server): the setup hint
without an endpoint, a streamed answer checked and kept, a wrong number marked, failures as messages, a model's
hostile Markdown shown as text, deleting the day's conversation, the permission an internet service needs, and
the Settings page's section."""

from __future__ import annotations

import shutil

import pytest

from qbx_engine.core.clock import ManualClock
from qbx_engine.core.i18n import t
from qbx_ui.shell import plain
from tests.fake_llm import Reply
from tests.mentor.brain import WRONG, WeekMentor
from tests.mentor.week import READ_AT, THU

INPUT = "qbx_mentor_chat_input"


@pytest.fixture(scope="module")
def chat_week(tmp_path_factory):
    from tests.mentor.week import build

    folder = tmp_path_factory.mktemp("chat-week")
    build(folder)
    return folder


@pytest.fixture
def week_page(app, chat_week, data_dir, monkeypatch, llm):
    """The mentor page on the realistic week, read on its Saturday, Thursday picked, the fake server set up."""
    from qbx_ui import shell

    shutil.rmtree(data_dir)
    shutil.copytree(chat_week, data_dir)
    monkeypatch.setattr(shell, "CLOCK", ManualClock(READ_AT))
    view = app("mentor")
    view.engine.update_settings(mentor_ai_url=llm.url, mentor_ai_model="qwen2.5:7b")
    view.at.date_input(key="qbx_mentor_day").set_value(THU).run()
    view.assert_clean()
    return view


def ask(view, question: str):
    view.at.chat_input(key=INPUT).set_value(question).run()
    view.assert_clean()


def markdowns(view) -> list[str]:
    return [m.value for m in view.at.markdown]


def test_without_an_endpoint_the_page_says_how_to_set_one_up_and_everything_else_works(app):
    view = app("mentor")
    assert t("mentor.chat.ui.title", "id") in [s.value for s in view.at.subheader]
    assert any(i.value == t("mentor.chat.ui.setup", "id") for i in view.at.info)
    assert not view.at.chat_input and not view.errors()
    assert [tab.label for tab in view.at.tabs] == [t("ui.mentor_tab_day", "id"), t("ui.mentor_tab_week", "id")]
    assert t("ui.mentor_form", "id") in [s.value for s in view.at.subheader]


def test_a_question_on_the_page_gets_a_checked_answer_that_stays(week_page, llm):
    view = week_page
    llm.brain = WeekMentor()
    assert any(c.value.startswith(":green[●] Jawaban dibuat oleh model 'qwen2\\.5\\:7b' di komputer ini")
               and c.value.endswith("tidak keluar dari komputer ini.") for c in view.at.caption)
    ask(view, "Kenapa hari Kamis rugi?")
    (turn,) = view.engine.mentor.conversation(THU)
    assert turn["status"] == "verified"
    assert [m.avatar for m in view.at.chat_message] == ["user", "assistant"]
    shown = markdowns(view)
    assert "Kenapa hari Kamis rugi\\?" in shown and any(m.startswith("Kamis, 26 November 2026 ditutup rugi 45,74 USD")
                                                     for m in shown)
    assert t("mentor.chat.ui.verified", "id") in [c.value for c in view.at.caption]
    view.at.run()  # a rerun shows the kept conversation, once
    assert [m.avatar for m in view.at.chat_message] == ["user", "assistant"]
    assert any(m.startswith("Kamis, 26 November 2026 ditutup rugi 45,74 USD") for m in markdowns(view))


def test_a_wrong_number_the_model_keeps_is_marked_in_the_answer(week_page, llm):
    view = week_page
    llm.brain = WeekMentor(plant=True, stubborn=True)
    ask(view, "Kenapa hari Kamis rugi?")
    assert any(f":orange-background[**{WRONG}**]" in m for m in markdowns(view))
    assert view.at.warning[-1].value == t("mentor.chat.ui.unverified", "id", numbers=WRONG.replace(",", "\\,"))
    note = t("mentor.chat.note.retried", "id", problems=f"angka berikut tidak ada di FAKTA: {WRONG}")
    assert note in [c.value.replace("\\", "") for c in view.at.caption]  # shown with its text escaped


def test_a_failing_server_is_a_message_and_the_page_goes_on(week_page, llm):
    view = week_page
    llm.then(Reply(status=500, error="model crashed"))
    ask(view, "Kenapa hari Kamis rugi?")
    (error,) = view.errors()
    host = llm.url.rsplit("/", 1)[0]
    assert error == t("mentor.chat.err.server", "id", host=plain(host), status=500, detail="model crashed")
    assert view.at.chat_input(key=INPUT)  # the trader can ask again


def test_markdown_from_the_model_cannot_load_or_link_anything(week_page, llm):
    view = week_page
    llm.then(Reply("Lihat ![x](http://evil.example/p.png) dan [klik](http://evil.example) <img src=x onerror=1> "
                   "atau www.evil.example, $rumus$."))
    ask(view, "Kenapa hari Kamis rugi?")
    (answer,) = [m for m in markdowns(view) if m.startswith("Lihat")]
    assert "![" not in answer.replace("!\\[", "") and "](" not in answer.replace("\\](", "")
    assert "<img" not in answer and "http\u2060://" in answer and "www\u2060." in answer and "\\$rumus\\$" in answer


def test_deleting_the_day_s_conversation_on_the_page(week_page, llm):
    view = week_page
    llm.brain = WeekMentor()
    ask(view, "Kenapa hari Kamis rugi?")
    view.click(t("mentor.chat.ui.forget", "id"))
    assert view.engine.mentor.conversation(THU) == [] and not view.at.chat_message
    assert t("mentor.chat.ui.forgotten", "id", day="2026-11-26", n=1) in [x.value for x in view.at.toast]


def test_an_internet_service_is_named_and_must_be_allowed_first(week_page, llm, monkeypatch):
    view = week_page
    monkeypatch.setenv("QBX_MENTOR_AI_URL", "https://api.example.com/v1")
    view.at.run()
    (warning,) = [w for w in view.at.warning if plain("https://api.example.com") in w.value]
    assert "sebuah layanan di internet" in warning.value and "fakta jurnal Anda" in warning.value
    assert not view.at.chat_input
    view.click(t("mentor.chat.ui.allow", "id", host=plain("https://api.example.com")))
    assert view.engine.get_settings()["mentor_ai_consent"] == "https://api.example.com"
    assert view.at.chat_input(key=INPUT)
    assert llm.requests == []


def test_the_settings_page_section(app, llm):
    view = app("settings")
    assert t("mentor.chat.set.off", "id") in [c.value for c in view.at.caption]
    view.at.text_input(key="qbx_mentor_ai_url").input("ollama:11434")
    view.click(t("mentor.chat.set.save", "id"))
    assert t("mentor.chat.cfg.bad_url", "id", value=plain("ollama:11434")) in view.errors()
    assert view.engine.get_settings()["mentor_ai_url"] == ""
    view.at.text_input(key="qbx_mentor_ai_url").input(llm.url)
    view.at.text_input(key="qbx_mentor_ai_model").input("qwen2.5:7b")
    view.at.number_input(key="qbx_mentor_ai_timeout").set_value(45)
    view.click(t("mentor.chat.set.save", "id"))
    saved = view.engine.get_settings()
    assert (saved["mentor_ai_url"], saved["mentor_ai_model"], saved["mentor_ai_timeout"]) == (llm.url, "qwen2.5:7b", 45)
    host = llm.url.rsplit("/", 1)[0]
    view.click(t("mentor.chat.set.test", "id"))
    (ok,) = view.at.success
    assert ok.value == t("mentor.chat.set.test_ok", "id", host=plain(host), model=plain("qwen2.5:7b"))
    assert [r["path"] for r in llm.requests] == ["/v1/models"]
