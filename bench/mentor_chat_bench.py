"""Ask-the-mentor benchmark: what QuantumBotX itself adds to a question, and that ticks do not wait for a model.

On the mentor's realistic test week (tests/mentor/week.py: three bots and trades by hand, 30 trades, 6 notes):
the facts packet (built from the day's report, the week's review and the records; its size in characters, which
is what a local model's context must hold), the audit of one answer, and a whole question against the local
fake OpenAI-compatible server (tests/fake_llm.py, answering at once: the time is ours, not a model's). Then a
bot's tick is timed with no question in flight and while a question hangs on the server: the chat runs in its
own thread and holds no engine lock, so the two should match.

Usage: python bench/mentor_chat_bench.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import report, summary, timed  # noqa: E402

MONDAY_10H = 1796032800.0  # Monday 30 November 2026, 10:00 UTC

ANSWER = ("Kamis, 26 November 2026 ditutup rugi 45,74 USD dari 7 trade (3 profit, 4 rugi). Bot Anda tidak bermasalah "
          "hari itu; kerugian datang dari trade manual malam hari. Pukul 20:05–21:06 Anda kena tilt: 4 kali rugi "
          "berturut-turut, total 122,50 USD. Di tengahnya, pukul 20:36, Anda masuk 1 lot dengan SL 50 pip, risiko "
          "4,99% saldo: entry balas dendam yang hasilnya -61,00 USD. Saran: setelah 3 kali rugi beruntun, berhenti "
          "trading manual hari itu juga. Minggu ini total 30 trade dalam 5 hari, hasil +38,71 USD; bot +248,01 USD, "
          "trade manual -209,30 USD. Fokus minggu depan: satu aturan, berhenti setelah 3 kali rugi.")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from qbx_engine import Engine
    from qbx_engine.core.clock import ManualClock
    from qbx_engine.mentor.audit import Facts, check
    from tests.fake_llm import FakeLLM, Reply
    from tests.mentor.week import READ_AT, THU, build

    folder = Path(tempfile.mkdtemp(prefix="qbx-chat-bench-"))
    rows = []
    try:
        build(folder)
        clock = ManualClock(READ_AT)
        with FakeLLM() as llm, Engine.open(folder, clock=clock, start_scheduler=False) as engine:
            engine.update_settings(mentor_ai_url=llm.url, mentor_ai_model="qwen2.5:7b", mentor_ai_timeout=600)
            llm.brain = lambda request: Reply(ANSWER)
            for lang in ("id", "en"):
                facts = engine.mentor.facts(THU, lang)
                text = facts["instructions"] + "\n\n" + facts["text"]
                rows.append({"what": f"facts packet + instructions ({lang})", "size": f"{len(text):,} chars",
                             **summary(timed(lambda lang=lang: engine.mentor.facts(THU, lang), args.repeat))})
            packet = {lang: engine.mentor.facts(THU, lang)["text"] for lang in ("id", "en")}
            rows.append({"what": "the audit's facts (both languages)", "size": "",
                         **summary(timed(lambda: Facts.of(packet), args.repeat))})
            facts = Facts.of(packet)
            assert check(ANSWER, facts, "id").ok
            rows.append({"what": "audit of one answer", "size": f"{len(ANSWER.split())} words",
                         **summary(timed(lambda: check(ANSWER, facts, "id"), args.repeat))})

            def question() -> None:
                turn = engine.mentor.ask("Kenapa hari Kamis rugi?", THU)
                for _ in turn.events():
                    pass
                assert turn.record["status"] == "verified", turn.record
                engine.mentor.forget(THU)

            rows.append({"what": "a whole question, streamed (fake server)", "size": "",
                         **summary(timed(question, max(3, args.repeat // 4)))})
            clock.set(MONDAY_10H)  # markets open; each timed tick gets a new M5 bar to analyse
            bot = engine.list_bots()[0]["id"]

            def tick() -> None:
                clock.advance(300)
                engine.run_tick(bot)

            idle = summary(timed(tick, args.repeat))
            llm.then(Reply(hang=True))
            turn = engine.mentor.ask("Kenapa hari Kamis rugi?", THU)
            assert llm.hanging.wait(60)
            busy = summary(timed(tick, args.repeat))
            assert not turn.done
            llm.release.set()
            turn.wait(60)
            rows.append({"what": "a tick on a new bar, no question in flight", "size": "", **idle})
            rows.append({"what": "a tick on a new bar while a question hangs", "size": "", **busy})
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report("mentor_chat", "Ask the mentor: the facts packet, the audit, a question, and ticks meanwhile",
           ["what", "size", "p50_ms", "max_ms"], rows,
           notes="The realistic test week read on its Saturday, questions about its Thursday. A model's own time is "
                 "not in these figures (the fake server answers at once); a local 7B model on a CPU takes tens of "
                 "seconds to read a packet of this size.")


if __name__ == "__main__":
    main()
