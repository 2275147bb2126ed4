"""A stand-in for a model that answers the trader from the facts it was sent, as a good local model would.

It reads the facts packet in the request (never the journal), finds the lines a question is about and quotes their
figures in its own sentences, in Bahasa Indonesia or English as the packet is written. ``plant`` makes its first
answer to each question state a wrong figure (a model's typical slip: a cost rounded or misremembered); with
``stubborn`` it keeps the wrong figure even after being told. This is test scaffolding: what it proves is that the
packet carries the figures a trader asks about, and that the audit passes true ones and catches a false one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tests.fake_llm import Reply, facts_of, last_question

WRONG = "150,00"


@dataclass
class WeekMentor:
    plant: bool = False
    stubborn: bool = False
    english_first: bool = False
    asked: list[str] = field(default_factory=list)

    def __call__(self, request: dict) -> Reply:
        facts = facts_of(request)
        question = last_question(request)
        corrected = question.startswith(("Jawaban Anda belum memenuhi aturan", "Your answer broke the rules"))
        if corrected:
            question = next(m["content"] for m in reversed(request["messages"][:-2]) if m["role"] == "user")
        self.asked.append(question)
        english = facts.startswith("# TRADING JOURNAL FACTS")
        if self.english_first and not corrected:
            return Reply(self._thursday_en(facts_in_english(facts)))
        answer = self._answer(question.lower(), facts, english)
        if self.plant and (self.stubborn or not corrected):
            answer = _plant(answer)
        return Reply(answer)

    def _answer(self, question: str, facts: str, english: bool) -> str:
        if english:
            return self._thursday_en(facts)
        if "kamis" in question:
            return self._thursday(facts)
        if "bot" in question:
            return self._which_bot(facts)
        if "overtrading" in question:
            return self._overtrading(facts)
        return "Data untuk pertanyaan itu tidak ada di jurnal Anda."

    def _thursday(self, facts: str) -> str:
        day = _line(facts, r"^- (Kamis, \d+ \w+ \d{4}): (\d+) trade \((\d+) profit, (\d+) kali rugi\), hasil "
                           r"(-[\d.,]+) USD")
        tilt = _line(facts, r"Tilt — Trade manual, ([\d:–]+): (\d+) kali rugi berturut-turut, rugi ([\d.,]+) USD")
        revenge = _line(facts, r"^- Kamis \([\d-]+\): Balas dendam — Trade manual, ([\d:]+): .* hasil (-[\d.,]+) USD")
        risky = _line(facts, r"Tertinggi: Trade manual, EURUSD pukul ([\d:]+), (\d+) lot dengan SL (\d+) pip = "
                             r"([\d,]+)% saldo")
        return (f"{day[0]} ditutup rugi {day[4].lstrip('-')} USD dari {day[1]} trade ({day[2]} profit, {day[3]} rugi). "
                f"Bot Anda tidak bermasalah hari itu; kerugian datang dari trade manual malam hari. Pukul {tilt[0]} "
                f"Anda kena tilt: {tilt[1]} kali rugi berturut-turut, total {tilt[2]} USD. Di tengahnya, pukul "
                f"{revenge[0]}, Anda masuk {risky[1]} lot dengan SL {risky[2]} pip, risiko {risky[3]}% saldo: entry "
                f"balas dendam yang hasilnya {revenge[1]} USD.\n\n**Saran:** setelah 3 kali rugi beruntun, berhenti "
                "trading manual hari itu juga.")

    def _which_bot(self, facts: str) -> str:
        facts = facts.split("## Ulasan minggu")[1]  # the week's figures, not the day's
        scalper = _line(facts, r"^- Scalper EURUSD \(.*?\): (\d+) trade, (\d+) profit, win rate (\d+)%, hasil "
                               r"([+-][\d.,]+) USD")
        whipsaw = _line(facts, r"^- (Selasa) \([\d-]+\): Scalper EURUSD, ([\d:–]+): (\d+) kali rugi berturut-turut "
                               r"saat Anda menandai pasar sideways \(ranging\).*?Rugi ([\d.,]+) USD")
        rsi = _line(facts, r"^- RSI GBPUSD \(.*?\): (\d+) trade, (\d+) profit, win rate (\d+)%, hasil "
                           r"([+-][\d.,]+) USD")
        cost = _line(facts, r"jeda bot dengan strategi tren \(Gold Breakout, Scalper EURUSD\)\. "
                            r"\(biaya ([\d.,]+) USD\)")
        return (f"Tidak ada bot yang perlu dimatikan permanen. Scalper EURUSD minggu ini hasilnya {scalper[3]} USD, "
                f"tetapi hari {whipsaw[0]} ({whipsaw[1]}) ia kena {whipsaw[2]} kali rugi berturut-turut, rugi "
                f"{whipsaw[3]} USD, saat pasar sideways. Jadi **jeda** Scalper EURUSD dan Gold Breakout saat Anda "
                f"menandai pasar ranging: kebiasaan itu memakan {cost[0]} USD minggu ini. RSI GBPUSD justru yang "
                f"terbaik: {rsi[0]} trade, win rate {rsi[2]}%, hasil {rsi[3]} USD. Biarkan tetap jalan.")

    def _overtrading(self, facts: str) -> str:
        limit = _line(facts, r"Batas trade harian yang trader tetapkan sendiri: (\d+) trade\.")
        over = _line(facts, r"^- (Selasa) \([\d-]+\): Melewati batas harian Anda: (\d+) trade, padahal batasnya "
                            r"(\d+) .*? (\d+) trade di atas batas: hasil (-[\d.,]+) USD")
        week = _line(facts, r"Minggu ini: (\d+) trade dalam (\d+) hari")
        return (f"Sekali, ya. Batas harian Anda {limit[0]} trade, dan hari {over[0]} Anda membuat {over[1]} trade. "
                f"Yang {over[3]} trade di atas batas itu hasilnya {over[4]} USD. Di hari lain Anda tetap di "
                f"bawah batas: minggu ini total {week[0]} trade dalam {week[1]} hari. Tetap pegang batas {limit[0]} "
                "trade sehari.")

    def _thursday_en(self, facts: str) -> str:
        day = _line(facts, r"^- (Thursday, \d+ \w+ \d{4}): (\d+) trades \((\d+) winners, (\d+) losses\), net "
                           r"(-[\d.,]+) USD")
        tilt = _line(facts, r"Tilt — Manual trades, ([\d:–]+): (\d+) losses in a row, ([\d.,]+) USD lost")
        return (f"{day[0]} closed at {day[4]} USD over {day[1]} trades. The damage came from your manual trades: "
                f"tilt at {tilt[0]}, {tilt[1]} losses in a row costing {tilt[2]} USD. Your bots were fine that "
                "day. Next time, stop trading by hand after three losses in a row.")


def facts_in_english(facts: str) -> str:
    """The English facts for an answer in the wrong language: the brain has only the Indonesian packet here, so it
    states the figures the Indonesian packet shows, in an English sentence."""
    day = _line(facts, r"^- (Kamis), (\d+ \w+ \d{4}): (\d+) trade \((\d+) profit, (\d+) kali rugi\), hasil (-[\d.,]+)")
    tilt = _line(facts, r"Tilt — Trade manual, ([\d:–]+): (\d+) kali rugi berturut-turut, rugi ([\d.,]+) USD")
    return (f"- Thursday, {day[1]}: {day[2]} trades ({day[3]} winners, {day[4]} losses), net {day[5]} USD\n"
            f"Tilt — Manual trades, {tilt[0]}: {tilt[1]} losses in a row, {tilt[2]} USD lost")


def _line(facts: str, pattern: str) -> tuple[str, ...]:
    found = re.search(pattern, facts, re.M)
    assert found is not None, f"the facts do not hold {pattern!r}"
    return found.groups()


def _plant(answer: str) -> str:
    """The first money figure replaced by a wrong one."""
    return re.sub(r"\d[\d.]*,\d\d(?= USD)", WRONG, answer, count=1)
