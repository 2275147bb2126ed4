"""Parameter optimisation: a grid over up to three of a strategy's parameters, judged in and out of sample.

The grid's ranges come from the strategy's declared schema (bounds, steps, choices);
combinations the strategy refuses (a fast period above the slow one) are counted and
left out. Each combination is backtested with the bots' own rules on the *in-sample*
bars (the first ``in_sample`` share) and ranked by the chosen metric there; its
*out-of-sample* figures on the bars after them show whether the choice holds up on
data it was not chosen on. Walk-forward (``folds``) re-chooses the best combination on
a growing in-sample window before each of ``folds`` out-of-sample segments.

Speed: a strategy's indicators are computed once per (function, arguments) for the
whole grid (:func:`qbx_engine.market.indicators.sharing`), and the grid is spread over
worker processes that receive the bars once, when they start, and then only
combinations.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import multiprocessing
import os
import sys
import threading
import time
import types
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..core.errors import ValidationError
from ..core.i18n import Msg, shown
from ..core.inputs import number, whole
from ..market import indicators
from ..market.bars import COLUMNS, Bars
from ..strategies import strategy_class
from .runner import BacktestConfig, Contract, _validate, check_config_types, replay

MAX_AXES = 3
MAX_VALUES = 100  # per axis
MAX_COMBINATIONS = 20_000
METRICS = ("net_profit", "return_pct", "profit_factor", "sharpe", "win_rate", "expectancy", "max_drawdown_pct")
FIGURES = ("trades", "net_profit", "return_pct", "max_drawdown_pct", "win_rate", "profit_factor", "sharpe",
           "expectancy")
CHUNK = 8  # combinations per task: small enough for a live progress bar and a prompt cancel
IN_PROCESS_WORK = 400_000  # bars x combinations below which starting worker processes costs more than it saves


@dataclass(frozen=True)
class Axis:
    name: str
    values: tuple


@dataclass(frozen=True)
class Spec:
    config: BacktestConfig  # everything but the axes (the axes' parameters are overridden per combination)
    axes: tuple[Axis, ...]
    metric: str = "net_profit"
    in_sample: float = 0.7  # share of the bars the choice is made on; 1.0: no out-of-sample check
    folds: int = 0  # walk-forward segments over the out-of-sample part (0: one split)
    min_trades: int = 1  # fewer in-sample trades than this ranks last


def axis(strategy: str, name: str, start=None, stop=None, step=None) -> Axis:
    """The values of one parameter from its declared schema: a range for numbers, every choice otherwise."""
    declared = {p.name: p for p in strategy_class(strategy).params}
    param = declared.get(name)
    if param is None:
        raise ValidationError.one(f"axis.{name}", "opt.unknown_param", name=shown(name))
    if param.kind == "bool":
        return Axis(name, (False, True))
    if param.kind == "choice":
        return Axis(name, tuple(param.choices))
    start = param.min if start is None else start
    stop = param.max if stop is None else stop
    step = (param.step or 1) if step is None else step
    try:
        low, high, every = param.coerce(start), param.coerce(stop), float(step)
    except Exception as exc:  # noqa: BLE001 - ParamError carries the trader's message
        raise ValidationError({f"axis.{name}": getattr(exc, "msg", Msg("opt.bad_range", {"name": name}))}) from None
    if not every > 0 or high < low or (param.kind == "int" and every != int(every)):
        raise ValidationError.one(f"axis.{name}", "opt.bad_range", name=name)
    count = int(math.floor((high - low) / every + 1e-9)) + 1
    if count > MAX_VALUES:
        raise ValidationError.one(f"axis.{name}", "opt.too_many_values", name=name, count=count, most=MAX_VALUES)
    values = [low + i * every for i in range(count)]
    values = [int(v) for v in values] if param.kind == "int" else [round(v, 10) for v in values]
    return Axis(name, tuple(values))


def grid(spec: Spec) -> tuple[list[dict], int]:
    """(the combinations the strategy accepts, in axis order; how many it refused)."""
    names = [a.name for a in spec.axes]
    cls = strategy_class(spec.config.strategy_name)
    combos, refused = [], 0
    for values in itertools.product(*(a.values for a in spec.axes)):
        params = {**spec.config.strategy_params, **dict(zip(names, values, strict=True))}
        try:
            cls.validate(params)
        except ValidationError:
            refused += 1
            continue
        combos.append(dict(zip(names, values, strict=True)))
    return combos, refused


def check(spec: Spec, bars: Bars) -> None:
    """ValidationError naming what is wrong with the request (nothing runs)."""
    _check_types(spec)
    errors: dict[str, Msg] = {}
    if not 1 <= len(spec.axes) <= MAX_AXES or len({a.name for a in spec.axes}) != len(spec.axes):
        errors["axes"] = Msg("opt.axes", {"most": MAX_AXES})
    if spec.metric not in METRICS:
        errors["metric"] = Msg("opt.bad_metric", {"value": shown(spec.metric)})
    if not 0.3 <= spec.in_sample <= 1.0:
        errors["in_sample"] = Msg("opt.bad_split", {"value": spec.in_sample})
    if not 0 <= spec.folds <= 10 or (spec.folds and spec.in_sample >= 1.0):
        errors["folds"] = Msg("opt.bad_folds", {"value": spec.folds})
    combinations = math.prod(len(a.values) for a in spec.axes) if spec.axes else 0
    if combinations > MAX_COMBINATIONS:
        errors["axes"] = Msg("opt.too_many", {"count": combinations, "most": MAX_COMBINATIONS})
    if errors:
        raise ValidationError(errors)
    _validate(spec.config, bars, strategy_class(spec.config.strategy_name)(spec.config.strategy_params))


def _check_types(spec: Spec) -> None:
    """The request's parts have their types (a Spec from :func:`axis` and a BacktestConfig always do)."""
    if not isinstance(spec, Spec):
        raise ValidationError.one("spec", "input.not_config", value=shown(spec))
    if not isinstance(spec.config, BacktestConfig):
        raise ValidationError.one("config", "input.not_config", value=shown(spec.config))
    check_config_types(spec.config)
    if not isinstance(spec.axes, tuple) or not all(
            isinstance(a, Axis) and isinstance(a.name, str) and isinstance(a.values, tuple) and a.values
            for a in spec.axes):
        raise ValidationError.one("axes", "opt.axes", most=MAX_AXES)
    if not isinstance(spec.metric, str):
        raise ValidationError.one("metric", "opt.bad_metric", value=shown(spec.metric))
    in_sample = None if isinstance(spec.in_sample, str) else number(spec.in_sample)
    if in_sample is None:
        raise ValidationError.one("in_sample", "opt.bad_split", value=shown(spec.in_sample))
    whole("folds", spec.folds, 0, 10)
    whole("min_trades", spec.min_trades, 0, 1_000_000)


