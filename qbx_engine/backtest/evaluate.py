"""Evaluating combinations where the work runs: in this process, a local worker process or a Dask worker.

A :class:`Workload` (the bars, the contract, the base configuration, the windows and the periods) is what
a worker receives once; afterwards only lists of combinations travel to it and their figures back. An
:class:`Evaluator` keeps what combinations on the same bars share: indicator arrays per (function,
arguments) and the replay's quotes.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

import numpy as np

from ..core.money import cents
from ..market import indicators
from ..market.bars import COLUMNS, Bars
from ..reports import performance
from ..strategies import strategy_class
from .overfit import Periods
from .runner import BacktestConfig, Contract, Conversion, Ledger, replay

FIGURES = ("trades", "net_profit", "return_pct", "max_drawdown_pct", "win_rate", "profit_factor", "sharpe",
           "expectancy")

_ARRIVALS: dict[str, int] = {}  # workload key -> how many times this process unpickled it
_ARRIVALS_LOCK = threading.Lock()


@dataclass
class Workload:
    """Everything but the combinations: sent once to each worker (``key`` names it there)."""

    key: str
    columns: dict[str, np.ndarray]
    contract: Contract
    config: BacktestConfig
    windows: dict[str, tuple[int, int]]
    periods: Periods | None
    conversion: Conversion | None = None  # the account currency's rates (None: the paper account's)

    def __setstate__(self, state: dict) -> None:
        """Counts arrivals in this process: the proof that bars travel once per worker, not once per task."""
        self.__dict__.update(state)
        with _ARRIVALS_LOCK:
            _ARRIVALS[self.key] = _ARRIVALS.get(self.key, 0) + 1

    @property
    def size(self) -> int:
        return len(self.columns["time"])


def arrivals() -> dict:
    """(process id, {workload key: times received}) of this process."""
    with _ARRIVALS_LOCK:
        return {"pid": os.getpid(), "arrivals": dict(_ARRIVALS)}


class Evaluator:
    """Evaluates combinations of one workload; indicators and quotes are shared by all of them."""

    def __init__(self, workload: Workload):
        self.workload = workload
        self.bars = Bars(*(workload.columns[name] for name in COLUMNS))
        bars = self.bars
        self.shared = indicators.SharedResults((bars.open, bars.high, bars.low, bars.close, bars.time))
        self.replays: dict = {}
        self.split = ("in", "out") if "out" in workload.windows else ("in",)

    def chunk(self, combos: list[dict]) -> list[dict]:
        token = indicators._SHARED.set(self.shared)
        try:
            return [self.one(combo) for combo in combos]
        finally:
            indicators._SHARED.reset(token)

    def one(self, combo: dict) -> dict:
        """The figures of every window, and the per-block results PBO and the deflated Sharpe ratio need."""
        work, bars = self.workload, self.bars
        base = work.config
        config = BacktestConfig(**{**base.to_json(), "strategy_params": {**base.strategy_params, **combo}})
        strategy = strategy_class(config.strategy_name)(config.strategy_params)
        signal, ready = strategy.columns(bars)["signal"], strategy.bars_needed() - 1
        out: dict = {}
        parts = []
        for name, (start, end) in work.windows.items():
            ledger = replay(bars, signal, config, work.contract, start=start, end=end, ready=ready,
                            shared=self.replays, conversion=work.conversion)
            values = ledger.equity()
            net = ledger.net()
            out[name] = figures(ledger, values, net)
            if name in self.split:
                parts.append((start, end, values, ledger.trades["exit_bar"], net))
        if work.periods is not None:
            out["blocks"], out["sharpe_stats"] = work.periods.summary(parts, base.initial_balance)
        return out


def figures(ledger: Ledger, values: np.ndarray, net: np.ndarray) -> dict:
    """The ranked figures of one replay: ``Ledger.stats`` restricted to :data:`FIGURES` (the same functions), without
    the figures the optimiser does not show."""
    initial = ledger.config.initial_balance
    final = float(values[-1])
    epoch = ledger.bars.time
    return {"trades": len(net), "net_profit": cents(final - initial),
            "return_pct": round((final / initial - 1) * 100, 2),
            "max_drawdown_pct": performance.drawdown(values)[1], "win_rate": performance.win_rate(net),
            "profit_factor": performance.profit_factor(net),
            "sharpe": performance.sharpe(values, float(epoch[ledger.end - 1] - epoch[ledger.start])),
            "expectancy": performance.expectancy(net)}
