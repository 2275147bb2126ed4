"""kill -9 while a message is on the wire: after the restart it is not sent again, the rest go once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.conftest import ROOT
from tests.notify.conftest import env_for, setups_for

CHILD = r"""
import sys, time
from qbx_engine.core.clock import ManualClock
from qbx_engine.core.i18n import Msg
from qbx_engine.notify import config
from qbx_engine.notify.notifier import Notifier
from qbx_engine.settings import Settings
from qbx_engine.store import Store

store = Store(sys.argv[1])
environ = dict(QBX_TELEGRAM_TOKEN=sys.argv[2], QBX_TELEGRAM_CHAT_ID=sys.argv[3], QBX_TELEGRAM_API=sys.argv[4])
settings = Settings(store.settings_db)
settings.update(notify_webhook=[])
notifier = Notifier(store, settings, ManualClock(1764064800.0), reports=None, setups=config.load(environ=environ),
                    error_streak=lambda bot: 0, timeout=120)
for ticket in range(3):
    msg = Msg("ev.close_tp", {"side": "BUY", "ticket": ticket, "symbol": "EURUSD", "price": 1.1, "profit": 5.0,
                              "currency": "USD"})
    notifier.on_event({"ts": 1764064800.0, "bot_id": 1, "bot_name": "b", "action": "TP HIT", "msg": msg.to_json(),
                       "seq": ticket})
notifier.start()
print("ready", flush=True)
time.sleep(120)
"""


def test_kill_9_mid_send_then_restart(rig, server, data_dir):
    server.then("telegram", "hang")
    env = env_for(server, webhook=False)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir), env["QBX_TELEGRAM_TOKEN"],
                              env["QBX_TELEGRAM_CHAT_ID"], env["QBX_TELEGRAM_API"]],
                             env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        server.wait_for(1, "telegram", delivered=False)  # the first message is on the wire, unanswered
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    server.release.set()
    again = rig(setups_for(server, webhook=False))
    delivered = server.wait_for(2, "telegram")
    deadline = time.monotonic() + 10
    while again.notifier.status()["channels"]["telegram"]["queued"] and time.monotonic() < deadline:
        time.sleep(0.01)
    status = again.notifier.status()["channels"]["telegram"]
    assert status["uncertain"] == 1 and status["queued"] == 0 and status["sent"] == 2
    assert len(server.received("telegram")) == 3  # the one caught mid-send was not sent again
    assert ["#0" in r.body["text"] for r in server.received("telegram")] == [True, False, False]
    assert ["#1" in delivered[0].body["text"], "#2" in delivered[1].body["text"]] == [True, True]
