"""The account's deal history: bots', manual and other EAs' deals, on paper and on MT5 (the fake terminal)."""

from __future__ import annotations

import csv
import io

import pytest

from qbx_engine import Engine
from qbx_engine.brokers.mt5 import MT5Broker
from qbx_engine.core.errors import BrokerUnavailable, ValidationError
from tests import mt5_fake
from tests.engine.conftest import force, new_bot
from tests.fakes import unavailable

pytestmark = pytest.mark.usefixtures("scripted")


def paper_deals(engine, clock):
    """A bot's two trades (a reversal, then closed from its page), a manual trade (magic 0) and another EA's
    (magic 777), all closed."""
    bot_id = new_bot(engine, name="Scripted EURUSD", status="active", sl_pips=200, tp_pips=400)["id"]
    force(engine, "BUY")
    engine.run_tick(bot_id)
    force(engine, "SELL")
    clock.advance(60)
    engine.run_tick(bot_id)  # closes the buy, opens a sell
    broker = engine.broker
    manual = broker.open_position("GBPUSD", "sell", 0.2, sl=0, tp=0, magic=0, comment="by hand")
    other = broker.open_position("USDJPY", "buy", 0.1, sl=0, tp=0, magic=777, comment="Grid EA")
    clock.advance(300)
    broker.close_by_hand(manual.ticket)
    broker.close_position(other.ticket, comment="EA exit")
    engine.close_position(bot_id)
    engine.stop_bot(bot_id)
    return bot_id, manual.ticket, other.ticket


def test_paper_history_has_the_bots_manual_and_other_eas_deals(engine, clock):
    bot_id, manual, other = paper_deals(engine, clock)
    history = engine.history.deals()
    by_ticket = {d["ticket"]: d for d in history["deals"]}
    assert len(history["deals"]) == 4
    mine = history["deals"][0]
    assert (mine["bot_id"], mine["bot_name"], mine["magic"], mine["side"]) == (bot_id, "Scripted EURUSD", bot_id, "buy")
    assert mine["r_multiple"] is not None  # joined from the journal: the bot's plan had a stop
    hand = by_ticket[manual]
    assert (hand["source"], hand["magic"], hand["bot_name"]) == ("manual", 0, None)
    assert (by_ticket[manual]["reason"], by_ticket[manual]["symbol"]) == ("manual", "GBPUSD")
    assert (by_ticket[other]["source"], by_ticket[other]["magic"]) == ("ea", 777)
    totals = history["totals"]
    assert totals["trades"] == 4
    assert totals["net"] == pytest.approx(sum(d["net_profit"] for d in history["deals"]), abs=0.005)
    assert history["symbols"] == ["EURUSD", "GBPUSD", "USDJPY"] and history["bots"] == [(bot_id, "Scripted EURUSD")]
    # the account's balance moved by exactly what the history says (paper: no commission)
    assert engine.account()["balance"] == pytest.approx(10_000 + totals["net"], abs=0.005)


def test_filters_and_the_csv(engine, clock):
    bot_id, manual, other = paper_deals(engine, clock)
    assert [d["ticket"] for d in engine.history.deals(bot="manual")["deals"]] == [manual]
    assert [d["ticket"] for d in engine.history.deals(bot="ea")["deals"]] == [other]
    assert [d["side"] for d in engine.history.deals(bot=bot_id)["deals"]] == ["buy", "sell"]
    assert [d["source"] for d in engine.history.deals(bot="bot")["deals"]] == ["bot", "bot"]
    assert [d["symbol"] for d in engine.history.deals(symbol="USDJPY")["deals"]] == ["USDJPY"]
    sells = engine.history.deals(side="sell")["deals"]
    assert [d["ticket"] for d in sells if d["source"] != "bot"] == [manual] and len(sells) == 2
    everything = engine.history.deals()["deals"]
    wins = engine.history.deals(result="win")
    assert {d["ticket"] for d in wins["deals"]} == {d["ticket"] for d in everything if d["net_profit"] > 0}
    assert wins["totals"]["trades"] == len(wins["deals"])
    for bad in ({"side": "long"}, {"result": "great"}, {"bot": "someone"}, {"days": 0}, {"days": "30"}):
        with pytest.raises(ValidationError):
            engine.history.deals(**bad)
    from qbx_engine.reports import history

    rows = list(csv.DictReader(io.StringIO(history.deals_csv(everything, "Asia/Jakarta", "id"))))
    assert [int(r["ticket"]) for r in rows] == [d["ticket"] for d in everything]
    assert {r["source"] for r in rows} == {"bot", "manual", "ea"}
    assert rows[0]["close_time"].startswith("2026-11-25 17:")  # 10:0x UTC in Jakarta


def test_the_default_window_is_thirty_days(engine, clock):
    paper_deals(engine, clock)
    clock.advance(29 * 86400)
    assert len(engine.history.deals()["deals"]) == 4
    clock.advance(2 * 86400)
    assert engine.history.deals()["deals"] == []
    assert len(engine.history.deals(days=40)["deals"]) == 4


def test_a_broker_that_is_down_raises_and_is_noted(hooked_engine):
    hooked_engine.hooks.hooks["closed_positions"] = unavailable
    with pytest.raises(BrokerUnavailable):
        hooked_engine.history.deals()
    assert hooked_engine.health()["engine"]["broker_ok"] is False


