"""Telegram in trouble: another poller (409), flood control (429 retry_after), the network down, a wrong token,
a hanging server. The reader says what is wrong, waits as asked, and carries on once it is over."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request

from qbx_engine.core.i18n import render
from tests.remote.conftest import TOKEN, TRADER, say, wait_phase


class Intruder:
    """Another program long-polling the same bot (a second QuantumBotX, an old script)."""

    def __init__(self, base: str):
        self.url = f"{base}/bot{TOKEN}/getUpdates"
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            request = urllib.request.Request(self.url, data=b"timeout=1", method="POST")
            try:
                urllib.request.urlopen(request, timeout=10).read()
            except (urllib.error.URLError, OSError):
                time.sleep(0.01)

    def leave(self) -> None:
        self.stop.set()
        self.thread.join(15)


def test_another_poller_gives_409_the_reader_says_so_and_recovers(engine, telegram, reader):
    remote = reader()
    wait_phase(remote, "polling")
    intruder = Intruder(telegram.base)
    try:
        status = wait_phase(remote, "conflict")
        assert render(status["problem"], "en").startswith("Another program is reading this bot's messages (409")
        assert telegram.of("getUpdates", 409)
    finally:
        intruder.leave()
    assert say(telegram, "/saldo").startswith("<b>Akun (paper)</b>")
    assert remote.status()["phase"] == "polling" and remote.status()["problem"] is None


def test_429_on_polling_waits_exactly_retry_after(engine, telegram, reader):
    telegram.then("getUpdates", ("429", 7))
    remote = reader()
    assert say(telegram, "/status").startswith("<b>Status bot</b>")
    assert list(remote.rests) == [7.0]
    assert len(telegram.of("getUpdates", 429)) == 1


def test_429_on_a_reply_sends_it_once_after_the_wait(engine, telegram, reader):
    remote = reader()
    wait_phase(remote, "polling")
    telegram.then("sendMessage", ("429", 3))
    reply = say(telegram, "/saldo")
    assert reply.startswith("<b>Akun (paper)</b>")
    assert list(remote.rests) == [3.0]
    assert len(telegram.of("sendMessage", 429)) == 1 and len(telegram.replies(TRADER)) == 1


def test_network_down_backs_off_then_answers_what_was_sent_meanwhile(engine, telegram, reader):
    remote = reader()
    wait_phase(remote, "polling")
    telegram.down()
    status = wait_phase(remote, "network")
    assert render(status["problem"], "en").startswith("cannot connect")
    telegram.wait(lambda: len(remote.rests) >= 4, "four waits")
    assert list(remote.rests)[:4] == [1.0, 2.0, 4.0, 8.0]  # doubling, up to a minute
    telegram.message(TRADER, "/saldo")  # sent from the phone while the bot's network is out
    telegram.up()
    assert telegram.wait_replies(TRADER, 1)[0].startswith("<b>Akun (paper)</b>")
    assert remote.status()["phase"] == "polling"


def test_a_wrong_token_is_said_plainly(engine, telegram, reader):
    remote = reader(config={"token": "123456789:AAwrongwrongwrong"})
    status = wait_phase(remote, "refused")
    assert render(status["problem"], "en") == "Telegram refused the bot token (401); check the token."
    assert "wrongwrong" not in str(status)


def test_a_hanging_telegram_does_not_hold_up_a_stop(engine, telegram, reader):
    telegram.then("getUpdates", *["hang"] * 50)
    remote = reader(poll_timeout=25, request_timeout=60.0)
    telegram.wait(lambda: telegram.of("getUpdates", None), "a long poll")
    assert remote.stop(10.0)
    assert not remote.running
