"""Ask the mentor: the chat on the mentor page, and its section of the Settings page.

The model's words are shown as Markdown with their emphasis and lists, but nothing in them can load or link
(images, links, HTML, bare addresses): a model repeating a hostile bot name or note cannot make the page fetch
anything. Numbers the audit could not find in the facts are marked in the answer itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import streamlit as st

from qbx_engine import QbxError
from qbx_engine.core.i18n import t
from qbx_engine.mentor.chat import TOTAL_FACTOR, Turn
from qbx_engine.mentor.packet import long_date

from .shell import WORD_JOINER, act, engine, error_text, field_error, lang, msg, plain, submit, tr

INPUT_KEY = "qbx_mentor_chat_input"
ERRORS_KEY = "qbx_mentor_ai_errors"
_UNSAFE = {"[": "\\[", "]": "\\]", "<": "&lt;", ">": "&gt;", "$": "\\$", "\\": "\\\\", "`": "\\`"}
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=://)|(?<=http)(?=://)|(?<=www)(?=\.)|(?<=[-.\w+])(?=@)")


def safe(text: str) -> str:
    """Model text for Markdown: bold, italics and lists stay; links, images, HTML, formulas and code do not."""
    text = _AUTOLINK.sub(WORD_JOINER, text)
    return "".join(_UNSAFE.get(ch, ch) for ch in text)


def marked(answer: str, marks: list) -> str:
    """The answer with each number the facts do not hold highlighted."""
    out, at = [], 0
    for start, end, _ in sorted(marks):
        out += [safe(answer[at:start]), f":orange-background[**{safe(answer[start:end])}**]"]
        at = end
    return "".join(out) + safe(answer[at:])


# -- the mentor page ------------------------------------------------------------------------------------------------
def chat_section(day: date) -> None:
    """The chat about ``day`` and its week: the setup hint without an endpoint, else the conversation and its input."""
    eng = engine()
    language = lang()
    st.subheader(tr("mentor.chat.ui.title"))
    setup = eng.mentor.chat_setup()
    if not setup["configured"]:
        if setup["problem"]:
            st.warning(msg(setup["problem"]), icon=":material/warning:")
        st.info(tr("mentor.chat.ui.setup"), icon=":material/smart_toy:")
        st.page_link("pages/settings.py", label=tr("mentor.chat.ui.to_settings"), icon=":material/settings:")
        return
    st.caption(tr("mentor.chat.ui.intro", day=long_date(day, language)))
    _where(setup)
    if setup["needs_consent"]:
        host = setup["host"]
        if st.button(tr("mentor.chat.ui.allow", host=plain(host)), key="qbx_mentor_chat_allow",
                     icon=":material/public:"):
            act(lambda: eng.update_settings(mentor_ai_consent=host), tr("mentor.chat.ui.allowed", host=plain(host)))
        return
    turns = eng.mentor.conversation(day)
    with st.container(border=True):
        conversation = st.container()  # above the input, so a new question and its answer land above it too
        asked = st.chat_input(tr("mentor.chat.ui.placeholder"), key=INPUT_KEY, max_chars=1000)
        with conversation:
            for turn in turns:
                _turn(turn)
            if not turns and not asked:
                asked = _suggestions(day, language)
            if asked:
                _ask(asked, day)
    _tools(day, language)


def _where(setup: dict) -> None:
    text = msg(setup["where_msg"])
    if setup["where"] == "internet":
        st.warning(text, icon=":material/public:")
    else:
        st.caption(f":green[●] {text}")


def _suggestions(day: date, language: str) -> str | None:
    questions = [t("mentor.chat.ui.suggest_1", language, weekday=t(f"mentor.weekday.{day.isoweekday()}", language)),
                 t("mentor.chat.ui.suggest_2", language), t("mentor.chat.ui.suggest_3", language)]
    for column, (n, question) in zip(st.columns(len(questions)), enumerate(questions), strict=True):
        if column.button(question, key=f"qbx_mentor_chat_suggest_{n}", width="stretch"):
            return question
    return None


def _turn(turn: dict) -> None:
    with st.chat_message("user"):
        st.markdown(plain(turn["question"]))
    with st.chat_message("assistant"):
        _answer(turn)


def _answer(turn: dict) -> None:
    status = turn.get("status")
    if status == "pending":
        st.caption(tr("mentor.chat.ui.pending"))
        return
    if turn.get("answer"):
        st.markdown(marked(turn["answer"], turn.get("marks") or []))
    if status == "failed":
        st.error(msg(turn.get("problem")), icon=":material/error:")
    elif status == "unverified":
        numbers = "; ".join(dict.fromkeys(plain(text) for _, _, text in turn.get("marks") or []))
        st.warning(tr("mentor.chat.ui.unverified", numbers=numbers), icon=":material/report:")
    elif status == "verified":
        st.caption(tr("mentor.chat.ui.verified") if turn.get("numbers") else tr("mentor.chat.ui.no_numbers"))
    for note in turn.get("notes") or []:
        st.caption(msg(note))


class _Reader:
    """Hands the page one attempt's words at a time (whole words, made safe), for ``st.write_stream``."""

    def __init__(self, turn: Turn, note):
        self.events = turn.events()
        self.note = note
        self.final: dict | None = None
        self.retry: dict | None = None

    def attempt(self) -> Iterator[str]:
        pending = ""
        self.retry = None
        for event in self.events:
            kind = event["kind"]
            if kind == "text":
                pending += event["text"]
                cut = max(pending.rfind(" "), pending.rfind("\n"))
                if cut >= 0:
                    yield safe(pending[:cut + 1])
                    pending = pending[cut + 1:]
            elif kind == "thinking":
                self.note.caption(tr("mentor.chat.ui.thinking"))
            elif kind == "attempt" and event["n"] > 1:
                self.retry = event
                break
            elif kind == "done":
                self.final = event["turn"]
                break
        if pending:
            yield safe(pending)


