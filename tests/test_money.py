"""Lot sizing, profit and margin against numbers worked out by hand."""

import pytest

from qbx_engine.core.i18n import render
from qbx_engine.core.money import lot_for_risk, margin_required, pip_size, position_profit, tick_value


def test_pip_sizes_follow_the_trader_convention():
    assert pip_size("EURUSD", "forex", "USD", 0.00001) == 0.0001
    assert pip_size("USDJPY", "forex", "JPY", 0.001) == 0.01
    assert pip_size("EURJPY", "forex", "JPY", 0.001) == 0.01
    assert pip_size("XAUUSD", "metal", "USD", 0.01) == 0.1
    assert pip_size("XAGUSD", "metal", "USD", 0.001) == 0.01
    assert pip_size("BTCUSD", "crypto", "USD", 0.01) == 1.0


def test_eurusd_lot_for_one_percent_with_a_20_pip_stop():
    # 10,000 USD x 1% = 100 USD. 20 pips = 0.0020 x 100,000 = 200 USD per lot -> 0.50 lot.
    lot = lot_for_risk(balance=10_000, risk_percent=1, sl_distance=0.0020, pip=0.0001, tick_size=0.00001,
                       tick_value=tick_value(0.00001, 100_000, 1.0), volume_min=0.01, volume_step=0.01,
                       volume_max=100)
    assert lot.ok and lot.volume == 0.5 and lot.loss_per_lot == 200.0 and lot.actual_risk == 100.0


def test_usdjpy_lot_converts_yen_to_dollars():
    # 20 pips = 0.20 JPY x 100,000 = 20,000 JPY per lot = 133.33 USD at 150.00 -> 100/133.33 = 0.75 lot.
    lot = lot_for_risk(balance=10_000, risk_percent=1, sl_distance=0.20, pip=0.01, tick_size=0.001,
                       tick_value=tick_value(0.001, 100_000, 1 / 150.0), volume_min=0.01, volume_step=0.01,
                       volume_max=100)
    assert lot.volume == 0.75
    assert lot.loss_per_lot == pytest.approx(133.33, abs=0.01)


def test_xauusd_lot_and_rounding_down_to_the_step():
    # 50 pips of gold = 5.00 USD x 100 oz = 500 USD per lot; 1.5% of 7,777 = 116.655 -> 0.2333 -> 0.23.
    lot = lot_for_risk(balance=7_777, risk_percent=1.5, sl_distance=5.0, pip=0.1, tick_size=0.01,
                       tick_value=tick_value(0.01, 100, 1.0), volume_min=0.01, volume_step=0.01, volume_max=50)
    assert lot.volume == 0.23 and lot.actual_risk == 115.0


def test_a_coarse_step_rounds_down_and_the_maximum_caps():
    lot = lot_for_risk(balance=10_000, risk_percent=1, sl_distance=30.0, pip=1.0, tick_size=0.01, tick_value=0.01,
                       volume_min=0.1, volume_step=0.1, volume_max=100)
    assert lot.volume == 3.3  # 100 / 30 = 3.33 -> 3.3, exactly (not 3.3000000000000003)
    capped = lot_for_risk(balance=10_000_000, risk_percent=5, sl_distance=0.0001, pip=0.0001, tick_size=0.00001,
                          tick_value=1.0, volume_min=0.01, volume_step=0.01, volume_max=100)
    assert capped.volume == 100.0


def test_no_trade_when_even_the_minimum_lot_risks_too_much():
    lot = lot_for_risk(balance=100, risk_percent=1, sl_distance=5.0, pip=0.1, tick_size=0.01, tick_value=1.0,
                       volume_min=0.01, volume_step=0.01, volume_max=50)
    # 0.01 lot x 500 USD = 5 USD = 5% of 100, asked 1% (1 USD)
    assert not lot.ok and lot.volume == 0.0
    text = render(lot.refusal, "en")
    assert "5.00 (5.0% of balance)" in text and "1.0% (1.00)" in text
    assert "Tidak entry" in render(lot.refusal, "id")


def test_profit_in_account_currency():
    assert position_profit("buy", 0.5, 1.08500, 1.08750, 100_000, 1.0) == 125.0
    assert position_profit("sell", 0.5, 1.08500, 1.08750, 100_000, 1.0) == -125.0
    # USDJPY sell 1 lot 151.500 -> 151.000: 0.5 x 100,000 = 50,000 JPY / 151.000 = 331.13 USD
    assert position_profit("sell", 1, 151.5, 151.0, 100_000, 1 / 151.0) == 331.13
    # gold buy 0.1 lot 2650.00 -> 2641.55: -8.45 x 100 oz x 0.1 = -84.50 USD
    assert position_profit("buy", 0.1, 2650.00, 2641.55, 100, 1.0) == -84.5


def test_margin_uses_leverage_and_the_base_currency():
    assert margin_required(1, 100_000, 100, 1.0, 1.0850) == 1085.0  # EURUSD: 100,000 EUR / 100 in USD
    assert margin_required(0.5, 100_000, 100, 1.0, 1.0) == 500.0  # USDJPY: base is USD
    assert margin_required(0.1, 100, 100, 1.0, 2650.0) == 265.0  # gold: 10 oz x 2650 / 100
    assert margin_required(0.1, 1, 100, 5.0, 68_000.0) == 340.0  # BTC at 1:20 effective
