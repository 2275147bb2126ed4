"""A budgeted search of a parameter space too large for a grid, with Optuna (what freqtrade's hyperopt uses).

The space is the same as a grid's (each parameter's values from its schema); the search asks Optuna for
``batch`` points at a time, has them evaluated together (on local worker processes or a cluster) and tells
Optuna their in-sample metric in the order it asked for them. With the same seed the same points are asked
for, whatever evaluated them and in whatever order they finished: the search is reproducible.

* TPE (tree-structured Parzen estimator, multivariate, with a constant liar for points still being
  evaluated) is the default; ``random`` is the baseline it should beat.
* A numeric parameter is searched by its position in the value list (so TPE sees its order); a choice or
  a flag as a category.
* A point the strategy refuses (a fast period above the slow one) and a point without a figure (too few
  trades) are told as the worst possible value: Optuna learns to avoid them. A refused point costs no
  evaluation; a point asked for again is told its known value and costs none either.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from typing import Any

SAMPLERS = ("tpe", "random")
BATCH = 16  # points asked for before any is told: fixed, so the result does not depend on the worker count
WORST = -math.inf


def _sampler(name: str, seed: int, budget: int):
    import optuna

    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        return optuna.samplers.TPESampler(seed=seed, multivariate=True, constant_liar=True,
                                          n_startup_trials=max(8, min(24, budget // 10)))


def _distributions(axes: Sequence) -> dict:
    from optuna.distributions import CategoricalDistribution, IntDistribution

    found = {}
    for axis in axes:
        numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in axis.values)
        found[axis.name] = IntDistribution(0, len(axis.values) - 1) if numeric else \
            CategoricalDistribution(list(axis.values))
    return found


def search(axes: Sequence, evaluate: Callable[[list[dict]], list[float] | None], *, budget: int, seed: int = 0,
           sampler: str = "tpe", batch: int = BATCH, valid: Callable[[dict], bool] = lambda combo: True,
           progress: Callable[[int], None] | None = None) -> dict | None:
    """Up to ``budget`` evaluations; None if ``evaluate`` returned None (cancelled).

    ``evaluate`` takes new points and returns their values (higher is better, ``WORST`` for none). Returns
    the evaluated points in order with their values, and how many points were asked for, refused and
    asked for again.
    """
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="maximize", sampler=_sampler(sampler, seed, budget))
    distributions = _distributions(axes)
    numeric = {a.name: a.values for a in axes
               if isinstance(distributions[a.name], optuna.distributions.IntDistribution)}
    known: dict[tuple, float] = {}
    points: list[tuple[dict, float]] = []
    asked = refused = repeated = 0
    most_asks = budget * 5 + 100  # a space nearly used up stops the search before its budget
    while len(points) < budget and asked < most_asks:
        wanted = min(batch, budget - len(points))
        fresh: list[tuple[Any, tuple, dict]] = []
        later: list[tuple[Any, tuple]] = []
        while len(fresh) < wanted and asked < most_asks:
            trial = study.ask(distributions)
            asked += 1
            combo = {name: numeric[name][index] if name in numeric else index for name, index in trial.params.items()}
            key = tuple(combo[a.name] for a in axes)
            if not valid(combo):
                refused += 1
                study.tell(trial, WORST)
            elif key in known:
                repeated += 1
                study.tell(trial, known[key])
            elif any(key == k for _, k, _ in fresh):
                repeated += 1
                later.append((trial, key))
            else:
                fresh.append((trial, key, combo))
        if not fresh:  # every point asked for was refused or known
            continue
        values = evaluate([combo for _, _, combo in fresh])
        if values is None:
            return None
        for (trial, key, combo), value in zip(fresh, values, strict=True):
            known[key] = value
            points.append((combo, value))
            study.tell(trial, value)
        for trial, key in later:
            study.tell(trial, known[key])
        if progress is not None:
            progress(len(points))
    return {"points": points, "asked": asked, "refused": refused, "repeated": repeated}


def space_size(axes: Sequence) -> int:
    return math.prod(len(a.values) for a in axes)
