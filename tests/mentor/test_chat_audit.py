"""The number check on a model's answer (qbx_engine.mentor.audit), on its own: how numbers are read in Indonesian
and English, times, dates, bots, counts in words, units, the trader's own numbers, and the answer's language."""

from __future__ import annotations

from decimal import Decimal

import pytest

from qbx_engine.mentor.audit import Facts, asked_language, check, language_of, mentions

PACKET_ID = ("Kamis, 26 November 2026: 7 trade (3 profit, 4 kali rugi), hasil -1.245,74 USD. Tilt — Trade manual, "
             "20:05–21:06: 4 kali rugi berturut-turut, rugi 122,50 USD. Tertinggi: 1 lot dengan SL 50 pip = 4,99% "
             "saldo (500,00 USD). Expectancy +0,03R. Risiko 5,0× lebih besar. #2 Gold Breakout: XAUUSD M15.")
PACKET_EN = ("Thursday, 26 November 2026: 7 trades (3 winners, 4 losses), net -1,245.74 USD. Tilt — Manual trades, "
             "20:05–21:06: 4 losses in a row, 122.50 USD lost. Highest: 1 lot with a 50-pip SL = 4.99% of the "
             "balance (500.00 USD). Expectancy +0.03R. Risk 5.0× larger. #2 Gold Breakout: XAUUSD M15.")


@pytest.fixture
def facts():
    return Facts.of({"id": PACKET_ID, "en": PACKET_EN})


def unsupported(answer: str, facts: Facts, lang: str = "id") -> list[str]:
    return [m.text for m in check(answer, facts, lang).unsupported]


def test_the_packet_states_every_number_of_its_own(facts):
    assert unsupported(PACKET_ID, facts) == [] and unsupported(PACKET_EN, facts, "en") == []


@pytest.mark.parametrize("answer", [
    "Kamis Anda rugi 1.245,74 USD.",    # Indonesian thousands and decimals
    "Kamis Anda rugi 1,245.74 USD.",    # the same amount as English writes it
    "Hasilnya -1.245,74 USD.",           # the sign is the sentence's business
    "Tilt memakan 122,5 USD.",          # 122,50 with its zero dropped is the same amount
    "Risiko 4,99% saldo, 1 lot, SL 50 pip, +0,03R, 5,0× lebih besar.",
    "Empat kali rugi berturut-turut, tujuh trade.",  # counts written as words
    "Mulai pukul 20.05 sampai 21:06.",   # Indonesians also write times with a dot
    "Bot #2 Gold Breakout di M15 dan XAUUSD.",  # a bot by its id; M15 and XAUUSD are names, not numbers
    "Kamis, 26 November 2026 dan 26/11.",
])
def test_numbers_the_packet_states_pass_however_they_are_written(facts, answer):
    assert unsupported(answer, facts) == []


@pytest.mark.parametrize(("answer", "flagged"), [
    ("Tilt memakan 150,00 USD.", ["150,00"]),
    ("Anda rugi 1.245,75 USD.", ["1.245,75"]),       # a cent off is off
    ("Enam kali rugi berturut-turut.", ["Enam"]),
    ("Tilt mulai pukul 20:15.", ["20:15"]),
    ("Minggu lalu, 19 November, juga rugi.", ["19 November"]),
    ("Bot #7 paling rugi.", ["#7"]),
    ("Risiko 122,50% saldo.", ["122,50"]),           # a money figure is not a percentage...
    ("Risikonya 4,99 USD.", ["4,99"]),               # ...nor a percentage money
    ("Rugi 1 USD.", ["1"]),                          # 1 is there only as a lot
    ("Rugi 7 USD.", ["7"]),                           # 7 is there only as a count of trades
])
def test_numbers_the_packet_does_not_state_are_caught(facts, answer, flagged):
    assert unsupported(answer, facts) == flagged


def test_a_wrong_number_is_located_exactly_so_the_page_can_mark_it(facts):
    answer = "Kamis rugi 1.245,74 USD, tilt 150,00 USD."
    (wrong,) = check(answer, facts, "id").unsupported
    assert answer[wrong.start:wrong.end] == "150,00"


def test_list_markers_and_the_trader_s_own_numbers_are_not_claims(facts):
    assert unsupported("1. Berhenti setelah rugi.\n2. Istirahat.", facts) == []
    assert unsupported("Kalau saya pakai 10 trade sehari?", facts) == ["10"]
    mine = Facts.of({"id": PACKET_ID, "en": PACKET_EN}, ["Apakah 10 trade sehari terlalu banyak?"])
    assert unsupported("10 trade sehari terlalu banyak untuk Anda.", mine) == []


def test_a_weekday_that_does_not_fit_its_date_is_caught(facts):
    verdict = check("Jumat, 26 November Anda rugi 1.245,74 USD.", facts, "id")
    assert [m.text for m in verdict.wrong_weekdays] == ["Jumat, 26 November"] and not verdict.ok
    assert check("Kamis, 26 November Anda rugi.", facts, "id").wrong_weekdays == ()


def test_ambiguous_writing_accepts_either_reading():
    assert {v for _, v in mentions("1.234")[0].values} == {Decimal("1.234"), Decimal("1234")}
    assert {v for _, v in mentions("1,5")[0].values} == {Decimal("1.5")}
    assert {v for _, v in mentions("1.234", "en")[0].values} == {Decimal("1.234")}
    assert [m.text for m in mentions("versi 1.2.3")] == ["1", "2", "3"]


def test_the_language_of_an_answer_and_of_a_question():
    assert language_of("Hari Kamis Anda rugi karena tilt: setelah tiga kali rugi, Anda tidak berhenti dan terus "
                       "masuk dengan lot yang lebih besar.") == "id"
    assert language_of("On Thursday you lost because of tilt: after three losses you did not stop and kept "
                       "trading with a bigger lot.") == "en"
    assert language_of("周四你亏损了，因为连续亏损后没有停止交易。") == "other"
    assert language_of("Oke.") is None
    assert asked_language("Kenapa hari Kamis rugi?", "id") == "id"
    assert asked_language("Why did I lose on Thursday and what should I do about it?", "id") == "en"
    assert asked_language("Jelaskan dalam bahasa Inggris ya", "id") == "en"
    assert asked_language("why thursday?", "en") == "en" and asked_language("ok?", "id") == "id"
    assert asked_language("Why did Thursday lose?", "id") == "en"  # short, but only English words in it
    assert asked_language("Apakah saya overtrading minggu ini?", "en") == "id"


def test_the_verdict_names_each_problem(facts):
    verdict = check("Thursday you lost 150.00 USD because you were tilted and you did not stop at all.", facts, "id")
    assert verdict.wrong_language and not verdict.ok
    assert [p.key for p in verdict.problems()] == ["mentor.chat.fix.numbers", "mentor.chat.fix.language"]
    assert check("   ", facts, "id").empty
