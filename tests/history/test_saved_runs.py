"""Saved backtests: kept compressed, reopened with the same trades and chart after a restart, deleted."""

from __future__ import annotations

import errno

import pandas as pd
import pytest

from qbx_engine import Engine
from qbx_engine.backtest import BacktestConfig, run_files
from qbx_engine.core.errors import ValidationError
from qbx_engine.reports import history_views, views

CONFIG = BacktestConfig("ma_crossover", {"fast_period": 5, "slow_period": 20}, sl_pips=20, tp_pips=40,
                        commission_per_lot=3.5)


def same_chart(a, b) -> None:
    one, two = views.backtest_chart(a), views.backtest_chart(b)
    for part in ("bars", "indicators", "markers"):
        pd.testing.assert_frame_equal(one[part], two[part], check_exact=True)


def test_a_saved_run_reopens_with_the_same_trades_and_chart_after_a_restart(data_dir, clock):
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        ran = engine.lab.backtest(CONFIG, symbol="EURUSD", timeframe="H1", count=2000)
        assert ran.run_id and len(ran.trades) > 20 and set(ran.trades["reason"]) >= {"sl", "tp"}
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        (listed,) = engine.lab.runs()
        assert (listed["run_id"], listed["reopenable"], listed["stats"]) == (ran.run_id, True, ran.stats)
        again = engine.lab.open_run(ran.run_id)
    pd.testing.assert_frame_equal(again.trades, ran.trades, check_exact=True)
    pd.testing.assert_series_equal(again.equity, ran.equity, check_exact=True)
    assert (again.stats, again.params, again.config, again.contract) == (ran.stats, ran.params, ran.config,
                                                                          ran.contract)
    same_chart(again, ran)
    assert (data_dir / "backtest-runs" / f"{ran.run_id}.npz").stat().st_size < 200_000  # compressed


def test_a_run_without_trades_and_one_with_skipped_signals(engine):
    quiet = engine.lab.backtest(BacktestConfig("ma_crossover", {"fast_period": 150, "slow_period": 400}, sl_pips=20),
                            symbol="EURUSD", timeframe="H1", count=420)
    again = engine.lab.open_run(quiet.run_id)
    assert len(again.trades) == len(quiet.trades) == 0
    pd.testing.assert_frame_equal(again.trades, quiet.trades)
    tiny = engine.lab.backtest(BacktestConfig("ma_crossover", {"fast_period": 5, "slow_period": 20}, sl_pips=1,
                                          risk_percent=0.01, initial_balance=100.0),
                           symbol="XAUUSD", timeframe="H1", count=300)
    assert tiny.skipped
    assert engine.lab.open_run(tiny.run_id).skipped == tiny.skipped


def test_two_runs_side_by_side_and_delete(engine, data_dir):
    first = engine.lab.backtest(CONFIG, symbol="EURUSD", timeframe="H1", count=1000)
    second = engine.lab.backtest(BacktestConfig("rsi_reversal", {}, sl_pips=30, tp_pips=30), symbol="EURUSD",
                             timeframe="H1", count=1000)
    assert [r["run_id"] for r in engine.lab.runs()] == [second.run_id, first.run_id]
    table = history_views.compare_runs_frame([engine.lab.open_run(first.run_id),
                                              engine.lab.open_run(second.run_id)], "en")
    assert list(table.columns) == ["metric", "run_1", "run_2"]
    row = table.set_index("metric").loc["Net profit"]
    assert (row["run_1"], row["run_2"]) == (first.stats["net_profit"], second.stats["net_profit"])
    engine.lab.delete_run(first.run_id)
    assert [r["run_id"] for r in engine.lab.runs()] == [second.run_id]
    assert not (data_dir / "backtest-runs" / f"{first.run_id}.npz").exists()
    with pytest.raises(ValidationError):
        engine.lab.open_run(first.run_id)
    with pytest.raises(ValidationError):
        engine.lab.delete_run("../../etc")


def test_a_full_disk_keeps_the_result_but_saves_nothing(engine, monkeypatch):
    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(run_files, "atomic_write", full)
    ran = engine.lab.backtest(CONFIG, symbol="EURUSD", timeframe="H1", count=500)
    assert ran.run_id is None and len(ran.trades) > 0
    assert engine.lab.runs() == []


def test_a_damaged_file_is_refused_with_a_message(engine, data_dir):
    ran = engine.lab.backtest(CONFIG, symbol="EURUSD", timeframe="H1", count=500)
    (data_dir / "backtest-runs" / f"{ran.run_id}.npz").write_bytes(b"not a zip file")
    with pytest.raises(ValidationError) as caught:
        engine.lab.open_run(ran.run_id)
    assert "rusak" in caught.value.message("id")


def test_leftovers_of_a_crash_are_tidied_on_open(data_dir, clock):
    folder = data_dir / "backtest-runs"
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        kept = engine.lab.backtest(CONFIG, symbol="EURUSD", timeframe="H1", count=500).run_id
    (folder / "0123456789abcdef.npz").write_bytes(b"written, but its summary never was")
    (folder / "fedcba9876543210.npz.tmp").write_bytes(b"half")
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        assert sorted(p.name for p in folder.iterdir()) == [f"{kept}.npz"]
        assert engine.lab.open_run(kept).run_id == kept
