"""Backtest data from the broker: any of its symbols and timeframes over a date range (MT5: copy_rates_range),
cached in the data folder; the paper broker serves its own history the same way."""

from __future__ import annotations

import numpy as np
import pytest

from qbx_engine import Engine
from qbx_engine.backtest import BacktestConfig, optimise
from qbx_engine.core.errors import ValidationError
from qbx_engine.core.i18n import render
from qbx_engine.core.money import D, position_profit, rate_to_account
from qbx_engine.market.paper_market import PaperMarket
from tests import mt5_fake
from tests.history.test_optimise import wait

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


def test_an_account_in_euros_backtests_in_euros_at_the_brokers_own_rates(data_dir, clock, monkeypatch):
    """EURUSD on a EUR account: each trade's dollars become euros at that trade's own exit bid (1 / EURUSD), the
    run says EUR; a bot whose yen the broker cannot convert (no EURJPY listed) is refused, naming the pairs."""
    mt5_fake.plug_in(monkeypatch, clock, currency="EUR")
    with Engine.open(data_dir, broker="mt5", clock=clock, start_scheduler=False) as engine:
        bot = engine.create_bot({"name": "Euro", "market": "EURUSD", "timeframe": "M15",
                                 "strategy_name": "ma_crossover",
                                 "strategy_params": {"fast_period": 5, "slow_period": 20},
                                 "sl_pips": 30, "tp_pips": 60, "risk_percent": 1.0})
        since, until = clock.now() - 6 * 86400, clock.now() - 86400
        run = engine.lab.account_backtest([bot["id"]], since=since, until=until, balance=10_000.0, keep=False)
        assert run.currency == "EUR" and len(run.trades) > 5
        info = engine.broker.symbol_info("EURUSD")
        for trade in run.trades.itertuples():
            exit_bid = trade.exit_price if trade.side == "buy" else trade.exit_price - info.spread * info.point
            def eurusd(pair: str, bid: float = exit_bid) -> float | None:
                return bid if pair == "EURUSD" else None
            euros_per_dollar = rate_to_account("USD", "EUR", eurusd)
            assert euros_per_dollar == float(D(1) / D(exit_bid))
            assert trade.net == position_profit(trade.side, trade.volume, trade.entry_price, trade.exit_price,
                                                info.contract_size, euros_per_dollar)

        yen = engine.create_bot({"name": "Yen", "market": "USDJPY", "timeframe": "M15",
                                 "strategy_name": "ma_crossover", "sl_pips": 30, "tp_pips": 60})
        with pytest.raises(ValidationError) as refused:
            engine.lab.account_backtest([yen["id"]], since=since, until=until, balance=10_000.0, keep=False)
        assert "neither of JPYEUR, EURJPY" in render(refused.value.field_errors["symbol"], "en")


def test_an_optimisation_on_an_account_in_euros_counts_in_euros_in_every_worker(data_dir, clock, monkeypatch):
    """The optimiser's workers receive the broker's conversion with the bars: each point's net is the euro net of
    a backtest of that point, not dollars (the paper account's currency) shown as euros."""
    mt5_fake.plug_in(monkeypatch, clock, currency="EUR")
    monkeypatch.setattr(optimise, "IN_PROCESS_WORK", 0)  # worker processes even for this small grid
    axes = (optimise.axis("ma_crossover", "fast_period", 5, 10, 5),
            optimise.axis("ma_crossover", "slow_period", 20, 30, 10))
    spec = optimise.Spec(CONFIG, axes, metric="net_profit", in_sample=1.0)
    span = (clock.now() - 6 * 86400, clock.now() - 86400)
    with Engine.open(data_dir, broker="mt5", clock=clock, start_scheduler=False) as engine:
        engine.lab.start_optimisation(spec, symbol="EURUSD", timeframe="M15", span=span, source="mt5", workers=2)
        result = wait(engine)["result"]
        assert result["workers"] == 2 and len(result["rows"]) == 4
        for row in result["rows"]:
            params = {**CONFIG.strategy_params, **row["params"]}
            config = BacktestConfig(**{**CONFIG.to_json(), "strategy_params": params})
            alone = engine.lab.backtest(config, symbol="EURUSD", timeframe="M15", span=span, source="mt5")
            assert alone.stats["trades"] > 0
            assert row["in"]["net_profit"] == alone.stats["net_profit"]
        in_dollars = optimise.run(spec, alone.bars, alone.contract, workers=1)
        assert in_dollars["rows"][0]["in"]["net_profit"] != result["rows"][0]["in"]["net_profit"]
