"""Channels that never answer hold up no tick: with both senders held inside their network call for good, a
bot's ticks still complete, each queuing its notifications (see tests/ticks_unheld.py for the proof's shape)."""

from __future__ import annotations

from qbx_engine.notify import channels
from tests.engine.conftest import scripted  # noqa: F401 - fixture
from tests.notify.conftest import env_for
from tests.ticks_unheld import TICKS, Gate, reversing_bot, ticks_while


def test_ticks_complete_while_telegram_and_the_webhook_never_answer(tmp_path, clock, scripted, server,  # noqa: F811
                                                                     monkeypatch):
    for name, value in env_for(server).items():
        monkeypatch.setenv(name, value)
    network = Gate()
    real_post = channels.Channel._post

    def never_answers(self, *args, **kwargs):  # a request sent into a network that holds it for good
        network.hold()
        return real_post(self, *args, **kwargs)

    monkeypatch.setattr(channels.Channel, "_post", never_answers)
    with reversing_bot(tmp_path / "data", clock, release=network.open) as (engine, _bot_id, witness):
        network.wait_held(2, "the Telegram and webhook senders, each on its first message")
        before = engine.notifications.status()["channels"]
        ticks_while(witness, lambda: network.holding(2), "both channels' senders are held on the network")
        after = engine.notifications.status()["channels"]
    for name in ("telegram", "webhook"):
        assert after[name]["queued"] >= before[name]["queued"] + 2 * TICKS  # each tick: CLOSE and OPEN
        assert after[name]["sent"] == 0
