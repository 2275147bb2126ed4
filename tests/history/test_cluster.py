"""Optimisation on a Dask cluster: a LocalCluster started and stopped here, a worker killed mid-run, cancel, the
bars received once per worker, and the engine using the scheduler named in its settings."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time

import pytest
from distributed import Client, LocalCluster

from qbx_engine import Engine
from qbx_engine.backtest import BacktestConfig, paper_history
from qbx_engine.backtest import cluster as dask_cluster
from qbx_engine.backtest import optimise as opt
from qbx_engine.backtest.cluster import ClusterError
from qbx_engine.backtest.runner import Contract
from qbx_engine.core.errors import ValidationError
from qbx_engine.core.i18n import render

NOW = 1_795_600_000.0
EURUSD = Contract.paper("EURUSD")
CONFIG = BacktestConfig("ma_crossover", {"ma_type": "sma"}, sl_pips=30, tp_pips=60)
GRID = opt.Spec(CONFIG, (opt.axis("ma_crossover", "fast_period", 5, 50, 5),
                         opt.axis("ma_crossover", "slow_period", 60, 200, 10)))  # 150 combinations: 19 chunks
BIG = opt.Spec(CONFIG, (opt.axis("ma_crossover", "fast_period", 2, 60, 2),
                        opt.axis("ma_crossover", "slow_period", 61, 400, 5),
                        opt.axis("ma_crossover", "ma_type")))


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as started:
        yield started


@pytest.fixture
def client(cluster):
    with Client(cluster.scheduler_address, set_as_default=False) as connected:
        connected.wait_for_workers(2, timeout=120)
        yield connected


@pytest.fixture(scope="module")
def bars():
    return paper_history("EURUSD", "H1", 3000, NOW)


@pytest.fixture(scope="module")
def local(bars):
    return opt.run(GRID, bars, EURUSD, workers=1)


def same_results(one: dict, other: dict) -> bool:
    return ([(r["params"], r["in"], r["out"]) for r in one["rows"]]
            == [(r["params"], r["in"], r["out"]) for r in other["rows"]])


def our_tasks(client: Client) -> list[str]:
    return client.run_on_scheduler(
        lambda dask_scheduler: [str(k) for k in dask_scheduler.tasks if str(k).startswith("qbx-optimise")])


def wait_until(condition, what: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def test_a_grid_on_the_cluster_is_the_local_grid_and_the_bars_reach_each_worker_once(cluster, client, bars, local):
    result = opt.run(GRID, bars, EURUSD, cluster=cluster.scheduler_address)
    assert result["executor"] == "dask" and result["workers"] == 2 and result["combinations"] == 150
    assert same_results(result, local)
    assert result["overfit"]["pbo"] == local["overfit"]["pbo"] and result["overfit"]["dsr"] == local["overfit"]["dsr"]
    reports = client.run(dask_cluster.remote_arrivals, "-")
    received = [count for report in reports.values() for count in report["arrivals"].values()]
    assert received and all(count == 1 for count in received)  # 19 tasks, each worker got the bars once
    assert not any(report["installed"] or report["held"] for report in reports.values())  # removed at the end
    assert our_tasks(client) == []


def test_a_search_on_the_cluster_asks_and_finds_what_it_does_here(cluster, client, bars):
    spec = opt.Spec(CONFIG, GRID.axes, method="search", budget=40, seed=4)
    there = opt.run(spec, bars, EURUSD, cluster=cluster.scheduler_address)
    here = opt.run(spec, bars, EURUSD, workers=1)
    assert there["executor"] == "dask" and there["combinations"] == 40
    assert same_results(there, here)


def test_batch_after_batch_each_chunk_is_evaluated_afresh(cluster, client, bars, local):
    """A search sends one batch after another, their chunks numbered from 0 each time: the second batch's chunk 0
    must not be answered with the first batch's."""
    executor = dask_cluster.DaskCluster(opt.workload(GRID, bars, EURUSD), cluster.scheduler_address)
    answers: list = []
    try:
        for row in local["rows"][:3]:
            assert executor.run([(0, [row["params"]])], lambda index, found: answers.append(found[0]["in"]),
                                lambda: False)
    finally:
        executor.close()
    assert answers == [row["in"] for row in local["rows"][:3]]


