"""The audit reads each number with what it is, and the packet must state it as that: money with its currency
(written before or after it), numbers in words (Indonesian and English, read whole or flagged), the kind of a
number (%, lot, pip, R, ×, a count, minutes, days...) and the direction of an amount (a loss told as a profit is
caught). Honest answers a good model would write from the realistic week's packet, in both languages and in the
packet's own formats, pass untouched; each way of slipping an invented figure past the old check is caught."""

from __future__ import annotations

from decimal import Decimal

import pytest

from qbx_engine.core.i18n import render
from qbx_engine.mentor.audit import Facts, check, mentions
from tests.fake_llm import Reply
from tests.mentor.test_chat_audit import PACKET_EN, PACKET_ID
from tests.mentor.week import THU


@pytest.fixture
def facts():
    return Facts.of({"id": PACKET_ID, "en": PACKET_EN})


@pytest.fixture
def week_facts(week):
    engine, _ = week
    return Facts.of({lang: engine.mentor.facts(THU, lang)["text"] for lang in ("id", "en")})


def flagged(answer: str, facts: Facts, lang: str = "id") -> list[tuple[str, str]]:
    verdict = check(answer, facts, lang)
    return [(m.text, why) for m, why in zip(verdict.unsupported, verdict.reasons, strict=True)]


def read(text: str) -> list[tuple[str, set, str | None, str | None]]:
    return [(m.text, {v for _, v in m.values}, m.unit, m.direction) for m in mentions(text) if m.kind == "number"]


