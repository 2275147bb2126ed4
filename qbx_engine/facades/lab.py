"""``engine.lab``: backtests, the optimiser and the saved runs (:mod:`qbx_engine.backtest`)."""

from __future__ import annotations

import json
import logging
import multiprocessing
from typing import TYPE_CHECKING

import pandas as pd

from ..backtest import BacktestConfig, BacktestResult, optimise, paper_history, run_backtest, workers
from ..backtest.bar_cache import BarCache
from ..backtest.runner import Contract
from ..backtest.saved import SavedRuns
from ..backtest.saved_optimise import SavedOptimisations
from ..core import inputs
from ..core.errors import LifecycleError, StoreWriteError, ValidationError
from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.symbols import PAPER_SYMBOLS
from ..market.timeframes import TIMEFRAMES, seconds
from ..settings import check_cluster

if TYPE_CHECKING:
    from ..engine import Engine

log = logging.getLogger(__name__)

MAX_BARS = 100_000  # bars one call may ask for (a year of M5 is ~75,000)
MAX_HISTORY_BARS = 200_000  # the longest broker history one backtest reads


class Lab:
    def __init__(self, engine: Engine):
        self._engine = engine
        self.saved = SavedRuns(engine.store.backtests, engine.store.data_dir / "backtest-runs")
        self.bar_cache = BarCache(engine.store.data_dir / "bar-cache")
        self.optimisations = SavedOptimisations(engine.store.log("optimisations", index_fields=("strategy", "symbol")),
                                                engine.store.data_dir / "optimise-runs")
        self._job: optimise.Job | None = None

    # -- backtests ---------------------------------------------------------------------------
    def backtest(self, config: BacktestConfig, *, symbol: str, timeframe: str, count: int = 3000,
                 bars: pd.DataFrame | None = None, source: str = "paper", progress=None,
                 span: tuple[float, float] | None = None) -> BacktestResult:
        """Replay ``config`` and keep the run (see :meth:`runs`). The bars: the paper market's last
        ``count``, ``bars`` from a CSV, or with ``span`` (UTC epoch start, end) the broker's own history of any
        of its symbols (MT5: ``copy_rates_range``), cached in the data folder.

        ``symbol`` gives the contract (size, currencies, spread) the profits are computed with.
        """
        if not isinstance(config, BacktestConfig):
            raise ValidationError.one("config", "input.not_config", value=inputs.shown(config))
        if progress is not None and not callable(progress):
            raise ValidationError.one("progress", "input.not_callable", name="progress", value=inputs.shown(progress))
        source = inputs.text("source", source, 40)
        history, contract = self._data(symbol, timeframe, count, bars, span)
        result = run_backtest(history, config, contract, progress)
        try:
            result.run_id = self.saved.save(result, ts=self._engine.now(), symbol=contract.symbol,
                                            timeframe=timeframe, source=source)["run_id"]
        except StoreWriteError as exc:  # the run stands; only keeping it failed, and the page says so
            log.warning("backtest not saved: %s", exc)
        return result

    def runs(self, limit: int = 20) -> list[dict]:
        """Saved runs, newest first (``reopenable`` when their data is still on disk)."""
        return self.saved.list(inputs.whole("limit", limit, 0))

    def open_run(self, run_id: str) -> BacktestResult:
        """A saved run with its trades, equity and chart, as it was."""
        return self.saved.open(run_id)

    def delete_run(self, run_id: str) -> None:
        self._engine.check_open()
        self.saved.delete(run_id)

    # -- the optimiser -------------------------------------------------------------------------
    def start_optimisation(self, spec: optimise.Spec, *, symbol: str, timeframe: str, count: int = 3000,
                           bars: pd.DataFrame | None = None, source: str = "paper",
                           span: tuple[float, float] | None = None, workers: int | None = None,
                           start_method: str | None = None) -> dict:
        """Start a grid or a search off the caller's thread (one at a time); follow it with :meth:`optimisation`.

        It runs on the Dask scheduler named in the settings (``optimise_cluster``), else in ``workers`` local
        processes started with ``start_method`` (the platform's best by default). The finished run is saved.
        """
        self._engine.check_open()
        if self._job is not None and self._job.state == "running":
            raise LifecycleError("opt.busy")
        source = inputs.text("source", source, 40)
        if workers is not None:
            workers = inputs.whole("workers", workers, 1, 64)
        if start_method is not None and start_method not in multiprocessing.get_all_start_methods():
            raise ValidationError.one("start_method", "settings.bad_choice", value=inputs.shown(start_method),
                                      allowed=", ".join(multiprocessing.get_all_start_methods()))
        history, contract = self._data(symbol, timeframe, count, bars, span)
        optimise.check(spec, history)
        cluster = self._engine.settings.get("optimise_cluster") or None
        self._job = optimise.Job(spec, history, contract, {"symbol": contract.symbol, "timeframe": timeframe,
                                                           "source": source}, workers, cluster, start_method,
                                 on_done=self._keep, started_at=self._engine.now())
        return self._job.start().status()

    def prepare_workers(self) -> None:
        """Get local worker processes ready to start quickly (the Optimisation page calls it when it opens)."""
        if not self._engine.settings.get("optimise_cluster"):
            workers.warm_up()

    def _keep(self, result: dict) -> dict:
        """A finished optimisation is saved; if the disk refuses, the result still shows (not reopenable)."""
        try:
            summary = self.optimisations.save(result, ts=self._engine.now())
        except StoreWriteError as exc:
            log.warning("optimisation not saved: %s", exc)
            return {**result, "run_id": None}
        return {**result, "run_id": summary["run_id"]}

    def optimisation(self) -> dict | None:
        """The running or last optimisation: state, progress and, when done, its ranked results."""
        return None if self._job is None else self._job.status()

    def cancel_optimisation(self, wait: float = 10.0) -> dict | None:
        if self._job is not None and self._job.state == "running":
            self._job.cancel()
            self._job.wait(wait)
        return self.optimisation()

    def optimisation_runs(self, limit: int = 20) -> list[dict]:
        """Saved optimisations, newest first: strategy, market, best point and the overfitting verdict."""
        return self.optimisations.list(inputs.whole("limit", limit, 0))

    def open_optimisation(self, run_id: str) -> dict:
        """A saved optimisation's result, as the page shows it."""
        return self.optimisations.open(run_id)

    def delete_optimisation(self, run_id: str) -> None:
        self._engine.check_open()
        self.optimisations.delete(run_id)

    def cluster_status(self, address: str | None = None) -> dict | None:
        """What the Dask scheduler at ``address`` (default: the saved setting) offers; None without an address.
        ClusterError says why it cannot be reached."""
        if address is None:
            address = self._engine.settings.get("optimise_cluster")
        elif (problem := check_cluster(address)) is not None:
            raise ValidationError({"optimise_cluster": problem})
        if not address:
            return None
        from ..backtest.cluster import describe  # distributed is imported only when a cluster is used

        return describe(address)

    def close(self, wait: float) -> None:
        """The engine closes: a running optimisation is cancelled, its workers given ``wait`` seconds."""
        if self._job is not None:
            if self._job.state == "running":
                self._job.cancel()
            self._job.wait(wait)

    # -- the bars a run reads -------------------------------------------------------------------
    def _data(self, symbol: str, timeframe: str, count: int, bars, span) -> tuple[Bars, Contract]:
        """The bars and contract a backtest or optimisation runs on, from checked arguments."""
        if not isinstance(timeframe, str) or timeframe not in TIMEFRAMES:
            raise ValidationError.one("timeframe", "bt.bad_timeframe", value=inputs.shown(timeframe))
        if bars is not None and not isinstance(bars, pd.DataFrame):
            raise ValidationError.one("bars", "input.not_bars", value=inputs.shown(bars))
        engine = self._engine
        if span is None:
            if not isinstance(symbol, str) or symbol not in PAPER_SYMBOLS:
                raise ValidationError({"symbol": Msg("bot.unknown_market", {"market": inputs.shown(symbol)})})
            if bars is None:
                bars = paper_history(symbol, timeframe, inputs.whole("count", count, 1, MAX_BARS), engine.now())
            return (Bars.from_frame(bars) if isinstance(bars, pd.DataFrame) else bars), Contract.paper(symbol)
        since, until = ([inputs.number(x) for x in span] if isinstance(span, (tuple, list)) and len(span) == 2
                        else (None, None))
        if since is None or until is None:
            raise ValidationError.one("span", "bt.bad_span", most=MAX_HISTORY_BARS)
        now = engine.now()
        if not since < min(until, now) or (min(until, now) - since) / seconds(timeframe) > MAX_HISTORY_BARS:
            raise ValidationError.one("span", "bt.bad_span", most=MAX_HISTORY_BARS)
        call, broker = engine.guard.call, engine.broker
        found = call(broker.find_symbol, symbol) if isinstance(symbol, str) else None
        if found is None:
            raise ValidationError.one("symbol", "bot.unknown_market", market=inputs.shown(symbol))
        contract = Contract.from_info(call(broker.symbol_info, found))
        where = json.dumps(broker.describe().get("server"))
        history = self.bar_cache.bars(f"{broker.kind}|{where}", found, timeframe, since, until,
                                      complete=until + seconds(timeframe) <= now,
                                      fetch=lambda: call(broker.history_rates, found, timeframe, since, until))
        if not len(history):
            raise ValidationError.one("span", "bt.no_history", symbol=found, timeframe=timeframe)
        return history, contract