def windows(size: int, spec: Spec) -> dict[str, tuple[int, int]]:
    """Named bar windows: ``in`` and ``out`` (the split), ``in_k``/``out_k`` for walk-forward fold k."""
    split = int(size * spec.in_sample) if spec.in_sample < 1.0 else size
    found = {"in": (0, split)}
    if split < size:
        found["out"] = (split, size)
    if spec.folds:
        step = (size - split) // spec.folds
        edges = [split + k * step for k in range(spec.folds)] + [size]
        for k in range(spec.folds):
            found[f"in_{k}"] = (0, edges[k])
            found[f"out_{k}"] = (edges[k], edges[k + 1])
    return found


# -- evaluating combinations (in a worker process, or in the job's thread) ---------------------------
_WORKER: dict = {}


def _start_worker(columns: dict[str, np.ndarray], contract: Contract, config: BacktestConfig,
                  named: dict[str, tuple[int, int]], lower_priority: bool) -> None:
    """A worker's one-time setup: the bars arrive here, once; afterwards only combinations do."""
    if lower_priority and hasattr(os, "nice"):
        os.nice(5)  # the dashboard's process keeps the upper hand on a busy machine
    bars = Bars(*(columns[name] for name in COLUMNS))
    _WORKER.update(bars=bars, contract=contract, config=config, windows=named, replays={},
                   shared=indicators.SharedResults((bars.open, bars.high, bars.low, bars.close, bars.time)))


def _evaluate_chunk(task: tuple[int, list[dict]]) -> tuple[int, list[dict]]:
    index, combos = task
    token = indicators._SHARED.set(_WORKER["shared"])
    try:
        return index, [_evaluate(combo) for combo in combos]
    finally:
        indicators._SHARED.reset(token)


def _evaluate(combo: dict) -> dict:
    bars, contract, base = _WORKER["bars"], _WORKER["contract"], _WORKER["config"]
    config = BacktestConfig(**{**base.to_json(), "strategy_params": {**base.strategy_params, **combo}})
    strategy = strategy_class(config.strategy_name)(config.strategy_params)
    signal, ready = strategy.columns(bars)["signal"], strategy.bars_needed() - 1
    out = {}
    for name, (start, end) in _WORKER["windows"].items():
        ledger = replay(bars, signal, config, contract, start=start, end=end, ready=ready,
                        shared=_WORKER["replays"])
        stats = ledger.stats(ledger.equity(), "", "")
        out[name] = {key: stats[key] for key in FIGURES}
    return out


