"""The budgeted search (Optuna): finds a known optimum with a tenth of a grid's evaluations, is reproducible,
gives the same records as a grid, draws heatmaps over any two parameters, shows progress and cancels."""

from __future__ import annotations

import time

import numpy as np
import pytest

from qbx_engine import Engine
from qbx_engine.backtest import BacktestConfig, paper_history, search
from qbx_engine.backtest import optimise as opt
from qbx_engine.backtest.runner import Contract
from qbx_engine.core.errors import ValidationError
from qbx_engine.reports import history_views
from tests.history.test_overfit import _bars

NOW = 1_795_600_000.0
EURUSD = Contract.paper("EURUSD")

# A synthetic space of five parameters (151,875 points) with a known optimum: a broad peak of 1,000 at
# a=35, b=200, c=2.5, e=9, a decoy of 600 far from it, and 5% more for "ema" than for "sma".
AXES = (opt.Axis("a", tuple(range(5, 80, 5))), opt.Axis("b", tuple(range(20, 320, 20))),
        opt.Axis("c", tuple(round(0.5 + 0.25 * i, 2) for i in range(15))), opt.Axis("d", ("sma", "ema", "wma")),
        opt.Axis("e", tuple(range(1, 16))))
BONUS = {"sma": 0.0, "ema": 1.0, "wma": 0.5}


def landscape(a, b, c, d, e):
    peak = np.exp(-((a - 35) / 20) ** 2 - ((b - 200) / 90) ** 2 - ((c - 2.5) / 1.2) ** 2 - ((e - 9) / 5) ** 2)
    decoy = 0.6 * np.exp(-((a - 70) / 8) ** 2 - ((b - 40) / 30) ** 2 - ((c - 1) / 0.5) ** 2 - ((e - 3) / 2) ** 2)
    return 1000 * (np.maximum(peak, decoy) + 0.05 * d)


def grid_best() -> float:
    mesh = np.meshgrid(*[np.array(a.values, dtype=float) if a.name != "d" else
                         np.array([BONUS[v] for v in a.values]) for a in AXES], indexing="ij")
    return float(landscape(*mesh).max())


def evaluate(points: list[dict]) -> list[float]:
    return [float(landscape(p["a"], p["b"], p["c"], BONUS[p["d"]], p["e"])) for p in points]


@pytest.mark.parametrize("seed", range(4))
def test_tpe_finds_the_known_optimum_with_a_fraction_of_the_grid(seed):
    best, space = grid_best(), search.space_size(AXES)
    assert best == 1050.0 and space == 151_875
    found = search.search(AXES, evaluate, budget=400, seed=seed)  # 0.26% of the grid, far under 10%
    assert len(found["points"]) == 400
    assert max(value for _, value in found["points"]) >= 0.99 * best


def test_random_search_with_the_same_budget_does_not():
    """The baseline TPE is measured against: the same 400 evaluations, drawn at random."""
    best = grid_best()
    tried = [max(v for _, v in search.search(AXES, evaluate, budget=400, seed=seed, sampler="random")["points"])
             for seed in range(4)]
    assert all(value < 0.99 * best for value in tried)


def test_the_same_seed_asks_for_the_same_points():
    first = search.search(AXES, evaluate, budget=60, seed=7)
    again = search.search(AXES, evaluate, budget=60, seed=7)
    other = search.search(AXES, evaluate, budget=60, seed=8)
    assert first["points"] == again["points"]
    assert first["points"] != other["points"]


def test_refused_and_repeated_points_cost_no_evaluation():
    evaluated: list[dict] = []

    def counting(points):
        evaluated.extend(points)
        return [float(p["a"] * 10 + p["b"]) for p in points]

    small = (opt.Axis("a", (1, 2, 3)), opt.Axis("b", (1, 2, 3)))
    found = search.search(small, counting, budget=9, seed=1, valid=lambda p: p["a"] != p["b"])
    keys = [(p["a"], p["b"]) for p in evaluated]
    assert len(keys) == len(set(keys)) == len(found["points"]) <= 6  # each accepted point once, at most once
    assert all(a != b for a, b in keys)
    assert found["refused"] > 0 and found["asked"] == len(keys) + found["refused"] + found["repeated"]


# -- through the optimiser, on bars ---------------------------------------------------------------------
SWINGS = 1.1 + 0.01 * np.sin(2 * np.pi * np.arange(4000) / 300) + np.cumsum(
    np.random.default_rng(0).normal(0, 0.0005, 4000))
MA_AXES = (opt.axis("ma_crossover", "fast_period", 2, 60, 2), opt.axis("ma_crossover", "slow_period", 10, 250, 5),
           opt.axis("ma_crossover", "ma_type"))
CONFIG = BacktestConfig("ma_crossover", {}, risk_percent=1.0, sl_pips=100)


@pytest.fixture(scope="module")
def swings():
    return _bars(SWINGS, 0)


@pytest.fixture(scope="module")
def full_grid(swings):
    return opt.run(opt.Spec(CONFIG, MA_AXES), swings, EURUSD, workers=1)


@pytest.mark.parametrize("seed", [0, 1])
def test_on_a_market_with_a_known_best_the_search_comes_within_one_percent(swings, full_grid, seed):
    """The grid (2,648 combinations the strategy accepts) knows the best in-sample net profit; the search gets a
    tenth of its evaluations."""
    budget = full_grid["combinations"] // 10
    found = opt.run(opt.Spec(CONFIG, MA_AXES, method="search", budget=budget, seed=seed), swings, EURUSD, workers=1)
    assert found["method"] == "search" and found["combinations"] == budget and found["budget"] == budget
    best = full_grid["rows"][0]["in"]["net_profit"]
    assert found["rows"][0]["in"]["net_profit"] >= 0.99 * best


