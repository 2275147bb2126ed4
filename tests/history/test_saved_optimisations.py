"""Saved optimisations: a finished run is kept with its overfitting figures and verdict, survives a restart,
reopens as it was, and a failed save or a damaged file never loses the run being shown."""

from __future__ import annotations

import time

import numpy as np
import pytest

from qbx_engine import Engine
from qbx_engine.backtest import BacktestConfig
from qbx_engine.backtest import optimise as opt
from qbx_engine.core.errors import StoreWriteError, ValidationError

SPEC = opt.Spec(BacktestConfig("ma_crossover", {"ma_type": "sma"}, sl_pips=30, tp_pips=60),
                (opt.axis("ma_crossover", "fast_period", 5, 25, 5),
                 opt.axis("ma_crossover", "slow_period", 30, 60, 10)),
                folds=2)


def finished(engine, timeout: float = 120.0) -> dict:
    deadline = time.monotonic() + timeout
    while engine.lab.optimisation()["state"] == "running":
        assert time.monotonic() < deadline, "the optimisation did not finish"
        time.sleep(0.05)
    return engine.lab.optimisation()


def test_a_finished_run_is_kept_with_its_verdict_and_reopens_after_a_restart(data_dir, clock):
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        engine.lab.start_optimisation(SPEC, symbol="EURUSD", timeframe="H1", count=2000)
        result = finished(engine)["result"]
    found = result["overfit"]
    assert found["pbo"] is not None and found["dsr"] is not None and found["wfe"] is not None
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        listed = engine.lab.optimisation_runs()
        assert len(listed) == 1 and listed[0]["run_id"] == result["run_id"]
        assert (listed[0]["pbo"], listed[0]["dsr"], listed[0]["wfe"], listed[0]["level"]) == (
            found["pbo"], found["dsr"], found["wfe"], found["verdict"]["level"])
        assert listed[0]["best"] == result["rows"][0]["params"] and listed[0]["symbol"] == "EURUSD"
        again = engine.lab.open_optimisation(result["run_id"])
        assert again["overfit"] == found and again["rows"] == result["rows"] and again["folds"] == result["folds"]
        assert np.array_equal(again["overfit_data"]["blocks"], result["overfit_data"]["blocks"])
        assert (data_dir / "optimise-runs" / f"{result['run_id']}.npz").stat().st_size < 200_000
        engine.lab.delete_optimisation(result["run_id"])
        assert engine.lab.optimisation_runs() == []
        with pytest.raises(ValidationError):
            engine.lab.open_optimisation(result["run_id"])


def test_a_save_that_fails_leaves_the_run_on_the_page(data_dir, clock, monkeypatch):
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        def full(result, ts):
            raise StoreWriteError(data_dir / "optimise-runs", "No space left on device")

        monkeypatch.setattr(engine.lab.optimisations, "save", full)
        engine.lab.start_optimisation(SPEC, symbol="EURUSD", timeframe="H1", count=1500)
        done = finished(engine)
        assert done["state"] == "done" and done["result"]["run_id"] is None and done["result"]["rows"]

        def broken(result, ts):
            raise RuntimeError("unexpected")

        monkeypatch.setattr(engine.lab.optimisations, "save", broken)
        engine.lab.start_optimisation(SPEC, symbol="EURUSD", timeframe="H1", count=1500)
        done = finished(engine)
        assert done["state"] == "done" and done["result"]["run_id"] is None
        assert engine.lab.optimisation_runs() == []


def test_damaged_and_unknown_runs_are_refused_and_leftovers_are_tidied(data_dir, clock):
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        engine.lab.start_optimisation(SPEC, symbol="EURUSD", timeframe="H1", count=1500)
        run_id = finished(engine)["result"]["run_id"]
        (data_dir / "optimise-runs" / f"{run_id}.npz").write_bytes(b"not a zip file")
        with pytest.raises(ValidationError) as refused:
            engine.lab.open_optimisation(run_id)
        assert "opt.saved_unreadable" in str(refused.value.field_errors["run"])
        for bad in ("../../etc/passwd", "", 42):
            with pytest.raises(ValidationError):
                engine.lab.open_optimisation(bad)
        (data_dir / "optimise-runs" / "0123456789abcdef.npz").write_bytes(b"orphan")
    with Engine.open(data_dir, clock=clock, start_scheduler=False):
        assert sorted(p.name for p in (data_dir / "optimise-runs").iterdir()) == [f"{run_id}.npz"]
