"""Backtest data from the broker: any of its symbols and timeframes over a date range (MT5: copy_rates_range),
cached in the data folder; the paper broker serves its own history the same way."""

from __future__ import annotations

import numpy as np
import pytest

from qbx_engine import Engine
from qbx_engine.backtest import BacktestConfig
from qbx_engine.core.errors import ValidationError
from qbx_engine.market.paper_market import PaperMarket
from tests import mt5_fake

CONFIG = BacktestConfig("ma_crossover", {"fast_period": 5, "slow_period": 20}, sl_pips=300, tp_pips=600)


@pytest.fixture
def terminal(monkeypatch, clock):
    return mt5_fake.plug_in(monkeypatch, clock)


def range_calls(terminal):
    return [c for c in terminal.calls if c[0] == "copy_rates_range"]


def test_mt5_history_of_a_broker_only_symbol_is_fetched_once_and_kept(data_dir, clock, terminal):
    since, until = clock.now() - 6 * 86400, clock.now() - 2 * 86400
    with Engine.open(data_dir, broker="mt5", clock=clock, start_scheduler=False) as engine:
        ran = engine.lab.backtest(CONFIG, symbol="XAUUSD.m", timeframe="M15", span=(since, until), source="mt5")
        expected = PaperMarket().bars("XAUUSD", "M15", 2000, until)  # the bars that closed by the end
        expected = expected.slice(int(np.searchsorted(expected.time, since)), len(expected))
        assert np.array_equal(ran.bars.time, expected.time) and np.array_equal(ran.bars.close, expected.close)
        assert (ran.contract.symbol, ran.contract.digits) == ("XAUUSD.m", 2)
        assert len(range_calls(terminal)) == 1
        again = engine.lab.backtest(CONFIG, symbol="XAUUSD.m", timeframe="M15", span=(since, until), source="mt5")
        assert len(range_calls(terminal)) == 1  # from the data folder
        assert np.array_equal(again.bars.close, ran.bars.close) and again.stats == ran.stats
        assert list((data_dir / "bar-cache").glob("XAUUSD_m-M15-*.npz"))
    with Engine.open(data_dir, broker="mt5", clock=clock, start_scheduler=False) as engine:
        engine.lab.backtest(CONFIG, symbol="XAUUSD.m", timeframe="M15", span=(since, until), source="mt5")
    assert len(range_calls(terminal)) == 1  # still from the folder after a restart


def test_a_range_reaching_now_leaves_out_the_forming_bar_and_is_not_kept(data_dir, clock, terminal):
    clock.advance(7 * 60)  # mid-bar
    with Engine.open(data_dir, broker="mt5", clock=clock, start_scheduler=False) as engine:
        ran = engine.lab.backtest(CONFIG, symbol="EURUSD", timeframe="M15", span=(clock.now() - 5 * 86400, clock.now()))
        assert ran.bars.time[-1] + 900 <= clock.now()
        engine.lab.backtest(CONFIG, symbol="EURUSD", timeframe="M15", span=(clock.now() - 5 * 86400, clock.now()))
    assert len(range_calls(terminal)) == 2
    assert not (data_dir / "bar-cache").exists() or not list((data_dir / "bar-cache").iterdir())


def test_bad_ranges_and_symbols_are_refused(data_dir, clock, terminal):
    with Engine.open(data_dir, broker="mt5", clock=clock, start_scheduler=False) as engine:
        for span, symbol in (((clock.now(), clock.now() - 10), "EURUSD"), ((0, clock.now()), "EURUSD"),
                             ((clock.now() - 86400, clock.now()), "NOPE")):
            with pytest.raises(ValidationError):
                engine.lab.backtest(CONFIG, symbol=symbol, timeframe="M1", span=span)
        assert engine.lab.runs() == []


def test_the_paper_broker_serves_a_date_range_too(engine, clock):
    since, until = clock.now() - 10 * 86400, clock.now() - 86400
    ran = engine.lab.backtest(CONFIG, symbol="EURUSD", timeframe="H1", span=(since, until))
    assert ran.bars.time[0] >= since and ran.bars.time[-1] < until and len(ran.bars) > 100
