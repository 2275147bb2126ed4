"""A Telegram that never answers holds up no tick: with the command reader held on a reply that Telegram never
answers, right after running a command against the engine, a bot's ticks still complete (see tests/ticks_unheld.py
for the proof's shape)."""

from __future__ import annotations

from qbx_engine.remote.telegram import TelegramRemote
from tests.engine.conftest import scripted  # noqa: F401 - fixture
from tests.remote.conftest import TRADER, config_for, quick_rest
from tests.ticks_unheld import NEVER, reversing_bot, ticks_while


def test_ticks_complete_while_telegram_never_answers_the_readers_reply(tmp_path, clock, scripted,  # noqa: F811
                                                                        telegram):
    telegram.then("sendMessage", *["hang"] * 10)  # every reply is held until the test lets it go
    with reversing_bot(tmp_path / "data", clock, release=telegram.release.set) as (engine, _bot_id, witness):
        remote = TelegramRemote(engine, config_for(telegram), poll_timeout=1, request_timeout=2 * NEVER,
                                rest=quick_rest).start()
        try:
            for text in ("/saldo", "/status", "/posisi"):  # the first runs, then its reply hangs; the rest wait
                telegram.message(TRADER, text)
            telegram.wait(lambda: telegram.of("sendMessage", None), "the reader's first reply, hanging")

            def hanging() -> bool:
                replies = telegram.of("sendMessage", None)
                return len(replies) == 1 and replies[0].answered is None

            ticks_while(witness, hanging, "the reader waits on Telegram for its reply to /saldo")
            assert [e["msg"]["params"]["command"] for e in engine.events(actions="TELEGRAM")] == ["/saldo"]
        finally:
            telegram.release.set()
            assert remote.stop(NEVER)
