"""The broker's stop-out in a backtest: a position the account cannot carry is closed where, when and at the price
the paper broker closes it (one rule, :func:`qbx_engine.brokers.base.stopped_out`, for both)."""

from __future__ import annotations

import numpy as np

from qbx_engine import Engine
from qbx_engine.backtest import BacktestConfig, paper_history, run_backtest
from qbx_engine.backtest.runner import Contract
from qbx_engine.brokers.base import STOP_OUT_LEVEL
from qbx_engine.core.clock import ManualClock
from qbx_engine.market.symbols import PAPER_SYMBOLS
from qbx_engine.strategies import STRATEGIES
from tests.conftest import WEDNESDAY_10H
from tests.fakes import BarScript

SYMBOL = "XAUUSD"
BALANCE = 10_000.0


def test_a_position_too_big_for_its_fall_is_stopped_out_as_the_paper_broker_does(tmp_path, monkeypatch):
    spec = PAPER_SYMBOLS[SYMBOL]
    bars = paper_history(SYMBOL, "M5", 3000, WEDNESDAY_10H)
    window = 600  # two days of M5 after the entry
    falls = [bars.close[i] - bars.low[i + 1:i + 1 + window].min() for i in range(len(bars) - window)]
    entry_bar = int(np.argmax(falls))
    lots = 3.0  # ~7,950 of margin on 10,000: it fits, and a fall of ~$20 takes the margin level under 50 %
    margin = lots * spec.contract_size * bars.close[entry_bar] / 100 * spec.margin_rate
    assert BALANCE - lots * spec.contract_size * falls[entry_bar] < STOP_OUT_LEVEL / 100 * margin  # the fall does it

    script = np.zeros(len(bars), dtype=np.int8)
    script[entry_bar] = 1
    monkeypatch.setitem(STRATEGIES, BarScript.name, BarScript)
    monkeypatch.setattr(BarScript, "script", script)
    config = BacktestConfig("bar_script", initial_balance=BALANCE, size_mode="fixed", volume=lots, sl_pips=0,
                            tp_pips=0, spread_points=spec.spread_points)
    result = run_backtest(bars, config, Contract.paper(SYMBOL), paper=(SYMBOL, "M5"))
    replayed = result.trades.iloc[0]
    assert replayed["reason"] == "so" and replayed["volume"] == lots

    opened_at = replayed["entry_time"].timestamp()
    clock = ManualClock(opened_at)
    with Engine.open(tmp_path / "data", clock=clock, start_scheduler=False) as engine:
        engine.broker.set_balance(BALANCE)
        position = engine.broker.open_position(SYMBOL, "buy", lots, sl=0.0, tp=0.0, magic=1, comment="")
        assert position.open_price == replayed["entry_price"]
        for close in bars.time[entry_bar + 1:] + 300:  # the broker looks at every bar close, as the replay does
            if close <= opened_at:
                continue
            clock.set(float(close))
            engine.broker.account()
            if not engine.broker.positions():
                break
        (closed,) = engine.broker.closed_positions(opened_at, clock.now() + 1)
    assert closed.reason == "so"
    assert (closed.close_time, closed.close_price, closed.profit) == \
        (replayed["exit_time"].timestamp(), replayed["exit_price"], replayed["gross"])
