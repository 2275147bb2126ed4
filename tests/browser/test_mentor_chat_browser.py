"""Ask the mentor in a real browser: `streamlit run app.py` with its model server pointed (by the environment) at
a local fake OpenAI-compatible server in this test process, driven by Playwright through Debian's chromium.

The "model" answers from the facts it is sent: it quotes the asked-about day's line of the packet, so the answer
is verified; asked to slip, it adds a figure the journal does not have, twice, and the page marks it as unverified.
Then the day's conversation is deleted from the page. Screenshots land in test-artifacts/ (or $QBX_ARTIFACTS).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from qbx_engine.core.i18n import t
from tests.browser.test_dashboard_browser import (
    ARTIFACTS,
    browser,  # noqa: F401 - the chromium fixture, shared
    settle,
    shot,
    start_streamlit,
    stop_streamlit,
    visit,
    wait_for,
)
from tests.busy_store import populate
from tests.fake_llm import FakeLLM, Reply, facts_of, last_question

SLIP = "987.654,32"


def quoting_model(request: dict) -> Reply:
    """Quote the asked-about day's line of the facts; add a figure of its own when asked to slip."""
    facts = facts_of(request)
    day = re.search(r"^Hari yang dibahas: (.+?)\. Minggunya", facts, re.M).group(1)
    line = re.search(rf"^- {re.escape(day)}: (.+)$", facts, re.M).group(1)
    answer = f"Untuk {day}: {line}. Tetap ikuti rencana Anda, satu langkah setiap kali."
    asked = last_question(request)
    if asked.startswith("Jawaban Anda"):  # told to try again: the question is the one before the correction
        asked = next(m["content"] for m in reversed(request["messages"][:-2]) if m["role"] == "user")
    if "meleset" in asked:
        answer += f" Totalnya {SLIP} USD."
    return Reply(answer, delay=0.02)


@pytest.fixture(scope="module")
def llm():
    with FakeLLM() as server:
        server.brain = quoting_model
        yield server


@pytest.fixture(scope="module")
def server(tmp_path_factory, llm):
    data = tmp_path_factory.mktemp("chat-browser-data")
    populate(data, bots=4, events=200, trading_bots=2, steps=60)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QBX_MENTOR_AI_URL", llm.url)
        patch.setenv("QBX_MENTOR_AI_MODEL", "qwen2.5:7b")
        started = start_streamlit(data, tmp_path_factory.mktemp("chat-logs") / "streamlit.log")
    yield started
    stop_streamlit(started)


@pytest.fixture(scope="module")
def page(server, browser):  # noqa: F811 - the imported fixture
    return browser.new_page(viewport={"width": 1400, "height": 2400})


def ask(page, question: str) -> None:
    settle(page)
    box = page.get_by_placeholder(t("mentor.chat.ui.placeholder", "id"))
    box.wait_for(timeout=30_000)
    box.fill(question)
    box.press("Enter")


def chat_file(server) -> list[Path]:
    return sorted((Path(server["data"]) / "mentor-chat").glob("*.json"))


def test_asking_the_mentor_in_the_browser(server, page, llm):
    visit(page, server, "/mentor", t("nav.mentor", "id"))
    page.get_by_role("heading", name=t("mentor.chat.ui.title", "id")).first.wait_for(timeout=30_000)
    page.get_by_text("tidak keluar dari komputer ini").first.wait_for(timeout=30_000)
    shot(page, "chat-1-ready")

    ask(page, "Bagaimana hari ini?")
    try:
        page.get_by_text(t("mentor.chat.ui.verified", "id")).first.wait_for(timeout=60_000)
    except Exception:
        shot(page, "failed-chat-verified")
        raise
    page.get_by_text("Tetap ikuti rencana Anda, satu langkah setiap kali.").first.wait_for(timeout=10_000)
    shot(page, "chat-2-verified")
    kept = wait_for(lambda: chat_file(server), "the conversation file")
    (turn,) = json.loads(kept[0].read_text(encoding="utf-8"))["turns"].values()
    assert (turn["status"], turn["question"]) == ("verified", "Bagaimana hari ini?")

    ask(page, "Coba hitung yang meleset.")
    try:
        page.get_by_text("Angka bertanda tidak ada di fakta jurnal Anda").first.wait_for(timeout=60_000)
    except Exception:
        shot(page, "failed-chat-unverified")
        raise
    assert page.locator('[data-testid="stChatMessage"]').count() == 4
    shot(page, "chat-3-unverified")
    turns = json.loads(chat_file(server)[0].read_text(encoding="utf-8"))["turns"]
    last = turns[max(turns, key=int)]
    assert last["status"] == "unverified" and [m[2] for m in last["marks"]] == [SLIP]
    assert len(llm.chats()) == 3  # one answer, then a slip asked for again once

    settle(page)
    page.get_by_role("button", name=t("mentor.chat.ui.forget", "id")).first.click()
    wait_for(lambda: not chat_file(server), "the conversation to be deleted")
    page.locator('[data-testid="stToast"]').filter(has_text="dihapus").first.wait_for(timeout=30_000)
    settle(page)
    assert page.locator('[data-testid="stChatMessage"]').count() == 0
    shot(page, "chat-4-deleted")
    assert ARTIFACTS.exists()
