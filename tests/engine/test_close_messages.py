"""Every close message names the lot, as the open does: by signal, SL, TP, by hand, stop out and the brake.

The positions are closed the way they close for real (the fake terminal's server closes at SL/TP, by hand and
by a stop out; the emergency brake closes on paper), and both the activity log and the notification a channel
would send are read back in both languages.
"""

from __future__ import annotations

import pytest

from qbx_engine import Engine
from qbx_engine.core.i18n import render
from qbx_engine.notify.categories import category_of
from qbx_engine.notify.messages import event_note, plain_text
from tests import mt5_fake
from tests.engine.conftest import force, new_bot

pytestmark = pytest.mark.usefixtures("scripted")


def lot_shown(event: dict, volume: float) -> None:
    """The log line and the notification both give the volume, in Indonesian and English."""
    for lang, written in (("en", f"{volume} lot"), ("id", f"{volume}".replace(".", ",") + " lot")):
        assert written in render(event["msg"], lang), (lang, render(event["msg"], lang))
        note = event_note(event, category_of(event["action"]), lang, "Asia/Jakarta")
        assert written in plain_text(note), (lang, plain_text(note))


@pytest.fixture
def terminal(monkeypatch, clock):
    return mt5_fake.plug_in(monkeypatch, clock)


@pytest.mark.parametrize("reason, action", [
    (mt5_fake.DEAL_REASON_SL, "SL HIT"), (mt5_fake.DEAL_REASON_TP, "TP HIT"),
    (mt5_fake.DEAL_REASON_CLIENT, "CLOSED MANUALLY"), (mt5_fake.DEAL_REASON_SO, "STOP OUT")])
def test_a_close_by_the_server_or_by_hand_names_the_lot(data_dir, clock, terminal, reason, action):
    with Engine.open(data_dir, broker="mt5", clock=clock, start_scheduler=False) as engine:
        bot_id = new_bot(engine, sl_pips=20, tp_pips=40, status="active")["id"]
        force(engine, "BUY")
        clock.advance(60)
        engine.run_tick(bot_id)
        (position,) = terminal.positions.values()
        terminal.trigger(position["ticket"], reason)
        force(engine, "HOLD")
        clock.advance(60)
        engine.run_tick(bot_id)
        (event,) = engine.events(bot_id=bot_id, actions=[action])
        assert event["notification"] is True
        lot_shown(event, position["volume"])


def test_a_close_on_the_opposite_signal_and_by_the_brake_name_the_lot(data_dir, clock):
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        bot_id = new_bot(engine, status="active")["id"]
        force(engine, "BUY")
        clock.advance(60)
        engine.run_tick(bot_id)
        (buy,) = engine.positions()
        volume = buy["volume"]
        force(engine, "SELL")
        clock.advance(60)
        engine.run_tick(bot_id)
        (reversed_close,) = engine.events(bot_id=bot_id, actions=["CLOSE BUY"])
        lot_shown(reversed_close, volume)
        sell_volume = engine.positions()[0]["volume"]
        engine.update_settings(brake_close_all=True, brake_max_drawdown=0.0001)
        (brake_close,) = [e for e in engine.events(bot_id=bot_id, actions=["BRAKE"])
                          if "emergency brake at" in render(e["msg"], "en")]
        lot_shown(brake_close, sell_volume)
