"""Evaluating an optimisation on a Dask distributed cluster, when the trader names a scheduler in Settings.

* **The bars travel once per worker.** The workload (bars, contract, configuration, windows) is a worker
  plugin: the scheduler hands it to every worker once, when it is registered or when a worker joins later
  (a replacement for a lost one included). Tasks carry only a chunk of combinations and the workload's key.
* **Work is split in chunks**; each finished chunk is accepted once, by its index, whatever arrives twice.
* **A lost worker's chunks are retried**: the scheduler moves the tasks of a worker that died to the
  others; a chunk that still fails with ``KilledWorker`` (it outlived ``allowed-failures`` workers) is
  submitted again under a new key, up to :data:`RETRIES` times.
* **Cancel stops the cluster's work**: every pending task is cancelled on the scheduler and the workload
  removed from the workers (a chunk already running finishes its few combinations and is discarded).

The workers run this package's code: install the same QuantumBotX version on every machine of the cluster.
This module imports ``distributed``; the optimiser imports it only when a scheduler is named.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from distributed import Client, as_completed
from distributed.diagnostics.plugin import WorkerPlugin
from distributed.scheduler import KilledWorker

from ..core.errors import QbxError
from .evaluate import Evaluator, Workload, arrivals
from .workers import Accept, Task

log = logging.getLogger(__name__)

RETRIES = 3  # new submissions of a chunk that failed with KilledWorker
CONNECT_SECONDS = 10.0
_REMOTE: dict[str, Workload] = {}  # on a worker: the workloads installed, by key
_EVALUATORS: dict[tuple[str, int], Evaluator] = {}  # (key, thread): a worker may run tasks in several threads


class ClusterError(QbxError):
    """The cluster cannot be reached or used; the message says what to check."""


class Payload(WorkerPlugin):
    """The workload, installed on each worker once (setup) and removed when the run ends (teardown)."""

    idempotent = True

    def __init__(self, workload: Workload):
        self.workload = workload

    def setup(self, worker) -> None:
        _REMOTE[self.workload.key] = self.workload

    def teardown(self, worker) -> None:
        _REMOTE.pop(self.workload.key, None)
        for place in [p for p in list(_EVALUATORS) if p[0] == self.workload.key]:
            _EVALUATORS.pop(place, None)


def _evaluate(key: str, task: Task) -> tuple[int, list[dict]]:
    """A task on a worker: one chunk of combinations, evaluated with the workload installed there."""
    workload = _REMOTE.get(key)
    if workload is None:
        raise RuntimeError(f"workload {key} is not installed on this worker")
    place = (key, threading.get_ident())
    evaluator = _EVALUATORS.get(place)
    if evaluator is None:
        evaluator = _EVALUATORS[place] = Evaluator(workload)
    index, combos = task
    try:
        return index, evaluator.chunk(combos)
    finally:
        if key not in _REMOTE:  # the run ended (cancelled) while this chunk ran: keep nothing of it
            _EVALUATORS.pop(place, None)


def remote_arrivals(key: str) -> dict:
    """On a worker: how many times it received each workload, and whether ``key``'s is installed now."""
    return {**arrivals(), "installed": key in _REMOTE or any(p[0] == key for p in _EVALUATORS),
            "held": len(_REMOTE) + len(_EVALUATORS)}


def connect(address: str, timeout: float | None = None):
    """A client of the scheduler at ``address``; ClusterError saying why not."""
    try:
        client = Client(address, timeout=CONNECT_SECONDS if timeout is None else timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError("opt.cluster_unreachable", address=address, problem=f"{type(exc).__name__}: {exc}"[:200]) \
            from None
    return client


def describe(address: str, timeout: float | None = None) -> dict:
    """What the scheduler at ``address`` offers: its workers and their threads (Settings' "test connection")."""
    client = connect(address, timeout)
    try:
        threads = client.nthreads()
        return {"address": address, "workers": len(threads), "threads": int(sum(threads.values()))}
    finally:
        client.close()


class DaskCluster:
    """Chunks of combinations as tasks on a Dask cluster; the workload installed on each worker once."""

    kind = "dask"

    def __init__(self, workload: Workload, address: str, timeout: float | None = None):
        self.client = connect(address, timeout)
        self.key = workload.key
        self.name = f"qbx-optimise-{workload.key}"
        self.resubmitted = 0
        self.batches = 0  # each run's tasks get keys of their own (a search runs one batch after another)
        try:
            threads = self.client.nthreads()
            if not threads:
                raise ClusterError("opt.cluster_empty", address=address)
            self.workers = int(sum(threads.values()))
            self.client.register_plugin(Payload(workload), name=self.name)
        except BaseException:
            self.client.close()
            raise

    def run(self, tasks: list[Task], accept: Accept, cancelled: Callable[[], bool]) -> bool:
        self.batches += 1
        attempts = {index: 0 for index, _ in tasks}
        pending = {self._submit(task, 0): task for task in tasks}
        arriving = as_completed(list(pending), loop=self.client.loop)
        try:
            while pending:
                if cancelled():
                    return False
                finished = arriving.next_batch(block=False)
                if not finished:
                    time.sleep(0.05)
                    continue
                for future in finished:
                    task = pending.pop(future)
                    if future.status == "finished":
                        index, found = future.result()
                        accept(index, found)
                        continue
                    problem = future.exception() if future.status == "error" else None
                    if future.status == "cancelled" or isinstance(problem, KilledWorker):
                        attempts[task[0]] += 1
                        if attempts[task[0]] > RETRIES:
                            raise ClusterError("opt.cluster_lost", problem=str(problem)[:200])
                        self.resubmitted += 1
                        log.warning("chunk %s lost with its worker; submitted again", task[0])
                        again = self._submit(task, attempts[task[0]])
                        pending[again] = task
                        arriving.add(again)
                        continue
                    raise problem if problem is not None else ClusterError("opt.cluster_lost", problem=future.status)
            return True
        finally:
            if pending:
                self.client.cancel(list(pending), force=True)

    def _submit(self, task: Task, attempt: int):
        return self.client.submit(_evaluate, self.key, task, key=f"{self.name}-{self.batches}-{task[0]}-{attempt}",
                                  pure=False)

    def arrivals(self) -> dict:
        """Per worker address: what it received (the tests' proof of one arrival per worker)."""
        return self.client.run(remote_arrivals, self.key)

    def close(self) -> None:
        try:
            self.client.unregister_worker_plugin(self.name)
        except Exception as exc:  # noqa: BLE001 - a lost cluster: the client still closes
            log.warning("could not remove the workload from the cluster: %s", exc)
        finally:
            self.client.close()