def test_a_search_gives_a_grids_records_and_is_reproducible_on_any_number_of_workers(swings, full_grid,
                                                                                     monkeypatch):
    spec = opt.Spec(CONFIG, MA_AXES, method="search", budget=48, seed=3)
    here = opt.run(spec, swings, EURUSD, workers=1)
    monkeypatch.setattr(opt, "IN_PROCESS_WORK", 0)  # worker processes even for this small search
    there = opt.run(spec, swings, EURUSD, workers=2)
    assert here["executor"] == "here" and there["executor"] == "processes"
    assert [r["params"] for r in here["rows"]] == [r["params"] for r in there["rows"]]
    assert [r["out"] for r in here["rows"]] == [r["out"] for r in there["rows"]]
    by_params = {tuple(r["params"].items()): r for r in full_grid["rows"]}
    for row in here["rows"]:
        twin = by_params[tuple(row["params"].items())]
        assert set(row) == set(twin) and row["in"] == twin["in"] and row["out"] == twin["out"]
    assert here["overfit"]["trials"] == 48 and here["overfit_data"]["blocks"].shape[0] == 48


def test_a_search_heatmap_over_any_two_parameters_shows_the_best_point_tested_in_each_cell(swings):
    result = opt.run(opt.Spec(CONFIG, MA_AXES, method="search", budget=64, seed=2), swings, EURUSD, workers=1)
    for x, y in (("fast_period", "slow_period"), ("slow_period", "ma_type"), ("ma_type", "fast_period")):
        cells = history_views.heatmap_frame(result, x, y, {})
        sizes = {a["name"]: len(a["values"]) for a in result["axes"]}
        assert len(cells) == sizes[x] * sizes[y]
        tested: dict = {}
        for row in result["rows"]:
            if row["in"]["trades"]:
                key = (row["params"][x], row["params"][y])
                tested[key] = max(tested.get(key, -np.inf), row["in"]["net_profit"])
        shown = {(c.x, c.y): c.value for c in cells.itertuples() if not np.isnan(c.value)}
        assert shown == tested
        best = result["rows"][0]["params"]
        assert cells[cells["best"]][["x", "y"]].values.tolist() == [[best[x], best[y]]]


def test_bad_search_requests_are_refused(swings):
    for changes in ({"sampler": "genetic"}, {"budget": opt.MAX_EVALUATIONS + 1}, {"seed": -1},
                    {"method": "annealing"}):
        with pytest.raises(ValidationError):
            opt.run(opt.Spec(CONFIG, MA_AXES, **{"method": "search", "budget": 10, **changes}), swings, EURUSD,
                    workers=1)
    seven = tuple(opt.Axis(f"p{k}", (1, 2)) for k in range(7))
    with pytest.raises(ValidationError):
        opt.check(opt.Spec(CONFIG, seven, method="search"), swings)
    assert opt.budget(opt.Spec(CONFIG, MA_AXES, method="search")) == 294  # a tenth of 30 x 49 x 2
    assert opt.budget(opt.Spec(CONFIG, seven, method="search")) == 32  # 128 points: at least 32
    assert opt.budget(opt.Spec(CONFIG, AXES, method="search")) == 1000  # 151,875 points: at most 1,000
    tiny = (opt.axis("ma_crossover", "ma_type"),)
    assert opt.budget(opt.Spec(CONFIG, tiny, method="search")) == 2  # never more than the space holds


# -- the engine's job ---------------------------------------------------------------------------------
@pytest.fixture
def engine(data_dir, clock):
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as opened:
        yield opened


def test_the_engine_runs_a_search_with_progress_and_keeps_it(engine):
    spec = opt.Spec(CONFIG, MA_AXES[:2], method="search", budget=40, seed=5)
    status = engine.lab.start_optimisation(spec, symbol="EURUSD", timeframe="H1", count=2000)
    assert status["state"] == "running" and status["total"] == 40
    seen = set()
    while engine.lab.optimisation()["state"] == "running":
        seen.add(engine.lab.optimisation()["done"])
        time.sleep(0.01)
    done = engine.lab.optimisation()
    assert done["state"] == "done" and done["done"] == done["total"] == 40
    assert seen <= set(range(0, 41, 16)) | {40}  # progress moves a batch at a time
    saved = engine.lab.optimisation_runs()
    assert saved[0]["run_id"] == done["result"]["run_id"] and saved[0]["method"] == "search"
    again = engine.lab.open_optimisation(done["result"]["run_id"])
    assert again["rows"] == done["result"]["rows"] and again["seed"] == 5


def test_a_search_can_be_cancelled(engine):
    spec = opt.Spec(CONFIG, MA_AXES, method="search", budget=2000, seed=1)
    engine.lab.start_optimisation(spec, symbol="EURUSD", timeframe="H1", count=5000, workers=2)
    deadline = time.monotonic() + 120
    while engine.lab.optimisation()["done"] == 0:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    cancelled = engine.lab.cancel_optimisation()
    assert cancelled["state"] == "cancelled" and 0 < cancelled["done"] < cancelled["total"] == 2000
    assert engine.lab.optimisation_runs() == []  # nothing half-done is kept


def test_a_search_on_paper_history_reports_its_overfitting(engine):
    bars = paper_history("EURUSD", "H1", 3000, NOW)
    result = opt.run(opt.Spec(CONFIG, MA_AXES, method="search", budget=32, seed=0), bars, EURUSD, workers=1)
    assert result["overfit"]["pbo_splits"] == 12_870 and result["overfit"]["verdict"]["level"] in (
        "high", "caution", "low")
