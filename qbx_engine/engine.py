"""The Engine: the one object the dashboard, tests and benchmarks talk to.

It owns the data folder (exclusively), the broker and the supervisor (one
APScheduler interval job per running bot, :mod:`qbx_engine.supervisor`). Every
lifecycle call validates, persists, and changes the job table under the bot
book's lock, so when a call returns the store and the scheduler agree (invariant
1 of DESIGN.md). The trading itself — one tick — is
:class:`qbx_engine.trading.trader.Trader`. Calls beside the bots' lifecycle are
grouped in small facades (:mod:`qbx_engine.facades`): ``engine.mentor``,
``engine.history``, ``engine.lab``, ``engine.safety``, ``engine.notifications``,
``engine.market``, ``engine.connection`` and ``engine.alerts``.
"""

from __future__ import annotations

import atexit
import copy
import logging
import time
import weakref
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from .brokers import BROKERS, DEFAULT_BROKER
from .brokers.base import Broker
from .core import inputs
from .core.clock import SystemClock
from .core.errors import (
    BrokerUnavailable,
    LifecycleError,
    QbxError,
    UnknownBot,
    ValidationError,
)
from .core.i18n import Msg
from .facades.alerts import Alerts
from .facades.connection import Connection
from .facades.history import History
from .facades.lab import Lab
from .facades.market import Market
from .facades.mentor import Mentor
from .facades.notifications import Notifications
from .facades.safety import Safety
from .settings import Settings
from .store import Store, resolve_data_dir
from .store.migrate import migrate
from .strategies import STRATEGIES
from .supervisor.jobs import DEFAULT_WORKERS, Supervisor
from .supervisor.lifecycle import Lifecycle
from .trading import bots as records
from .trading import events as ev
from .trading.botbook import BotBook
from .trading.bots import ACTIVE, PAUSED, STATUSES
from .trading.broker_guard import BrokerGuard
from .trading.entries import OpenEntries
from .trading.events import EventLog
from .trading.feed import BarFeed
from .trading.journal import Journal, local_day
from .trading.runtime import BotRuntime
from .trading.trader import Trader

log = logging.getLogger(__name__)

