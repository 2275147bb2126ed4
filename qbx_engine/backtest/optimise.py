"""Parameter optimisation: a grid over up to three parameters, or a budgeted search over up to six, judged in
and out of sample, with the odds that the chosen point is luck.

The ranges come from the strategy's declared schema (bounds, steps, choices); combinations the strategy
refuses (a fast period above the slow one) are counted and left out. Each combination is backtested with
the bots' own rules on the *in-sample* bars (the first ``in_sample`` share) and ranked by the chosen metric
there; its *out-of-sample* figures on the bars after them show whether the choice holds up on data it was
not chosen on. Walk-forward (``folds``) re-chooses the best combination on a growing in-sample window before
each of ``folds`` out-of-sample segments.

``method="search"`` evaluates ``budget`` points chosen by Optuna (:mod:`qbx_engine.backtest.search`) instead of
every one; the result has the same records. Every run ends with :mod:`qbx_engine.backtest.overfit`'s
figures (PBO, deflated Sharpe ratio, walk-forward efficiency) and a verdict.

Where the work runs: in the caller's thread for a small grid, in local worker processes otherwise
(:mod:`qbx_engine.backtest.workers`), or on a Dask cluster when a scheduler address is given
(:mod:`qbx_engine.backtest.cluster`). A strategy's indicators are computed once per (function, arguments)
on each worker, and the bars reach each worker once.
"""

from __future__ import annotations

import itertools
import logging
import math
import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..core.errors import QbxError, ValidationError
from ..core.i18n import Msg, shown
from ..core.inputs import number, whole
from ..market.bars import COLUMNS, Bars
from ..strategies import strategy_class
from . import overfit, search
from .evaluate import FIGURES, Workload
from .runner import BacktestConfig, Contract, Conversion, _validate, check_config_types
from .workers import InProcess, Processes, Task

log = logging.getLogger(__name__)

MAX_AXES = 3  # a grid's
MAX_SEARCH_AXES = 6
MAX_VALUES = 100  # per axis
MAX_COMBINATIONS = 20_000  # a grid's points
MAX_EVALUATIONS = 5_000  # a search's budget
METHODS = ("grid", "search")
METRICS = ("net_profit", "return_pct", "profit_factor", "sharpe", "win_rate", "expectancy", "max_drawdown_pct")
CHUNK = 8  # combinations per task: small enough for a live progress bar and a prompt cancel
IN_PROCESS_WORK = 400_000  # bars x combinations below which starting worker processes costs more than it saves
__all__ = ["FIGURES", "METRICS", "Axis", "Job", "Spec", "axis", "check", "grid", "run", "windows"]


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
    method: str = "grid"  # or "search": ``budget`` points chosen by ``sampler``
    budget: int = 0  # evaluations of a search; 0: a tenth of the space (at least 32, at most 1,000)
    sampler: str = "tpe"
    seed: int = 0


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


def _accepts(spec: Spec) -> Callable[[dict], bool]:
    """Whether the strategy accepts a point (with the fixed parameters around it)."""
    cls = strategy_class(spec.config.strategy_name)

    def accepts(combo: dict) -> bool:
        try:
            cls.validate({**spec.config.strategy_params, **combo})
        except ValidationError:
            return False
        return True

    return accepts


def grid(spec: Spec) -> tuple[list[dict], int]:
    """(the combinations the strategy accepts, in axis order; how many it refused)."""
    names = [a.name for a in spec.axes]
    accepts = _accepts(spec)
    combos, refused = [], 0
    for values in itertools.product(*(a.values for a in spec.axes)):
        combo = dict(zip(names, values, strict=True))
        if accepts(combo):
            combos.append(combo)
        else:
            refused += 1
    return combos, refused