# -- MT5 ------------------------------------------------------------------------------------------
@pytest.fixture
def terminal(monkeypatch, clock):
    return mt5_fake.plug_in(monkeypatch, clock)


@pytest.fixture
def mt5(terminal, clock):
    broker = MT5Broker.from_environment(clock)
    yield broker
    broker.close()


def test_mt5_history_pairs_entry_and_exit_deals_whatever_the_magic(mt5, terminal, clock):
    terminal.deposit(500.0)  # a balance operation: not a trade
    early = terminal.trade_by_hand("EURUSD", mt5_fake.ORDER_TYPE_BUY, 0.3)  # opened before the window below
    clock.advance(3600)
    since = clock.now()
    tick = mt5.tick("EURUSD")
    ours = mt5.open_position("EURUSD", "sell", 0.1, sl=round(tick.ask + 0.003, 5), tp=0, magic=12, comment="QBX#12")
    by_hand = terminal.trade_by_hand("GBPUSD", mt5_fake.ORDER_TYPE_SELL, 0.2)
    other_ea = terminal.trade_by_hand("USDJPY", mt5_fake.ORDER_TYPE_BUY, 0.1, magic=4242,
                                      reason=mt5_fake.DEAL_REASON_EXPERT, comment="Grid EA")
    still_open = terminal.trade_by_hand("EURUSD", mt5_fake.ORDER_TYPE_BUY, 0.1)
    clock.advance(600)
    mt5.close_position(ours.ticket, comment="QBX#12 exit")
    terminal.trigger(by_hand, mt5_fake.DEAL_REASON_CLIENT)
    terminal.trigger(other_ea, mt5_fake.DEAL_REASON_EXPERT)
    terminal.trigger(early, mt5_fake.DEAL_REASON_TP)
    closed = mt5.deal_history(since, clock.now() + 1)
    by_ticket = {c.ticket: c for c in closed}
    assert set(by_ticket) == {ours.ticket, by_hand, other_ea, early}  # not the open one, not the deposit
    assert still_open not in by_ticket
    assert (by_ticket[ours.ticket].magic, by_ticket[ours.ticket].reason, by_ticket[ours.ticket].side) == \
        (12, "bot", "sell")
    assert by_ticket[ours.ticket].sl == pytest.approx(round(tick.ask + 0.003, 5))  # from the opening order
    assert (by_ticket[by_hand].magic, by_ticket[by_hand].reason) == (0, "manual")
    assert (by_ticket[other_ea].magic, by_ticket[other_ea].comment) == (4242, "Grid EA")
    assert by_ticket[early].open_time < since <= by_ticket[early].close_time  # its entry deal read on its own
    for position in closed:  # profit and the commission of both deals, as the terminal booked them
        deals = [d for d in terminal.deals if d.position_id == position.ticket]
        assert position.profit == round(sum(d.profit for d in deals), 2)
        assert position.commission == round(sum(d.commission for d in deals), 2)
    assert [c.close_time for c in closed] == sorted(c.close_time for c in closed)
    assert mt5.closed_positions(since, clock.now() + 1, magic=12) == [by_ticket[ours.ticket]]


def test_mt5_a_partly_closed_position_is_still_open(mt5, terminal, clock):
    ticket = terminal.trade_by_hand("EURUSD", mt5_fake.ORDER_TYPE_BUY, 0.3)
    clock.advance(60)
    now = terminal.now_server()
    terminal.deals.append(mt5_fake.TradeDeal(
        ticket=next(terminal.tickets), order=0, time=int(now), time_msc=int(now * 1000),
        type=mt5_fake.DEAL_TYPE_SELL, entry=mt5_fake.DEAL_ENTRY_OUT, magic=0, position_id=ticket,
        reason=mt5_fake.DEAL_REASON_CLIENT, volume=0.1, price=1.1, commission=0.0, swap=0.0, profit=5.0, fee=0.0,
        symbol="EURUSD", comment=""))
    assert mt5.deal_history(clock.now() - 3600, clock.now() + 1) == []


def test_the_engine_on_mt5_lists_a_manual_and_another_eas_deal(data_dir, clock, terminal):
    with Engine.open(data_dir, broker="mt5", clock=clock) as engine:
        bot_id = new_bot(engine, market="EURUSD", status="active", sl_pips=50, tp_pips=100)["id"]
        force(engine, "BUY")
        clock.advance(60)
        engine.run_tick(bot_id)
        by_hand = terminal.trade_by_hand("GBPUSD", mt5_fake.ORDER_TYPE_BUY, 0.1)
        other = terminal.trade_by_hand("USDJPY", mt5_fake.ORDER_TYPE_SELL, 0.1, magic=99,
                                       reason=mt5_fake.DEAL_REASON_EXPERT)
        clock.advance(120)
        terminal.trigger(by_hand, mt5_fake.DEAL_REASON_CLIENT)
        terminal.trigger(other, mt5_fake.DEAL_REASON_EXPERT)
        engine.close_position(bot_id)
        deals = {d["source"]: d for d in engine.history.deals()["deals"]}
        assert set(deals) == {"bot", "manual", "ea"}
        assert (deals["bot"]["bot_id"], deals["manual"]["magic"], deals["ea"]["magic"]) == (bot_id, 0, 99)
        assert deals["bot"]["commission"] < 0  # the fake broker charges per lot on entry and exit
