"""Moving an open position's SL/TP: the paper broker (persisted; fills use the new level from that moment on)
and MT5Broker through TRADE_ACTION_SLTP on the fake terminal (retcodes as for any order)."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from qbx_engine.brokers.mt5 import MT5Broker
from qbx_engine.brokers.paper import PaperBroker
from qbx_engine.core.errors import BrokerUnavailable, OrderRejected
from qbx_engine.store import Store
from tests import mt5_fake

HOUR = 3600.0
SATURDAY = datetime(2026, 11, 28, 12, 0, tzinfo=UTC).timestamp()


# -- paper ---------------------------------------------------------------------------------------
def test_paper_moves_the_sl_keeps_the_initial_one_and_remembers_after_a_restart(data_dir, clock):
    with Store(data_dir) as store:
        broker = PaperBroker(store, clock)
        opened = broker.open_position("EURUSD", "buy", 0.1, sl=1.0, tp=0.0, magic=3, comment="x")
        bid = broker.tick("EURUSD").bid
        moved = broker.modify_position(opened.ticket, sl=round(bid - 0.0010, 5), tp=round(bid + 0.0050, 5))
        assert (moved.sl, moved.tp, moved.initial_sl) == (round(bid - 0.0010, 5), round(bid + 0.0050, 5), 1.0)
        broker.close()
    with Store(data_dir) as store:
        (again,) = PaperBroker(store, clock).positions()
        assert (again.sl, again.initial_sl) == (moved.sl, 1.0)


def test_paper_fills_at_the_new_level_from_the_moment_it_moved(paper, clock):
    opened = paper.open_position("EURUSD", "buy", 0.1, sl=1.0, tp=0.0, magic=3, comment="x")
    start = clock.now()
    path = paper.market.path("EURUSD", start + 5 * np.arange(1, 721))
    level = round(float(path.min()) + 0.00002, 5)  # touched within the hour, never by the old SL at 1.0
    moved = paper.modify_position(opened.ticket, sl=level, tp=0.0)
    assert moved.sl == level
    clock.advance(HOUR)
    closed = paper.closed_position(opened.ticket)
    assert (closed.reason, closed.close_price, closed.sl, closed.initial_sl) == ("sl", level, level, 1.0)
    assert closed.close_time > start


def test_paper_settles_the_old_level_before_moving(paper, clock):
    path = paper.market.path("EURUSD", clock.now() + 5 * np.arange(1, 721))
    level = round(float(path.min()) + 0.00002, 5)  # the old SL, touched within the hour
    assert level < paper.tick("EURUSD").bid
    opened = paper.open_position("EURUSD", "buy", 0.1, sl=level, tp=0.0, magic=3, comment="x")
    clock.advance(HOUR)
    with pytest.raises(OrderRejected) as caught:
        paper.modify_position(opened.ticket, sl=round(paper.tick("EURUSD").bid - 0.0100, 5), tp=0.0)
    assert caught.value.code == "position_closed"
    assert paper.closed_position(opened.ticket).close_price == opened.sl


def test_paper_refuses_a_level_on_the_wrong_side_and_changes_nothing(paper, clock):
    opened = paper.open_position("EURUSD", "sell", 0.1, sl=0.0, tp=0.0, magic=3, comment="x")
    ask = paper.tick("EURUSD").ask
    with pytest.raises(OrderRejected) as caught:
        paper.modify_position(opened.ticket, sl=round(ask - 0.0001, 5), tp=0.0)
    assert caught.value.code == "invalid_stops"
    assert paper.positions()[0].sl == 0.0


def test_paper_refuses_when_the_market_is_closed(paper, clock):
    opened = paper.open_position("EURUSD", "buy", 0.1, sl=0.0, tp=0.0, magic=3, comment="x")
    clock.set(SATURDAY)
    with pytest.raises(OrderRejected) as caught:
        paper.modify_position(opened.ticket, sl=1.0, tp=0.0)
    assert caught.value.code == "market_closed"


# -- MT5 -------------------------------------------------------------------------------------------
@pytest.fixture
def terminal(clock, monkeypatch):
    return mt5_fake.plug_in(monkeypatch, clock)


@pytest.fixture
def broker(terminal, clock):
    opened = MT5Broker.from_environment(clock)
    yield opened
    opened.close()


@pytest.fixture
def position(broker):
    return broker.open_position("EURUSD", "buy", 0.1, sl=0.0, tp=0.0, magic=5, comment="x")


def test_mt5_sends_sltp_for_the_position_and_reads_it_back(broker, terminal, position):
    bid = broker.tick("EURUSD").bid
    moved = broker.modify_position(position.ticket, sl=round(bid - 0.0020, 5), tp=round(bid + 0.0040, 5))
    request = terminal.requests[-1]
    assert request == {"action": mt5_fake.TRADE_ACTION_SLTP, "symbol": "EURUSD", "position": position.ticket,
                       "sl": round(bid - 0.0020, 5), "tp": round(bid + 0.0040, 5), "magic": 5}
    assert (moved.sl, moved.tp) == (round(bid - 0.0020, 5), round(bid + 0.0040, 5))
    assert terminal.positions[position.ticket]["sl"] == moved.sl
    assert broker.modify_position(position.ticket, sl=moved.sl, tp=moved.tp) == moved  # 10025: no changes


@pytest.mark.parametrize("retcode, code", [(mt5_fake.TRADE_RETCODE_INVALID_STOPS, "invalid_stops"),
                                           (mt5_fake.TRADE_RETCODE_FROZEN, "frozen"),
                                           (mt5_fake.TRADE_RETCODE_MARKET_CLOSED, "market_closed")])
def test_mt5_refusals_are_order_rejections(broker, terminal, position, retcode, code):
    terminal.script(retcode)
    with pytest.raises(OrderRejected) as caught:
        broker.modify_position(position.ticket, sl=1.0, tp=0.0)
    assert caught.value.code == code
    assert terminal.positions[position.ticket]["sl"] == 0.0


def test_mt5_a_level_too_close_is_refused_by_the_server(broker, terminal, position):
    with pytest.raises(OrderRejected) as caught:
        broker.modify_position(position.ticket, sl=broker.tick("EURUSD").bid + 0.0001, tp=0.0)
    assert caught.value.code == "invalid_stops"


def test_mt5_algo_trading_off_and_a_closed_position(broker, terminal, position):
    terminal.algo_trading = False
    with pytest.raises(OrderRejected) as caught:
        broker.modify_position(position.ticket, sl=1.0, tp=0.0)
    assert caught.value.code == "autotrading_client"
    terminal.algo_trading = True
    terminal.trigger(position.ticket, mt5_fake.DEAL_REASON_CLIENT)
    with pytest.raises(OrderRejected) as caught:
        broker.modify_position(position.ticket, sl=1.0, tp=0.0)
    assert caught.value.code == "position_closed"


def test_mt5_connection_trouble_is_broker_unavailable(broker, terminal, position):
    terminal.script(mt5_fake.TRADE_RETCODE_CONNECTION)
    with pytest.raises(BrokerUnavailable):
        broker.modify_position(position.ticket, sl=1.0, tp=0.0)
    terminal.crash()
    with pytest.raises(BrokerUnavailable):
        broker.modify_position(position.ticket, sl=1.0, tp=0.0)
