"""Where combinations are evaluated on this machine: in the caller's thread, or in local worker processes.

Both take a list of tasks (a chunk index and its combinations) and hand each finished chunk to ``accept``;
:mod:`qbx_engine.backtest.cluster` does the same on a Dask cluster. Worker processes start with ``forkserver``
where the platform has it (a clean server process, none of the dashboard's threads copied) and with ``spawn``
elsewhere, as on Windows, which has no fork; ``start_method`` forces one (the tests run ``spawn`` on Linux).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
import types
from collections.abc import Callable

from .evaluate import Evaluator, Workload

Task = tuple[int, list[dict]]
Accept = Callable[[int, list[dict]], None]


class InProcess:
    """Evaluation in the calling thread: for small grids, where starting processes costs more than it saves."""

    kind = "here"
    workers = 1

    def __init__(self, workload: Workload):
        self.evaluator = Evaluator(workload)

    def run(self, tasks: list[Task], accept: Accept, cancelled: Callable[[], bool]) -> bool:
        for index, combos in tasks:
            if cancelled():
                return False
            accept(index, self.evaluator.chunk(combos))
        return True

    def close(self) -> None:
        self.evaluator.shared.clear()


_LOCAL: Evaluator | None = None  # a worker process's evaluator, built once from the workload it was started with


def _start(workload: Workload, lower_priority: bool) -> None:
    """A worker's one-time setup: the bars arrive here, once; afterwards only combinations do."""
    global _LOCAL
    if lower_priority and hasattr(os, "nice"):
        os.nice(5)  # the dashboard's process keeps the upper hand on a busy machine
    _LOCAL = Evaluator(workload)


def _chunk(task: Task) -> tuple[int, list[dict]]:
    index, combos = task
    assert _LOCAL is not None, "a worker evaluates only after _start"
    return index, _LOCAL.chunk(combos)


def _arrivals(_: int) -> dict:
    from .evaluate import arrivals

    return arrivals()


class Processes:
    """A pool of local worker processes that receive the workload once, when they start."""

    kind = "processes"

    def __init__(self, workload: Workload, workers: int, start_method: str | None = None):
        self.workers = workers
        self.start_method = start_method or default_start_method()
        with _main_hidden():
            self.pool = context(self.start_method).Pool(workers, initializer=_start, initargs=(workload, True))

    def run(self, tasks: list[Task], accept: Accept, cancelled: Callable[[], bool]) -> bool:
        pending = self.pool.imap_unordered(_chunk, tasks)
        for _ in range(len(tasks)):
            while True:
                if cancelled():
                    return False
                try:
                    index, found = pending.next(timeout=0.2)
                    break
                except multiprocessing.TimeoutError:
                    continue
            accept(index, found)
        return True

    def arrivals(self) -> list[dict]:
        """What each worker process received (for the tests: the workload arrives once per process)."""
        return self.pool.map(_arrivals, range(self.workers * 4), chunksize=1)

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


_MAIN_LOCK = threading.Lock()


@contextlib.contextmanager
def _main_hidden():
    """Start worker processes without the script that started this one.

    A spawned or forkserver child imports the parent's ``__main__`` file first; under Streamlit that is
    ``app.py``, so every worker would run the whole dashboard (and find the data folder locked). The workers
    need only this package, so ``__main__`` is an empty module while they start.
    """
    with _MAIN_LOCK:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            if main is not None:
                sys.modules["__main__"] = main


def default_start_method() -> str:
    """``forkserver`` where the platform has it (fast, and no copy of the dashboard's threads); ``spawn`` else."""
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def warm_up() -> None:
    """Start the server that forks worker processes now, in the background, so the next optimisation's workers
    start at once (the server imports this package once, about half a second). Nothing to do under spawn."""
    if default_start_method() != "forkserver":
        return

    def start() -> None:
        from multiprocessing import forkserver

        with _main_hidden():
            context("forkserver")
            forkserver.ensure_running()

    threading.Thread(target=start, name="qbx-workers-warm-up", daemon=True).start()


def context(method: str):
    found = multiprocessing.get_context(method)
    if method == "forkserver":
        found.set_forkserver_preload(["qbx_engine.backtest.workers"])
    return found