# -- honest answers built from the packet pass ----------------------------------------------------------------------
HONEST_ID = [
    "Hari Kamis, 26 November 2026 Anda rugi 45,74 USD dari 7 trade (3 profit, 4 kali rugi). Kerugian terbesar datang "
    "dari trade manual: pukul 20:05–21:06 Anda kena tilt, 4 kali rugi berturut-turut dan kehilangan 122,50 USD. Entry "
    "balas dendam pukul 20:36 memakai 1 lot dengan SL 50 pip, risiko 500,00 USD atau 4,99% saldo, dan hasilnya "
    "-61,00 USD (-0,12R). Bot Anda justru untung: Scalper EURUSD +48,18 USD dan Gold Breakout +14,58 USD. Saran saya: "
    "setelah tiga kali rugi beruntun, berhenti trading manual hari itu.",

    "Tidak ada bot yang perlu dimatikan. Scalper EURUSD minggu ini untung 112,33 USD dari 12 trade (win rate 50%), "
    "tetapi hari Selasa, 24 November pukul 14:05–15:20 ia rugi 62,45 USD dengan 4 kali rugi berturut-turut saat pasar "
    "sideways. RSI GBPUSD paling baik: 5 trade, 4 profit, win rate 80%, hasil +124,19 USD, expectancy +0,25R. Gold "
    "Breakout: 3 trade, hasil +11,49 USD, rugi beruntun terpanjang 1 trade. Jeda bot tren saat Anda menandai pasar "
    "ranging; kebiasaan itu memakan biaya 92,69 USD minggu ini.",

    "Ya, sekali. Batas harian Anda 8 trade, tetapi hari Selasa Anda membuka 9 trade; 1 trade di atas batas itu "
    "hasilnya -28,00 USD. Itu juga entry balas dendam 5 menit setelah rugi 31,00 USD, dengan risiko 2,0× lebih besar "
    "(200,00 vs 100,00 USD). Minggu ini total 30 trade dalam 5 hari, sedangkan rata-rata 4 minggu sebelumnya 5,0 "
    "trade per minggu. Dalam 30 hari terakhir: 10 hari dengan trade, 41 trade, hasil -21,04 USD.",

    "Risiko tertinggi minggu ini: 1 lot EURUSD dengan SL 50 pip = 4,99% saldo (500,00 USD), di atas batas 2% saldo. "
    "Dengan SL 50 pip, risiko 2% berarti maksimal 0,4 lot, bukan 1 lot. Risiko trade manual Anda naik-turun dari "
    "0,99% sampai 4,99% saldo (100,00–500,00 USD). Tilt dihitung dari tiga kali rugi dalam tiga puluh menit.",

    "Saat Anda merasa takut dan lelah, hari itu ditutup dengan rugi 45,74 USD. Hari dengan perasaan tenang rata-rata "
    "hasilnya +28,76 USD per hari (4 hari). Scalper EURUSD membuat dua belas trade, Gold Breakout hari Kamis menang "
    "seratus persen, dan catatan Anda pukul 23:40 benar: “Harusnya berhenti setelah 3 kali SL.”",

    "| Minggu | Hasil bersih (USD) | Win rate |\n|---|---|---|\n| Minggu ini | +38,71 | 50% |\n"
    "| Minggu lalu | -33,01 | 40% |",
]
HONEST_EN = [
    "On Thursday, 26 November 2026 you lost 45.74 USD over 7 trades (3 winners, 4 losses). The damage came from your "
    "manual trades: from 20:05 to 21:06 you hit tilt, 4 losses in a row costing 122.50 USD. The revenge entry at "
    "20:36 used 1 lot with a 50-pip stop, risking 500.00 USD or 4.99% of the balance, and it closed at -61.00 USD "
    "(-0.12R). Your bots made money that day: Scalper EURUSD +48.18 USD and Gold Breakout +14.58 USD. Stop trading "
    "by hand after three losses in a row.",

    "Over the week you are up 38.71 USD across 30 trades in 5 days, 15 winners (win rate 50%). Bots earned +248.01 "
    "USD (20 trades) while manual trades lost 209.30 USD (10 trades). Against last week (-33.01 USD) that is +71.72 "
    "USD. The most costly habit was tilt, costing 122.50 USD in all. Profit factor 1.08, expectancy +0.06R.",

    "You took twelve trades with Scalper EURUSD and half of them were winners (50%). It lost 62.45 USD on Tuesday, "
    "24 November in four losses in a row while you had marked the market ranging; pausing trend bots then would have "
    "saved the 92.69 USD that habit cost. The daily limit you set is 8 trades and Tuesday had 9 trades: the 1 trade "
    "beyond it closed at -28.00 USD, 5 minutes after a 31.00 USD loss, at 2.0× the risk (200.00 vs 100.00 USD).",
]


@pytest.mark.parametrize("answer", HONEST_ID)
def test_honest_indonesian_answers_from_the_packet_pass(week_facts, answer):
    verdict = check(answer, week_facts, "id")
    assert flagged(answer, week_facts) == [] and verdict.ok, verdict.problems()


@pytest.mark.parametrize("answer", HONEST_EN)
def test_honest_english_answers_from_the_packet_pass(week_facts, answer):
    verdict = check(answer, week_facts, "en")
    assert flagged(answer, week_facts, "en") == [] and verdict.ok, verdict.problems()


# -- money with its currency --------------------------------------------------------------------------------------
def test_a_currency_written_against_the_number_is_read_as_money_in_that_currency():
    assert read("rugi Rp1.500.000 dan USD987,65") == [("Rp1.500.000", {Decimal(1500000)}, "money:IDR", "loss"),
                                                     ("USD987,65", {Decimal("987.65")}, "money:USD", None)]
    assert read("$120, 120$, IDR 1.5 juta, 2k dollars") == [
        ("$120", {Decimal(120)}, "money:USD", None), ("120", {Decimal(120)}, "money:USD", None),
        ("IDR 1.5 juta", {Decimal(1500000)}, "money:IDR", None), ("2k", {Decimal(2000)}, "money:USD", None)]
    assert read("-$45.74 and XAUUSD 2650") == [("-$45.74", {Decimal("45.74")}, "money:USD", "loss"),
                                               ("2650", {Decimal(2650)}, None, None)]  # a pair's name is no currency


