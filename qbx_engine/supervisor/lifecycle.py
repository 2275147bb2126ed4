"""Every change of a bot's status, saved with its job and its line in the activity log.

A lifecycle change and its line in the activity log succeed or fail together where the change lets a
bot trade (start, resume, update: undone if its line cannot be written, StoreWriteError says so). A
change that stops trading (pause, stop, delete, halt) is never undone for want of a log line: it is
kept and PartlySaved says exactly that. Either way memory, the scheduler and the files agree. Each
call takes the bot book's lock, so a change and its job change are one step for every other caller.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import NoReturn

from ..brokers.base import Broker
from ..core import inputs
from ..core.errors import LifecycleError, PartlySaved, QbxError, StoreWriteError, UnknownBot
from ..core.i18n import Msg
from ..strategies import STRATEGIES
from ..trading import bots as records
from ..trading import events as ev
from ..trading.botbook import BotBook
from ..trading.bots import ACTIVE, ERROR, PAUSED, STATUS_LABELS, STOPPED
from ..trading.runtime import BotRuntime
from ..trading.trader import Trader
from .jobs import Supervisor

log = logging.getLogger(__name__)


class Lifecycle:
    def __init__(self, book: BotBook, jobs: Supervisor, trader: Trader, broker: Broker, clock):
        self.book, self.jobs, self.trader, self.clock = book, jobs, trader, clock
        self.broker = broker

    def create(self, data: dict) -> int:
        """Save a new bot (stopped, or started at once with ``status="active"``)."""
        clean = records.clean_new_bot(data, self.broker.find_symbol)
        status = clean.pop("status")
        now = self.clock.now()
        record = {**clean, **records.KEPT, "status": STOPPED, "created_at": now, "updated_at": now}
        bot = self.book.create(record)
        if status == ACTIVE:
            try:
                self.start(bot.id)
            except PartlySaved:
                raise  # started; it says what is missing
            except QbxError as exc:
                raise PartlySaved("store.created_not_started", bot_id=bot.id, problem=exc.msg) from exc
        return bot.id

    def update(self, bot_id: int, changes: dict) -> None:
        """Change a bot's settings; a running bot uses them from its next tick.

        Parameters, risk, SL/TP and the name change at any time; the market, timeframe,
        strategy and stop mode only while the bot is not active, and the market only
        without an open position (:func:`qbx_engine.trading.bots.clean_changes`).
        """
        with self.book.lock:
            current = self.book.get(bot_id)
            clean = records.clean_changes(current.to_record(), changes, self.broker.find_symbol)
            if not clean:
                return
            self.book.save(bot_id, **clean, updated_at=self.clock.now())
            reschedule = "check_interval" in clean and current.status in (ACTIVE, PAUSED)
            if reschedule:
                self.jobs.schedule(bot_id, paused=current.status == PAUSED)
            restructured = bool(set(clean) & set(records.STRUCTURAL))
            if restructured:  # what the bot last saw was another market, timeframe or strategy
                runtime = self._runtime(bot_id)
                runtime.analysed = runtime.last_analysis = None

            def undo() -> None:
                self.book.save(bot_id, **{name: getattr(current, name) for name in clean},
                               updated_at=current.updated_at)
                if reschedule:
                    self.jobs.schedule(bot_id, paused=current.status == PAUSED)

            self._log_change(bot_id, ev.UPDATE, Msg("ev.update", {"fields": ", ".join(sorted(clean))}), "update",
                             undo)
            if restructured and current.position_ticket:
                self.book.event(bot_id, ev.UPDATE, Msg("ev.update_with_position", {
                    "ticket": current.position_ticket, "market": current.market}))

    def delete(self, bot_id: int, *, close_position: bool = False) -> None:
        """Stop and remove a bot; its open position is closed or left, as the trader chooses."""
        inputs.flag("close_position", close_position)
        with self.book.lock:
            bot = self.book.get(bot_id)
            runtime = self._runtime(bot_id)
            if bot.status != STOPPED:
                self.book.save(bot_id, status=STOPPED)
            runtime.deleting = True
            self.jobs.unschedule(bot_id)
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
    def start(self, bot_id: int) -> None:
        runtime = None
        try:
            with self.book.lock:
                bot = self.book.get(bot_id)
                if bot.status == ACTIVE:
                    return
                if bot.status == PAUSED:
                    self.resume(bot_id)
                    return
                self.book.save(bot_id, status=ACTIVE, error_streak=0, last_error=None)
                self.jobs.schedule(bot_id, paused=False)
                runtime = self._runtime(bot_id)

                def undo() -> None:
                    self.book.save(bot_id, status=bot.status, error_streak=bot.error_streak,
                                   last_error=bot.last_error)
                    self.jobs.unschedule(bot_id)

                self._log_change(bot_id, ev.START, Msg("ev.start", {
                    "market": bot.market, "timeframe": bot.timeframe,
                    "strategy": STRATEGIES[bot.strategy_name].label, "interval": bot.check_interval}), "start", undo)
        except StoreWriteError:
            if runtime is not None:
                runtime.wait_for_orders()  # undone: no order from a tick that slipped in meanwhile
            raise

    def pause(self, bot_id: int) -> None:
        runtime = None
        try:
            with self.book.lock:
                bot = self.book.get(bot_id)
                if bot.status == PAUSED:
                    return
                if bot.status != ACTIVE:
                    raise LifecycleError("err.cannot_pause", bot_id=bot_id, status=STATUS_LABELS[bot.status])
                self.book.save(bot_id, status=PAUSED)
                runtime = self._runtime(bot_id)
                runtime.close_gate()
                self.jobs.pause(bot_id)
                self._log_change(bot_id, ev.PAUSE,
                                 Msg("ev.pause_with_position" if bot.position_ticket else "ev.pause"), "pause")
        finally:
            if runtime is not None:
                runtime.wait_for_orders()  # paused, even if its log line failed: no order after this returns

    def resume(self, bot_id: int) -> None:
        runtime = None
        try:
            with self.book.lock:
                bot = self.book.get(bot_id)
                if bot.status == ACTIVE:
                    return
                if bot.status != PAUSED:
                    raise LifecycleError("err.cannot_resume", bot_id=bot_id, status=STATUS_LABELS[bot.status])
                self.book.save(bot_id, status=ACTIVE)
                runtime = self._runtime(bot_id)
                runtime.trading_allowed = True
                self.jobs.resume(bot_id)

                def undo() -> None:
                    self.book.save(bot_id, status=PAUSED)
                    runtime.close_gate()
                    self.jobs.pause(bot_id)

                self._log_change(bot_id, ev.RESUME, Msg("ev.resume"), "resume", undo)
        except StoreWriteError:
            if runtime is not None:
                runtime.wait_for_orders()
            raise

    def stop(self, bot_id: int) -> None:
        runtime = None
        try:
            with self.book.lock:
                bot = self.book.get(bot_id)
                if bot.status == STOPPED:
                    return
                self.book.save(bot_id, status=STOPPED)
                runtime = self._runtime(bot_id)
                self.jobs.unschedule(bot_id)
                self._log_change(bot_id, ev.STOP, Msg("ev.stop"), "stop")
        finally:
            if runtime is not None:
                runtime.wait_for_orders()

    def start_all(self) -> dict[str, list[int]]:
        """Start stopped bots and resume paused ones; bots in error wait for the trader.

        A bot that cannot be started does not keep the others from starting; PartlySaved then
        names each one and why (the others are started)."""
        outcome: dict[str, list[int]] = {"started": [], "skipped": []}
        problems: list[Msg] = []
        for bot in self.book:
            if bot.status in (STOPPED, PAUSED):
                try:
                    self.start(bot.id)
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
        outcome: dict[str, list[int]] = {"stopped": []}
        problems: list[Msg] = []
        for bot in self.book:
            if bot.status != STOPPED:
                try:
                    self.stop(bot.id)
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

    def halt(self, bot_id: int, generation: int, problem: Msg) -> None:
        """Put a bot in ``error`` after repeated failures (only if nothing changed it meanwhile)."""
        with self.book.lock:
            runtime = self.book.runtime(bot_id)
            bot = self.book.find(bot_id)
            if runtime is None or bot is None or runtime.generation != generation or bot.status != ACTIVE:
                return
            self.book.save(bot_id, status=ERROR)
            self.jobs.unschedule(bot_id)
            try:
                self.book.event(bot_id, ev.HALTED, problem)
            except StoreWriteError as exc:  # halted all the same: a stop is never undone for want of a log line
                log.warning("bot %s halted; its HALTED line could not be written: %s", bot_id, exc)


    # -- the log line of a change ---------------------------------------------------
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
                self.book.events.add(bot_id, action, msg, bot_name=bot_name)
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

    def _runtime(self, bot_id: int) -> BotRuntime:
        runtime = self.book.runtime(bot_id)
        if runtime is None:
            raise UnknownBot(bot_id)
        return runtime


def _bot_list(ids: list[int]) -> Msg:
    return Msg("store.bot_ids", {"ids": ", ".join(f"#{i}" for i in ids)}) if ids else Msg("store.no_bots")
