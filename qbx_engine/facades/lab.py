"""``engine.lab``: backtests, the optimiser and the saved runs (:mod:`qbx_engine.backtest`)."""

from __future__ import annotations

import functools
import json
import logging
import multiprocessing
from typing import TYPE_CHECKING

import pandas as pd

from ..backtest import BacktestConfig, BacktestResult, optimise, paper_history, run_backtest, workers
from ..backtest.account_run import AccountRun, History, run_account, warmup_bars
from ..backtest.bar_cache import BarCache
from ..backtest.data import load_alerts_csv
from ..backtest.runner import PAPER_CONVERSION, Contract, Conversion, bar_times
from ..backtest.saved import SavedRuns
from ..backtest.saved_optimise import SavedOptimisations
from ..core import inputs
from ..core.errors import LifecycleError, StoreWriteError, ValidationError
from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.symbols import PAPER_SYMBOLS
from ..market.timeframes import TIMEFRAMES, seconds
from ..settings import check_cluster
from ..strategies.tradingview_alert import NAME as ALERT_STRATEGY
from ..strategies.tradingview_alert import AlertTape, TradingViewAlert
from ..trading.bots import Bot

if TYPE_CHECKING:
    from ..engine import Engine

log = logging.getLogger(__name__)

MAX_BARS = 100_000  # bars one call may ask for (a year of M5 is ~75,000)
MAX_HISTORY_BARS = 200_000  # the longest broker history one backtest reads
MAX_ACCOUNT_DAYS = 400  # the longest span an account backtest replays
WARMUP_SLACK = 4 * 86400.0  # seconds more history than the warm-up needs: a long weekend without bars
CONVERSION_TIMEFRAME = "H1"  # the broker's bars a conversion rate is read from (a rate, not a fill: hourly is enough)
DAY = 86400.0


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
        if config.strategy_name == ALERT_STRATEGY:  # its signals are the alerts it was sent: they come in a CSV
            raise ValidationError.one("alerts", "bt.alerts_need_csv")
        source = inputs.text("source", source, 40)
        history, contract = self._data(symbol, timeframe, count, bars, span)
        paper = (contract.symbol, timeframe) if span is None and bars is None else None  # the paper market's own
        result = run_backtest(history, config, contract, progress, paper=paper,
                              conversion=self._conversion_over(contract, history, span))
        return self._keep(result, contract, timeframe, source)

    # -- the account ---------------------------------------------------------------------------
    def account_backtest(self, bot_ids: list[int] | None = None, *, since: float, until: float,
                         balance: float | None = None, progress=None, keep: bool = True) -> AccountRun:
        """Replay bots as saved (all of them by default) together on one balance from ``since`` to ``until`` (UTC
        epoch seconds), with their gates, the emergency brake and the no-trade calendar as set now; keep the run
        (unless ``keep`` is False). ``balance``: the starting balance (the account's balance now by default)."""
        engine = self._engine
        if progress is not None and not callable(progress):
            raise ValidationError.one("progress", "input.not_callable", name="progress", value=inputs.shown(progress))
        with engine.book.lock:
            every = {bot.id: bot for bot in engine.book}
        chosen = sorted(every) if bot_ids is None else self._bot_ids(bot_ids, every)
        if not chosen:
            raise ValidationError.one("bots", "acct.no_bots")
        since, until = self._span(since, until)
        start = engine.guard.call(engine.broker.account) if balance is None else None
        amount = start.balance if start is not None else inputs.number(balance)
        if amount is None or not 0.01 <= amount <= 1e12:
            raise ValidationError.one("balance", "settings.bad_balance", value=inputs.shown(balance))
        leverage = start.leverage if start is not None else engine.guard.call(engine.broker.account).leverage
        bots = [every[bot_id] for bot_id in chosen]
        found = {bot.id: self._account_history(bot, since, until) for bot in bots}
        paper = all(history.paper for history in found.values())
        conversion = PAPER_CONVERSION if paper else self.conversion(
            [history.contract for history in found.values()], min(float(h.bars.time[0]) for h in found.values()),
            until)
        run = run_account(bots, lambda bot: found[bot.id], since=since, until=until, balance=amount,
                          settings=engine.get_settings(), leverage=leverage, progress=progress,
                          conversion=conversion)
        if not keep:
            return run
        try:
            run.run_id = self.saved.save_account(run, ts=engine.now(), source=engine.broker.kind)["run_id"]
        except StoreWriteError as exc:  # the run stands; only keeping it failed, and the page says so
            log.warning("account backtest not saved: %s", exc)
        return run

    def _bot_ids(self, bot_ids, every: dict) -> list[int]:
        if not isinstance(bot_ids, (list, tuple, set)) or len(bot_ids) > 1000:
            raise ValidationError.one("bots", "acct.bad_bots", value=inputs.shown(bot_ids))
        chosen = sorted({inputs.whole("bots", bot_id, 1) for bot_id in bot_ids})
        unknown = [bot_id for bot_id in chosen if bot_id not in every]
        if unknown:
            raise ValidationError.one("bots", "acct.unknown_bots", ids=", ".join(f"#{i}" for i in unknown))
        return chosen

    def _span(self, since, until) -> tuple[float, float]:
        start, end = inputs.moment("since", since), inputs.moment("until", until)
        now = self._engine.now()
        if start is None or end is None or not start < end or end - start > MAX_ACCOUNT_DAYS * 86400:
            raise ValidationError.one("span", "acct.bad_span", days=MAX_ACCOUNT_DAYS)
        return start, min(end, now)

    def _account_history(self, bot: Bot, since: float, until: float) -> History:
        """The bars a bot trades over the span, its strategy's warm-up before it, and its symbol's contract."""
        engine = self._engine
        call, broker = engine.guard.call, engine.broker
        symbol = call(broker.find_symbol, bot.market)
        if symbol is None:
            raise ValidationError.one("bots", "acct.unknown_market", name=bot.name, market=bot.market)
        length = seconds(bot.timeframe)
        start = since - warmup_bars(bot) * length * 2 - WARMUP_SLACK
        if (until - start) / length > MAX_HISTORY_BARS:
            raise ValidationError.one("span", "acct.too_many_bars", name=bot.name, timeframe=bot.timeframe,
                                      most=MAX_HISTORY_BARS)
        complete = until + length <= engine.now()
        if broker.kind == "paper" and symbol in PAPER_SYMBOLS:
            count = int((until - start) / length) + 2
            bars = self.bar_cache.bars("paper", symbol, bot.timeframe, start, until, complete=complete,
                                       fetch=lambda: paper_history(symbol, bot.timeframe, count, until))
            return History(bars, Contract.paper(symbol), paper=True)
        where = json.dumps(broker.describe().get("server"))
        bars = self.bar_cache.bars(f"{broker.kind}|{where}", symbol, bot.timeframe, start, until, complete=complete,
                                   fetch=lambda: call(broker.history_rates, symbol, bot.timeframe, start, until))
        if len(bars) < 3:
            raise ValidationError.one("span", "bt.no_history", symbol=symbol, timeframe=bot.timeframe)
        return History(bars, Contract.from_info(call(broker.symbol_info, symbol)), paper=False)
    def backtest_alerts(self, config: BacktestConfig, alerts: bytes | str | pd.DataFrame, *, symbol: str,
                        timeframe: str, count: int = 3000, bars: pd.DataFrame | None = None,
                        span: tuple[float, float] | None = None, progress=None) -> BacktestResult:
        """Replay a TradingView alert bot: ``alerts`` is a CSV of past alerts (see :func:`load_alerts_csv`) or its
        frame; each acts at the close of the bar it arrived in, through the same plan and stops as any signal.
        The run is kept like :meth:`backtest`'s (source ``alerts``)."""
        if not isinstance(config, BacktestConfig) or config.strategy_name != ALERT_STRATEGY:
            raise ValidationError.one("strategy_name", "bt.alerts_kind", value=inputs.shown(
                getattr(config, "strategy_name", config)))
        table = alerts if isinstance(alerts, pd.DataFrame) else load_alerts_csv(alerts)
        history, contract = self._data(symbol, timeframe, count, bars, span)
        tape = AlertTape.of(zip((t.timestamp() for t in table["time"]), table["signal"], strict=True))
        strategy = TradingViewAlert(config.strategy_params).with_alerts(tape, None if bars is not None
                                                                        else seconds(timeframe))
        if len(history) and not strategy.columns(history)["signal"].any():
            first, last = (str(t) for t in bar_times(history.time[[0, -1]]))
            raise ValidationError.one("alerts", "bt.alerts_none", first=first, last=last)
        paper = (contract.symbol, timeframe) if span is None and bars is None else None
        result = run_backtest(history, config, contract, progress, paper=paper, strategy=strategy,
                              conversion=self._conversion_over(contract, history, span))
        return self._keep(result, contract, timeframe, "alerts")

    def _keep(self, result: BacktestResult, contract: Contract, timeframe: str, source: str) -> BacktestResult:
        """Save a run among the saved runs; the run stands if keeping it fails (the page says it was not saved)."""
        try:
            result.run_id = self.saved.save(result, ts=self._engine.now(), symbol=contract.symbol,
                                            timeframe=timeframe, source=source)["run_id"]
        except StoreWriteError as exc:
            log.warning("backtest not saved: %s", exc)
        return result

    def runs(self, limit: int = 20) -> list[dict]:
        """Saved runs, newest first (``reopenable`` when their data is still on disk)."""
        return self.saved.list(inputs.whole("limit", limit, 0))

    def open_run(self, run_id: str) -> BacktestResult | AccountRun:
        """A saved run with its trades, equity and chart, as it was (an account run as an :class:`AccountRun`)."""
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
                                 conversion=self._conversion_over(contract, history, span),
                                 on_done=self._keep_optimisation, started_at=self._engine.now())
        return self._job.start().status()

    def prepare_workers(self) -> None:
        """Get local worker processes ready to start quickly (the Optimisation page calls it when it opens)."""
        if not self._engine.settings.get("optimise_cluster"):
            workers.warm_up()

    def _keep_optimisation(self, result: dict) -> dict:
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

    # -- money in the account's currency --------------------------------------------------------------
    def conversion(self, contracts: list[Contract], since: float, until: float) -> Conversion:
        """How a replay of the broker's history turns these contracts' money into the account's currency: at the
        broker's own H1 bars of each conversion pair over [since, until]. A currency the broker quotes against
        the account's in neither direction is refused, naming both pairs: money would otherwise be guessed."""
        engine = self._engine
        call, broker = engine.guard.call, engine.broker
        if broker.kind == "paper":
            return PAPER_CONVERSION
        currency = call(broker.account).currency
        needed = sorted({c for contract in contracts for c in (contract.currency_profit, contract.currency_base)
                         if c and c != currency})
        where = json.dumps(broker.describe().get("server"))
        complete = until + seconds(CONVERSION_TIMEFRAME) <= engine.now()
        pairs: dict[str, Bars] = {}
        names: dict[str, str] = {}

        def fetch(symbol: str) -> Bars:
            return call(broker.history_rates, symbol, CONVERSION_TIMEFRAME, since - DAY, until)

        for other in needed:
            for name in (other + currency, currency + other):
                symbol = call(broker.find_symbol, name)
                if symbol is not None:
                    names[name] = symbol
                    if [c.symbol for c in contracts] != [symbol]:  # one run on the pair itself: its own bid
                        pairs[name] = self.bar_cache.bars(f"{broker.kind}|{where}", symbol, CONVERSION_TIMEFRAME,
                                                          since - DAY, until, complete=complete,
                                                          fetch=functools.partial(fetch, symbol))
                    break
            else:
                raise ValidationError.one("symbol", "bt.no_conversion", currency=other, account=currency,
                                          pairs=f"{other}{currency}, {currency}{other}")
        return Conversion.from_bars(currency, pairs, names)

    def _conversion_over(self, contract: Contract, history: Bars, span) -> Conversion | None:
        """The broker's conversion for a run over its own history (``span``); paper and CSV bars: the paper
        account's."""
        if span is None or not len(history):
            return None
        return self.conversion([contract], float(history.time[0]), float(history.time[-1]))

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