def _ask(question: str, day: date) -> None:
    eng = engine()
    with st.chat_message("user"):
        st.markdown(plain(question))
    with st.chat_message("assistant"):
        try:
            turn = eng.mentor.ask(question, day)
        except QbxError as exc:
            st.error(error_text(exc), icon=":material/error:")
            return
        note = st.empty()
        note.caption(tr("mentor.chat.ui.reading"))
        box = st.empty()
        reader = _Reader(turn, note)
        while reader.final is None:
            box.write_stream(reader.attempt())
            if reader.retry is not None:
                problems = "; ".join(msg(p) for p in reader.retry["problems"])
                note.caption(tr("mentor.chat.ui.rechecking", problems=problems))
        note.empty()
        with box.container():
            _answer(reader.final)


def _tools(day: date, language: str) -> None:
    """Delete the day's conversation (read again: a question may just have been answered), other days, the data sent."""
    eng = engine()
    turns = eng.mentor.conversation(day)
    left, right = st.columns(2)
    with left:
        if turns and st.button(tr("mentor.chat.ui.forget"), key="qbx_mentor_chat_forget", icon=":material/delete:"):
            act(lambda: eng.mentor.forget(day), tr("mentor.chat.ui.forgotten", day=day.isoformat(), n=len(turns)))
        others = [d for d in eng.mentor.conversation_days() if d != day.isoformat()]
        if others:
            st.caption(tr("mentor.chat.ui.other_days", days=", ".join(others[:10])))
    with right:
        if st.toggle(tr("mentor.chat.ui.show_facts"), key="qbx_mentor_chat_facts"):
            facts = eng.mentor.facts(day)
            text = facts["instructions"] + "\n\n" + facts["text"]
            st.caption(tr("mentor.chat.ui.facts_size", chars=f"{len(text):,}", tokens=f"{len(text) // 3:,}",
                          language=t(f"mentor.chat.lang.{facts['lang']}", language)))
            st.code(text, language=None, wrap_lines=True, height=400)