@pytest.mark.parametrize(("answer", "wrong", "why"), [
    ("Kamis Anda rugi Rp1.500.000 karena tilt.", "Rp1.500.000", "absent"),
    ("Kamis Anda rugi USD987,65 karena tilt.", "USD987,65", "absent"),
    ("Tilt memakan $120.", "$120", "absent"),
    ("Tilt memakan 120$.", "120", "absent"),
    ("Tilt memakan IDR 1.5 juta.", "IDR 1.5 juta", "absent"),
    ("Tilt memakan 122,50 EUR.", "122,50", "kind"),     # the amount, but in another currency
    ("Tilt memakan Rp122,50.", "Rp122,50", "kind"),
])
def test_money_glued_to_its_currency_is_checked(facts, answer, wrong, why):
    assert flagged(answer, facts) == [(wrong, why)]


def test_money_in_the_packet_s_currency_passes_however_the_currency_is_written(facts):
    for answer in ("Tilt memakan USD122,50.", "Tilt memakan US$122.50.", "Tilt memakan $122.50.",
                   "Tilt memakan 122,50 dolar.", "Tilt memakan USD 122,50.", "You lost 122.50 dollars to tilt."):
        assert flagged(answer, facts) == [], answer


# -- numbers in words -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "value"), [
    ("dua puluh trade", 20), ("dua puluh lima trade", 25), ("seratus dua puluh ribu", 120000), ("seribu", 1000),
    ("dua ribu lima ratus", 2500), ("sebelas", 11), ("tujuh belas", 17), ("satu setengah lot", Decimal("1.5")),
    ("satu koma lima juta", 1500000), ("twenty trades", 20), ("twenty-five", 25), ("a hundred dollars", 100),
    ("one hundred and five", 105), ("two thousand five hundred", 2500), ("two and a half lots", Decimal("2.5")),
    ("a dozen trades", 12), ("one point five", Decimal("1.5")), ("1,5 juta", 1500000), ("2 ribu", 2000),
    ("3 million", 3000000), ("setengah lot", Decimal("0.5")), ("half a lot", Decimal("0.5")),
])
def test_number_words_are_read_whole_in_both_languages(text, value):
    ((_, values, _, _),) = read(text)
    assert values == {Decimal(value)}


def test_a_share_in_words_is_a_percentage_and_a_period_or_idiom_is_no_number():
    assert read("Risiko setengah dari saldo Anda") == [("setengah", {Decimal(50)}, "pct", None)]
    assert read("half of your trades, a quarter of them") == [("half", {Decimal(50)}, "pct", None),
                                                              ("a quarter", {Decimal(25)}, "pct", None)]
    assert read("in the second half of the week, jangan setengah hati, this quarter, satu aturan, one rule") == []


@pytest.mark.parametrize(("answer", "wrong", "why"), [
    ("Anda membuka dua puluh trade minggu ini.", "dua puluh", "absent"),  # not 2 (bot #2 is no count of 20)
    ("You opened twenty trades and lost a hundred dollars.", "twenty", "absent"),
    ("Tilt memakan seratus dolar.", "seratus", "absent"),
    ("Tilt memakan dua ribu dolar.", "dua ribu", "absent"),
    ("Tilt cost you two thousand dollars.", "two thousand", "absent"),
    ("Rugi 1 juta USD.", "1 juta", "absent"),
    ("Risiko setengah dari saldo Anda.", "setengah", "kind"),  # 50% of the balance; 50 is there as pips
    ("You risked half of your balance.", "half", "kind"),
    ("Rugi dua tiga trade.", "dua tiga", "unread"),         # "two three": no number says that
    ("Anda kehilangan ratusan dolar.", "ratusan", "unread"),  # a vague amount
    ("You lost thousands of dollars.", "thousands", "unread"),
    ("Rugi ribu dolar.", "ribu", "unread"),                   # a scale word with nothing to scale
    ("Tilt memakan sepertiga saldo.", "sepertiga", "unread"),  # a third: no decimal writes it exactly
])
def test_number_words_the_packet_does_not_state_or_the_reader_cannot_read_are_caught(facts, answer, wrong, why):
    assert flagged(answer, facts)[0] == (wrong, why)


