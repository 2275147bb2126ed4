"""A hanging Telegram never slows a bot: tick counts through the real scheduler, without the command reader and
with it working through a queue of commands whose every reply hangs until its request times out.

Each tick sees a new bar and reverses the position, as in tests/notify/test_tick_timing.py; the reader's
commands (/status, /saldo, /posisi) read the same engine, bots and broker the ticks use.
"""

from __future__ import annotations

import time

from qbx_engine import Engine
from qbx_engine.brokers.paper import PaperBroker
from qbx_engine.remote.telegram import TelegramRemote
from tests.engine.conftest import new_bot, scripted  # noqa: F401 - fixture
from tests.fakes import HookedBroker, Scripted
from tests.remote.conftest import TRADER, config_for, quick_rest, telegram_events

WINDOW = 5.0  # seconds of real scheduling, counted from the bot's first tick


def _run(data_dir, clock, telegram=None) -> tuple[int, dict, int]:
    """Start a 1 s bot (and the reader, given a server); (ticks in WINDOW, bot health, commands the reader ran)."""
    def new_bar_and_reverse(*_args):
        clock.advance(60)
        Scripted.signal = "SELL" if Scripted.signal == "BUY" else "BUY"

    def factory(store, clk):
        broker = HookedBroker(PaperBroker(store, clk))
        broker.hooks["is_market_open"] = new_bar_and_reverse
        return broker

    Scripted.signal = "BUY"
    engine = Engine.open(data_dir, broker=factory, clock=clock)
    remote = None
    try:
        bot_id = new_bot(engine, status="active", check_interval=1)["id"]
        if telegram is not None:
            remote = TelegramRemote(engine, config_for(telegram), poll_timeout=1, request_timeout=0.2,
                                    rest=quick_rest, rate=(1000, 60.0)).start()
        deadline = time.monotonic() + 15
        while engine.health()["bots"][bot_id]["ticks"] == 0:
            assert time.monotonic() < deadline, "the bot never ticked"
            time.sleep(0.005)
        first = engine.health()["bots"][bot_id]["ticks"]
        time.sleep(WINDOW)
        health = engine.health()["bots"][bot_id]
        return health["ticks"] - first, health, len(telegram_events(engine))
    finally:
        if remote is not None:
            assert remote.stop(10.0)
        engine.close()


def test_bot_ticks_keep_their_timing_while_telegram_hangs(tmp_path, clock, scripted, telegram):  # noqa: F811
    baseline, base_health, _ = _run(tmp_path / "without", clock)

    telegram.then("sendMessage", *["hang"] * 10_000)
    for _ in range(100):
        for text in ("/status", "/saldo", "/posisi"):
            telegram.message(TRADER, text)
    hanging, health, commands = _run(tmp_path / "with", clock, telegram)

    assert telegram.of("sendMessage", None) and not telegram.of("sendMessage"), "Telegram was not hanging"
    assert commands >= 2, "the reader was not working through its commands"
    assert base_health["overruns"] == base_health["missed"] == 0
    assert health["overruns"] == health["missed"] == 0
    assert baseline >= WINDOW - 1
    assert hanging >= baseline - 1, f"{hanging} ticks while Telegram hung, {baseline} without the reader"
    print(f"\nticks in {WINDOW:.0f} s: {baseline} without the reader, {hanging} with it while every reply hung "
          f"({commands} commands run)")