# -- running a grid -----------------------------------------------------------------------------
def run(spec: Spec, bars: Bars, contract: Contract, *, workers: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False) -> dict | None:
    """Evaluate the grid and rank it; None if ``cancelled`` said so before the end."""
    check(spec, bars)
    started = time.perf_counter()
    combos, refused = grid(spec)
    named = windows(len(bars), spec)
    tasks = [(k, combos[k:k + CHUNK]) for k in range(0, len(combos), CHUNK)]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if len(combos) * len(bars) < IN_PROCESS_WORK:
        workers = 1
    results: list[dict | None] = [None] * len(combos)
    done = 0
    columns = {name: getattr(bars, name) for name in COLUMNS}
    if workers <= 1:
        _start_worker(columns, contract, spec.config, named, lower_priority=False)
        for task in tasks:
            if cancelled():
                return None
            index, found = _evaluate_chunk(task)
            results[index:index + len(found)] = found
            done += len(found)
            if progress is not None:
                progress(done, len(combos))
    else:
        with _main_hidden():
            pool = _context().Pool(workers, initializer=_start_worker,
                                   initargs=(columns, contract, spec.config, named, True))
        try:
            pending = pool.imap_unordered(_evaluate_chunk, tasks)
            while done < len(combos):
                if cancelled():
                    return None
                try:
                    index, found = pending.next(timeout=0.2)
                except multiprocessing.TimeoutError:
                    continue
                results[index:index + len(found)] = found
                done += len(found)
                if progress is not None:
                    progress(done, len(combos))
        finally:
            pool.terminate()
            pool.join()
    return _ranked(spec, bars, combos, results, refused, named, workers, time.perf_counter() - started)


_MAIN_LOCK = threading.Lock()


@contextlib.contextmanager
def _main_hidden():
    """Start worker processes without the script that started this one.

    A spawned or forkserver child imports the parent's ``__main__`` file first; under Streamlit that is
    ``app.py``, so every worker would run the whole dashboard (and find the data folder locked). The workers
    need only this module, so ``__main__`` is an empty module while they start.
    """
    with _MAIN_LOCK:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            if main is not None:
                sys.modules["__main__"] = main


def _context():
    """Worker processes forked from a clean server process where the platform has one (fast, and no copy of
    the dashboard's threads); spawned on Windows."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["qbx_engine.backtest.optimise"])
        return context
    return multiprocessing.get_context("spawn")


def _ranked(spec: Spec, bars: Bars, combos: list[dict], results: list, refused: int,
            named: dict[str, tuple[int, int]], workers: int, seconds: float) -> dict:
    def score(row: dict) -> tuple:
        figures = row["in"]
        value = figures[spec.metric]
        enough = figures["trades"] >= spec.min_trades and value is not None
        return (0 if enough else 1, -(value if enough else 0.0))

    rows = [{"params": combo, **found} for combo, found in zip(combos, results, strict=True)]
    rows.sort(key=score)
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    folds = []
    for k in range(spec.folds):
        best = min(rows, key=lambda row: _fold_score(row, f"in_{k}", spec))
        folds.append({"fold": k + 1, "params": best["params"], "in": best[f"in_{k}"], "out": best[f"out_{k}"],
                      "start": float(bars.time[named[f"out_{k}"][0]]),
                      "end": float(bars.time[named[f"out_{k}"][1] - 1])})
    split = named["in"][1]
    return {"strategy": spec.config.strategy_name, "metric": spec.metric, "config": spec.config.to_json(),
            "axes": [{"name": a.name, "values": list(a.values)} for a in spec.axes], "rows": rows,
            "combinations": len(combos), "refused": refused, "bars": len(bars), "in_sample": spec.in_sample,
            "folds": folds, "start": float(bars.time[0]), "end": float(bars.time[-1]),
            "split_time": float(bars.time[split]) if split < len(bars) else None,
            "seconds": round(seconds, 3), "workers": workers,
            "walk_forward_net": round(sum(f["out"]["net_profit"] for f in folds), 2) if folds else None}


def _fold_score(row: dict, window: str, spec: Spec) -> tuple:
    figures = row[window]
    value = figures[spec.metric]
    enough = figures["trades"] >= spec.min_trades and value is not None
    return (0 if enough else 1, -(value if enough else 0.0))


# -- the engine's background job ------------------------------------------------------------------
@dataclass
class Job:
    """One optimisation running off the page's thread; the engine owns it (one at a time)."""

    spec: Spec
    bars: Bars
    contract: Contract
    source: dict
    workers: int | None = None
    state: str = "running"  # running, done, cancelled, failed
    done: int = 0
    total: int = 0
    result: dict | None = None
    error: Msg | None = None
    started_at: float = 0.0
    _cancel: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> Job:
        self.total = len(grid(self.spec)[0])
        self._thread = threading.Thread(target=self._run, name="qbx-optimise", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            result = run(self.spec, self.bars, self.contract, workers=self.workers, progress=self._progress,
                         cancelled=self._cancel.is_set)
        except ValidationError as exc:
            self.error, self.state = next(iter(exc.field_errors.values())), "failed"
            return
        except Exception as exc:  # noqa: BLE001 - the job reports its failure; the engine goes on
            self.error, self.state = Msg("opt.failed", {"problem": f"{type(exc).__name__}: {exc}"[:200]}), "failed"
            return
        if result is None:
            self.state = "cancelled"
        else:
            self.result, self.state = {**result, "source": self.source}, "done"

    def _progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.state != "running"

    def status(self) -> dict:
        return {"state": self.state, "done": self.done, "total": self.total, "result": self.result,
                "error": self.error.to_json() if self.error else None, "started_at": self.started_at,
                "source": self.source}
