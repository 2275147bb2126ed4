"""A refused TradingView alert reaches the trader's phone; one with an unknown secret stays in the log."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from qbx_engine import Engine
from qbx_engine.remote.http import build_alerts
from tests.http.conftest import alert_bot, body, unlimited
from tests.notify.conftest import configured, fake_time, server  # noqa: F401 - fixtures


@pytest.fixture
def told(configured, data_dir, clock, scripted):  # noqa: F811 - fixtures
    """An engine opened with both notification channels pointing at the fake server."""
    opened = Engine.open(data_dir, clock=clock, start_scheduler=False)
    yield opened
    opened.close()


def test_an_alert_refused_for_a_bot_is_sent_and_an_unknown_secret_is_not(told, configured):  # noqa: F811
    with TestClient(build_alerts(told, per_secret=unlimited(), per_client=unlimited())) as client:
        assert client.post("/alerts/" + "C" * 43, content=body("buy", "stranger")).status_code == 404
        bot, secret = alert_bot(told)
        told.pause_bot(bot["id"])
        assert client.post(f"/alerts/{secret}", content=body("sell", "while-paused")).status_code == 409
    # both refusals are in the log; the channels are FIFO, so the first message sent is the bot's
    assert [e["bot_id"] for e in told.events(actions="ALERT REFUSED")] == [bot["id"], None]
    (sent,) = configured.wait_for(1, "telegram")
    title = sent.body["text"].split("\n")[0]
    assert title == f"<b>📡 Alert TradingView tidak dijalankan · TV EURUSD (#{bot['id']})</b>"
    (hook,) = configured.wait_for(1, "webhook")
    assert hook.body["action"] == "ALERT REFUSED" and hook.body["category"] == "errors"
    assert "while-paused" in hook.body["text"]
