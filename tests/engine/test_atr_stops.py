"""ATR stops: SL, TP and lot worked out by hand, equal live (through the engine) and in a backtest."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import numpy as np
import pytest

from qbx_engine.backtest import BacktestConfig, run_backtest
from qbx_engine.backtest.runner import Contract
from qbx_engine.market.paper_market import PaperMarket
from qbx_engine.market.symbols import PAPER_SYMBOLS
from qbx_engine.strategies import STRATEGIES
from tests.engine.conftest import force, new_bot
from tests.fakes import BarScript

SL_ATR, TP_ATR, PERIOD, RISK = 1.5, 3.0, 14, 1.0


def by_hand(symbol: str, side: str, now: float, balance: float) -> dict:
    """MT5's ATR (a plain average of the last 14 true ranges of the closed bars), the entry at the quote,
    SL/TP at 1.5 and 3 ATRs rounded to the symbol's digits, and the largest lot losing at most 1% at the SL."""
    spec = PAPER_SYMBOLS[symbol]
    bars = PaperMarket().bars(symbol, "M1", PERIOD + 1, now)
    ranges = []
    for i in range(1, PERIOD + 1):
        high, low, previous = (Decimal(str(x)) for x in (bars.high[i], bars.low[i], bars.close[i - 1]))
        ranges.append(max(high, previous) - min(low, previous))
    atr = sum(ranges) / PERIOD
    point = Decimal(1).scaleb(-spec.digits)
    bid = Decimal(str(PaperMarket().bid(symbol, now)))
    ask = bid + spec.spread_points * point
    entry, direction = (ask, 1) if side == "buy" else (bid, -1)
    sl = (entry - direction * Decimal(str(SL_ATR)) * atr).quantize(point, rounding=ROUND_HALF_UP)
    tp = (entry + direction * Decimal(str(TP_ATR)) * atr).quantize(point, rounding=ROUND_HALF_UP)
    money_per_point_per_lot = point * Decimal(spec.contract_size)  # USD profit currency: one point is this
    loss_per_lot = abs(entry - sl) / point * money_per_point_per_lot
    lots = (Decimal(str(balance)) * Decimal(str(RISK)) / 100 / loss_per_lot / Decimal(str(spec.volume_step))) \
        .to_integral_value(rounding=ROUND_DOWN) * Decimal(str(spec.volume_step))
    return {"entry": float(entry), "sl": float(sl), "tp": float(tp), "volume": float(lots), "atr": float(atr),
            "spread": float(ask - bid)}


@pytest.mark.parametrize("symbol, side", [("EURUSD", "buy"), ("XAUUSD", "sell")])
def test_atr_stops_by_hand_live_and_in_a_backtest(engine, clock, monkeypatch, symbol, side):
    now = clock.now()
    assert now % 60 == 0  # at a bar's open: the quote is that bar's open, as the backtest fills
    balance = engine.account()["balance"]
    expected = by_hand(symbol, side, now, balance)
    assert expected["spread"] > 0 and expected["volume"] > 0
    # Live: the scripted strategy says BUY/SELL on the bar that just closed; the bot enters at the quote.
    bot_id = new_bot(engine, market=symbol, status="active", stop_mode="atr", sl_atr=SL_ATR, tp_atr=TP_ATR,
                     atr_period=PERIOD, risk_percent=RISK)["id"]
    force(engine, side.upper())
    engine.run_tick(bot_id)
    (live,) = engine.positions()
    assert (live["side"], live["open_price"], live["sl"], live["tp"], live["volume"]) == \
        (side, expected["entry"], expected["sl"], expected["tp"], expected["volume"])
    # Backtest: the same signal on the same bar, filled at the next bar's open with the symbol's spread.
    monkeypatch.setitem(STRATEGIES, BarScript.name, BarScript)
    bars = PaperMarket().bars(symbol, "M1", 200, now + 60)  # up to the bar that opened at `now`
    assert bars.time[-1] == now
    BarScript.script = np.zeros(len(bars), dtype=np.int8)
    BarScript.script[-2] = 1 if side == "buy" else -1
    config = BacktestConfig("bar_script", initial_balance=balance, risk_percent=RISK, stop_mode="atr", sl_atr=SL_ATR,
                            tp_atr=TP_ATR, atr_period=PERIOD)
    (trade,) = run_backtest(bars, config, Contract.paper(symbol)).trades.to_dict("records")
    assert (trade["side"], trade["entry_price"], trade["sl"], trade["tp"], trade["volume"]) == \
        (side, expected["entry"], expected["sl"], expected["tp"], expected["volume"])
    engine.close_position(bot_id)  # the risk recorded at entry reaches the journal
    (journaled,) = engine.trades(bot_id=bot_id)
    assert trade["risk_money"] == journaled["risk_money"] > 0
    assert trade["risk_pct"] == journaled["risk_pct"] <= RISK
