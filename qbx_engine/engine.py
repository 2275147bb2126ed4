"""The Engine: the one object the dashboard, tests and benchmarks talk to.

It owns the data folder (exclusively), the broker, and one APScheduler
``BackgroundScheduler`` with one interval job per running bot. Every lifecycle
call validates, persists, and changes the job table under the bot book's lock,
so when a call returns the store and the scheduler agree (invariant 1 of
DESIGN.md). The trading itself — one tick — is :class:`qbx_engine.trading.trader.Trader`;
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
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn

import pandas as pd
from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from .backtest import BacktestConfig, BacktestResult, live, optimise, paper_history, run_backtest
from .backtest.bar_cache import BarCache
from .backtest.runner import Contract
from .backtest.saved import SavedRuns
from .brokers import BROKERS, DEFAULT_BROKER
from .brokers.base import Broker
from .core import inputs
from .core.clock import SystemClock
from .core.errors import (
    BrokerUnavailable,
    LifecycleError,
    PartlySaved,
    QbxError,
    StoreWriteError,
    UnknownBot,
    ValidationError,
)
from .core.i18n import Msg
from .core.money import cents
from .market.bars import Bars
from .market.symbols import PAPER_SYMBOLS
from .market.timeframes import TIMEFRAMES, seconds
from .mentor.context import MentorView
from .mentor.desk import MentorDesk
from .notify.notifier import Notifier
from .reports import history, performance
from .safety.brake import EmergencyBrake
from .safety.calendar import PRESETS, preset_view
from .safety.gates import Gates
from .settings import Settings
from .store import Store, resolve_data_dir
from .store.migrate import migrate
from .strategies import STRATEGIES
from .trading import events as ev
from .trading.botbook import BotBook
from .trading.bots import (
    ACTIVE,
    ERROR,
    PAUSED,
    STATUS_LABELS,
    STATUSES,
    STOPPED,
    STRUCTURAL,
    clean_changes,
    clean_new_bot,
)
from .trading.broker_guard import BrokerGuard
from .trading.entries import OpenEntries
from .trading.events import EventLog
from .trading.feed import BarFeed
from .trading.journal import Journal, local_day
from .trading.runtime import BotRuntime
from .trading.trader import Trader

log = logging.getLogger(__name__)

GOLDEN = 0.6180339887498949
CHECKPOINT_EVERY = 10.0  # seconds between saves of the bots' last analyses
SWEEP_EVERY = 15.0  # seconds between looks for closed positions no bot journaled (manual, other EAs)
WATCH_EVERY = 5.0  # seconds between the emergency brake's looks at the account (equity peak, loss limits)
CLOSE_WAIT = 10.0  # seconds close() waits for ticks in flight
# Ticks are short and mostly hold the GIL (paper) or wait on the terminal (MT5): a few threads per core.
DEFAULT_WORKERS = max(4, min(16, 4 * (os.cpu_count() or 1)))
SPREAD_TICKS = 1.0  # seconds over which bots sharing a bar close start their ticks after it
MAX_HISTORY_BARS = 200_000  # the longest broker history one backtest reads

BrokerSpec = str | Broker | Callable[[Store, Any], Broker]
MAX_BARS = 100_000  # bars one call may ask for (a year of M5 is ~75,000)
FIRST_DAY, LAST_DAY = date(1970, 1, 2), date(2099, 12, 30)


def job_id(bot_id: int) -> str:
    return f"bot-{bot_id}"


class Engine:
    """Open with :meth:`Engine.open`; close with :meth:`close` or a ``with`` block."""

    # -- opening and closing ---------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path | str | None = None, broker: BrokerSpec = DEFAULT_BROKER, *, clock=None,
             max_workers: int = DEFAULT_WORKERS, start_scheduler: bool = True, take_over: bool = False) -> Engine:
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
        migrate(store)  # an older folder is brought up to date; records are then checked as they load
        self.settings = Settings(store.settings_db)
        self.event_log = EventLog(store.events, clock)
        self.book = BotBook(store.bots, self.event_log)
        self.journal = Journal(store.journal)
        self.mentor = MentorDesk(self.journal, store.emotions)
        # -- notifications out (qbx_engine.notify): events are queued by the listener, sent by its own thread
        self.notifier = Notifier(store, self.settings, clock, reports=self,
                                 error_streak=self._error_streak)
        self.event_log.listeners.append(self.notifier.on_event)
        # -- the backtester's saved runs, its broker-history cache and the one optimisation that may run
        self.runs = SavedRuns(store.backtests, store.data_dir / "backtest-runs")
        self.bar_cache = BarCache(store.data_dir / "bar-cache")
        self._job: optimise.Job | None = None
        self.broker = self._build_broker(broker)
        self.guard = BrokerGuard(self.broker, clock, self._broker_down, self._broker_up)
        self.feed = BarFeed(self.broker, clock)
        # -- entry gates (qbx_engine.safety.gates) and the emergency brake (qbx_engine.safety.brake)
        self.emergency_brake = EmergencyBrake(store.db("protections.json"), self.journal, self.settings, clock,
                                              self.event_log)
        self.gates = Gates(self.journal, self.settings, self.emergency_brake)
        self.trader = Trader(book=self.book, broker=self.broker, guard=self.guard, feed=self.feed,
                             journal=self.journal, entries=OpenEntries(store.db("entries.json")),
                             settings=self.settings, gates=self.gates, clock=clock, on_halt=self._halt)
        self.started_at = clock.now()
        self.closed = False
        saved = store.runtime.get("runtime", 1) or {}  # derived data: a wrong shape is logged and ignored
        saved.pop("doc_id", None)
        if any(not isinstance(value, dict) for value in saved.values()):
            log.warning("%s: some saved analyses have the wrong shape; they are ignored", store.runtime.path)
        for runtime in self.book.runtimes():
            runtime.restore(saved.get(str(runtime.bot_id)))
        self._workers = max_workers
        self._scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(max_workers)},
            job_defaults={"coalesce": True, "max_instances": 1},
            timezone=UTC)
        self._scheduler.add_listener(self._on_skipped, EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED)
        self._recover()
        if start_scheduler:
            self._scheduler.start()
            self._scheduler.add_job(self._checkpoint, IntervalTrigger(seconds=CHECKPOINT_EVERY), id="checkpoint",
                                    misfire_grace_time=int(CHECKPOINT_EVERY))
            self._scheduler.add_job(self._sweep, IntervalTrigger(seconds=SWEEP_EVERY), id="sweep",
                                    misfire_grace_time=int(SWEEP_EVERY))
            self._scheduler.add_job(self._watch, IntervalTrigger(seconds=WATCH_EVERY), id="account-watch",
                                    misfire_grace_time=int(WATCH_EVERY))
        self.notifier.start(self._scheduler if start_scheduler else None)
        _OPEN_ENGINES.add(self)
        self.event_log.add(None, ev.ENGINE_START, Msg("ev.engine_start", {
            "broker": self.broker.kind, "bots": len(self.book),
            "active": sum(1 for b in self.book if b.status == ACTIVE)}))

    def _build_broker(self, spec: BrokerSpec) -> Broker:
        if isinstance(spec, Broker):
            return spec
        if callable(spec):
            return spec(self.store, self.clock)
        kind = BROKERS.get(spec) if isinstance(spec, str) else None
        if kind is None:
            raise ValidationError.one("broker", "settings.bad_broker", value=inputs.shown(spec))
        return kind.build(self.store, self.clock)

    def _recover(self) -> None:
        """Journal what closed while we were away, adopt orphans, and re-create the jobs.

        The brake's first look (equity peak, a brake whose day is over) comes first: the journal sweep is
        the last look at the broker here, so everything closed by then is journaled when this returns."""
        self._watch()
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
            # Closing always finishes and frees the folder: what cannot be saved now (a full disk) is logged.
            _logged_failure("the ENGINE STOP line", self.event_log.add, None, ev.ENGINE_STOP, Msg("ev.engine_stop"))
            self._checkpoint(force=True)
            _logged_failure("the broker's last state", self.broker.close)
        finally:
            self.notifier.close()  # notifications: bounded wait; unsent messages stay queued
            try:
                _logged_failure("the data folder's last changes", self.store.close)
            finally:
                _OPEN_ENGINES.discard(self)

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- creating, changing, deleting ------------------------------------------
    # A lifecycle change and its line in the activity log succeed or fail together where the change lets a
    # bot trade (start, resume, update: undone if its line cannot be written, StoreWriteError says so). A
    # change that stops trading (pause, stop, delete, halt) is never undone for want of a log line: it is
    # kept and PartlySaved says exactly that. Either way memory, the scheduler and the files agree.
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
            try:
                self.start_bot(bot.id)
            except PartlySaved:
                raise  # started; it says what is missing
            except QbxError as exc:
                raise PartlySaved("store.created_not_started", bot_id=bot.id, problem=exc.msg) from exc
        return self.get_bot(bot.id)

    def update_bot(self, bot_id: int, **changes) -> dict:
        """Change a bot's settings; a running bot uses them from its next tick.

        Parameters, risk, SL/TP and the name change at any time; the market, timeframe,
        strategy and stop mode only while the bot is not active, and the market only
        without an open position (:func:`qbx_engine.trading.bots.clean_changes`).
        """
        self._check_open()
        with self.book.lock:
            current = self.book.get(bot_id)
            clean = clean_changes(current.to_record(), changes, self.broker.find_symbol)
            if not clean:
                return self.get_bot(bot_id)
            self.book.save(bot_id, **clean, updated_at=self.clock.now())
            reschedule = "check_interval" in clean and current.status in (ACTIVE, PAUSED)
            if reschedule:
                self._schedule(bot_id, paused=current.status == PAUSED)
            restructured = bool(set(clean) & set(STRUCTURAL))
            if restructured:  # what the bot last saw was another market, timeframe or strategy
                runtime = self._runtime(bot_id)
                runtime.analysed = runtime.last_analysis = None

            def undo() -> None:
                self.book.save(bot_id, **{name: getattr(current, name) for name in clean},
                               updated_at=current.updated_at)
                if reschedule:
                    self._schedule(bot_id, paused=current.status == PAUSED)

            self._log_change(bot_id, ev.UPDATE, Msg("ev.update", {"fields": ", ".join(sorted(clean))}), "update",
                             undo)
            if restructured and current.position_ticket:
                self.book.event(bot_id, ev.UPDATE, Msg("ev.update_with_position", {
                    "ticket": current.position_ticket, "market": current.market}))
            return self.get_bot(bot_id)

    def delete_bot(self, bot_id: int, *, close_position: bool = False) -> None:
        """Stop and remove a bot; its open position is closed or left, as the trader chooses."""
        self._check_open()
        inputs.flag("close_position", close_position)
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
            except QbxError as exc:
                self._not_deleted(bot, runtime, exc)
            except BaseException:
                with self.book.lock:
                    runtime.deleting = False
                raise
            if closed is not None:
                closed_note = Msg("ev.delete_closed", {"ticket": closed.ticket, "profit": closed.net_profit})
        with self.book.lock:
            try:
                self.book.remove(bot_id)
            except StoreWriteError as exc:
                self._not_deleted(bot, runtime, exc)
            self._log_change(bot_id, ev.DELETE, Msg("ev.delete", {"name": bot.name, "position": closed_note}),
                             "delete", bot_name=bot.name)

    def _not_deleted(self, bot, runtime: BotRuntime, cause: QbxError) -> NoReturn:
        """The bot stays (stopped, if it was running: then its STOP line is logged), and the trader is told."""
        with self.book.lock:
            runtime.deleting = False
            if bot.status != STOPPED:
                try:
                    self.book.event(bot.id, ev.STOP, Msg("ev.stop"))
                except StoreWriteError as exc:
                    log.warning("bot %s: stopped, its STOP line not logged: %s", bot.id, exc)
        key = "store.not_deleted" if bot.status == STOPPED else "store.stopped_not_deleted"
        raise PartlySaved(key, bot_id=bot.id, problem=cause.msg) from cause

    # -- lifecycle ---------------------------------------------------------------
    def start_bot(self, bot_id: int) -> dict:
        self._check_open()
        runtime = None
        try:
            with self.book.lock:
                bot = self.book.get(bot_id)
                if bot.status == ACTIVE:
                    return self.get_bot(bot_id)
                if bot.status == PAUSED:
                    return self.resume_bot(bot_id)
                self.book.save(bot_id, status=ACTIVE, error_streak=0, last_error=None)
                self._schedule(bot_id, paused=False)
                runtime = self._runtime(bot_id)

                def undo() -> None:
                    self.book.save(bot_id, status=bot.status, error_streak=bot.error_streak,
                                   last_error=bot.last_error)
                    self._unschedule(bot_id)

                self._log_change(bot_id, ev.START, Msg("ev.start", {
                    "market": bot.market, "timeframe": bot.timeframe,
                    "strategy": STRATEGIES[bot.strategy_name].label, "interval": bot.check_interval}), "start", undo)
                return self.get_bot(bot_id)
        except StoreWriteError:
            if runtime is not None:
                runtime.wait_for_orders()  # undone: no order from a tick that slipped in meanwhile
            raise

    def pause_bot(self, bot_id: int) -> dict:
        self._check_open()
        runtime = None
        try:
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
                self._log_change(bot_id, ev.PAUSE,
                                 Msg("ev.pause_with_position" if bot.position_ticket else "ev.pause"), "pause")
        finally:
            if runtime is not None:
                runtime.wait_for_orders()  # paused, even if its log line failed: no order after this returns
        return self.get_bot(bot_id)

    def resume_bot(self, bot_id: int) -> dict:
        self._check_open()
        runtime = None
        try:
            with self.book.lock:
                bot = self.book.get(bot_id)
                if bot.status == ACTIVE:
                    return self.get_bot(bot_id)
                if bot.status != PAUSED:
                    raise LifecycleError("err.cannot_resume", bot_id=bot_id, status=STATUS_LABELS[bot.status])
                self.book.save(bot_id, status=ACTIVE)
                runtime = self._runtime(bot_id)
                runtime.trading_allowed = True
                self._scheduler.resume_job(job_id(bot_id))

                def undo() -> None:
                    self.book.save(bot_id, status=PAUSED)
                    runtime.close_gate()
                    self._scheduler.pause_job(job_id(bot_id))

                self._log_change(bot_id, ev.RESUME, Msg("ev.resume"), "resume", undo)
                return self.get_bot(bot_id)
        except StoreWriteError:
            if runtime is not None:
                runtime.wait_for_orders()
            raise

    def stop_bot(self, bot_id: int) -> dict:
        self._check_open()
        runtime = None
        try:
            with self.book.lock:
                bot = self.book.get(bot_id)
                if bot.status == STOPPED:
                    return self.get_bot(bot_id)
                self.book.save(bot_id, status=STOPPED)
                runtime = self._runtime(bot_id)
                self._unschedule(bot_id)
                self._log_change(bot_id, ev.STOP, Msg("ev.stop"), "stop")
        finally:
            if runtime is not None:
                runtime.wait_for_orders()
        return self.get_bot(bot_id)

    def start_all(self) -> dict[str, list[int]]:
        """Start stopped bots and resume paused ones; bots in error wait for the trader.

        A bot that cannot be started does not keep the others from starting; PartlySaved then
        names each one and why (the others are started)."""
        self._check_open()
        outcome: dict[str, list[int]] = {"started": [], "skipped": []}
        problems: list[Msg] = []
        for bot in self.book:
            if bot.status in (STOPPED, PAUSED):
                try:
                    self.start_bot(bot.id)
                    outcome["started"].append(bot.id)
                except (UnknownBot, LifecycleError):
                    outcome["skipped"].append(bot.id)
                except QbxError as exc:
                    (outcome["started"] if isinstance(exc, PartlySaved) else outcome["skipped"]).append(bot.id)
                    problems.append(exc.msg)
            elif bot.status == ERROR:
                outcome["skipped"].append(bot.id)
        if problems:
            raise PartlySaved("store.all_partly", done=_bot_list(outcome["started"]), problems=problems)
        return outcome

    def stop_all(self) -> dict[str, list[int]]:
        """Stop every bot; one that cannot be stopped does not keep the others running (PartlySaved names it)."""
        self._check_open()
        outcome: dict[str, list[int]] = {"stopped": []}
        problems: list[Msg] = []
        for bot in self.book:
            if bot.status != STOPPED:
                try:
                    self.stop_bot(bot.id)
                    outcome["stopped"].append(bot.id)
                except UnknownBot:
                    pass
                except QbxError as exc:
                    if isinstance(exc, PartlySaved):
                        outcome["stopped"].append(bot.id)
                    problems.append(exc.msg)
        if problems:
            raise PartlySaved("store.all_partly", done=_bot_list(outcome["stopped"]), problems=problems)
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
        """Newest first; ``limit=None`` for all; ``actions`` one action or several (events.ACTIONS)."""
        return self.event_log.query(**_event_filter(bot_id, notifications_only, actions, since, until),
                                    limit=inputs.optional_whole("limit", limit, 0),
                                    offset=inputs.whole("offset", offset, 0))

    def count_events(self, bot_id: int | None = None, notifications_only: bool = False, *, actions=None,
                     since: float | None = None, until: float | None = None) -> int:
        return self.event_log.count(**_event_filter(bot_id, notifications_only, actions, since, until))

    def unread_notifications(self, limit: int = 100) -> list[dict]:
        return self.event_log.unread(self.settings.get("notifications_seen_seq"), inputs.whole("limit", limit, 0))

    def mark_notifications_read(self) -> None:
        """Everything logged so far counts as read (by sequence, whatever the events' own times)."""
        self.settings.update(notifications_seen_seq=self.event_log.log.last_seq)

    def trades(self, bot_id: int | None = None, *, since: float | None = None, until: float | None = None,
               limit: int | None = None) -> list[dict]:
        return self.journal.trades(bot_id=inputs.bot_ref("bot_id", bot_id), since=inputs.moment("since", since),
                                   until=inputs.moment("until", until),
                                   limit=inputs.optional_whole("limit", limit, 0))

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
        return self._broker_call(self.broker.symbol_info, inputs.text("symbol", symbol, 64)).to_json()

    def rates(self, market: str, timeframe: str, count: int):
        """The last ``count`` closed bars (at most MAX_BARS) of ``market``."""
        if timeframe not in TIMEFRAMES:
            raise ValidationError.one("timeframe", "bot.bad_timeframe", value=inputs.shown(timeframe),
                                      choices=", ".join(TIMEFRAMES))
        count = inputs.whole("count", count, 1, MAX_BARS)
        symbol = self._broker_call(self.broker.find_symbol, inputs.text("market", market, 64))
        if symbol is None:
            raise ValidationError.one("market", "bot.unknown_market", market=inputs.shown(market))
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
            raise ValidationError.one("period", "perf.bad_period", value=inputs.shown(period))
        since, until = self._window(days)
        if bot_id is not None:
            with self.book.lock:
                self.book.get(bot_id)
        trades = self.journal.trades(bot_id=bot_id, since=since, until=until, newest_first=False)
        start = None
        if bot_id is None and not self.guard.is_down:
            try:
                since_then = sum(x["net_profit"] for x in trades)  # the window ends today: no trade closed later
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
            raise ValidationError.one("days", "hist.bad_days", value=inputs.shown(days))
        return performance.local_window(days, self.clock.now(), self.settings.get("timezone"))

    # -- the mentor -----------------------------------------------------------------
    def add_emotion(self, entry: dict) -> dict:
        """Log how the trader feels (several entries a day are fine); ValidationError saves nothing."""
        self._check_open()
        return self.mentor.add_emotion(entry, self.clock.now(), self.settings.get("timezone"))

    def emotions(self, day: str | date | None = None) -> list[dict]:
        """The emotion log of one day (``YYYY-MM-DD`` or a date; today by default)."""
        return self.mentor.emotions(self._day(day), self.settings.get("timezone"))

    def mentor_report(self, day: str | date | None = None) -> dict:
        """The mentor's analysis of one day (today by default); messages are keys, render per language."""
        return self.mentor.analyse(self._day(day), self._mentor_view())

    def mentor_weekly(self, week: str | date | None = None) -> dict:
        """The mentor's review of the Monday-Sunday week (trader's time zone) holding ``week`` (this week)."""
        return self.mentor.weekly(self._day(week), self._mentor_view())

    def mentor_feedback(self, emotion: str) -> list[dict]:
        """Advice for the emotion felt right now, given today's trades so far and the trader's limits."""
        return self.mentor.feedback(emotion, self._day(None), self._mentor_view())

    def _mentor_view(self) -> MentorView:
        settings = self.settings.all()
        return MentorView(tz=settings["timezone"], currency=self.account_currency(), now=self.clock.now(),
                          max_per_day=settings["mentor_max_trades_per_day"], positions=self.positions)

    def sessions(self, days: int = 30) -> list[dict]:
        """The last ``days`` calendar days (1 to 3650; today last), each with its trades, totals and emotions."""
        days = inputs.whole("days", days, 1, 3650)
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
        if not isinstance(config, BacktestConfig):
            raise ValidationError.one("config", "input.not_config", value=inputs.shown(config))
        if progress is not None and not callable(progress):
            raise ValidationError.one("progress", "input.not_callable", name="progress", value=inputs.shown(progress))
        source = inputs.text("source", source, 40)
        history, contract = self._backtest_data(symbol, timeframe, count, bars, span)
        result = run_backtest(history, config, contract, progress)
        try:
            result.run_id = self.runs.save(result, ts=self.clock.now(), symbol=contract.symbol, timeframe=timeframe,
                                           source=source)["run_id"]
        except StoreWriteError as exc:  # the run stands; only keeping it failed, and the page says so
            log.warning("backtest not saved: %s", exc)
        return result

    def _backtest_data(self, symbol: str, timeframe: str, count: int, bars, span) -> tuple[Bars, Contract]:
        """The bars and contract a backtest or optimisation runs on, from checked arguments."""
        if not isinstance(timeframe, str) or timeframe not in TIMEFRAMES:
            raise ValidationError.one("timeframe", "bt.bad_timeframe", value=inputs.shown(timeframe))
        if bars is not None and not isinstance(bars, pd.DataFrame):
            raise ValidationError.one("bars", "input.not_bars", value=inputs.shown(bars))
        if span is None:
            if not isinstance(symbol, str) or symbol not in PAPER_SYMBOLS:
                raise ValidationError({"symbol": Msg("bot.unknown_market", {"market": inputs.shown(symbol)})})
            if bars is None:
                bars = paper_history(symbol, timeframe, inputs.whole("count", count, 1, MAX_BARS), self.clock.now())
            return (Bars.from_frame(bars) if isinstance(bars, pd.DataFrame) else bars), Contract.paper(symbol)
        since, until = ([inputs.number(x) for x in span] if isinstance(span, (tuple, list)) and len(span) == 2
                        else (None, None))
        if since is None or until is None:
            raise ValidationError.one("span", "bt.bad_span", most=MAX_HISTORY_BARS)
        now = self.clock.now()
        if not since < min(until, now) or (min(until, now) - since) / seconds(timeframe) > MAX_HISTORY_BARS:
            raise ValidationError.one("span", "bt.bad_span", most=MAX_HISTORY_BARS)
        found = self._broker_call(self.broker.find_symbol, symbol) if isinstance(symbol, str) else None
        if found is None:
            raise ValidationError.one("symbol", "bot.unknown_market", market=inputs.shown(symbol))
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
        source = inputs.text("source", source, 40)
        if workers is not None:
            workers = inputs.whole("workers", workers, 1, 64)
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
        return self.runs.list(inputs.whole("limit", limit, 0))

    def open_backtest(self, run_id: str) -> BacktestResult:
        """A saved run with its trades, equity and chart, as it was."""
        return self.runs.open(run_id)

    def delete_backtest(self, run_id: str) -> None:
        self._check_open()
        self.runs.delete(run_id)

    def _day(self, day: str | date | None) -> date:
        if day is None:
            return local_day(self.clock.now(), self.settings.get("timezone"))
        if isinstance(day, datetime):
            day = day.date()
        if not isinstance(day, date):
            try:
                day = date.fromisoformat(day) if isinstance(day, str) and len(day) <= 10 else None
            except ValueError:
                day = None
            if day is None:
                raise ValidationError({"day": Msg("mentor.err.day", {"value": inputs.shown(day)})})
        if not FIRST_DAY <= day <= LAST_DAY:  # a day whose bounds in any time zone are epoch seconds we can handle
            raise ValidationError({"day": Msg("input.day_range", {"value": day.isoformat()})})
        return day

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
            jobs = {j.id: j for j in self._scheduler.get_jobs() if j.id.startswith("bot-")}
            for bot_id, figures in bots.items():
                figures["job"] = _job_state(jobs.get(job_id(bot_id)))
            counts = {status: sum(1 for b in self.book if b.status == status) for status in STATUSES}
        return {
            "engine": {"started_at": self.started_at, "uptime": now - self.started_at, "closed": self.closed,
                       "scheduler_running": self._scheduler.running, "jobs": len(jobs), "bots": counts,
                       "broker": self.broker.describe(), "broker_ok": not self.guard.is_down,
                       "broker_down_since": self.guard.down_since, "broker_problem": self.guard.last_problem,
                       "stale_bots": [b for b, h in bots.items() if h["stale"]],
                       "data_dir": str(self.store.data_dir), "bar_fetches": self.feed.fetches,
                       "workers": self._workers},
            "bots": bots}

    def verify_invariants(self) -> list[str]:
        """Where the store and the scheduler disagree (empty when all is well); also before the scheduler starts."""
        problems = []
        with self.book.lock:
            jobs = {j.id: j for j in self._scheduler.get_jobs()}
            stored = {b["id"]: b["status"] for b in self.store.bots.list()}
            if stored != {bot.id: bot.status for bot in self.book}:
                problems.append("the bot cache differs from the store")
            for bot_id, status in stored.items():
                job = jobs.get(job_id(bot_id))
                paused = job is not None and _job_paused(job)
                running = job is not None and not paused
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
        """Save settings (ValidationError saves nothing); new brake limits are checked against the account at once."""
        saved = self.settings.update(**changes)
        if any(name.startswith("brake_") for name in changes) and not self.closed:
            self._watch()
        return saved

    # -- protections: entry gates, the emergency brake, the calendar (qbx_engine.safety.gates) ----
    def protections(self, bot_id: int) -> dict:
        """What bars this bot from opening now (reason and when it lifts, epoch seconds) and its settings."""
        with self.book.lock:
            bot = self.book.get(bot_id)
        holding = None
        if bot.position_ticket and bot.max_trades_per_day:
            held = self._broker_call(self.broker.positions, bot_id)
            holding = held[0].open_time if held else None
        blocks = self.gates.all(bot, self.clock.now(), holding)
        return {"blocks": [block.to_json() for block in blocks], "entries_off": bot.entries_off,
                "trailing_on": bot.trailing.on, "unit": bot.stop_mode,
                **{name: getattr(bot, name) for name in ("cooldown_minutes", "sl_guard_count", "sl_guard_window",
                                                         "sl_guard_pause", "max_trades_per_day", "breakeven_at",
                                                         "trail_distance")}}

    def set_entries_off(self, bot_id: int, off: bool) -> dict:
        """"Entries off": the bot keeps managing its position (exits, SL/TP, trailing) and opens nothing."""
        return self.update_bot(bot_id, entries_off=off)

    def brake_status(self) -> dict:
        """The emergency brake as saved: on or off, why, its figures when it went on, when it lifts."""
        return self.emergency_brake.state()

    def brake_figures(self) -> dict:
        """Today's figures the brake judges by (day's starting balance, loss, drawdown from the peak), now."""
        return self.emergency_brake.figures(self._broker_call(self.broker.account), self.clock.now()).to_json()

    def rearm_brake(self) -> dict:
        """The trader re-arms the brake: bots may open again; counting starts from the equity now."""
        self._check_open()
        self.emergency_brake.rearm(self._broker_call(self.broker.account))
        return self.emergency_brake.state()

    def watch_account(self) -> dict:
        """Let the brake look at the account now (it also does every few seconds and after each close)."""
        self._check_open()
        self.guard.check()
        try:
            self.trader.watch_account()
        except BrokerUnavailable as exc:
            self.guard.failed(exc)
            raise
        return self.emergency_brake.state()

    @staticmethod
    def calendar_presets() -> list[dict]:
        """The no-trade calendar's presets: their days (which are estimates) and windows."""
        return [preset_view(name) for name in PRESETS]

    # -- notifications (qbx_engine.notify) ---------------------------------------------
    def notification_status(self) -> dict:
        """Per channel: configured (masked), categories on, counters, last error; and the report time."""
        return self.notifier.status()

    def send_test_notification(self, channel: str) -> None:
        """Send a test message through ``channel`` now; NotificationFailed says why it did not arrive."""
        self._check_open()
        self.notifier.send_test(channel)

    # -- internals -----------------------------------------------------------------
    def _log_change(self, bot_id: int, action: str, msg: Msg, done: str, undo: Callable[[], None] | None = None,
                    *, bot_name: str | None = None) -> None:
        """Write a lifecycle change's line in the activity log (the change itself is saved already).

        If the line cannot be written: with ``undo``, undo the change and raise StoreWriteError saying so;
        without one (or if undoing fails too), raise PartlySaved saying what is saved and what is not.
        """
        try:
            if bot_name is None:
                self.book.event(bot_id, action, msg)
            else:
                self.event_log.add(bot_id, action, msg, bot_name=bot_name)
        except StoreWriteError as exc:
            if undo is not None:
                try:
                    undo()
                except StoreWriteError as failed:
                    log.warning("bot %s: undoing the %s failed too (%s); the change stays", bot_id, done, failed)
                else:
                    raise StoreWriteError(exc.path, exc.problem, key="store.undone", bot_id=bot_id,
                                          not_done=Msg(f"store.not_{done}")) from exc
            raise PartlySaved("store.unlogged", bot_id=bot_id, done=Msg(f"store.did_{done}"), path=exc.path,
                              problem=exc.problem) from exc

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
        start = datetime.fromtimestamp(math.floor(now / interval) * interval + interval + offset, UTC)
        runtime.grid_start, runtime.interval = start.timestamp(), interval
        runtime.trading_allowed = not paused
        kwargs: dict[str, Any] = {"next_run_time": None} if paused else {}
        self._scheduler.add_job(self._scheduled_tick, IntervalTrigger(seconds=interval, start_date=start),
                                args=[bot_id], id=job_id(bot_id), replace_existing=True,
                                misfire_grace_time=max(1, int(min(interval / 2, 30))), **kwargs)

    def _unschedule(self, bot_id: int) -> None:
        self._runtime(bot_id).close_gate()
        with suppress(JobLookupError):
            self._scheduler.remove_job(job_id(bot_id))

    def _error_streak(self, bot_id: int) -> int:
        bot = self.book.find(bot_id)
        return bot.error_streak if bot is not None else 0

    def _halt(self, bot_id: int, generation: int, problem: Msg) -> None:
        """Put a bot in ``error`` after repeated failures (only if nothing changed it meanwhile)."""
        with self.book.lock:
            runtime = self.book.runtime(bot_id)
            bot = self.book.find(bot_id)
            if runtime is None or bot is None or runtime.generation != generation or bot.status != ACTIVE:
                return
            self.book.save(bot_id, status=ERROR)
            self._unschedule(bot_id)
            try:
                self.book.event(bot_id, ev.HALTED, problem)
            except StoreWriteError as exc:  # halted all the same: a stop is never undone for want of a log line
                log.warning("bot %s halted; its HALTED line could not be written: %s", bot_id, exc)

    def _scheduled_tick(self, bot_id: int) -> None:
        runtime = self.book.runtime(bot_id)
        if runtime is None:
            return
        if runtime.grid_start is not None and runtime.interval:
            late = (time.time() - runtime.grid_start) % runtime.interval
            runtime.lateness_ms.append(late * 1000.0 if late < runtime.interval else 0.0)
        self.trader.tick(bot_id, scheduled=True)

    def _on_skipped(self, event) -> None:
        """Count a tick the scheduler skipped (the bot's previous tick still running, or too late to run).

        APScheduler calls this while holding its job-store lock, so it only counts; the bot's next tick
        logs the overrun (see :meth:`Trader.tick`), off the scheduler's thread.
        """
        if not event.job_id.startswith("bot-"):
            return
        runtime = self.book.runtime(int(event.job_id[4:]))
        if runtime is None:
            return
        if event.code == EVENT_JOB_MAX_INSTANCES:
            runtime.overruns += 1
        else:
            runtime.missed += 1

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

    def _watch(self) -> None:
        try:
            self.guard.check()
            self.trader.watch_account()
        except BrokerUnavailable as exc:
            self.guard.failed(exc)
        except QbxError as exc:
            log.warning("emergency brake: %s", exc)

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


def _job_state(job) -> dict | None:
    """A bot's schedule as the dashboard and tests see it: running or paused, every how many seconds, next tick."""
    if job is None:
        return None
    next_run = getattr(job, "next_run_time", None)
    return {"state": "running" if next_run is not None else "paused",
            "interval": job.trigger.interval.total_seconds(),
            "next_tick_at": next_run.timestamp() if next_run is not None else None}


def _logged_failure(what: str, call, *args) -> None:
    """Run a last save while closing; a store failure is logged (the close goes on) instead of raised."""
    try:
        call(*args)
    except QbxError as exc:
        log.warning("closing: %s could not be saved: %s", what, exc)


def _bot_list(ids: list[int]) -> Msg:
    return Msg("store.bot_ids", {"ids": ", ".join(f"#{i}" for i in ids)}) if ids else Msg("store.no_bots")


def _money_amount(value) -> float:
    """A balance the trader typed (a number, or text spelling one): from 0.01 to 1e12, or ValidationError."""
    amount = inputs.number(value)
    if amount is None or not 0.01 <= amount <= 1e12:
        raise ValidationError.one("balance", "settings.bad_balance", value=inputs.shown(value))
    return amount


def _event_filter(bot_id, notifications_only, actions, since, until) -> dict[str, Any]:
    """The event filters a caller gave, checked (ValidationError names the argument)."""
    if actions is not None:
        wanted = [actions] if isinstance(actions, str) else actions
        if not isinstance(wanted, (list, tuple, set, frozenset)) or not all(
                isinstance(a, str) and a in ev.ACTIONS for a in wanted):
            raise ValidationError.one("actions", "input.not_actions", value=inputs.shown(actions),
                                      choices=", ".join(ev.ACTIONS))
    return {"bot_id": inputs.bot_ref("bot_id", bot_id),
            "notifications_only": inputs.flag("notifications_only", notifications_only), "actions": actions,
            "since": inputs.moment("since", since), "until": inputs.moment("until", until)}


def _job_paused(job) -> bool:
    """A job added before the scheduler starts has no ``next_run_time`` yet (it runs once started);
    a paused one was added with ``next_run_time=None``, started or not."""
    return hasattr(job, "next_run_time") and job.next_run_time is None


def _percentile(values: list[float], pct: float) -> float | None:
    if not values:
        return None
    index = min(len(values) - 1, max(0, math.ceil(pct / 100 * len(values)) - 1))
    return round(values[index], 3)


_OPEN_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


@atexit.register
def _close_open_engines() -> None:
    """A process that exits without closing its engine still stops trading and saves cleanly."""
    for engine in list(_OPEN_ENGINES):
        try:
            engine.close()
        except Exception:  # noqa: BLE001 - exiting anyway; nothing else to do with it
            log.exception("closing the engine at exit failed")