# -- the Settings page ------------------------------------------------------------------------------------------------
def settings_section() -> None:
    """Server address, model, time limit and streaming; where the facts go, the permission for an internet host,
    and a connection test (which sends no facts)."""
    eng = engine()
    settings = eng.get_settings()
    st.subheader(tr("mentor.chat.set.title"))
    st.caption(tr("mentor.chat.set.intro"))
    errors = st.session_state.get(ERRORS_KEY, {})
    with st.form("qbx_mentor_ai"):
        url = st.text_input(tr("mentor.chat.set.url"), value=settings["mentor_ai_url"], max_chars=300,
                            placeholder="http://127.0.0.1:11434/v1", help=tr("mentor.chat.set.url_help"),
                            key="qbx_mentor_ai_url")
        field_error(errors, "mentor_ai_url")
        model = st.text_input(tr("mentor.chat.set.model"), value=settings["mentor_ai_model"], max_chars=200,
                              placeholder="qwen2.5:7b", help=tr("mentor.chat.set.model_help"),
                              key="qbx_mentor_ai_model")
        field_error(errors, "mentor_ai_model")
        timeout = st.number_input(tr("mentor.chat.set.timeout"), min_value=1, max_value=900, step=10,
                                  value=int(settings["mentor_ai_timeout"]), key="qbx_mentor_ai_timeout",
                                  help=tr("mentor.chat.set.timeout_help", factor=TOTAL_FACTOR))
        field_error(errors, "mentor_ai_timeout")
        stream = st.checkbox(tr("mentor.chat.set.stream"), value=bool(settings["mentor_ai_stream"]),
                             key="qbx_mentor_ai_stream")
        saved = st.form_submit_button(tr("mentor.chat.set.save"))
    if saved and submit(lambda: eng.update_settings(mentor_ai_url=url.strip(), mentor_ai_model=model.strip(),
                                                    mentor_ai_timeout=int(timeout), mentor_ai_stream=bool(stream)),
                        ERRORS_KEY, tr("ui.saved"))[0]:
        st.rerun()
    _status(eng.mentor.chat_setup())


def _status(setup: dict) -> None:
    eng = engine()
    names = {"url": tr("mentor.chat.set.url"), "model": tr("mentor.chat.set.model"), "api_key": "API key"}
    for field, source in setup["sources"].items():
        if source != "settings":
            st.caption(tr("mentor.chat.set.from", field=names[field], source=tr(f"mentor.chat.set.source.{source}")))
    st.caption(tr("mentor.chat.set.key", masked=plain(setup["key"])) if setup["key"] else tr("mentor.chat.set.no_key"))
    if not setup["configured"]:
        if setup["problem"]:
            st.warning(msg(setup["problem"]), icon=":material/warning:")
        else:
            st.caption(tr("mentor.chat.set.off"))
        return
    _where(setup)
    host = setup["host"]
    if setup["where"] == "internet":
        if setup["needs_consent"]:
            if st.button(tr("mentor.chat.ui.allow", host=plain(host)), key="qbx_mentor_ai_allow",
                         icon=":material/public:"):
                act(lambda: eng.update_settings(mentor_ai_consent=host), tr("mentor.chat.ui.allowed", host=plain(host)))
        elif st.button(tr("mentor.chat.set.revoke", host=plain(host)), key="qbx_mentor_ai_revoke"):
            act(lambda: eng.update_settings(mentor_ai_consent=""), tr("ui.saved"))
    if st.button(tr("mentor.chat.set.test"), key="qbx_mentor_ai_test", icon=":material/network_check:"):
        try:
            found = eng.mentor.test_endpoint()
        except QbxError as exc:
            st.error(error_text(exc), icon=":material/error:")
            return
        if found["found"]:
            st.success(tr("mentor.chat.set.test_ok", host=plain(found["host"]), model=plain(found["model"])))
        else:
            st.warning(tr("mentor.chat.set.test_missing", host=plain(found["host"]), model=plain(found["model"]),
                          models=plain(", ".join(found["models"][:20]) or "-")))
