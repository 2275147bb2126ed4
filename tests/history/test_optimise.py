"""Optimisation: a grid from the strategy's schema, ranked in sample, checked out of sample, run off the caller's
thread in worker processes, cancellable."""

from __future__ import annotations

import sys
import time
import types

import pytest

from qbx_engine import Engine
from qbx_engine.backtest import BacktestConfig, paper_history, run_backtest
from qbx_engine.backtest import optimise as opt
from qbx_engine.backtest.evaluate import Evaluator
from qbx_engine.backtest.runner import Contract
from qbx_engine.backtest.workers import Processes, default_start_method
from qbx_engine.core.errors import LifecycleError, ValidationError
from qbx_engine.reports import history_views

NOW = 1_795_600_000.0
CONFIG = BacktestConfig("ma_crossover", {"ma_type": "sma"}, sl_pips=30, tp_pips=60)
EURUSD = Contract.paper("EURUSD")


@pytest.fixture(scope="module")
def bars():
    return paper_history("EURUSD", "H1", 3000, NOW)


def spec(**changes) -> opt.Spec:
    axes = (opt.axis("ma_crossover", "fast_period", 5, 25, 5), opt.axis("ma_crossover", "slow_period", 20, 60, 10))
    return opt.Spec(**{"config": CONFIG, "axes": axes, "in_sample": 0.7, **changes})


def test_axes_come_from_the_strategys_schema():
    assert opt.axis("ma_crossover", "fast_period", 5, 25, 5).values == (5, 10, 15, 20, 25)
    assert opt.axis("ma_crossover", "ma_type").values == ("sma", "ema")
    assert opt.axis("macd_crossover", "zero_filter").values == (False, True)
    assert opt.axis("rsi_reversal", "oversold", 20, 30, 2.5).values == (20.0, 22.5, 25.0, 27.5, 30.0)
    for bad in (("ma_crossover", "nope", 1, 2, 1), ("ma_crossover", "fast_period", 1, 10, 1),  # below its minimum
                ("ma_crossover", "fast_period", 30, 10, 1), ("ma_crossover", "fast_period", 2, 200, 1),  # too many
                ("ma_crossover", "fast_period", 5, 25, 0), ("ma_crossover", "fast_period", 5, 25, 2.5)):
        with pytest.raises(ValidationError):
            opt.axis(*bad)


def test_the_grid_leaves_out_what_the_strategy_refuses():
    combos, refused = opt.grid(spec())
    assert len(combos) + refused == 25
    assert refused == 2  # fast 20 and 25 against slow 20: the fast average must be the shorter
    assert all(c["fast_period"] < c["slow_period"] for c in combos)


def test_bad_requests_are_refused_before_anything_runs(bars):
    for changes in ({"metric": "luck"}, {"in_sample": 0.1}, {"folds": 3, "in_sample": 1.0}, {"axes": ()},
                    {"axes": (opt.axis("ma_crossover", "ma_type"),) * 2}):
        with pytest.raises(ValidationError):
            opt.run(spec(**changes), bars, EURUSD, workers=1)


def test_in_sample_figures_are_those_of_a_backtest_on_the_in_sample_bars(bars):
    result = opt.run(spec(), bars, EURUSD, workers=1)
    split = int(len(bars) * 0.7)
    assert result["split_time"] == bars.time[split] and result["combinations"] == 23
    ranked = [row["in"]["net_profit"] for row in result["rows"] if row["in"]["trades"]]
    assert ranked == sorted(ranked, reverse=True)  # by the chosen metric, best first
    for row in (result["rows"][0], result["rows"][-1]):
        config = BacktestConfig(**{**CONFIG.to_json(), "strategy_params": {**CONFIG.strategy_params, **row["params"]}})
        alone = run_backtest(bars.slice(0, split), config, EURUSD).stats
        assert row["in"] == {key: alone[key] for key in opt.FIGURES}
        assert row["out"]["trades"] > 0
    whole = opt.run(spec(in_sample=1.0), bars, EURUSD, workers=1)
    best = whole["rows"][0]
    config = BacktestConfig(**{**CONFIG.to_json(), "strategy_params": {**CONFIG.strategy_params, **best["params"]}})
    assert best["in"]["net_profit"] == run_backtest(bars, config, EURUSD).stats["net_profit"]
    assert "out" not in best and whole["split_time"] is None


def test_indicators_are_computed_once_per_arguments(bars):
    evaluator = Evaluator(opt.workload(spec(), bars, EURUSD))
    evaluator.chunk(opt.grid(spec())[0])
    shared = evaluator.shared
    # nine distinct periods (5 to 25 and 20 to 60): each SMA, and the rolling mean under it, computed once
    assert shared.misses == 2 * 9
    assert shared.hits == 2 * 23 - 9  # every other SMA of the 23 combinations came from the shared results


START_METHODS = ["spawn", default_start_method()]  # spawn: Windows has no fork; tested here on every platform


@pytest.mark.parametrize("method", START_METHODS)
def test_worker_processes_give_the_same_ranking(bars, method):
    wide = spec(axes=(opt.axis("ma_crossover", "fast_period", 5, 40, 5),
                      opt.axis("ma_crossover", "slow_period", 20, 120, 10),
                      opt.axis("ma_crossover", "ma_type")))
    here = opt.run(wide, bars, EURUSD, workers=1)
    there = opt.run(wide, bars, EURUSD, workers=2, start_method=method)
    assert there["executor"] == "processes" and there["workers"] == 2 and there["combinations"] >= 150
    assert [r["params"] for r in there["rows"]] == [r["params"] for r in here["rows"]]
    assert [r["out"] for r in there["rows"]] == [r["out"] for r in here["rows"]]