def test_number_words_the_packet_states_pass(facts):
    for answer in ("Empat kali rugi berturut-turut, tujuh trade, SL lima puluh pip.",
                   "Four losses in a row over seven trades, with a fifty-pip stop.", "Satu lot, one lot."):
        assert flagged(answer, facts) == [], answer


def test_words_that_cannot_be_read_are_named_for_the_model(facts):
    verdict = check("Anda kehilangan ratusan dolar.", facts, "id")
    assert [render(p, "id") for p in verdict.problems()] == [
        "angka yang ditulis dengan kata dan tidak bisa diperiksa: ratusan (tulis dengan digit, persis seperti di "
        "FAKTA)"]


# -- the kind of a number -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("answer", "wrong"), [
    ("Win rate Anda 2%, jauh di bawah rata-rata.", "2"),  # 2 is there only as bot #2
    ("Rugi 3 lot di hari Kamis.", "3"),                   # 3 is a count of winners
    ("Rugi 7 USD.", "7"),                                 # 7 is a count of trades
    ("SL 4 pip.", "4"),                                   # 4 is a count of losses
    ("Anda membuka 50 trade.", "50"),                     # 50 is the SL in pips
    ("Expectancy 5,0R.", "5,0"),                          # 5,0 is a multiple of the risk, not R
    ("Risikonya 4,99 kali lipat.", "4,99"),               # 4,99 is a percentage
    ("Tilt berlangsung 4 menit.", "4"),                   # no duration of 4 minutes
    ("The stop was 1 pip.", "1"),
])
def test_a_number_stated_as_another_kind_than_the_packet_s_is_caught(facts, answer, wrong):
    assert flagged(answer, facts) == [(wrong, "kind")]


def test_a_bare_number_may_be_any_the_packet_states_and_a_range_shares_its_kind(facts):
    assert flagged("Kamis: 7, lalu 4, bot 2.", facts) == []
    assert read("(100,00–500,00 USD), 25,59 vs rata-rata rugi 30,63 USD, 4 dari 7 trade") == [
        ("100,00", {Decimal(100)}, "money:USD", None), ("500,00", {Decimal(500)}, "money:USD", None),
        ("25,59", {Decimal("25.59")}, "money:USD", None), ("30,63", {Decimal("30.63")}, "money:USD", "loss"),
        ("4", {Decimal(4)}, "count", None), ("7", {Decimal(7)}, "count", None)]
    table = "| Hasil bersih (USD) | +38,71 | -33,01 |\n| Trade | 30 | 5 |"
    assert [(text, unit, way) for text, _, unit, way in read(table)] == [
        ("+38,71", "money:USD", "gain"), ("-33,01", "money:USD", "loss"), ("30", "count", None), ("5", "count", None)]


# -- the direction of an amount ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("answer", "lang"), [
    ("Kamis Anda untung 1.245,74 USD.", "id"),
    ("Kamis Anda untung 1.245,74.", "id"),                 # no currency: still an amount told as a profit
    ("Hasil Kamis +1.245,74 USD.", "id"),
    ("Kamis ditutup dengan keuntungan 1.245,74 USD.", "id"),
    ("On Thursday you made a profit of 1,245.74 USD.", "en"),
    ("Thursday closed 1,245.74 USD up.", "en"),
    ("You gained 122.50 USD on the tilt.", "en"),
    ("Expectancy -0,03R.", "id"),                         # an R multiple has a sign too
])
def test_an_amount_told_the_wrong_way_round_is_caught(facts, answer, lang):
    ((_, why),) = flagged(answer, facts, lang)
    assert why == "sign"


