"""The stop-loss guard on the MT5 fake, whose server closes positions at their SL exactly when a test says."""

import pytest

from qbx_engine import Engine
from qbx_engine.core.i18n import render
from tests import mt5_fake
from tests.engine.conftest import force, new_bot

pytestmark = pytest.mark.usefixtures("scripted")


@pytest.fixture
def terminal(monkeypatch, clock):
    return mt5_fake.plug_in(monkeypatch, clock)


@pytest.fixture
def engine(data_dir, clock, terminal):
    opened = Engine.open(data_dir, broker="mt5", clock=clock, start_scheduler=False)
    yield opened
    opened.close()


def buy(engine, clock, bot_id: int, when: float | None = None) -> int | None:
    force(engine, "BUY")
    clock.advance(60) if when is None else clock.set(when)
    return engine.run_tick(bot_id)["position_ticket"]


def stop_out(terminal, clock, ticket: int, minutes: int) -> float:
    clock.advance(60 * minutes)
    terminal.trigger(ticket, mt5_fake.DEAL_REASON_SL)
    return clock.now()


def test_k_stop_outs_within_t_minutes_pause_entries_for_p_minutes(engine, terminal, clock, data_dir):
    bot_id = new_bot(engine, status="active", sl_guard_count=2, sl_guard_window=60, sl_guard_pause=30)["id"]
    first = buy(engine, clock, bot_id)
    stop_out(terminal, clock, first, 5)
    second = buy(engine, clock, bot_id)  # one stop-out: not one trade before the threshold
    assert second and second != first
    last = stop_out(terminal, clock, second, 40)  # the second within 60 minutes of the first
    lifts = last + 30 * 60

    assert buy(engine, clock, bot_id) is None
    assert [t["reason"] for t in engine.trades(bot_id=bot_id)] == ["sl", "sl"]
    assert all(t["profit"] < 0 for t in engine.trades(bot_id=bot_id))
    (gate,) = engine.safety.protections(bot_id)["blocks"]
    assert (gate["kind"], gate["lifts_at"]) == ("sl_guard", lifts)
    assert render(gate["reason"], "en").startswith("2 stop-outs within 60 minutes; entries are paused for 30 minutes")
    (event,) = [e for e in engine.events(bot_id=bot_id) if e["action"] == "PROTECTION"]
    assert render(event["msg"], "id").startswith("Sinyal BUY tidak membuka posisi: 2 kali kena stop loss dalam 60 "
                                                 "menit; entry dijeda 30 menit")

    engine.close()
    with Engine.open(data_dir, broker="mt5", clock=clock, start_scheduler=False) as reopened:
        assert buy(reopened, clock, bot_id, lifts - 60) is None
        assert [b["kind"] for b in reopened.safety.protections(bot_id)["blocks"]] == ["sl_guard"]
        assert buy(reopened, clock, bot_id, lifts) is not None


def test_stop_outs_further_apart_than_the_window_do_not_count_together(engine, terminal, clock):
    bot_id = new_bot(engine, status="active", sl_guard_count=2, sl_guard_window=10, sl_guard_pause=30)["id"]
    stop_out(terminal, clock, buy(engine, clock, bot_id), 1)
    second = buy(engine, clock, bot_id)
    stop_out(terminal, clock, second, 11)  # 12 minutes after the first
    assert buy(engine, clock, bot_id) is not None
    assert engine.safety.protections(bot_id)["blocks"] == []


def test_a_close_by_hand_or_a_take_profit_is_not_a_stop_out(engine, terminal, clock):
    bot_id = new_bot(engine, status="active", sl_guard_count=1, sl_guard_window=60, sl_guard_pause=30)["id"]
    buy(engine, clock, bot_id)
    engine.close_position(bot_id)
    ticket = buy(engine, clock, bot_id)
    terminal.trigger(ticket, mt5_fake.DEAL_REASON_TP)
    assert buy(engine, clock, bot_id) is not None
    assert sorted(t["reason"] for t in engine.trades(bot_id=bot_id)) == ["manual", "tp"]
    assert engine.safety.protections(bot_id)["blocks"] == []