@pytest.mark.parametrize("method", START_METHODS)
def test_workers_do_not_run_the_script_that_started_the_dashboard(bars, tmp_path, monkeypatch, method):
    """Under Streamlit, ``__main__`` is app.py: a worker that imported it would run the whole dashboard (spawn and
    forkserver children both import the parent's main script unless it is hidden)."""
    marker = tmp_path / "ran"
    script = tmp_path / "dashboard.py"
    script.write_text(f"open({str(marker)!r}, 'a').write('ran\\n')\n")
    fake_main = types.ModuleType("__main__")
    fake_main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake_main)
    monkeypatch.setattr(opt, "IN_PROCESS_WORK", 0)  # worker processes even for a small grid
    small = spec(axes=(opt.axis("ma_crossover", "fast_period", 5, 15, 5),))
    result = opt.run(small, bars, EURUSD, workers=2, start_method=method)
    assert result["executor"] == "processes" and result["workers"] == 2 and len(result["rows"]) == 3
    assert not marker.exists()
    assert sys.modules["__main__"] is fake_main


@pytest.mark.parametrize("method", START_METHODS)
def test_each_worker_process_receives_the_bars_once(bars, method):
    pool = Processes(opt.workload(spec(), bars, EURUSD), 2, method)
    try:
        found = []
        assert pool.run([(k, [combo]) for k, combo in enumerate(opt.grid(spec())[0])],
                        lambda index, rows: found.append(index), lambda: False)
        assert sorted(found) == list(range(23))
        reports = pool.arrivals()
    finally:
        pool.close()
    assert {r["pid"] for r in reports} and all(list(r["arrivals"].values()) == [1] for r in reports)


def test_walk_forward_rechooses_before_each_segment(bars):
    result = opt.run(spec(folds=3), bars, EURUSD, workers=1)
    folds = result["folds"]
    assert [f["fold"] for f in folds] == [1, 2, 3]
    assert folds[0]["start"] == result["split_time"] and folds[-1]["end"] == bars.time[-1]
    assert all(a["end"] < b["start"] for a, b in zip(folds, folds[1:], strict=False))
    assert result["walk_forward_net"] == round(sum(f["out"]["net_profit"] for f in folds), 2)


def test_the_heatmap_marks_no_best_point_on_a_slice_the_strategy_refused_entirely(bars):
    """Fixed at slow 20, every fast period (20, 25) is refused: the slice is empty and none of its cells is the
    best (each was, when "no rank" equalled "no best rank")."""
    axes = (opt.axis("ma_crossover", "fast_period", 20, 25, 5), opt.axis("ma_crossover", "slow_period", 20, 30, 10),
            opt.axis("ma_crossover", "ma_type"))
    result = opt.run(spec(axes=axes), bars, EURUSD, workers=1)
    assert result["refused"] == 4 and len(result["rows"]) == 4

    refused = history_views.heatmap_frame(result, "fast_period", "ma_type", {"slow_period": 20})
    assert len(refused) == 4 and refused["value"].isna().all()
    assert not refused["best"].any()

    traded = history_views.heatmap_frame(result, "fast_period", "ma_type", {"slow_period": 30})
    best = traded[traded["best"]]
    assert len(best) == 1
    assert (best.iloc[0]["x"], best.iloc[0]["y"]) == (result["rows"][0]["params"]["fast_period"],
                                                      result["rows"][0]["params"]["ma_type"])


# -- the engine's job -----------------------------------------------------------------------------
@pytest.fixture
def engine(data_dir, clock):
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as opened:
        yield opened


def wait(engine, timeout=180.0):
    deadline = time.monotonic() + timeout
    while engine.lab.optimisation()["state"] == "running":
        assert time.monotonic() < deadline, "the optimisation did not finish"
        time.sleep(0.05)
    return engine.lab.optimisation()


def test_the_engine_runs_one_optimisation_off_the_callers_thread(engine):
    status = engine.lab.start_optimisation(spec(), symbol="EURUSD", timeframe="H1", count=2000)
    assert status["state"] == "running" and status["total"] == 23
    done = wait(engine)
    assert done["state"] == "done" and done["done"] == 23
    assert done["result"]["source"] == {"symbol": "EURUSD", "timeframe": "H1", "source": "paper"}
    with pytest.raises(ValidationError):
        engine.lab.start_optimisation(spec(metric="luck"), symbol="EURUSD", timeframe="H1")
    assert engine.lab.optimisation()["state"] == "done"  # a refused request changed nothing


def test_cancel_and_busy(engine):
    big = spec(axes=(opt.axis("ma_crossover", "fast_period", 2, 60, 2),
                     opt.axis("ma_crossover", "slow_period", 61, 400, 10), opt.axis("ma_crossover", "ma_type")))
    engine.lab.start_optimisation(big, symbol="EURUSD", timeframe="H1", count=5000, workers=2)
    with pytest.raises(LifecycleError):
        engine.lab.start_optimisation(spec(), symbol="EURUSD", timeframe="H1")
    cancelled = engine.lab.cancel_optimisation()
    assert cancelled["state"] == "cancelled" and cancelled["done"] < cancelled["total"]
    engine.lab.start_optimisation(spec(), symbol="EURUSD", timeframe="H1", count=1500)
    assert wait(engine)["state"] == "done"


def test_closing_the_engine_stops_a_running_optimisation(data_dir, clock):
    engine = Engine.open(data_dir, clock=clock, start_scheduler=False)
    big = spec(axes=(opt.axis("ma_crossover", "fast_period", 2, 60, 2),
                     opt.axis("ma_crossover", "slow_period", 61, 400, 10)))
    engine.lab.start_optimisation(big, symbol="EURUSD", timeframe="H1", count=5000, workers=2)
    engine.close()
    assert engine.lab.optimisation()["state"] == "cancelled"