@pytest.mark.parametrize("answer", [
    "Kamis Anda rugi 1.245,74 USD.", "Kamis Anda rugi 1.245,74.", "Hasil Kamis -1.245,74 USD.",
    "Kamis Anda kehilangan 1.245,74 USD.", "Tilt memakan 122,50 USD.", "Kerugian tilt 122,50 USD.",
    "On Thursday you lost 1,245.74 USD.", "Thursday closed 1,245.74 USD down.", "A loss of 122.50 USD on the tilt.",
    "Tilt cost 122.50 USD.", "Kamis tidak untung: 1.245,74 USD hilang.", "Expectancy +0,03R.",
    "Risiko 500,00 USD, bukan rugi 500,00 USD.", "Rugi 4 kali; the stop loss 500,00 USD.",
])
def test_an_amount_told_the_way_the_packet_has_it_passes(facts, answer):
    assert flagged(answer, facts) == []


def test_a_wrong_direction_is_marked_with_the_word_that_told_it_and_named(facts):
    answer = "Kamis Anda untung 1.245,74 USD karena tilt."
    verdict = check(answer, facts, "id")
    assert verdict.marks() == [[11, 30, "untung 1.245,74 USD"]] and not verdict.ok
    assert [render(p, "id") for p in verdict.problems()] == ["untung 1.245,74 USD: di FAKTA jumlah ini bukan untung"]
    english = check("You made a profit of 1,245.74 USD on Thursday.", facts, "en")
    assert [render(p, "en") for p in english.problems()] == [
        "profit of 1,245.74 USD: in the FACTS this amount is not a profit"]


def test_the_trader_s_own_numbers_stay_theirs_in_any_kind(facts):
    mine = Facts.of({"id": PACKET_ID, "en": PACKET_EN}, ["Kalau saya rugi 100 sehari? Atau pakai 3%?"])
    assert flagged("Rugi 100,00 USD sehari terlalu besar; risiko 3% juga.", mine) == []
    asked = Facts.of({"id": PACKET_ID, "en": PACKET_EN}, ["Kenapa tilt untung 122,50?"])
    assert flagged("Tilt untung 122,50 USD.", asked) == [("122,50", "sign")]  # the journal says it was lost


# -- end to end: the model is told, then the trader ---------------------------------------------------------------
def test_a_model_that_flips_a_loss_into_a_profit_is_asked_again_then_marked(week, llm):
    engine, _ = week
    engine.update_settings(mentor_ai_url=llm.url, mentor_ai_model="qwen2.5:7b")
    wrong = "Hari Kamis, 26 November 2026 Anda untung 45,74 USD dari 7 trade."
    right = "Hari Kamis, 26 November 2026 Anda rugi 45,74 USD dari 7 trade."
    llm.then(Reply(wrong), Reply(right))
    turn = engine.mentor.ask("Kenapa hari Kamis rugi?", THU)
    turn.wait(60)
    assert (turn.record["status"], turn.record["attempts"], turn.record["answer"]) == ("verified", 2, right)
    told = llm.chats()[1]["messages"][-1]["content"]
    assert told.startswith("Jawaban Anda belum memenuhi aturan: untung 45,74 USD: di FAKTA jumlah ini bukan untung.")

    llm.then(Reply(wrong), Reply(wrong))
    turn = engine.mentor.ask("Kenapa hari Kamis rugi?", THU)
    turn.wait(60)
    record = turn.record
    at = wrong.index("untung")
    mark = [at, at + len("untung 45,74 USD"), "untung 45,74 USD"]
    assert (record["status"], record["marks"], record["answer"]) == ("unverified", [mark], wrong)
    assert record["notes"][-1] == {"key": "mentor.audit.note.marked", "params": {
        "problems": "untung 45,74 USD: di FAKTA jumlah ini bukan untung"}}
    assert engine.mentor.conversation(THU)[-1]["marks"] == [mark]