def test_a_killed_worker_loses_no_chunk_and_none_is_counted_twice(cluster, client, bars, local):
    pids = client.run(os.getpid)
    progress: list[int] = []
    killed: dict = {}

    def watch(done: int, total: int) -> None:
        progress.append(done)
        if killed:
            return
        busy = {worker: keys for worker, keys in client.processing().items()
                if any(str(k).startswith("qbx-optimise") for k in keys)}
        if busy:
            worker, keys = next(iter(busy.items()))
            os.kill(pids[worker], signal.SIGKILL)
            killed.update(worker=worker, keys=[str(k) for k in keys])

    result = opt.run(GRID, bars, EURUSD, cluster=cluster.scheduler_address, progress=watch)
    assert killed and killed["keys"], "no worker was busy with a chunk when the first chunk came back"
    assert same_results(result, local)  # the dead worker's chunks were evaluated again, elsewhere
    assert progress == sorted(set(progress)) and progress[-1] == 150  # each chunk counted once
    client.wait_for_workers(2, timeout=120)  # the nanny started a new worker in its place


def test_cancel_stops_the_clusters_work(cluster, client, bars):
    stop = threading.Event()

    def watch(done: int, total: int) -> None:
        stop.set()

    outcome = opt.run(BIG, bars, EURUSD, cluster=cluster.scheduler_address, progress=watch, cancelled=stop.is_set)
    assert outcome is None
    wait_until(lambda: our_tasks(client) == [], "the scheduler still holds the cancelled chunks")
    wait_until(lambda: not any(str(k).startswith("qbx-optimise") for keys in client.processing().values()
                               for k in keys), "a worker still works on a cancelled chunk")
    reports = client.run(dask_cluster.remote_arrivals, "-")
    assert not any(report["installed"] for report in reports.values())


def test_a_chunk_that_arrives_twice_is_counted_once():
    """The collector's own guard, whatever the executor does (a retried chunk whose first answer still came)."""
    class Twice:
        def run(self, tasks, accept, cancelled):
            for index, combos in tasks + tasks[:1]:
                accept(index, [{"in": {"n": c}} for c in combos])
            return True

    seen: list[int] = []
    Twice.workers = 2
    found = opt._evaluate_all(Twice(), [1, 2, 3, 4, 5], lambda done, total: seen.append(done), lambda: False, 2)
    assert [row["in"]["n"] for row in found] == [1, 2, 3, 4, 5] and seen == [2, 4, 5]


def free_address() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{probe.getsockname()[1]}"


# -- through the engine and its settings --------------------------------------------------------------
@pytest.fixture
def engine(data_dir, clock):
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as opened:
        yield opened


def finished(engine, timeout: float = 180.0) -> dict:
    wait_until(lambda: engine.lab.optimisation()["state"] != "running", "the optimisation did not finish", timeout)
    return engine.lab.optimisation()


def test_the_engine_runs_on_the_scheduler_named_in_settings(engine, cluster, client):
    assert engine.lab.cluster_status() is None  # no address: this computer
    engine.update_settings(optimise_cluster=cluster.scheduler_address)
    assert engine.lab.cluster_status() == {"address": cluster.scheduler_address, "workers": 2, "threads": 2}
    engine.lab.start_optimisation(GRID, symbol="EURUSD", timeframe="H1", count=2000)
    done = finished(engine)
    assert done["state"] == "done" and done["result"]["executor"] == "dask" and done["done"] == 150
    assert engine.lab.optimisation_runs()[0]["run_id"] == done["result"]["run_id"]
    engine.update_settings(optimise_cluster="")
    engine.lab.start_optimisation(GRID, symbol="EURUSD", timeframe="H1", count=2000, workers=1)
    assert finished(engine)["result"]["executor"] == "here"


def test_an_unreachable_scheduler_fails_the_run_with_a_sentence(engine, monkeypatch):
    monkeypatch.setattr(dask_cluster, "CONNECT_SECONDS", 1.0)
    address = free_address()
    engine.update_settings(optimise_cluster=address)
    engine.lab.start_optimisation(GRID, symbol="EURUSD", timeframe="H1", count=2000)
    failed = finished(engine)
    assert failed["state"] == "failed" and failed["error"]["key"] == "opt.cluster_unreachable"
    assert render(failed["error"], "id").startswith(f"Scheduler Dask di {address} tidak bisa dihubungi")
    with pytest.raises(ClusterError):
        engine.lab.cluster_status()
    with pytest.raises(ValidationError):
        engine.lab.cluster_status("http://exa mple:80")
    with pytest.raises(ValidationError):
        engine.update_settings(optimise_cluster="tcp://scheduler:99999")
    assert engine.get_settings()["optimise_cluster"] == address  # the refused value changed nothing
