"""The Engine: the one object the dashboard, tests and benchmarks talk to.

It owns the data folder (exclusively), the broker, and one APScheduler
``BackgroundScheduler`` with one interval job per running bot. Every lifecycle
call validates, persists, and changes the job table under the bot book's lock,
so when a call returns the store and the scheduler agree (invariant 1 of
DESIGN.md). The trading itself — one tick — is :class:`qbx_engine.trader.Trader`;
the Bots page's Start button reaches it through :meth:`Engine.start_bot`, which
schedules :meth:`Engine._scheduled_tick`, which calls :meth:`Trader.tick`.
"""

from __future__ import annotations

import atexit
import copy
import json
import logging
import math
import os
import time
import weakref
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

import pandas as pd
from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from . import events as ev
from . import history, performance
from .backtest import BacktestConfig, BacktestResult, live, optimise, paper_history, run_backtest
from .backtest.bar_cache import BarCache
from .backtest.runner import Contract
from .backtest.saved import SavedRuns
from .bars import Bars
from .botbook import BotBook
from .bots import ACTIVE, ERROR, PAUSED, STATUS_LABELS, STATUSES, STOPPED, clean_changes, clean_new_bot
from .broker_guard import BrokerGuard
from .brokers.base import Broker
from .clock import SystemClock
from .entries import OpenEntries
from .errors import BrokerUnavailable, LifecycleError, QbxError, StoreWriteError, UnknownBot, ValidationError
from .events import EventLog
from .feed import BarFeed
from .i18n import Msg
from .journal import Journal, local_day
from .market.symbols import PAPER_SYMBOLS
from .market.timeframes import TIMEFRAMES, seconds
from .money import cents
from .mentor.desk import MentorDesk
from .runtime import BotRuntime
from .settings import Settings
from .store import Store, resolve_data_dir
from .strategies import STRATEGIES
from .trader import Trader

log = logging.getLogger(__name__)

GOLDEN = 0.6180339887498949
CHECKPOINT_EVERY = 10.0  # seconds between saves of the bots' last analyses
SWEEP_EVERY = 15.0  # seconds between looks for closed positions no bot journaled (manual, other EAs)
CLOSE_WAIT = 10.0  # seconds close() waits for ticks in flight
# Ticks are short and mostly hold the GIL (paper) or wait on the terminal (MT5): a few threads per core.
DEFAULT_WORKERS = max(4, min(16, 4 * (os.cpu_count() or 1)))
SPREAD_TICKS = 1.0  # seconds over which bots sharing a bar close start their ticks after it
OVERRUN_LOG_EVERY = 60.0  # seconds between two TICK OVERRUN lines of one bot
MAX_HISTORY_BARS = 200_000  # the longest broker history one backtest reads

BrokerSpec = str | Broker | Callable[[Store, Any], Broker]


def job_id(bot_id: int) -> str:
    return f"bot-{bot_id}"


