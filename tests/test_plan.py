"""The entry planner against numbers worked out by hand, for BUY and SELL, with a spread."""

import pytest

from qbx_engine.brokers.base import SymbolInfo, stops_allowed
from qbx_engine.core.i18n import render
from qbx_engine.core.money import tick_value
from qbx_engine.trading.plan import Stops, plan_entry


def info(symbol: str, digits: int, pip: float, contract: float, rate: float, *, stops_level: int = 0,
         volume_step: float = 0.01, volume_min: float = 0.01) -> SymbolInfo:
    point = 10.0 ** -digits
    return SymbolInfo(symbol, symbol, "forex", digits, point, pip, contract, volume_min, volume_step, 100.0, 0,
                      point, tick_value(point, contract, rate), symbol[:3], symbol[3:], symbol[:3], stops_level, True)


EURUSD = info("EURUSD", 5, 0.0001, 100_000, 1.0)


def test_eurusd_buy_measures_the_stop_from_the_ask():
    # entry at the ask 1.08520; SL 20 pips below it: 1.08320; TP 40 pips above: 1.08920.
    # 20 pips = 200 points x 1.00 USD per point per lot = 200 USD per lot; 1% of 10,000 = 100 USD -> 0.50 lot.
    plan = plan_entry("buy", bid=1.08500, ask=1.08520, stops=Stops("pips", 20, 40), info=EURUSD, balance=10_000,
                      risk_percent=1.0)
    assert plan.ok
    assert (plan.entry, plan.sl, plan.tp, plan.volume) == (1.0852, 1.0832, 1.0892, 0.5)
    assert (plan.risk_money, plan.risk_pct, plan.sl_pips, plan.tp_pips) == (100.0, 1.0, 20.0, 40.0)


def test_eurusd_sell_measures_the_stop_from_the_bid():
    plan = plan_entry("sell", bid=1.08500, ask=1.08520, stops=Stops("pips", 20, 40), info=EURUSD, balance=10_000,
                      risk_percent=1.0)
    assert (plan.entry, plan.sl, plan.tp, plan.volume, plan.risk_money) == (1.085, 1.087, 1.081, 0.5, 100.0)


def test_usdjpy_converts_the_yen_risk_at_the_quote():
    # 20 pips = 0.200 JPY; per lot 0.200 / 0.001 x (0.001 x 100,000 / 151.5) = 132.0132 USD -> 100 / 132.01 = 0.75 lot
    usdjpy = info("USDJPY", 3, 0.01, 100_000, 1 / 151.5)
    plan = plan_entry("buy", bid=151.500, ask=151.514, stops=Stops("pips", 20, 0), info=usdjpy, balance=10_000,
                      risk_percent=1.0)
    assert (plan.entry, plan.sl, plan.tp, plan.volume) == (151.514, 151.314, 0.0, 0.75)
    assert plan.risk_money == 99.01 and plan.risk_pct == 0.99  # 0.75 x 132.0132 = 99.0099


def test_gold_with_the_brokers_minimum_distance():
    # 50 pips of gold = 5.00 USD x 100 oz = 500 USD per lot; 1% of 10,000 -> 0.20 lot
    gold = info("XAUUSD", 2, 0.1, 100, 1.0, stops_level=20)
    plan = plan_entry("buy", bid=2650.00, ask=2650.25, stops=Stops("pips", 50, 100), info=gold, balance=10_000,
                      risk_percent=1.0)
    assert (plan.sl, plan.tp, plan.volume, plan.risk_money) == (2645.25, 2660.25, 0.2, 100.0)


def test_atr_stops_become_a_price_distance_from_the_entry():
    # BTCUSD: ATR 120.00, SL 1.5 ATR = 180.00, TP 3 ATR = 360.00 from the ask 68,025.00.
    # per lot: 180.00 / 0.01 x 0.01 USD = 180 USD; 1% of 10,000 = 100 -> 0.555 -> 0.55 lot, risking 99.00.
    btc = info("BTCUSD", 2, 1.0, 1, 1.0, stops_level=1000)
    plan = plan_entry("buy", bid=68_000.00, ask=68_025.00, stops=Stops("atr", 1.5, 3.0, 14), info=btc,
                      balance=10_000, risk_percent=1.0, atr=120.0)
    assert (plan.sl, plan.tp, plan.volume, plan.risk_money, plan.risk_pct) == (67_845.0, 68_385.0, 0.55, 99.0, 0.99)
    missing = plan_entry("buy", bid=68_000.00, ask=68_025.00, stops=Stops("atr", 1.5, 3.0, 14), info=btc,
                         balance=10_000, risk_percent=1.0, atr=None)
    assert not missing.ok and "14-bar ATR" in render(missing.refusal, "en")


def test_a_stop_inside_the_spread_is_refused_before_any_order():
    # a 1-pip SL from the ask lies above the bid when the spread is 2 pips: the broker would refuse it
    plan = plan_entry("buy", bid=1.08500, ask=1.08520, stops=Stops("pips", 1, 40), info=EURUSD, balance=10_000,
                      risk_percent=1.0)
    assert not plan.ok and plan.volume == 0.0
    assert "too close" in render(plan.refusal, "en") and "spread 20 points" in render(plan.refusal, "en")
    assert not stops_allowed("buy", 1.0851, 0, bid=1.085, ask=1.0852, stops_level=0, point=0.00001)
    assert stops_allowed("buy", 1.0849, 0, bid=1.085, ask=1.0852, stops_level=0, point=0.00001)
    assert not stops_allowed("sell", 1.0851, 0, bid=1.085, ask=1.0852, stops_level=0, point=0.00001)


def test_fixed_volume_reports_the_risk_it_takes():
    plan = plan_entry("sell", bid=1.08500, ask=1.08520, stops=Stops("pips", 50, 0), info=EURUSD, balance=10_000,
                      volume=1.0)
    assert (plan.volume, plan.risk_money, plan.risk_pct) == (1.0, 500.0, 5.0)
    bare = plan_entry("sell", bid=1.08500, ask=1.08520, stops=Stops("pips", 0, 0), info=EURUSD, balance=10_000,
                      volume=1.0)
    assert bare.ok and bare.sl == 0.0 and bare.risk_money is None and bare.risk_pct is None


def test_risk_sizing_without_a_stop_is_refused():
    plan = plan_entry("buy", bid=1.085, ask=1.0852, stops=Stops("pips", 0, 40), info=EURUSD, balance=10_000,
                      risk_percent=1.0)
    assert not plan.ok and plan.refusal.key == "lot.no_stop"


@pytest.mark.parametrize("side", ["buy", "sell"])
def test_the_minimum_lot_refusal_names_its_risk(side):
    plan = plan_entry(side, bid=1.085, ask=1.0852, stops=Stops("pips", 500, 0), info=EURUSD, balance=100,
                      risk_percent=1.0)
    # 0.01 lot x 500 pips x 10 USD per pip per lot = 50 USD = 50% of 100
    assert not plan.ok and "50.00 (50.0% of balance)" in render(plan.refusal, "en")
