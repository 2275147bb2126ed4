"""A channel that is down never slows a bot: tick counts through the real scheduler, with and without it.

Each tick sees a new bar and reverses the position (a CLOSE and an OPEN: two notifications
per channel per tick), while Telegram hangs on every request and the webhook refuses connections.
"""

from __future__ import annotations

import time

from qbx_engine import Engine
from qbx_engine.brokers.paper import PaperBroker
from tests.engine.conftest import new_bot, scripted  # noqa: F401 - fixture
from tests.fakes import HookedBroker, Scripted
from tests.notify.conftest import env_for
from tests.notify.fake_server import closed_port

WINDOW = 5.0  # seconds of real scheduling, counted from the bot's first tick


def _run(data_dir, clock) -> tuple[int, dict, dict]:
    """Start a 1 s bot, count its ticks over WINDOW from its first tick; (ticks, bot health, notifications)."""
    def new_bar_and_reverse(*_args):
        clock.advance(60)
        Scripted.signal = "SELL" if Scripted.signal == "BUY" else "BUY"

    def factory(store, clk):
        broker = HookedBroker(PaperBroker(store, clk))
        broker.hooks["is_market_open"] = new_bar_and_reverse
        return broker

    Scripted.signal = "BUY"
    engine = Engine.open(data_dir, broker=factory, clock=clock)
    try:
        bot_id = new_bot(engine, status="active", check_interval=1)["id"]
        deadline = time.monotonic() + 15
        while engine.health()["bots"][bot_id]["ticks"] == 0:
            assert time.monotonic() < deadline, "the bot never ticked"
            time.sleep(0.005)
        first = engine.health()["bots"][bot_id]["ticks"]
        time.sleep(WINDOW)
        health = engine.health()["bots"][bot_id]
        return health["ticks"] - first, health, engine.notifications.status()
    finally:
        engine.close()


def test_bot_ticks_keep_their_timing_while_every_channel_is_down(tmp_path, clock, scripted, server,  # noqa: F811
                                                                 monkeypatch):
    baseline, base_health, _ = _run(tmp_path / "without", clock)

    server.then("telegram", *["hang"] * 1000)
    env = env_for(server) | {"QBX_WEBHOOK_URL": f"http://127.0.0.1:{closed_port()}/hook"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    down, down_health, status = _run(tmp_path / "with", clock)

    telegram, webhook = status["channels"]["telegram"], status["channels"]["webhook"]
    assert server.received("telegram") and not server.delivered(), "Telegram was not hanging"
    assert webhook["failures"] >= 1 and webhook["sent"] == 0, "the webhook was not down"
    assert telegram["queued"] >= 2 * down and webhook["queued"] >= 2 * down - 2  # every tick queued its messages
    assert base_health["overruns"] == base_health["missed"] == 0
    assert down_health["overruns"] == down_health["missed"] == 0
    assert baseline >= WINDOW - 1
    assert down >= baseline - 1, f"{down} ticks with the channels down, {baseline} without"
    print(f"\nticks in {WINDOW:.0f} s: {baseline} without notifications, {down} with both channels down")
