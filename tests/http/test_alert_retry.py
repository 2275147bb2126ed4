"""An alert whose order meets an unreachable broker waits for the next tick, as a strategy's bar does; a refusal
(margin, the plan, a gate) is final; and however the failure falls, an alert id never brings two orders."""

from __future__ import annotations

import pytest

from qbx_engine import Engine
from qbx_engine.brokers.paper import PaperBroker
from qbx_engine.core.errors import BrokerUnavailable, OrderRejected
from qbx_engine.core.i18n import render
from qbx_engine.trading.alerts import ACCEPTED, RETRY, STALE, TAKEN
from tests.engine.conftest import scripted  # noqa: F401 - fixture
from tests.fakes import HookedBroker, unavailable
from tests.http.conftest import actions, alert_bot, alert_records, body


@pytest.fixture
def hooked(data_dir, clock, scripted):  # noqa: F811
    """An engine without the scheduler on the real paper broker, wrapped so a test can make its calls fail."""
    holder = {}

    def factory(store, clk):
        holder["broker"] = HookedBroker(PaperBroker(store, clk))
        return holder["broker"]

    engine = Engine.open(data_dir, broker=factory, clock=clock, start_scheduler=False)
    engine.hooks = holder["broker"]
    yield engine
    engine.close()


def kinds(engine, bot_id: int) -> list[str]:
    return [r["kind"] for r in alert_records(engine, bot_id)]


def lines(engine, action: str) -> list[str]:
    return [render(e["msg"], "en") for e in reversed(engine.events(limit=200)) if e["action"] == action]


def send(engine, secret: str, signal: str, alert_id: str) -> None:
    assert engine.alerts.receive(secret, body(signal, alert_id))["status"] == "queued"


def test_an_alert_whose_order_meets_a_broker_outage_is_taken_again_at_the_next_tick_and_ordered_once(hooked, clock):
    bot, secret = alert_bot(hooked)
    send(hooked, secret, "buy", "r1")
    hooked.hooks.hooks["open_position"] = unavailable
    clock.advance(30)
    assert hooked.run_tick(bot["id"])["position_ticket"] is None
    assert hooked.hooks.inner.positions() == []
    assert kinds(hooked, bot["id"]) == [ACCEPTED, TAKEN, RETRY]  # its record says so, with the broker's words
    assert alert_records(hooked, bot["id"])[-1]["problem"]["key"] == "broker.down_waiting"
    assert [a["id"] for a in hooked.alerts.status(bot["id"])["waiting"]] == ["r1"]
    (retry,) = [line for line in lines(hooked, "ALERT") if "order failed" in line]
    assert retry.startswith("Alert buy (id r1): the order failed, the broker could not be reached")

    clock.advance(0.5)  # before the guard's first retry: the tick fails fast, before taking anything
    hooked.run_tick(bot["id"])
    assert kinds(hooked, bot["id"]) == [ACCEPTED, TAKEN, RETRY]

    del hooked.hooks.hooks["open_position"]
    clock.advance(30)
    ticket = hooked.run_tick(bot["id"])["position_ticket"]
    assert [p["ticket"] for p in hooked.positions()] == [ticket]
    assert kinds(hooked, bot["id"]) == [ACCEPTED, TAKEN, RETRY, TAKEN]
    clock.advance(30)
    hooked.run_tick(bot["id"])
    assert actions(hooked).count("OPEN BUY") == 1 and hooked.hooks.calls["open_position"] == 2
    (acted,) = hooked.alerts.taken(bot["id"]).times  # a replay of the bot acts on it once, when it was ordered
    assert acted == alert_records(hooked, bot["id"])[-1]["ts"]


def test_an_order_the_broker_carried_out_before_failing_is_adopted_and_its_retried_alert_orders_nothing(hooked,
                                                                                                       clock):
    bot, secret = alert_bot(hooked)
    placed = []

    def ordered_then_lost(*args, **kwargs):  # the order went through; the connection dropped before its answer
        placed.append(hooked.hooks.inner.open_position(*args, **kwargs).ticket)
        raise BrokerUnavailable("broker.down_waiting", retry_in=0)

    send(hooked, secret, "buy", "r2")
    hooked.hooks.hooks["open_position"] = ordered_then_lost
    clock.advance(30)
    hooked.run_tick(bot["id"])
    assert kinds(hooked, bot["id"]) == [ACCEPTED, TAKEN, RETRY]
    del hooked.hooks.hooks["open_position"]
    clock.advance(30)
    assert hooked.run_tick(bot["id"])["position_ticket"] == placed[0]
    assert [p["ticket"] for p in hooked.positions()] == placed  # one order for the alert, not two
    assert "ADOPTED" in actions(hooked) and hooked.hooks.calls["open_position"] == 1
    assert kinds(hooked, bot["id"]) == [ACCEPTED, TAKEN, RETRY, TAKEN]


def test_an_alert_that_grew_stale_while_the_broker_was_down_is_refused_not_ordered(hooked, clock):
    bot, secret = alert_bot(hooked, strategy_params={"max_age": 60})
    send(hooked, secret, "sell", "r3")
    hooked.hooks.hooks["open_position"] = unavailable
    clock.advance(30)
    hooked.run_tick(bot["id"])
    del hooked.hooks.hooks["open_position"]
    clock.advance(31)  # 61 s old when the broker is back
    hooked.run_tick(bot["id"])
    assert hooked.positions() == [] and hooked.hooks.calls["open_position"] == 1
    assert kinds(hooked, bot["id"]) == [ACCEPTED, TAKEN, RETRY, STALE]
    assert any("r3" in line and "61" in line for line in lines(hooked, "ALERT REFUSED"))
    assert len(hooked.alerts.taken(bot["id"])) == 0


@pytest.mark.parametrize("refusal", ["broker", "plan"])
def test_an_alert_refused_by_the_broker_or_the_plan_is_not_retried(hooked, clock, refusal):
    bot, secret = alert_bot(hooked, **({"risk_percent": 0.01} if refusal == "plan" else {}))  # plan: min lot too big

    def no_money(*_args, **_kwargs):
        raise OrderRejected("no_money", "broker.no_money", needed=5000.0, free=10.0, currency="USD")

    if refusal == "broker":
        hooked.hooks.hooks["open_position"] = no_money
    send(hooked, secret, "buy", "r4")
    clock.advance(30)
    hooked.run_tick(bot["id"])
    clock.advance(30)
    hooked.hooks.hooks.clear()
    hooked.run_tick(bot["id"])
    assert hooked.positions() == []
    assert kinds(hooked, bot["id"]) == [ACCEPTED, TAKEN]
    assert "NO TRADE" in actions(hooked) and not any("order failed" in line for line in lines(hooked, "ALERT"))


def test_an_alert_put_back_while_its_bot_was_paused_is_dropped_not_kept(hooked, clock):
    bot, secret = alert_bot(hooked)

    def paused_during_the_order(*_args, **_kwargs):
        runtime = hooked.book.runtime(bot["id"])
        runtime.close_gate()  # what pause_bot does first (it then waits for this order)
        raise BrokerUnavailable("broker.down_waiting", retry_in=0)

    send(hooked, secret, "buy", "r5")
    hooked.hooks.hooks["open_position"] = paused_during_the_order
    clock.advance(30)
    hooked.run_tick(bot["id"])
    assert kinds(hooked, bot["id"]) == [ACCEPTED, TAKEN, RETRY, "dropped"]
    assert hooked.alerts.status(bot["id"])["waiting"] == []
