"""Index CFDs in the paper market: contract facts, cash-session hours, margin on the position's value, and
profit in EUR converted for GER40, live and in a backtest."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from qbx_engine.backtest import BacktestConfig, run_backtest
from qbx_engine.backtest.runner import Contract
from qbx_engine.core.errors import OrderRejected
from qbx_engine.core.money import cents
from qbx_engine.market.paper_market import PaperMarket
from qbx_engine.strategies import STRATEGIES
from tests.fakes import BarScript


def utc(*args) -> float:
    return datetime(*args, tzinfo=UTC).timestamp()


@pytest.mark.parametrize("symbol, currency, digits, pip, volume_min", [
    ("US30", "USD", 2, 1.0, 0.1), ("US500", "USD", 2, 1.0, 0.1), ("NAS100", "USD", 2, 1.0, 0.1),
    ("GER40", "EUR", 2, 1.0, 0.1)])
def test_index_contract_facts(paper, symbol, currency, digits, pip, volume_min):
    info = paper.symbol_info(symbol)
    assert (info.category, info.currency_profit, info.digits, info.pip, info.contract_size, info.volume_min) == \
        ("index", currency, digits, pip, 1.0, volume_min)
    assert info.spread > 0 and info.stops_level > 0
    assert "cash" in info.description


@pytest.mark.parametrize("when, us_open, ger_open", [
    (utc(2026, 11, 25, 14, 29), False, True),    # Wednesday, New York 09:29 EST, Frankfurt 15:29 CET
    (utc(2026, 11, 25, 14, 30), True, True),     # New York 09:30: the cash open
    (utc(2026, 11, 25, 16, 30), True, False),    # Frankfurt 17:30: Xetra has closed
    (utc(2026, 11, 25, 21, 0), False, False),    # New York 16:00: closed
    (utc(2026, 11, 25, 8, 0), False, True),      # Frankfurt 09:00
    (utc(2026, 7, 15, 13, 30), True, True),      # summer: New York 09:30 EDT is 13:30 UTC
    (utc(2026, 7, 15, 7, 0), False, True),       # summer: Frankfurt 09:00 CEST is 07:00 UTC
    (utc(2026, 11, 28, 15, 0), False, False),    # Saturday
])
def test_indices_trade_their_exchange_cash_session(paper, clock, when, us_open, ger_open):
    clock.set(when)
    assert [paper.is_market_open(s) for s in ("US30", "US500", "NAS100")] == [us_open] * 3
    assert paper.is_market_open("GER40") is ger_open


def test_an_index_day_is_its_cash_session_and_opens_with_a_gap():
    bars = PaperMarket().bars("US500", "M30", 26, utc(2026, 11, 26, 0, 0))
    times = [datetime.fromtimestamp(t, UTC).strftime("%d %H:%M") for t in bars.time]
    assert times[0] == "24 14:30" and times[12] == "24 20:30" and times[13] == "25 14:30" and times[-1] == "25 20:30"
    assert bars.open[13] != bars.close[12]  # the market moved overnight


def test_orders_on_a_closed_index_are_refused(paper, clock):
    clock.set(utc(2026, 11, 25, 10, 0))
    with pytest.raises(OrderRejected):
        paper.open_position("US500", "buy", 1.0, sl=0.0, tp=0.0, magic=1, comment="")


def test_index_margin_is_on_the_position_value_and_ger40_profit_is_converted_from_euros(paper, clock):
    clock.set(utc(2026, 11, 25, 15, 0))  # both cash sessions open
    us = paper.open_position("US500", "buy", 2.0, sl=0.0, tp=0.0, magic=1, comment="")
    account = paper.account()
    us_bid = PaperMarket().bid("US500", clock.now())
    assert account.margin == cents(2.0 * 1 * us_bid / 100 * 5.0)  # 1:100 account, indices levered 5x less
    ger = paper.open_position("GER40", "sell", 1.0, sl=0.0, tp=0.0, magic=2, comment="")
    eurusd = PaperMarket().bid("EURUSD", clock.now())
    ger_margin = cents(1.0 * PaperMarket().bid("GER40", clock.now()) * eurusd / 100 * 5.0)
    assert paper.account().margin == cents(account.margin + ger_margin)
    clock.advance(1800)
    closed = paper.close_position(ger.ticket, comment="")
    eurusd_now = PaperMarket().bid("EURUSD", clock.now())
    assert closed.profit == cents((ger.open_price - closed.close_price) * 1.0 * eurusd_now)
    assert paper.close_position(us.ticket, comment="").symbol == "US500"


def test_a_ger40_backtest_converts_euro_profit_at_eurusd(monkeypatch):
    monkeypatch.setitem(STRATEGIES, BarScript.name, BarScript)
    bars = PaperMarket().bars("GER40", "H1", 100, utc(2026, 11, 25, 16, 0))
    BarScript.script = np.zeros(100, dtype=np.int8)
    BarScript.script[50], BarScript.script[60] = 1, 3  # a BUY, then an exit ten bars later
    result = run_backtest(bars, BacktestConfig("bar_script", size_mode="fixed", volume=1.0), Contract.paper("GER40"))
    (trade,) = result.trades.to_dict("records")
    rate = PaperMarket().bid("EURUSD", bars.time[61])
    assert rate != 1.0
    assert trade["gross"] == cents(trade["price_diff"] * 1.0 * rate)
