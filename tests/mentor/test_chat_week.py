"""A conversation in Bahasa Indonesia about the mentor's realistic week (tests/mentor/week.py), against a local
OpenAI-compatible server whose "model" answers from the facts it was sent (tests/mentor/brain.py).

Every answer's numbers are checked twice: by the audit against the facts packet, and here against the journal
itself (sums of the very trades the question is about). A wrong figure planted in an answer is caught, the model
is asked again with that figure named, and a model that keeps it gets the figure marked as unverified.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from qbx_engine.core.i18n import number
from qbx_engine.trading.journal import day_bounds
from tests.mentor.brain import WRONG, WeekMentor
from tests.mentor.week import DAILY_LIMIT, MON, THU, TUE, TZ

SUN = MON.fromordinal(MON.toordinal() + 6)


@pytest.fixture
def mentor(week, llm):
    engine, marks = week
    engine.update_settings(mentor_ai_url=llm.url, mentor_ai_model="qwen2.5:7b")
    return engine, marks["records"], llm


def ask(engine, question: str, day=THU) -> tuple[dict, str]:
    """Ask and read the answer as the page does; returns the kept turn and the text streamed."""
    turn = engine.mentor.ask(question, day)
    streamed = "".join(e["text"] for e in turn.events() if e["kind"] == "text")
    return turn.record, streamed


def total(records) -> Decimal:
    return sum((Decimal(repr(x["net_profit"])) for x in records), Decimal(0))


def money(value, lang: str = "id") -> str:
    return number(float(abs(value)), 2, lang)


def journal(engine, first, last=None) -> list[dict]:
    return engine.trades(since=day_bounds(first, TZ).start, until=day_bounds(last or first, TZ).end)


def test_three_questions_in_indonesian_get_answers_whose_every_number_checks_out(mentor):
    engine, records, llm = mentor
    llm.brain = WeekMentor()

    turn, streamed = ask(engine, "Kenapa hari Kamis rugi?")
    assert (turn["status"], turn["marks"], turn["attempts"], turn["lang"]) == ("verified", [], 1, "id")
    answer = turn["answer"]
    assert streamed == answer and turn["numbers"] >= 10
    thursday = journal(engine, THU)
    tilt = [records[k] for k in ("tilt0", "tilt1", "tilt2", "big")]
    assert f"Kamis, 26 November 2026 ditutup rugi {money(total(thursday))} USD dari {len(thursday)} trade" in answer
    assert f"{len(tilt)} kali rugi berturut-turut, total {money(total(tilt))} USD" in answer
    assert f"risiko {number(records['big']['risk_pct'], 2, 'id')}% saldo" in answer
    assert f"hasilnya -{money(records['big']['net_profit'])} USD" in answer

    turn, _ = ask(engine, "Bot mana yang sebaiknya saya matikan?")
    assert (turn["status"], turn["marks"]) == ("verified", [])
    answer = turn["answer"]
    week = journal(engine, MON, SUN)
    scalper = [x for x in week if x["bot_name"] == "Scalper EURUSD"]
    rsi = [x for x in week if x["bot_name"] == "RSI GBPUSD"]
    whipsaw = [records[f"whipsaw{n}"] for n in range(4)]
    assert f"Scalper EURUSD minggu ini hasilnya +{money(total(scalper))} USD" in answer
    assert f"kena 4 kali rugi berturut-turut, rugi {money(total(whipsaw))} USD" in answer
    wins = sum(1 for x in rsi if x["net_profit"] > 0)
    assert f"RSI GBPUSD justru yang terbaik: {len(rsi)} trade, win rate {round(100 * wins / len(rsi))}%, hasil " \
           f"+{money(total(rsi))} USD" in answer

    turn, _ = ask(engine, "Apakah saya overtrading minggu ini?")
    assert (turn["status"], turn["marks"]) == ("verified", [])
    answer = turn["answer"]
    tuesday = journal(engine, TUE)
    assert f"Batas harian Anda {DAILY_LIMIT} trade, dan hari Selasa Anda membuat {len(tuesday)} trade" in answer
    over = len(tuesday) - DAILY_LIMIT
    assert f"Yang {over} trade di atas batas itu hasilnya -{money(records['revenge']['net_profit'])} USD" in answer
    assert f"total {len(week)} trade dalam 5 hari" in answer

    kept = engine.mentor.conversation(THU)
    assert [t["question"] for t in kept] == ["Kenapa hari Kamis rugi?", "Bot mana yang sebaiknya saya matikan?",
                                            "Apakah saya overtrading minggu ini?"]
    assert all(t["status"] == "verified" for t in kept)
    third = llm.chats()[-1]["messages"]  # the model saw the day's earlier questions and answers
    assert [m["role"] for m in third] == ["system", "user", "assistant", "user", "assistant", "user"]
    assert third[2]["content"] == kept[0]["answer"]


def test_a_planted_wrong_number_is_caught_and_the_model_asked_again_naming_it(mentor):
    engine, records, llm = mentor
    llm.brain = WeekMentor(plant=True)
    turn, streamed = ask(engine, "Kenapa hari Kamis rugi?")
    assert (turn["status"], turn["attempts"], turn["marks"]) == ("verified", 2, [])
    assert WRONG not in turn["answer"] and WRONG in streamed  # the first try was seen, then written again
    assert turn["notes"] == [{"key": "mentor.chat.note.retried",
                              "params": {"problems": f"angka berikut tidak ada di FAKTA: {WRONG}"}}]
    second = llm.chats()[1]["messages"]
    assert second[-2]["role"] == "assistant" and WRONG in second[-2]["content"]
    assert second[-1]["role"] == "user" and second[-1]["content"].startswith(
        f"Jawaban Anda belum memenuhi aturan: angka berikut tidak ada di FAKTA: {WRONG}.")
    thursday = journal(engine, THU)
    assert f"ditutup rugi {money(total(thursday))} USD" in turn["answer"]


def test_a_model_that_keeps_the_wrong_number_has_it_shown_marked_as_unverified(mentor):
    engine, _, llm = mentor
    llm.brain = WeekMentor(plant=True, stubborn=True)
    turn, _ = ask(engine, "Kenapa hari Kamis rugi?")
    assert (turn["status"], turn["attempts"]) == ("unverified", 2)
    ((start, end, text),) = turn["marks"]
    assert text == WRONG and turn["answer"][start:end] == WRONG
    assert engine.mentor.conversation(THU)[-1]["marks"] == [[start, end, WRONG]]


def test_english_on_request(mentor):
    engine, _, llm = mentor
    llm.brain = WeekMentor()
    turn, _ = ask(engine, "Why did I lose money on Thursday? Please answer in English.")
    assert (turn["status"], turn["lang"]) == ("verified", "en")
    system = llm.chats()[-1]["messages"][0]["content"]
    assert system.startswith("You are a calm, experienced trading mentor from Indonesia")
    assert "# TRADING JOURNAL FACTS" in system and "# FAKTA JURNAL" not in system
    thursday = journal(engine, THU)
    assert f"Thursday, 26 November 2026 closed at -{money(total(thursday), 'en')} USD" in turn["answer"]


def test_an_answer_in_the_wrong_language_is_asked_for_again_in_indonesian(mentor):
    engine, _, llm = mentor
    llm.brain = WeekMentor(english_first=True)
    turn, _ = ask(engine, "Kenapa hari Kamis rugi?")
    assert (turn["status"], turn["attempts"]) == ("verified", 2)
    assert turn["answer"].startswith("Kamis, 26 November 2026 ditutup rugi")
    assert "jawaban harus dalam Bahasa Indonesia" in llm.chats()[1]["messages"][-1]["content"]