CLOSE_WAIT = 10.0  # seconds close() waits for ticks in flight
BrokerSpec = str | Broker | Callable[[Store, Any], Broker]


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
        migrate(store, records.BOT_FIELDS)  # an older folder is brought up to date; records are checked as they load
        self.settings = Settings(store.settings_db)
        self.event_log = EventLog(store.events, clock)
        self.book = BotBook(store.bots, self.event_log)
        self.journal = Journal(store.journal)
        self.alerts = Alerts(self)  # TradingView alert bots: secrets, the durable queue their ticks take from
        self.mentor = Mentor(self)
        self.notifications = Notifications(self)  # events are queued by its listener, sent by its own thread
        self.lab = Lab(self)
        self.broker = self._build_broker(broker)
        self.guard = BrokerGuard(self.broker, clock, self._broker_down, self._broker_up)
        self.feed = BarFeed(self.broker, clock)
        self.safety = Safety(self)
        self.trader = Trader(book=self.book, broker=self.broker, guard=self.guard, feed=self.feed,
                             journal=self.journal, entries=OpenEntries(store.tables("entries.json")),
                             settings=self.settings, gates=self.safety.gates, clock=clock, on_halt=self._halt,
                             alerts=self.alerts.queue)
        self.history = History(self)
        self.market = Market(self)
        self.connection = Connection(self)
        self.started_at = clock.now()
        self.closed = False
        self.supervisor = Supervisor(self.book, self.trader, self.guard, store.runtime, max_workers,
                                     on_damaged=lambda problem: store.reset_derived(store.runtime, problem))
        for damaged in store.set_aside:  # said once: the damaged copy is no longer where it would be found again
            self.event_log.add(None, ev.DATA_REBUILT, Msg("ev.data_rebuilt", damaged))
        self.lifecycle = Lifecycle(self.book, self.supervisor, self.trader, self.broker, clock)
        self._recover()
        if start_scheduler:
            self.supervisor.start()
        self.notifications.notifier.start(self.supervisor.scheduler if start_scheduler else None)
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
        self.supervisor.watch()
        for bot in self.book:
            try:
                self.trader.reconcile(bot)
            except BrokerUnavailable as exc:
                self.guard.failed(exc)
            except QbxError as exc:
                log.warning("recovery of bot %s: %s", bot.id, exc)
            if bot.status in (ACTIVE, PAUSED):
                self.supervisor.schedule(bot.id, paused=bot.status == PAUSED)
        self.supervisor.sweep()

    def close(self) -> None:
        """Stop scheduling, wait (bounded) for ticks in flight, save, release the folder."""
        with self.book.lock:
            if self.closed:
                return
            self.closed = True
            for runtime in self.book.runtimes():
                runtime.close_gate()
        try:
            self.supervisor.shutdown()
            deadline = time.monotonic() + CLOSE_WAIT
            for runtime in self.book.runtimes():
                if runtime.tick_lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
                    runtime.tick_lock.release()
                runtime.wait_for_orders()
            self.lab.close(max(0.0, deadline - time.monotonic()))
            self.mentor.close(max(0.0, deadline - time.monotonic()))
            # Closing always finishes and frees the folder: what cannot be saved now (a full disk) is logged.
            _logged_failure("the ENGINE STOP line", self.event_log.add, None, ev.ENGINE_STOP, Msg("ev.engine_stop"))
            self.supervisor.checkpoint(force=True)
            _logged_failure("the broker's last state", self.broker.close)
        finally:
            self.notifications.notifier.close()  # bounded wait; unsent messages stay queued
            try:
                _logged_failure("the data folder's last changes", self.store.close)
            finally:
                _OPEN_ENGINES.discard(self)

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the bots' lifecycle (qbx_engine.supervisor.lifecycle) ------------------------------
    def create_bot(self, data: dict) -> dict:
        """Save a new bot (stopped, or started at once with ``status="active"``)."""
        self.check_open()
        return self.get_bot(self.lifecycle.create(data))

    def update_bot(self, bot_id: int, /, **changes) -> dict:
        """Change a bot's settings; a running bot uses them from its next tick (see
        :meth:`Lifecycle.update` for what may change when). ``bot_id`` is positional only, so every name in
        ``changes`` (``bot_id`` and ``self`` too, from an API body) is a field the bot's rules judge."""
        self.check_open()
        self.lifecycle.update(bot_id, changes)
        return self.get_bot(bot_id)

    def delete_bot(self, bot_id: int, *, close_position: bool = False) -> None:
        """Stop and remove a bot; its open position is closed or left, as the trader chooses."""
        self.check_open()
        self.lifecycle.delete(bot_id, close_position=close_position)

    def start_bot(self, bot_id: int) -> dict:
        self.check_open()
        self.lifecycle.start(bot_id)
        return self.get_bot(bot_id)

    def pause_bot(self, bot_id: int) -> dict:
        self.check_open()
        self.lifecycle.pause(bot_id)
        return self.get_bot(bot_id)

    def resume_bot(self, bot_id: int) -> dict:
        self.check_open()
        self.lifecycle.resume(bot_id)
        return self.get_bot(bot_id)

    def stop_bot(self, bot_id: int) -> dict:
        self.check_open()
        self.lifecycle.stop(bot_id)
        return self.get_bot(bot_id)

    def start_all(self) -> dict[str, list[int]]:
        """Start stopped bots and resume paused ones; bots in error wait for the trader (PartlySaved names
        each bot that could not be started, the others are started)."""
        self.check_open()
        return self.lifecycle.start_all()

    def stop_all(self) -> dict[str, list[int]]:
        """Stop every bot; one that cannot be stopped does not keep the others running (PartlySaved names it)."""
        self.check_open()
        return self.lifecycle.stop_all()

    def run_tick(self, bot_id: int) -> dict:
        """One tick now, synchronously (a test, or the "check now" button); returns the bot."""
        self.check_open()
        with self.book.lock:
            self.book.get(bot_id)
        self.trader.tick(bot_id, scheduled=False)
        return self.get_bot(bot_id)

    def close_position(self, bot_id: int) -> dict | None:
        """Close the bot's open position now, as the trader (journaled as manual)."""
        self.check_open()
        with self.book.lock:
            self.book.get(bot_id)
        closed = self.trader.close_for_trader(bot_id)
        return closed.to_json() if closed else None

    def sync_journal(self) -> int:
        """Journal closed positions of the account no bot has journaled yet (manual trades, other EAs);
        runs every few seconds by itself; returns how many it found."""
        self.check_open()
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
        return self.event_log.query(**ev.checked_filter(bot_id, notifications_only, actions, since, until),
                                    limit=inputs.optional_whole("limit", limit, 0),
                                    offset=inputs.whole("offset", offset, 0))

    def count_events(self, bot_id: int | None = None, notifications_only: bool = False, *, actions=None,
                     since: float | None = None, until: float | None = None) -> int:
        return self.event_log.count(**ev.checked_filter(bot_id, notifications_only, actions, since, until))

    def trades(self, bot_id: int | None = None, *, since: float | None = None, until: float | None = None,
               limit: int | None = None) -> list[dict]:
        return self.journal.trades(bot_id=inputs.bot_ref("bot_id", bot_id), since=inputs.moment("since", since),
                                   until=inputs.moment("until", until),
                                   limit=inputs.optional_whole("limit", limit, 0))

    def positions(self) -> list[dict]:
        """Open positions of the account, each with the bot it belongs to (None if no bot)."""
        names = {bot.id: bot.name for bot in self.book}
        return [{**p.to_json(), "bot_id": p.magic if p.magic in names else None, "bot_name": names.get(p.magic)}
                for p in self.guard.call(self.broker.positions)]

    def account(self) -> dict:
        return self.guard.call(self.broker.account).to_json()

    def account_currency(self) -> str:
        return self.guard.call(self.trader.currency)

    def strategies(self) -> dict[str, dict]:
        return {name: cls.describe() for name, cls in STRATEGIES.items()}

    def now(self) -> float:
        """The engine's time (epoch seconds): what "now" means for bots, the mentor and the pages."""
        return self.clock.now()

    def day(self, value: str | date | None = None) -> date:
        """A day a caller named (``YYYY-MM-DD`` or a date), checked; today in the trader's time zone if None."""
        return inputs.day("day", value) or local_day(self.clock.now(), self.settings.get("timezone"))

    def today(self) -> str:
        return self.day().isoformat()

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    @property
    def broker_kind(self) -> str:
        return self.broker.kind

    # -- settings ------------------------------------------------------------------------
    def get_settings(self) -> dict[str, Any]:
        return self.settings.all()

    def update_settings(self, **changes) -> dict:
        """Save settings (ValidationError saves nothing); new brake limits are checked against the account at once."""
        saved = self.settings.update(**changes)
        if any(name.startswith("brake_") for name in changes) and not self.closed:
            self.supervisor.watch()
        return saved

    def set_paper_balance(self, balance: float) -> dict:
        """Deposit or withdraw in the paper account (its balance becomes ``balance``)."""
        self.check_open()
        set_balance = getattr(self.broker, "set_balance", None)
        if set_balance is None:
            raise ValidationError.one("balance", "settings.not_paper")
        amount = inputs.number(balance)
        if amount is None or not 0.01 <= amount <= 1e12:
            raise ValidationError.one("balance", "settings.bad_balance", value=inputs.shown(balance))
        with self.safety.emergency_brake.between_looks():
            self.guard.call(set_balance, amount)
        try:
            self.trader.watch_account()  # the deal moves the peak now, not at the next periodic look
        except QbxError as exc:
            log.warning("the emergency brake will see the new balance at its next look: %s", exc)
        return self.account()

    # -- health --------------------------------------------------------------------------
    def health(self) -> dict:
        now = self.clock.now()
        with self.book.lock:
            bots = self.supervisor.bot_health(now, self.started_at)
            counts = {status: sum(1 for b in self.book if b.status == status) for status in STATUSES}
        return {
            "engine": {"started_at": self.started_at, "uptime": now - self.started_at, "closed": self.closed,
                       "scheduler_running": self.supervisor.running, "jobs": len(self.supervisor.bot_jobs()),
                       "bots": counts,
                       "broker": self.broker.describe(), "broker_ok": not self.guard.is_down,
                       "broker_down_since": self.guard.down_since, "broker_problem": self.guard.last_problem,
                       "stale_bots": [b for b, h in bots.items() if h["stale"]],
                       "data_dir": str(self.store.data_dir), "bar_fetches": self.feed.fetches,
                       "workers": self.supervisor.workers},
            "bots": bots}

    def verify_invariants(self) -> list[str]:
        """Where the store and the scheduler disagree (empty when all is well); also before the scheduler starts."""
        with self.book.lock:
            stored = {b["id"]: b["status"] for b in self.store.bots.list()}
            cached = [] if stored == {bot.id: bot.status for bot in self.book} else [
                "the bot cache differs from the store"]
            return cached + self.supervisor.disagreements(stored)

    def check_open(self) -> None:
        """Refuse (LifecycleError) once closed: what every changing call checks first."""
        if self.closed:
            raise LifecycleError("err.engine_closed")

    def error_streak(self, bot_id: int) -> int:
        bot = self.book.find(bot_id)
        return bot.error_streak if bot is not None else 0

    def _halt(self, bot_id: int, generation: int, problem: Msg) -> None:
        self.lifecycle.halt(bot_id, generation, problem)

    def _runtime(self, bot_id: int) -> BotRuntime:
        runtime = self.book.runtime(bot_id)
        if runtime is None:
            raise UnknownBot(bot_id)
        return runtime

    def _broker_down(self, exc: BrokerUnavailable) -> None:
        self.book.event(None, ev.BROKER_DOWN, Msg("ev.broker_down", {"problem": exc.msg}))

    def _broker_up(self, down_for: float) -> None:
        self.feed.forget()
        self.book.event(None, ev.BROKER_UP, Msg("ev.broker_up", {"seconds": round(down_for)}))


def _logged_failure(what: str, call, *args) -> None:
    """Run a last save while closing; a store failure is logged (the close goes on) instead of raised."""
    try:
        call(*args)
    except QbxError as exc:
        log.warning("closing: %s could not be saved: %s", what, exc)


_OPEN_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


@atexit.register
def _close_open_engines() -> None:
    """A process that exits without closing its engine still stops trading and saves cleanly."""
    for engine in list(_OPEN_ENGINES):
        try:
            engine.close()
        except Exception:  # noqa: BLE001 - exiting anyway; nothing else to do with it
            log.exception("closing the engine at exit failed")