def budget(spec: Spec) -> int:
    """The evaluations a search makes: its budget, or a tenth of the space, never more than the space holds."""
    space = search.space_size(spec.axes)
    chosen = spec.budget or min(1_000, max(32, space // 10))
    return min(chosen, space)


def check(spec: Spec, bars: Bars) -> None:
    """ValidationError naming what is wrong with the request (nothing runs)."""
    _check_types(spec)
    errors: dict[str, Msg] = {}
    most = MAX_SEARCH_AXES if spec.method == "search" else MAX_AXES
    if not 1 <= len(spec.axes) <= most or len({a.name for a in spec.axes}) != len(spec.axes):
        errors["axes"] = Msg("opt.axes", {"most": most})
    if spec.metric not in METRICS:
        errors["metric"] = Msg("opt.bad_metric", {"value": shown(spec.metric)})
    if not 0.3 <= spec.in_sample <= 1.0:
        errors["in_sample"] = Msg("opt.bad_split", {"value": spec.in_sample})
    if not 0 <= spec.folds <= 10 or (spec.folds and spec.in_sample >= 1.0):
        errors["folds"] = Msg("opt.bad_folds", {"value": spec.folds})
    if spec.method not in METHODS:
        errors["method"] = Msg("opt.bad_method", {"value": shown(spec.method)})
    elif spec.method == "grid":
        combinations = math.prod(len(a.values) for a in spec.axes) if spec.axes else 0
        if combinations > MAX_COMBINATIONS:
            errors["axes"] = Msg("opt.too_many", {"count": combinations, "most": MAX_COMBINATIONS})
    else:
        if spec.sampler not in search.SAMPLERS:
            errors["sampler"] = Msg("opt.bad_sampler", {"value": shown(spec.sampler),
                                                        "allowed": ", ".join(search.SAMPLERS)})
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
        raise ValidationError.one("axes", "opt.axes", most=MAX_SEARCH_AXES if spec.method == "search" else MAX_AXES)
    if not isinstance(spec.metric, str):
        raise ValidationError.one("metric", "opt.bad_metric", value=shown(spec.metric))
    if not isinstance(spec.method, str):
        raise ValidationError.one("method", "opt.bad_method", value=shown(spec.method))
    in_sample = None if isinstance(spec.in_sample, str) else number(spec.in_sample)
    if in_sample is None:
        raise ValidationError.one("in_sample", "opt.bad_split", value=shown(spec.in_sample))
    whole("folds", spec.folds, 0, 10)
    whole("min_trades", spec.min_trades, 0, 1_000_000)
    whole("budget", spec.budget, 0, MAX_EVALUATIONS)
    whole("seed", spec.seed, 0, 2**32 - 1)
    if not isinstance(spec.sampler, str):
        raise ValidationError.one("sampler", "opt.bad_sampler", value=shown(spec.sampler),
                                  allowed=", ".join(search.SAMPLERS))


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


# -- running ------------------------------------------------------------------------------------
def run(spec: Spec, bars: Bars, contract: Contract, *, workers: int | None = None,
        progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] = lambda: False,
        cluster: str | None = None, start_method: str | None = None,
        conversion: Conversion | None = None) -> dict | None:
    """Evaluate the grid (or search the space) and rank it; None if ``cancelled`` said so before the end.

    ``cluster``: a Dask scheduler's address to run on; otherwise ``workers`` local processes (one: here).
    ``start_method``: how local workers start (``spawn``, ``forkserver``; the platform's best by default).
    ``conversion``: the account currency's rates for a broker's history (None: the paper account's).
    """
    check(spec, bars)
    started = time.perf_counter()
    work = workload(spec, bars, contract, conversion)
    named = work.windows
    if spec.method == "grid":
        combos, refused = grid(spec)
        total = len(combos)
    else:
        combos, refused, total = [], 0, budget(spec)
    executor = _executor(work, total * len(bars), workers, cluster, start_method)
    try:
        if spec.method == "grid":
            collected = _evaluate_all(executor, combos, progress, cancelled, axes=spec.axes)
            extra: dict = {"method": "grid"}
        else:
            collected, extra = _search(spec, executor, total, progress, cancelled)
            if collected is not None:
                combos, refused = [combo for combo, _ in collected], extra.pop("refused")
                collected = [found for _, found in collected]
        if collected is None:
            return None
        place = {"executor": executor.kind, "workers": executor.workers,
                 "resubmitted": getattr(executor, "resubmitted", 0)}
    finally:
        executor.close()
    return {**_ranked(spec, bars, combos, collected, refused, named, work.periods,
                      time.perf_counter() - started), **place, **extra}


def workload(spec: Spec, bars: Bars, contract: Contract, conversion: Conversion | None = None) -> Workload:
    """What every worker receives once: the bars, the contract, the base configuration, windows, periods and the
    account currency's rates."""
    named = windows(len(bars), spec)
    return Workload(uuid.uuid4().hex[:12], {name: getattr(bars, name) for name in COLUMNS}, contract, spec.config,
                    named, overfit.Periods.over(len(bars), named["in"][1]), conversion)


def _executor(workload: Workload, work: int, workers: int | None, cluster: str | None, start_method: str | None):
    if cluster:
        from .cluster import DaskCluster  # distributed is imported only when a cluster is used

        return DaskCluster(workload, cluster)
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count <= 1 or work < IN_PROCESS_WORK:
        return InProcess(workload)
    return Processes(workload, count, start_method)


def _groups(combos: list[dict], axes: tuple[Axis, ...] | None, workers: int, size: int = CHUNK) -> list[list[int]]:
    """The positions of the combinations each task evaluates.

    A grid's combinations are grouped by the parameter with the most values: a task holds every combination
    of one or a few of its values, so the indicators of each value are computed on one worker, not on every
    one (a 50-value slow average over two workers: about 25 averages each instead of 50). Tasks stay small
    enough for every worker to get several (progress moves, the last task is short).
    """
    if not axes or len(combos) <= size:
        return [list(range(k, min(k + size, len(combos)))) for k in range(0, len(combos), size)]
    widest = max(axes, key=lambda a: len(a.values))
    place = {value: k for k, value in enumerate(widest.values)}
    order = sorted(range(len(combos)), key=lambda k: place[combos[k][widest.name]])
    per_value = math.ceil(len(combos) / len(widest.values))
    chunk = max(size, min(per_value, math.ceil(len(combos) / (4 * max(1, workers)))))
    return [order[k:k + chunk] for k in range(0, len(order), chunk)]


def _evaluate_all(executor, combos: list[dict], progress, cancelled, size: int = CHUNK,
                  axes: tuple[Axis, ...] | None = None) -> list[dict] | None:
    """Every combination's figures, in order; each task is taken once, however often it arrives."""
    groups = _groups(combos, axes, executor.workers, size)
    results: list[dict | None] = [None] * len(combos)
    taken: set[int] = set()
    done = 0

    def accept(index: int, found: list[dict]) -> None:
        nonlocal done
        if index in taken:
            return
        taken.add(index)
        for position, row in zip(groups[index], found, strict=True):
            results[position] = row
        done += len(found)
        if progress is not None:
            progress(done, len(combos))

    tasks: list[Task] = [(index, [combos[k] for k in group]) for index, group in enumerate(groups)]
    if not executor.run(tasks, accept, cancelled):
        return None
    return results  # type: ignore[return-value]


def _search(spec: Spec, executor, total: int, progress, cancelled) -> tuple[list | None, dict]:
    collected: list[tuple[dict, dict]] = []
    size = max(1, math.ceil(search.BATCH / max(1, executor.workers)))  # the batch spread over every worker

    def evaluate(points: list[dict]) -> list[float] | None:
        found = _evaluate_all(executor, points, None, cancelled, size)
        if found is None:
            return None
        collected.extend(zip(points, found, strict=True))
        return [_value(row["in"], spec) for row in found]

    outcome = search.search(spec.axes, evaluate, budget=total, seed=spec.seed, sampler=spec.sampler,
                            valid=_accepts(spec),
                            progress=None if progress is None else (lambda done: progress(done, total)))
    if outcome is None:
        return None, {}
    return collected, {"method": "search", "sampler": spec.sampler, "seed": spec.seed, "budget": total,
                       "space": search.space_size(spec.axes), "refused": outcome["refused"],
                       "asked": outcome["asked"], "repeated": outcome["repeated"]}


def _value(figures: dict, spec: Spec) -> float:
    """What a search maximises: the in-sample metric, the worst value without enough trades or a figure."""
    value = figures[spec.metric]
    if figures["trades"] < spec.min_trades or value is None:
        return search.WORST
    return float(value)


def _score(figures: dict, spec: Spec) -> tuple:
    value = figures[spec.metric]
    enough = figures["trades"] >= spec.min_trades and value is not None
    return (0 if enough else 1, -(value if enough else 0.0))


def _ranked(spec: Spec, bars: Bars, combos: list[dict], results: list, refused: int,
            named: dict[str, tuple[int, int]], periods: overfit.Periods | None, seconds: float) -> dict:
    order = sorted(range(len(combos)), key=lambda k: _score(results[k]["in"], spec))
    rows, blocks, sharpe = [], [], []
    for rank, k in enumerate(order, start=1):
        found = dict(results[k])
        if periods is not None:
            blocks.append(found.pop("blocks"))
            sharpe.append(found.pop("sharpe_stats"))
        rows.append({"params": combos[k], **found, "rank": rank})
    folds = []
    for k in range(spec.folds):
        window = f"in_{k}"
        best = min(rows, key=lambda row: _score(row[window], spec))  # noqa: B023 - used at once
        folds.append({"fold": k + 1, "params": best["params"], "in": best[f"in_{k}"], "out": best[f"out_{k}"],
                      "start": float(bars.time[named[f"out_{k}"][0]]),
                      "end": float(bars.time[named[f"out_{k}"][1] - 1])})
    split = named["in"][1]
    data = {"blocks": np.array(blocks), "sharpe": np.array(sharpe)} if periods is not None and rows else None
    return {"strategy": spec.config.strategy_name, "metric": spec.metric, "config": spec.config.to_json(),
            "axes": [{"name": a.name, "values": list(a.values)} for a in spec.axes], "rows": rows,
            "combinations": len(combos), "refused": refused, "bars": len(bars), "in_sample": spec.in_sample,
            "folds": folds, "start": float(bars.time[0]), "end": float(bars.time[-1]),
            "split_time": float(bars.time[split]) if split < len(bars) else None,
            "seconds": round(seconds, 3),
            "walk_forward_net": round(sum(f["out"]["net_profit"] for f in folds), 2) if folds else None,
            "overfit": assess(spec, rows, data, periods, named, folds), "overfit_data": data}


def assess(spec: Spec, rows: list[dict], data: dict | None, periods: overfit.Periods | None,
           named: dict[str, tuple[int, int]], folds: list[dict]) -> dict:
    """PBO, the deflated Sharpe ratio of the best point, walk-forward efficiency and the verdict on them."""
    found: dict = {"pbo": None, "pbo_splits": 0, "pbo_blocks": 0, "logit_median": None, "oos_loss": None,
                   "dsr": None, "sharpe": None, "sharpe_expected_max": None, "trials": len(rows),
                   "observations": 0, "wfe": None}
    if not rows:
        found["verdict"] = overfit.verdict(None, None, None, trials=0)
        return found
    if data is not None and periods is not None:
        measured = overfit.pbo(data["blocks"], spec.metric, periods.per_block)
        if measured is not None:
            found.update(pbo=measured["pbo"], pbo_splits=measured["splits"], pbo_blocks=measured["blocks"],
                         logit_median=measured["logit_median"], oos_loss=measured["oos_loss"])
        deflated = overfit.deflated(data["sharpe"][0], data["sharpe"])
        if deflated is not None:
            found.update(dsr=deflated["dsr"], sharpe=deflated["sharpe"],
                         sharpe_expected_max=deflated["sharpe_expected_max"], trials=deflated["trials"],
                         observations=deflated["observations"])
    metric, best = spec.metric, rows[0]

    def bars_of(window: str) -> int:
        start, end = named[window]
        return end - start

    if folds:
        pairs = [(f["in"][metric], bars_of(f"in_{k}"), f["out"][metric], bars_of(f"out_{k}"))
                 for k, f in enumerate(folds)]
    elif "out" in best:
        pairs = [(best["in"][metric], bars_of("in"), best["out"][metric], bars_of("out"))]
    else:
        pairs = []
    found["wfe"] = overfit.efficiency(metric, pairs)
    found["verdict"] = overfit.verdict(found["pbo"], found["dsr"], found["wfe"], trials=found["trials"],
                                       splits_count=found["pbo_splits"],
                                       in_sample_lost=best["in"]["net_profit"] <= 0)
    return found


# -- the engine's background job ------------------------------------------------------------------
@dataclass
class Job:
    """One optimisation running off the page's thread; the engine owns it (one at a time).

    ``on_done`` receives the finished result (the engine keeps it) and may add to it (its saved run's id).
    """

    spec: Spec
    bars: Bars
    contract: Contract
    source: dict
    workers: int | None = None
    cluster: str | None = None
    start_method: str | None = None
    conversion: Conversion | None = None
    on_done: Callable[[dict], dict] | None = None
    state: str = "running"  # running, done, cancelled, failed
    done: int = 0
    total: int = 0
    result: dict | None = None
    error: Msg | None = None
    started_at: float = 0.0
    _cancel: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> Job:
        self.total = len(grid(self.spec)[0]) if self.spec.method == "grid" else budget(self.spec)
        self._thread = threading.Thread(target=self._run, name="qbx-optimise", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            result = run(self.spec, self.bars, self.contract, workers=self.workers, progress=self._progress,
                         cancelled=self._cancel.is_set, cluster=self.cluster, start_method=self.start_method,
                         conversion=self.conversion)
        except ValidationError as exc:
            self.error, self.state = next(iter(exc.field_errors.values())), "failed"
            return
        except QbxError as exc:
            self.error, self.state = exc.msg, "failed"
            return
        except Exception as exc:  # noqa: BLE001 - the job reports its failure; the engine goes on
            self.error, self.state = Msg("opt.failed", {"problem": f"{type(exc).__name__}: {exc}"[:200]}), "failed"
            return
        if result is None:
            self.state = "cancelled"
            return
        result = {**result, "source": self.source}
        if self.on_done is not None:
            try:
                result = self.on_done(result)
            except Exception:  # noqa: BLE001 - keeping the run failed; the run itself stands and is shown
                log.exception("the finished optimisation could not be kept")
                result = {**result, "run_id": None}
        self.result, self.state = result, "done"

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