class Engine:
    """Open with :meth:`Engine.open`; close with :meth:`close` or a ``with`` block."""

    # -- opening and closing ---------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path | str | None = None, broker: BrokerSpec = "paper", *, clock=None,
             max_workers: int = DEFAULT_WORKERS, start_scheduler: bool = True, take_over: bool = False) -> "Engine":
        """Open the data folder exclusively and start the bots that were running.

        ``take_over`` first closes another engine of *this process* on the same
        folder (a dashboard reload); another process's engine is never touched.
        """
        if take_over:
            folder = resolve_data_dir(data_dir).resolve()
            for other in list(_OPEN_ENGINES):
                if other.store.data_dir == folder:
                    other.close()
        store = Store(data_dir)
        try:
            return cls(store, broker, clock or SystemClock(), max_workers, start_scheduler)
        except BaseException:
            store.close()
            raise

    def __init__(self, store: Store, broker: BrokerSpec, clock, max_workers: int, start_scheduler: bool):
        self.store = store
        self.clock = clock
        self.settings = Settings(store.settings_db)
        self.event_log = EventLog(store.events, clock)
        self.journal = Journal(store.journal)
        self.mentor = MentorDesk(self.journal, store.emotions)
        self.runs = SavedRuns(store.backtests, store.data_dir / "backtest-runs")
        self.bar_cache = BarCache(store.data_dir / "bar-cache")
        self._job: optimise.Job | None = None
        self.broker = self._build_broker(broker)
        self.guard = BrokerGuard(self.broker, clock, self._broker_down, self._broker_up)
        self.book = BotBook(store.bots, self.event_log)
        self.feed = BarFeed(self.broker, clock)
        self.trader = Trader(book=self.book, broker=self.broker, guard=self.guard, feed=self.feed,
                             journal=self.journal, entries=OpenEntries(store.db("entries.json")),
                             settings=self.settings, clock=clock, on_halt=self._halt)
        self.started_at = clock.now()
        self.closed = False
        saved = store.runtime.get("runtime", 1) or {}
        for runtime in self.book.runtimes():
            runtime.restore(saved.get(str(runtime.bot_id), {}))
        self._workers = max_workers
        self._scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(max_workers)},
            job_defaults={"coalesce": True, "max_instances": 1},
            timezone=timezone.utc)
        self._scheduler.add_listener(self._on_skipped, EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED)
        self._recover()
        if start_scheduler:
            self._scheduler.start()
            self._scheduler.add_job(self._checkpoint, IntervalTrigger(seconds=CHECKPOINT_EVERY), id="checkpoint",
                                    misfire_grace_time=int(CHECKPOINT_EVERY))
            self._scheduler.add_job(self._sweep, IntervalTrigger(seconds=SWEEP_EVERY), id="sweep",
                                    misfire_grace_time=int(SWEEP_EVERY))
        _OPEN_ENGINES.add(self)
        self.event_log.add(None, ev.ENGINE_START, Msg("ev.engine_start", {
            "broker": self.broker.kind, "bots": len(self.book),
            "active": sum(1 for b in self.book if b.status == ACTIVE)}))

    def _build_broker(self, spec: BrokerSpec) -> Broker:
        if isinstance(spec, Broker):
            return spec
        if callable(spec):
            return spec(self.store, self.clock)
        if spec == "paper":
            from .brokers.paper import PaperBroker

            return PaperBroker(self.store, self.clock)
        if spec == "mt5":
            from .brokers.mt5 import MT5Broker

            return MT5Broker.from_environment(self.clock)
        raise ValidationError.one("broker", "settings.bad_broker", value=str(spec))

    def _recover(self) -> None:
        """Journal what closed while we were away, adopt orphans, and re-create the jobs."""
        for bot in self.book:
            try:
                self.trader.reconcile(bot)
            except BrokerUnavailable as exc:
                self.guard.failed(exc)
            except QbxError as exc:
                log.warning("recovery of bot %s: %s", bot.id, exc)
            if bot.status in (ACTIVE, PAUSED):
                self._schedule(bot.id, paused=bot.status == PAUSED)
        self._sweep()

    def close(self) -> None:
        """Stop scheduling, wait (bounded) for ticks in flight, save, release the folder."""
        with self.book.lock:
            if self.closed:
                return
            self.closed = True
            for runtime in self.book.runtimes():
                runtime.close_gate()
        try:
            if self._job is not None and self._job.state == "running":
                self._job.cancel()
            if self._scheduler.running:
                self._scheduler.shutdown(wait=False)
            deadline = time.monotonic() + CLOSE_WAIT
            for runtime in self.book.runtimes():
                if runtime.tick_lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
                    runtime.tick_lock.release()
                runtime.wait_for_orders()
            if self._job is not None:
                self._job.wait(max(0.0, deadline - time.monotonic()))
            self.event_log.add(None, ev.ENGINE_STOP, Msg("ev.engine_stop"))
            self._checkpoint(force=True)
            self.broker.close()
        finally:
            self.store.close()
            _OPEN_ENGINES.discard(self)

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- creating, changing, deleting ------------------------------------------
    def create_bot(self, data: dict) -> dict:
        """Save a new bot (stopped, or started at once with ``status="active"``)."""
        self._check_open()
        clean = clean_new_bot(data, self.broker.find_symbol)
        status = clean.pop("status")
        now = self.clock.now()
        record = {**clean, "status": STOPPED, "created_at": now, "updated_at": now, "error_streak": 0,
                  "position_ticket": None, "last_acted_bar": None, "last_error": None}
        bot = self.book.create(record)
        if status == ACTIVE:
            self.start_bot(bot.id)
        return self.get_bot(bot.id)

    def update_bot(self, bot_id: int, **changes) -> dict:
        """Change a bot's settings; a running bot uses them from its next tick."""
        self._check_open()
        with self.book.lock:
            current = self.book.get(bot_id)
            clean = clean_changes(current.to_record(), changes, self.broker.find_symbol)
            if not clean:
                return self.get_bot(bot_id)
            self.book.save(bot_id, **clean, updated_at=self.clock.now())
            if "check_interval" in clean and current.status in (ACTIVE, PAUSED):
                self._schedule(bot_id, paused=current.status == PAUSED)
            self.book.event(bot_id, ev.UPDATE, Msg("ev.update", {"fields": ", ".join(sorted(clean))}))
            return self.get_bot(bot_id)

    def delete_bot(self, bot_id: int, *, close_position: bool = False) -> None:
        """Stop and remove a bot; its open position is closed or left, as the trader chooses."""
        self._check_open()
        with self.book.lock:
            bot = self.book.get(bot_id)
            runtime = self._runtime(bot_id)
            if bot.status != STOPPED:
                self.book.save(bot_id, status=STOPPED)
            runtime.deleting = True
            self._unschedule(bot_id)
        runtime.wait_for_orders()
        closed_note = Msg("ev.delete_left") if bot.position_ticket else Msg("ev.delete_flat")
        if close_position:
            try:
                closed = self.trader.close_for_trader(bot_id)
            except BaseException:
                with self.book.lock:
                    runtime.deleting = False
                raise
            if closed is not None:
                closed_note = Msg("ev.delete_closed", {"ticket": closed.ticket, "profit": closed.net_profit})
        with self.book.lock:
            self.book.remove(bot_id)
            self.event_log.add(bot_id, ev.DELETE, Msg("ev.delete", {"name": bot.name, "position": closed_note}),
                               bot_name=bot.name)

    # -- lifecycle ---------------------------------------------------------------
    def start_bot(self, bot_id: int) -> dict:
        self._check_open()
        with self.book.lock:
            bot = self.book.get(bot_id)
            if bot.status == ACTIVE:
                return self.get_bot(bot_id)
            if bot.status == PAUSED:
                return self.resume_bot(bot_id)
            self.book.save(bot_id, status=ACTIVE, error_streak=0, last_error=None)
            self._schedule(bot_id, paused=False)
            self.book.event(bot_id, ev.START, Msg("ev.start", {
                "market": bot.market, "timeframe": bot.timeframe,
                "strategy": STRATEGIES[bot.strategy_name].label, "interval": bot.check_interval}))
            return self.get_bot(bot_id)

    def pause_bot(self, bot_id: int) -> dict:
        self._check_open()
        with self.book.lock:
            bot = self.book.get(bot_id)
            if bot.status == PAUSED:
                return self.get_bot(bot_id)
            if bot.status != ACTIVE:
                raise LifecycleError("err.cannot_pause", bot_id=bot_id, status=STATUS_LABELS[bot.status])
            self.book.save(bot_id, status=PAUSED)
            runtime = self._runtime(bot_id)
            runtime.close_gate()
            self._scheduler.pause_job(job_id(bot_id))
            self.book.event(bot_id, ev.PAUSE, Msg("ev.pause_with_position" if bot.position_ticket else "ev.pause"))
        runtime.wait_for_orders()
        return self.get_bot(bot_id)

    def resume_bot(self, bot_id: int) -> dict:
        self._check_open()
        with self.book.lock:
            bot = self.book.get(bot_id)
            if bot.status == ACTIVE:
                return self.get_bot(bot_id)
            if bot.status != PAUSED:
                raise LifecycleError("err.cannot_resume", bot_id=bot_id, status=STATUS_LABELS[bot.status])
            self.book.save(bot_id, status=ACTIVE)
            self._runtime(bot_id).trading_allowed = True
            self._scheduler.resume_job(job_id(bot_id))
            self.book.event(bot_id, ev.RESUME, Msg("ev.resume"))
            return self.get_bot(bot_id)

    def stop_bot(self, bot_id: int) -> dict:
        self._check_open()
        with self.book.lock:
            bot = self.book.get(bot_id)
            if bot.status == STOPPED:
                return self.get_bot(bot_id)
            self.book.save(bot_id, status=STOPPED)
            runtime = self._runtime(bot_id)
            self._unschedule(bot_id)
            self.book.event(bot_id, ev.STOP, Msg("ev.stop"))
        runtime.wait_for_orders()
        return self.get_bot(bot_id)

    def start_all(self) -> dict[str, list[int]]:
        """Start stopped bots and resume paused ones; bots in error wait for the trader."""
        outcome: dict[str, list[int]] = {"started": [], "skipped": []}
        for bot in self.book:
            if bot.status in (STOPPED, PAUSED):
                try:
                    self.start_bot(bot.id)
                    outcome["started"].append(bot.id)
                except (UnknownBot, LifecycleError):
                    outcome["skipped"].append(bot.id)
            elif bot.status == ERROR:
                outcome["skipped"].append(bot.id)
        return outcome

    def stop_all(self) -> dict[str, list[int]]:
        outcome: dict[str, list[int]] = {"stopped": []}
        for bot in self.book:
            if bot.status != STOPPED:
                try:
                    self.stop_bot(bot.id)
                    outcome["stopped"].append(bot.id)
                except UnknownBot:
                    pass
        return outcome

    def run_tick(self, bot_id: int) -> dict:
        """One tick now, synchronously (a test, or the "check now" button); returns the bot."""
        self._check_open()
        with self.book.lock:
            self.book.get(bot_id)
        self.trader.tick(bot_id, scheduled=False)
        return self.get_bot(bot_id)

    def close_position(self, bot_id: int) -> dict | None:
        """Close the bot's open position now, as the trader (journaled as manual)."""
        self._check_open()
        with self.book.lock:
            self.book.get(bot_id)
        closed = self.trader.close_for_trader(bot_id)
        return closed.to_json() if closed else None

    def sync_journal(self) -> int:
        """Journal closed positions of the account no bot has journaled yet (manual trades, other EAs);
        runs every few seconds by itself; returns how many it found."""
        self._check_open()
        return self.trader.sweep()

    # -- queries -------------------------------------------------------------------
    def get_bot(self, bot_id: int) -> dict:
        with self.book.lock:
            bot = self.book.get(bot_id).to_record()
            runtime = self._runtime(bot_id)
            bot.update(last_analysis=copy.deepcopy(runtime.last_analysis), last_tick_at=runtime.last_tick_at)
            return bot

    def list_bots(self) -> list[dict]:
        with self.book.lock:
            return [self.get_bot(bot_id) for bot_id in self.book.ids()]

    def events(self, bot_id: int | None = None, notifications_only: bool = False, limit: int | None = 200, *,
               offset: int = 0, actions=None, since: float | None = None, until: float | None = None) -> list[dict]:
        return self.event_log.query(bot_id=bot_id, notifications_only=notifications_only, actions=actions,
                                    since=since, until=until, limit=limit, offset=offset)

    def count_events(self, bot_id: int | None = None, notifications_only: bool = False, *, actions=None,
                     since: float | None = None, until: float | None = None) -> int:
        return self.event_log.count(bot_id=bot_id, notifications_only=notifications_only, actions=actions,
                                    since=since, until=until)

    def unread_notifications(self, limit: int = 100) -> list[dict]:
        return self.event_log.unread(self.settings.get("notifications_seen_seq"), limit)

    def mark_notifications_read(self) -> None:
        """Everything logged so far counts as read (by sequence, whatever the events' own times)."""
        self.settings.update(notifications_seen_seq=self.event_log.log.last_seq)

    def trades(self, bot_id: int | None = None, *, since: float | None = None, until: float | None = None,
               limit: int | None = None) -> list[dict]:
        return self.journal.trades(bot_id=bot_id, since=since, until=until, limit=limit)

    def positions(self) -> list[dict]:
        """Open positions of the account, each with the bot it belongs to (None if no bot)."""
        names = {bot.id: bot.name for bot in self.book}
        return [{**p.to_json(), "bot_id": p.magic if p.magic in names else None, "bot_name": names.get(p.magic)}
                for p in self._broker_call(self.broker.positions)]

    def account(self) -> dict:
        return self._broker_call(self.broker.account).to_json()

    def strategies(self) -> dict[str, dict]:
        return {name: cls.describe() for name, cls in STRATEGIES.items()}

    def symbols(self) -> list[str]:
        return self._broker_call(self.broker.symbols)

    def symbol_info(self, symbol: str) -> dict:
        return self._broker_call(self.broker.symbol_info, symbol).to_json()

    def rates(self, market: str, timeframe: str, count: int):
        symbol = self._broker_call(self.broker.find_symbol, market)
        if symbol is None:
            raise ValidationError.one("market", "bot.unknown_market", market=market)
        return self._broker_call(self.broker.rates, symbol, timeframe, count)

    def account_currency(self) -> str:
        return self._broker_call(self.trader.currency)

    def now(self) -> float:
        """The engine's time (epoch seconds): what "now" means for bots, the mentor and the pages."""
        return self.clock.now()

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    @property
    def broker_kind(self) -> str:
        return self.broker.kind

    def get_settings(self) -> dict[str, Any]:
        return self.settings.all()

    def set_paper_balance(self, balance: float) -> dict:
        """Deposit or withdraw in the paper account (its balance becomes ``balance``)."""
        self._check_open()
        set_balance = getattr(self.broker, "set_balance", None)
        if set_balance is None:
            raise ValidationError.one("balance", "settings.not_paper")
        amount = _money_amount(balance)
        self._broker_call(set_balance, amount)
        return self.account()

    # -- history and performance --------------------------------------------------------
    def deal_history(self, *, days: int = 30, symbol: str | None = None, bot: int | str | None = None,
                     side: str | None = None, result: str | None = None) -> dict:
        """Every position of the account closed in the last ``days`` calendar days, from the broker's history
        (bots', manual and other EAs' alike), filtered; with the period's symbols and bots for the filters."""
        since, until = self._window(days)
        closed = self._broker_call(self.broker.deal_history, since, until)
        noted = {x["position_id"]: x for x in self.journal.trades(since=since, until=until)}
        rows = history.deal_rows(closed, {bot.id: bot.name for bot in self.book}, noted)
        shown = history.filter_deals(rows, symbol=symbol, bot=bot, side=side, result=result)
        return {"since": since, "until": until, "deals": shown, "totals": history.totals(shown),
                "symbols": sorted({r["symbol"] for r in rows}),
                "bots": sorted({(r["bot_id"], r["bot_name"]) for r in rows if r["bot_id"] is not None})}

    def performance(self, bot_id: int | None = None, *, period: str = "day", days: int = 90) -> dict:
        """A bot's (or the whole account's) closed trades of the last ``days`` days: figures for the window and
        per day, week or month, and the balance curve they walked (the journal: R multiples need its risk)."""
        if period not in performance.PERIODS:
            raise ValidationError.one("period", "perf.bad_period", value=str(period)[:20])
        since, until = self._window(days)
        if bot_id is not None:
            with self.book.lock:
                self.book.get(bot_id)
        trades = self.journal.trades(bot_id=bot_id, since=since, until=until, newest_first=False)
        start = None
        if bot_id is None and not self.guard.is_down:
            try:
                since_then = sum(x["net_profit"] for x in self.journal.trades(since=since))
                start = cents(self.account()["balance"] - since_then)
            except BrokerUnavailable:
                start = None
        times, curve = performance.balance_curve(trades, start)
        return {"since": since, "until": until, "period": period, "summary": performance.summary(trades, start),
                "periods": performance.by_period(trades, period, self.settings.get("timezone")),
                "curve": {"time": times.tolist(), "balance": curve.tolist()}}

    def live_vs_backtest(self, bot_id: int) -> dict:
        """The backtest of the bot's exact settings over the period it has run (from its first start), trade by
        trade against what it really did; see :mod:`qbx_engine.backtest.live`."""
        with self.book.lock:
            bot = self.book.get(bot_id)
        trades = self.journal.trades(bot_id=bot_id, newest_first=False)
        starts = self.event_log.query(bot_id=bot_id, actions=[ev.START], limit=None)
        begun = [e["ts"] for e in starts] + [x["open_time"] for x in trades[:1]]
        if not begun:
            raise ValidationError.one("bot", "live.never_ran", name=bot.name)
        started, now = min(begun), self.clock.now()
        symbol = self._broker_call(self.broker.find_symbol, bot.market)
        if symbol is None:
            raise ValidationError.one("market", "bot.unknown_market", market=bot.market)
        info = self._broker_call(self.broker.symbol_info, symbol)
        bars = self._broker_call(self.broker.rates, symbol, bot.timeframe, live.bars_to_fetch(bot, started, now))
        if len(bars) < 3:
            raise ValidationError.one("bot", "live.no_bars", market=bot.market)
        trades = [x for x in trades if x["open_time"] >= bars.time[0]]
        balance = next((x["balance_at_entry"] for x in trades if x.get("balance_at_entry")), None)
        if balance is None:
            balance = self._broker_call(self.broker.balance)
        return live.compare(bot, trades, self._broker_call(self.broker.positions, bot_id), bars, info, started,
                            balance)

    def _window(self, days) -> tuple[float, float]:
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 3660:
            raise ValidationError.one("days", "hist.bad_days", value=str(days)[:20])
        return performance.local_window(days, self.clock.now(), self.settings.get("timezone"))

    # -- the mentor -----------------------------------------------------------------
    def add_emotion(self, entry: dict) -> dict:
        """Log how the trader feels (several entries a day are fine); ValidationError saves nothing."""
        self._check_open()
        return self.mentor.add_emotion(entry, self.clock.now(), self.settings.get("timezone"))

    def emotions(self, day: str | date | None = None) -> list[dict]:
        return self.mentor.emotions(self._day(day), self.settings.get("timezone"))

    def mentor_report(self, day: str | date | None = None) -> dict:
        """The mentor's analysis of one day (today by default); messages are keys, render per language."""
        return self.mentor.analyse(self._day(day), self.settings.get("timezone"), self.account_currency())

    def mentor_feedback(self, emotion: str) -> list[dict]:
        """Advice for the emotion felt right now, given today's trades so far."""
        return self.mentor.feedback(emotion, self._day(None), self.settings.get("timezone"))

    def sessions(self, days: int = 30) -> list[dict]:
        """The last ``days`` calendar days (today last), each with its trades, totals and emotions."""
        today = self._day(None)
        return self.mentor.sessions(today - timedelta(days=days - 1), today, self.settings.get("timezone"))

    # -- the backtester ---------------------------------------------------------------
    def backtest(self, config: BacktestConfig, *, symbol: str, timeframe: str, count: int = 3000,
                 bars: pd.DataFrame | None = None, source: str = "paper", progress=None,
                 span: tuple[float, float] | None = None) -> BacktestResult:
        """Replay ``config`` and keep the run (see :meth:`backtests`). The bars: the paper market's last
        ``count``, ``bars`` from a CSV, or with ``span`` (UTC epoch start, end) the broker's own history of any
        of its symbols (MT5: ``copy_rates_range``), cached in the data folder.

        ``symbol`` gives the contract (size, currencies, spread) the profits are computed with.
        """
        history, contract = self._backtest_data(symbol, timeframe, count, bars, span)
        result = run_backtest(history, config, contract, progress)
        try:
            result.run_id = self.runs.save(result, ts=self.clock.now(), symbol=contract.symbol, timeframe=timeframe,
                                           source=source)["run_id"]
        except StoreWriteError as exc:  # the run stands; only keeping it failed, and the page says so
            log.warning("backtest not saved: %s", exc)
        return result

    def _backtest_data(self, symbol: str, timeframe: str, count: int, bars, span) -> tuple[Bars, Contract]:
        if timeframe not in TIMEFRAMES:
            raise ValidationError.one("timeframe", "bt.bad_timeframe", value=str(timeframe)[:10])
        if span is None:
            if symbol not in PAPER_SYMBOLS:
                raise ValidationError({"symbol": Msg("bot.unknown_market", {"market": str(symbol)})})
            if bars is None:
                bars = paper_history(symbol, timeframe, count, self.clock.now())
            return (Bars.from_frame(bars) if isinstance(bars, pd.DataFrame) else bars), Contract.paper(symbol)
        since, until = (float(x) for x in span)
        now = self.clock.now()
        if not since < min(until, now) or (min(until, now) - since) / seconds(timeframe) > MAX_HISTORY_BARS:
            raise ValidationError.one("span", "bt.bad_span", most=MAX_HISTORY_BARS)
        found = self._broker_call(self.broker.find_symbol, symbol)
        if found is None:
            raise ValidationError.one("symbol", "bot.unknown_market", market=str(symbol)[:30])
        contract = Contract.from_info(self._broker_call(self.broker.symbol_info, found))
        where = json.dumps(self.broker.describe().get("server"))
        history = self.bar_cache.bars(f"{self.broker.kind}|{where}", found, timeframe, since, until,
                                      complete=until + seconds(timeframe) <= now,
                                      fetch=lambda: self._broker_call(self.broker.history_rates, found, timeframe,
                                                                      since, until))
        if not len(history):
            raise ValidationError.one("span", "bt.no_history", symbol=found, timeframe=timeframe)
        return history, contract

    # -- optimisation ----------------------------------------------------------------------
    def start_optimisation(self, spec: optimise.Spec, *, symbol: str, timeframe: str, count: int = 3000,
                           bars: pd.DataFrame | None = None, source: str = "paper",
                           span: tuple[float, float] | None = None, workers: int | None = None) -> dict:
        """Start a grid search off the caller's thread (one at a time); follow it with :meth:`optimisation`."""
        self._check_open()
        if self._job is not None and self._job.state == "running":
            raise LifecycleError("opt.busy")
        history, contract = self._backtest_data(symbol, timeframe, count, bars, span)
        optimise.check(spec, history)
        self._job = optimise.Job(spec, history, contract, {"symbol": contract.symbol, "timeframe": timeframe,
                                                           "source": source}, workers, started_at=self.clock.now())
        return self._job.start().status()

    def optimisation(self) -> dict | None:
        """The running or last optimisation: state, progress and, when done, its ranked results."""
        return None if self._job is None else self._job.status()

    def cancel_optimisation(self) -> dict | None:
        if self._job is not None and self._job.state == "running":
            self._job.cancel()
            self._job.wait(CLOSE_WAIT)
        return self.optimisation()

    def backtests(self, limit: int = 20) -> list[dict]:
        """Saved runs, newest first (``reopenable`` when their data is still on disk)."""
        return self.runs.list(limit)

    def open_backtest(self, run_id: str) -> BacktestResult:
        """A saved run with its trades, equity and chart, as it was."""
        return self.runs.open(run_id)

    def delete_backtest(self, run_id: str) -> None:
        self._check_open()
        self.runs.delete(run_id)

    def _day(self, day: str | date | None) -> date:
        if day is None:
            return local_day(self.clock.now(), self.settings.get("timezone"))
        if isinstance(day, date):
            return day
        try:
            return date.fromisoformat(str(day))
        except ValueError:
            raise ValidationError({"day": Msg("mentor.err.day", {"value": str(day)})}) from None

    def today(self) -> str:
        return local_day(self.clock.now(), self.settings.get("timezone")).isoformat()

    def health(self) -> dict:
        now = self.clock.now()
        with self.book.lock:
            bots = {}
            for bot in self.book:
                runtime = self._runtime(bot.id)
                reference = runtime.last_tick_at or bot.updated_at or self.started_at
                stale = bot.status == ACTIVE and now - max(reference, self.started_at) > 3 * bot.check_interval
                lateness = sorted(runtime.lateness_ms)
                bots[bot.id] = {
                    "status": bot.status, "last_tick_at": runtime.last_tick_at, "ticks": runtime.ticks,
                    "overruns": runtime.overruns, "missed": runtime.missed, "error_streak": bot.error_streak,
                    "stale": stale, "last_duration_ms": runtime.last_duration_ms,
                    "lateness_p50_ms": _percentile(lateness, 50), "lateness_p99_ms": _percentile(lateness, 99)}
            counts = {status: sum(1 for b in self.book if b.status == status) for status in STATUSES}
            jobs = len([j for j in self._scheduler.get_jobs() if j.id.startswith("bot-")])
        return {
            "engine": {"started_at": self.started_at, "uptime": now - self.started_at, "closed": self.closed,
                       "scheduler_running": self._scheduler.running, "jobs": jobs, "bots": counts,
                       "broker": self.broker.describe(), "broker_ok": not self.guard.is_down,
                       "broker_down_since": self.guard.down_since, "broker_problem": self.guard.last_problem,
                       "stale_bots": [b for b, h in bots.items() if h["stale"]],
                       "data_dir": str(self.store.data_dir), "bar_fetches": self.feed.fetches,
                       "workers": self._workers},
            "bots": bots}

    def verify_invariants(self) -> list[str]:
        """Where the store and the scheduler disagree (empty when all is well)."""
        problems = []
        with self.book.lock:
            jobs = {j.id: j for j in self._scheduler.get_jobs()}
            stored = {b["id"]: b["status"] for b in self.store.bots.list()}
            if stored != {bot.id: bot.status for bot in self.book}:
                problems.append("the bot cache differs from the store")
            for bot_id, status in stored.items():
                job = jobs.get(job_id(bot_id))
                running = job is not None and getattr(job, "next_run_time", None) is not None
                paused = job is not None and not running
                if status == ACTIVE and not running:
                    problems.append(f"bot {bot_id} is active without a running job")
                if status == PAUSED and not paused:
                    problems.append(f"bot {bot_id} is paused without a paused job")
                if status in (STOPPED, ERROR) and job is not None:
                    problems.append(f"bot {bot_id} is {status} but has a job")
            for name in jobs:
                if name.startswith("bot-") and int(name[4:]) not in stored:
                    problems.append(f"job {name} has no bot")
        return problems

    def update_settings(self, **changes) -> dict:
        return self.settings.update(**changes)

    # -- internals -----------------------------------------------------------------
    def _check_open(self) -> None:
        if self.closed:
            raise LifecycleError("err.engine_closed")

    def _runtime(self, bot_id: int) -> BotRuntime:
        runtime = self.book.runtime(bot_id)
        if runtime is None:
            raise UnknownBot(bot_id)
        return runtime

    def _schedule(self, bot_id: int, *, paused: bool) -> None:
        """(Re)create the bot's job on the grid of its interval, so ticks follow bar closes.

        A 60-second bot ticks just after each minute's close, a 1-second bot every
        second; bots sharing a close start within :data:`SPREAD_TICKS` of it, each
        at its own offset, so a thousand of them do not all start at once.
        """
        bot = self.book.get(bot_id)
        interval = float(bot.check_interval)
        runtime = self._runtime(bot_id)
        offset = (bot_id * GOLDEN) % 1.0 * min(interval, SPREAD_TICKS)
        now = time.time()
        start = datetime.fromtimestamp(math.floor(now / interval) * interval + interval + offset, timezone.utc)
        runtime.grid_start, runtime.interval = start.timestamp(), interval
        runtime.trading_allowed = not paused
        kwargs: dict[str, Any] = {"next_run_time": None} if paused else {}
        self._scheduler.add_job(self._scheduled_tick, IntervalTrigger(seconds=interval, start_date=start),
                                args=[bot_id], id=job_id(bot_id), replace_existing=True,
                                misfire_grace_time=max(1, int(min(interval / 2, 30))), **kwargs)

    def _unschedule(self, bot_id: int) -> None:
        self._runtime(bot_id).close_gate()
        try:
            self._scheduler.remove_job(job_id(bot_id))
        except JobLookupError:
            pass

    def _halt(self, bot_id: int, generation: int, problem: Msg) -> None:
        """Put a bot in ``error`` after repeated failures (only if nothing changed it meanwhile)."""
        with self.book.lock:
            runtime = self.book.runtime(bot_id)
            bot = self.book.find(bot_id)
            if runtime is None or bot is None or runtime.generation != generation or bot.status != ACTIVE:
                return
            self.book.save(bot_id, status=ERROR)
            self._unschedule(bot_id)
            self.book.event(bot_id, ev.HALTED, problem)

    def _scheduled_tick(self, bot_id: int) -> None:
        runtime = self.book.runtime(bot_id)
        if runtime is None:
            return
        if runtime.grid_start is not None and runtime.interval:
            late = (time.time() - runtime.grid_start) % runtime.interval
            runtime.lateness_ms.append(late * 1000.0 if late < runtime.interval else 0.0)
        self.trader.tick(bot_id, scheduled=True)

    def _on_skipped(self, event) -> None:
        if not event.job_id.startswith("bot-"):
            return
        bot_id = int(event.job_id[4:])
        runtime = self.book.runtime(bot_id)
        bot = self.book.find(bot_id)
        if runtime is None or bot is None:
            return
        if event.code == EVENT_JOB_MAX_INSTANCES:
            runtime.overruns += 1
        else:
            runtime.missed += 1
        now = self.clock.now()
        if runtime.overrun_logged_at is None or now - runtime.overrun_logged_at >= OVERRUN_LOG_EVERY:
            runtime.overrun_logged_at = now  # at most one line a minute: an overloaded engine must not log more
            self.book.event(bot_id, ev.TICK_OVERRUN, Msg("ev.overrun", {
                "interval": bot.check_interval, "count": runtime.overruns + runtime.missed}))

    def _checkpoint(self, force: bool = False) -> None:
        """Save what the dashboard shows of each bot, so a restart does not blank it."""
        if not (self.trader.dirty or force):
            return
        self.trader.dirty = False
        with self.book.lock:
            snapshot = {str(runtime.bot_id): runtime.snapshot() for runtime in self.book.runtimes()}
        try:
            self.store.runtime.upsert_doc("runtime", 1, snapshot)
        except QbxError as exc:
            log.warning("could not save the bots' last analyses: %s", exc)

    def _sweep(self) -> None:
        try:
            self.guard.check()
            self.trader.sweep()
        except BrokerUnavailable as exc:
            self.guard.failed(exc)
        except QbxError as exc:
            log.warning("journal sweep: %s", exc)

    def _broker_call(self, method, *args):
        self.guard.check()
        try:
            return method(*args)
        except BrokerUnavailable as exc:
            self.guard.failed(exc)
            raise

    def _broker_down(self, exc: BrokerUnavailable) -> None:
        self.book.event(None, ev.BROKER_DOWN, Msg("ev.broker_down", {"problem": exc.msg}))

    def _broker_up(self, down_for: float) -> None:
        self.feed.forget()
        self.book.event(None, ev.BROKER_UP, Msg("ev.broker_up", {"seconds": round(down_for)}))


def _money_amount(value) -> float:
    """A balance the trader typed: a finite number from 0.01 to 1e12, or ValidationError."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0.01 <= value <= 1e12:
        raise ValidationError.one("balance", "settings.bad_balance", value=str(value)[:30])
    return float(value)


def _percentile(values: list[float], pct: float) -> float | None:
    if not values:
        return None
    index = min(len(values) - 1, max(0, math.ceil(pct / 100 * len(values)) - 1))
    return round(values[index], 3)


_OPEN_ENGINES: "weakref.WeakSet[Engine]" = weakref.WeakSet()


@atexit.register
def _close_open_engines() -> None:
    """A process that exits without closing its engine still stops trading and saves cleanly."""
    for engine in list(_OPEN_ENGINES):
        try:
            engine.close()
        except Exception:  # noqa: BLE001 - exiting anyway; nothing else to do with it
            log.exception("closing the engine at exit failed")
