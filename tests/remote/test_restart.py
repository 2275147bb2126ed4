"""At most once across restarts: an update read before is never acted on again, even after ``kill -9`` between
receiving a command and acting on it, or between acting and replying."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from qbx_engine import Engine
from qbx_engine.core.i18n import render
from qbx_engine.remote.telegram import TelegramRemote
from tests.conftest import ROOT
from tests.engine.conftest import new_bot
from tests.remote.conftest import TOKEN, TRADER, config_for, quick_rest, say, telegram_events

CHILD = r"""
import sys, time
from qbx_engine import Engine
from qbx_engine.core.clock import ManualClock
from qbx_engine.remote.telegram import RemoteConfig, TelegramRemote

folder, api, token, chat, when, now = sys.argv[1:7]
engine = Engine.open(folder, clock=ManualClock(float(now)), start_scheduler=False)
pause = engine.pause_bot


def pause_and_hang(bot_id):
    if when == "after":
        pause(bot_id)
    print("acting", flush=True)  # "after": the bot is paused, the reply not yet written
    time.sleep(600)


engine.pause_bot = pause_and_hang if when != "replying" else pause
config = RemoteConfig(token, frozenset({int(chat)}), api, "http://localhost:8501")
TelegramRemote(engine, config, poll_timeout=1, request_timeout=120).start()
print("ready", flush=True)
time.sleep(600)
"""


def _bot(data_dir, clock) -> int:
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as setup:
        return setup.create_bot({"name": "Trend EURUSD", "market": "EURUSD", "timeframe": "M1",
                                 "strategy_name": "ma_crossover", "risk_percent": 1.0, "sl_pips": 20, "tp_pips": 40,
                                 "check_interval": 60, "status": "active"})["id"]


def _killed_while(when: str, data_dir, clock, telegram, wait) -> None:
    """Run the reader in a child process, let ``wait`` see it mid-command, then kill -9 it."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir), telegram.base, TOKEN, str(TRADER), when,
                              str(clock.now())], env=dict(os.environ, PYTHONPATH=str(ROOT)),
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        wait(child)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
        child.stdout.close()


def _restarted(data_dir, clock, telegram) -> tuple[Engine, TelegramRemote, list[int]]:
    """The engine and its reader opened again, with every pause_bot call counted."""
    engine = Engine.open(data_dir, clock=clock)
    calls: list[int] = []
    pause = engine.pause_bot

    def counted(bot_id):
        calls.append(bot_id)
        return pause(bot_id)

    engine.pause_bot = counted
    remote = TelegramRemote(engine, config_for(telegram), poll_timeout=1, request_timeout=5.0, rest=quick_rest)
    return engine, remote.start(), calls


@pytest.mark.parametrize("when", ["before", "after"])
def test_kill_9_between_receiving_and_acting_never_runs_the_command_twice(when, data_dir, clock, telegram):
    bot_id = _bot(data_dir, clock)
    update = telegram.message(TRADER, f"/jeda {bot_id}")
    _killed_while(when, data_dir, clock, telegram, lambda child: child.stdout.readline().strip() == "acting"
                  or pytest.fail("the child never started acting"))
    assert telegram.replies(TRADER) == []
    polls = len(telegram.of("getUpdates", None))

    engine, remote, calls = _restarted(data_dir, clock, telegram)
    try:
        told = telegram.wait_replies(TRADER, 1)[0]
        assert told == (f"Perintah /jeda {bot_id} terputus oleh restart QuantumBotX sebelum selesai: mungkin sudah, "
                        "mungkin belum dijalankan, dan tidak dijalankan lagi. Periksa dengan /status.")
        first_poll = telegram.wait(lambda: telegram.of("getUpdates", None)[polls:], "a poll after the restart")[0]
        assert int(first_poll.body["offset"]) == update + 1  # the update was taken before acting
        assert say(telegram, "/status").startswith("<b>Status bot</b>")  # reading goes on
        assert calls == []  # never run again
        assert engine.get_bot(bot_id)["status"] == ("paused" if when == "after" else "active")
        pauses = [e for e in engine.events(bot_id=bot_id, limit=None) if e["action"] == "PAUSE"]
        assert len(pauses) == (1 if when == "after" else 0)
        logged = [render(e["msg"], "en") for e in telegram_events(engine)]
        assert logged[0] == f"Telegram (chat 98…21): /jeda {bot_id} → interrupted by a restart; not run again"
        assert remote.status()["counts"]["interrupted"] == 1
    finally:
        assert remote.stop(10.0)
        engine.close()


def test_kill_9_while_replying_sends_the_reply_again_and_runs_nothing(data_dir, clock, telegram):
    bot_id = _bot(data_dir, clock)
    telegram.message(TRADER, f"/jeda {bot_id}")
    telegram.then("sendMessage", "hang")
    _killed_while("replying", data_dir, clock, telegram,
                  lambda child: telegram.wait(lambda: telegram.of("sendMessage", None), "the reply on the wire"))
    telegram.release.set()

    engine, remote, calls = _restarted(data_dir, clock, telegram)
    try:
        resent = telegram.wait_replies(TRADER, 1)[0]
        assert resent == f"Bot #{bot_id} Trend EURUSD dijeda.\n\n(dikirim ulang setelah restart)"
        assert say(telegram, "/status").startswith("<b>Status bot</b>")
        assert calls == [] and engine.get_bot(bot_id)["status"] == "paused"
        assert len([e for e in engine.events(bot_id=bot_id, limit=None) if e["action"] == "PAUSE"]) == 1
        logged = [render(e["msg"], "en") for e in telegram_events(engine)]
        assert logged[0] == f"Telegram (chat 98…21): /jeda {bot_id} → Bot #{bot_id} Trend EURUSD is paused."
    finally:
        assert remote.stop(10.0)
        engine.close()


def test_an_update_delivered_again_after_a_restart_is_skipped(engine, telegram, reader):
    bot_id = new_bot(engine, status="active")["id"]
    first = reader()
    update = telegram.message(TRADER, f"/henti {bot_id}")
    assert telegram.wait_replies(TRADER, 1)[0] == f"Bot #{bot_id} Scripted EURUSD dihentikan."
    assert first.stop(10.0)
    engine.start_bot(bot_id)  # started again from the dashboard

    second = reader()
    telegram.repeat(telegram.update(update))  # Telegram delivers the old update once more
    assert say(telegram, "/status").startswith("<b>Status bot</b>")
    assert engine.get_bot(bot_id)["status"] == "active"
    assert second.duplicates == 1
    assert telegram.replies(TRADER)[1:] == [telegram.replies(TRADER)[-1]]  # no second answer to /henti
    assert [render(e["msg"], "en").split(" → ")[0] for e in telegram_events(engine)] == [
        f"Telegram (chat 98…21): /henti {bot_id}", "Telegram (chat 98…21): /status"]

