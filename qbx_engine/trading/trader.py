"""One tick of one bot: look, decide, act once per closed bar, and write down what happened.

Order of a tick: resolve the symbol, notice positions that closed since the last
look (SL, TP, by hand) and journal them, skip while the market is closed, then —
only when a new bar has closed — analyse it and act on its signal. A tick that
finds the same closed bar as last time does no analysis and writes nothing.

Every order goes through the bot's gate (see :mod:`qbx_engine.trading.runtime`), and its
log line is written after the broker confirmed it, never before. An entry is
sized by :func:`qbx_engine.trading.plan.plan_entry`, the function the backtester calls.

Entries — and only entries — first ask the entry gates (:mod:`qbx_engine.safety`, asked through :mod:`.gates`:
"entries off", the emergency brake, the no-trade calendar, cooldown, stop-loss
guard, trades per day). On each new closed bar an open position's SL is moved by
:func:`qbx_engine.trading.trailing.trailed_sl` (break-even, trailing), as in the backtester.
After positions close, the emergency brake looks at the account (:meth:`Trader.settle`),
never while an order is in flight.

A TradingView alert bot (:mod:`qbx_engine.trading.alerts`) takes its signal from its alert queue instead of
its strategy, at every tick rather than once per closed bar, and acts on it through the same path; an alert
whose order met an unreachable broker waits for the next tick, as a strategy's bar does.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from functools import partial
from typing import Any

from ..brokers.base import BUY, Broker, ClosedPosition, Position
from ..core.clock import local_when
from ..core.errors import BrokerUnavailable, LifecycleError, OrderRejected, QbxError, StoreWriteError
from ..core.i18n import Msg
from ..core.money import D, cents
from ..core.settings_view import SettingsView
from ..market.bars import Bars
from ..market.indicators import atr_simple
from ..market.timeframes import seconds
from ..strategies import HOLD, Analysis, build
from ..strategies.base import ENTRIES, EXITS, Strategy
from . import events as ev
from .alerts import DROPPED, Alert, AlertQueue, max_age
from .botbook import BotBook
from .bots import ACTIVE, Bot
from .broker_guard import BrokerGuard
from .entries import OpenEntries
from .feed import BarFeed
from .gates import Block, EntryGates
from .journal import Journal, entry_facts, journal_record
from .plan import plan_entry
from .runtime import BotRuntime
from .trailing import trailed_sl, why_moved

log = logging.getLogger(__name__)

MANUAL_TICK_WAIT = 30.0
OVERRUN_LOG_EVERY = 60.0  # real seconds between two TICK OVERRUN lines of one bot
MEMO_SIZE = 4096
SWEEP_OVERLAP = 3600.0  # seconds the account sweep looks back before its last look
SWEEP_FIRST = 7 * 86400.0  # how far back the first sweep after opening looks


class Trader:
    """Runs ticks for the engine. It holds the bots only through the :class:`BotBook`."""

    def __init__(self, *, book: BotBook, broker: Broker, guard: BrokerGuard, feed: BarFeed, journal: Journal,
                 entries: OpenEntries, settings: SettingsView, gates: EntryGates, clock,
                 on_halt: Callable[[int, int, Msg], None], alerts: AlertQueue | None = None):
        self.book = book
        self.broker = broker
        self.guard = guard
        self.feed = feed
        self.journal = journal
        self.entries = entries
        self.settings = settings
        self.gates = gates
        self.clock = clock
        self.on_halt = on_halt
        self.alerts = alerts
        self.dirty = False  # counters or analyses changed since the last checkpoint
        self._memo: dict[tuple, Analysis] = {}
        self._memo_lock = threading.Lock()
        self._currency: str | None = None
        self._swept_to = clock.now() - SWEEP_FIRST
        self._closed_unwatched = False  # a position closed since the brake last looked at the account
        self._closing_all = threading.Lock()  # the brake's "close all" in progress

    def currency(self) -> str:
        if self._currency is None:
            self._currency = self.broker.account().currency
        return self._currency

    # -- a tick ------------------------------------------------------------------------
    def tick(self, bot_id: int, *, scheduled: bool) -> None:
        """One tick. A scheduled tick yields to a "check now" in progress; a manual one waits for its turn."""
        runtime = self.book.runtime(bot_id)
        if runtime is None:
            return
        if scheduled:
            if not runtime.tick_lock.acquire(blocking=False):
                return  # a "check now" tick is running; the scheduler counts the skip
        elif not runtime.tick_lock.acquire(timeout=MANUAL_TICK_WAIT):
            raise LifecycleError("err.tick_busy", bot_id=bot_id)
        try:
            self._tick(bot_id, runtime)
            self.settle()
        finally:
            runtime.tick_lock.release()

    def _tick(self, bot_id: int, runtime: BotRuntime) -> None:
        generation = runtime.generation
        bot = self.book.find(bot_id)
        if bot is None or runtime.deleting:
            return
        started = time.perf_counter()
        now = self.clock.now()
        try:
            self.guard.check()
            self._trade(bot, runtime, generation, now)
        except BrokerUnavailable as exc:
            self.guard.failed(exc)
            runtime.failures += 1
            runtime.analysed = None
            self._note(runtime, bot, now, Msg("why.broker_down", {"problem": exc.msg}))
        except Exception as exc:  # noqa: BLE001 - a failing tick must never stop the engine or other bots
            runtime.analysed = None
            self._failed(bot, runtime, generation, now, exc)
        else:
            if bot.error_streak:
                self.book.save(bot_id, error_streak=0, last_error=None)
        finally:
            self._report_overruns(bot, runtime)
            duration = (time.perf_counter() - started) * 1000.0
            if runtime.last_analysis is not None and runtime.last_analysis.get("tick_time") == now:
                runtime.last_analysis["duration_ms"] = round(duration, 3)
            runtime.ticks += 1
            runtime.last_tick_at = now
            runtime.last_duration_ms = round(duration, 3)
            self.dirty = True

    def _trade(self, bot: Bot, runtime: BotRuntime, generation: int, now: float) -> None:
        symbol = self._resolve(bot, runtime)
        if symbol is None:
            problem = Msg("ev.symbol_missing", {"market": bot.market})
            self.book.event(bot.id, ev.ERROR, problem, collapse=True)
            self.on_halt(bot.id, generation, problem)
            self._note(runtime, bot, now, problem)
            return
        position = self.reconcile(bot)
        bot = self.book.find(bot.id) or bot
        if not self.broker.is_market_open(symbol):
            self._market_closed(bot, runtime, symbol, position, now)
            return
        runtime.market_closed = False
        strategy = self._strategy(runtime, bot)
        if strategy.from_alerts:
            self._trade_alert(bot, runtime, generation, symbol, position, strategy, now)
            return
        closed_bar = self.feed.last_closed(symbol, bot.timeframe)
        if runtime.analysed == (closed_bar, runtime.strategy_key) and runtime.last_analysis is not None:
            runtime.last_analysis["position"] = _position_summary(position)
            return  # this bar was already analysed and decided: nothing to do until the next one closes
        bars = self.feed.bars(symbol, bot.timeframe, self._bars_needed(bot, strategy))
        analysis = self._analyse(strategy, runtime, symbol, bot.timeframe, bars)
        runtime.last_analysis = {**analysis.to_json(), "tick_time": now, "symbol": symbol,
                                 "timeframe": bot.timeframe, "strategy": bot.strategy_name,
                                 "position": _position_summary(position), "note": None}
        if position is not None and bot.trailing.on and not _closes(analysis.signal, position.side):
            position = self._trail(bot, runtime, generation, position, bars) or position
        decided = (analysis.bar_time, runtime.strategy_key)
        if analysis.signal == HOLD or analysis.bar_time is None:
            runtime.analysed = decided
            return
        if analysis.bar_time == bot.last_acted_bar:
            _tell(runtime, "note", Msg("note.acted_this_bar").to_json())
            runtime.analysed = decided
            return
        if bot.status != ACTIVE or not runtime.trading_allowed or runtime.generation != generation:
            _tell(runtime, "note", Msg("note.not_active", {"signal": analysis.signal}).to_json())
            return
        if self._act(bot, runtime, generation, symbol, analysis, position, bars):
            runtime.analysed = decided
            if runtime.last_analysis is not None and runtime.last_analysis["note"] is None:
                runtime.last_analysis["note"] = Msg("note.acted_this_bar").to_json()

    def _market_closed(self, bot: Bot, runtime: BotRuntime, symbol: str, position: Position | None,
                       now: float) -> None:
        """The market is shut: say when it opens (logged once per closure, the bot's note on every tick)."""
        first = not runtime.market_closed
        if first or (runtime.opens_at is not None and runtime.opens_at <= now):
            runtime.opens_at = self.broker.next_open(symbol)  # asked once per closure, not on every tick
        opens = local_when(runtime.opens_at, self.settings.get("timezone"), now) \
            if runtime.opens_at is not None else None
        if first:
            runtime.market_closed = True
            self.book.event(bot.id, ev.MARKET_CLOSED, Msg("ev.market_closed_until", {
                "symbol": symbol, "when": opens}) if opens else Msg("ev.market_closed", {"symbol": symbol}))
        self._note(runtime, bot, now, Msg("why.market_closed_until", {"symbol": symbol, "when": opens})
                   if opens else Msg("why.market_closed", {"symbol": symbol}), position)

    def _trade_alert(self, bot: Bot, runtime: BotRuntime, generation: int, symbol: str, position: Position | None,
                     strategy: Strategy, now: float) -> None:
        """An alert bot's tick: act on the newest alert waiting for it (its "taken" record is on disk before any
        order); break-even and trailing still follow each new closed bar. Nothing waiting and no new bar: no work."""
        closed_bar = self.feed.last_closed(symbol, bot.timeframe)
        new_bar = runtime.analysed != (closed_bar, runtime.strategy_key)
        waiting = self.alerts is not None and self.alerts.has_pending(bot.id)
        if not (waiting or new_bar) and runtime.last_analysis is not None:
            runtime.last_analysis["position"] = _position_summary(position)
            return
        bars = self.feed.bars(symbol, bot.timeframe, self._bars_needed(bot, strategy))
        runtime.analysed = (closed_bar, runtime.strategy_key)
        alert = None
        if waiting and self.alerts is not None and bot.status == ACTIVE and runtime.trading_allowed \
                and runtime.generation == generation:  # otherwise pausing or stopping drops what waits
            alert, discarded = self.alerts.take(bot.id, now, max_age(bot), generation)
            self._log_set_aside(bot, discarded, now)
        last_close = float(bars.close[-1]) if len(bars) else None
        if alert is None:
            self._note(runtime, bot, now, Msg("why.alert_waiting"), position)
            if new_bar and position is not None and bot.trailing.on:
                self._trail(bot, runtime, generation, position, bars)
            return
        analysis = Analysis(alert.signal, Msg("why.alert", {**alert.shown(), "age": round(alert.age(now))}),
                            {"alert_price": alert.price}, None, last_close)
        runtime.last_analysis = {**analysis.to_json(), "tick_time": now, "symbol": symbol,
                                 "timeframe": bot.timeframe, "strategy": bot.strategy_name,
                                 "position": _position_summary(position), "note": None}
        if new_bar and position is not None and bot.trailing.on and not _closes(analysis.signal, position.side):
            position = self._trail(bot, runtime, generation, position, bars) or position
        try:
            self._act(bot, runtime, generation, symbol, analysis, position, bars)
        except BrokerUnavailable as exc:
            self._retry_alert(bot, runtime, generation, alert, exc, now)
            raise

    def _retry_alert(self, bot: Bot, runtime: BotRuntime, generation: int, alert: Alert, exc: BrokerUnavailable,
                     now: float) -> None:
        """The broker could not be reached during the alert's order: the alert waits for the next tick (which
        refuses it if it has grown stale), as a strategy's bar would. Dropped at once if the bot stopped trading
        meanwhile; left taken (never ordered) if the disk refuses the retry record."""
        assert self.alerts is not None
        try:
            self.alerts.retry(alert, generation, exc.msg)
        except StoreWriteError as failed:
            log.error("bot %s: alert %s is not retried, its record could not be written: %s", bot.id, alert.alert_id,
                      failed)
            with suppress(StoreWriteError):
                self.book.event(bot.id, ev.ALERT_REFUSED, Msg("ev.alert_not_retried", {
                    **alert.shown(), "problem": exc.msg, "store": failed.msg}))
            return
        if runtime.generation != generation or not runtime.trading_allowed:  # paused or stopped meanwhile
            with suppress(StoreWriteError):
                self._log_set_aside(bot, [(dropped, DROPPED) for dropped in self.alerts.drop(bot.id)], now)
            return
        with suppress(StoreWriteError):
            self.book.event(bot.id, ev.ALERT, Msg("ev.alert_retry", {
                **alert.shown(), "problem": exc.msg, "max_age": int(max_age(bot))}),
                collapse=f"alert:retry:{alert.alert_id}")

    def _log_set_aside(self, bot: Bot, discarded: list, now: float) -> None:
        """One line per kind of alert not acted on (stale, superseded, dropped), however many a flood left."""
        kinds: dict[str, list] = {}
        for old, outcome in discarded:
            kinds.setdefault(outcome, []).append(old)
        for outcome, alerts in kinds.items():
            first = alerts[0]
            params = {**first.shown(), "age": round(first.age(now)), "max_age": int(max_age(bot))}
            if len(alerts) > 1:
                params = {"count": len(alerts), "ids": ", ".join(a.alert_id for a in alerts[:5])
                          + (", …" if len(alerts) > 5 else ""), "max_age": int(max_age(bot))}
            self.book.event(bot.id, ev.ALERT_REFUSED, Msg(f"ev.alert{'s' if len(alerts) > 1 else ''}_{outcome}",
                                                          params))

    def _trail(self, bot: Bot, runtime: BotRuntime, generation: int, position: Position,
               bars: Bars) -> Position | None:
        """Move the SL after a bar the position lived through closed (break-even, trailing); the moved position."""
        rule = bot.trailing
        if bars.last_time is None or bars.last_time + seconds(bot.timeframe) <= position.open_time:
            return None
        info = self.broker.symbol_info(position.symbol)
        close = float(bars.close[-1])
        new_sl = trailed_sl(position.side, entry=position.open_price, sl=position.sl, close=close,
                            spread=info.spread * info.point, rule=rule, info=info,
                            atr=_last_atr(bars, rule.atr_period) if rule.needs_atr else None)
        if new_sl is None:
            return None
        try:
            moved = self._guarded(runtime, generation, lambda: self.broker.modify_position(
                position.ticket, sl=new_sl, tp=position.tp))
        except OrderRejected as exc:
            self.book.event(bot.id, ev.SL_MOVED, Msg("ev.sl_not_moved", {
                "ticket": position.ticket, "sl": new_sl, "problem": exc.msg}), collapse=f"trail:{exc.code}")
            return None
        if moved is None:
            return None
        self.book.event(bot.id, ev.SL_MOVED, Msg("ev.sl_moved", {
            "side": position.side.upper(), "ticket": position.ticket, "symbol": position.symbol,
            "old": position.sl, "new": moved.sl, "close": close,
            "how": Msg(f"trail.{why_moved(moved.sl, position.open_price, info.digits)}")}))
        _tell(runtime, "position", _position_summary(moved))
        return moved

    @staticmethod
    def _bars_needed(bot: Bot, strategy: Strategy) -> int:
        stops = bot.stops
        return max(strategy.bars_needed(), stops.atr_period + 1 if stops.needs_atr else 0)

    def _analyse(self, strategy: Strategy, runtime: BotRuntime, symbol: str, timeframe: str, bars: Bars) -> Analysis:
        """The strategy's verdict on these bars, shared by every bot that reads them the same way."""
        key = (symbol, timeframe, bars.last_time, len(bars), runtime.strategy_key)
        with self._memo_lock:
            found = self._memo.get(key)
        if found is not None:
            return found
        result = strategy.analyze(bars.tail(strategy.bars_needed()))
        with self._memo_lock:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = result
        return result

    # -- acting on a signal --------------------------------------------------------------
    def _act(self, bot: Bot, runtime: BotRuntime, generation: int, symbol: str, analysis: Analysis,
             position: Position | None, bars: Bars) -> bool:
        """Act once on this bar's signal; False if the bot stood down (paused/stopped, or the bar went stale)."""
        if analysis.signal in EXITS:
            return self._exit(bot, runtime, generation, analysis, position)
        side = ENTRIES[analysis.signal]
        previous_bar = bot.last_acted_bar
        # Saved before any order: after a crash the bot cannot act twice on this bar.
        bot = self.book.save(bot.id, last_acted_bar=analysis.bar_time) or bot
        try:
            if position is not None and position.side != side:
                closed = self._guarded(runtime, generation, partial(
                    self._close_and_record, bot, position, comment=f"QBX#{bot.id} {analysis.signal}"))
                if closed is None:
                    return self._stand_down(bot, runtime, previous_bar, analysis)
                position = None
            if position is not None:
                _tell(runtime, "note", Msg("note.already_in", {"side": side.upper()}).to_json())
                return True
            opened = self._enter(bot, runtime, generation, symbol, side, analysis, bars)
            if opened is False:
                return self._stand_down(bot, runtime, previous_bar, analysis)
        except OrderRejected as exc:
            why = Msg("ev.rejected", {"signal": analysis.signal, "problem": exc.msg})
            self.book.event(bot.id, ev.NO_TRADE, why, collapse=f"rejected:{exc.code}")
            _tell(runtime, "note", why.to_json())
        except BrokerUnavailable:
            self.book.save(bot.id, last_acted_bar=previous_bar)  # the next tick retries this bar
            raise
        return True

    def _exit(self, bot: Bot, runtime: BotRuntime, generation: int, analysis: Analysis,
              position: Position | None) -> bool:
        """An exit-only signal: close a position of its side, open nothing."""
        if position is None or position.side not in EXITS[analysis.signal]:
            _tell(runtime, "note", Msg("note.nothing_to_exit").to_json())
            return True
        previous_bar = bot.last_acted_bar
        bot = self.book.save(bot.id, last_acted_bar=analysis.bar_time) or bot
        try:
            closed = self._guarded(runtime, generation, lambda: self._close_and_record(
                bot, position, comment=f"QBX#{bot.id} exit"))
        except BrokerUnavailable:
            self.book.save(bot.id, last_acted_bar=previous_bar)
            raise
        except OrderRejected as exc:
            self.book.event(bot.id, ev.NO_TRADE, Msg("ev.rejected", {"signal": analysis.signal, "problem": exc.msg}),
                            collapse=f"rejected:{exc.code}")
            return True
        if closed is None:
            return self._stand_down(bot, runtime, previous_bar, analysis)
        return True

    def _enter(self, bot: Bot, runtime: BotRuntime, generation: int, symbol: str, side: str, analysis: Analysis,
               bars: Bars) -> Position | bool | None:
        """Open the planned position; False if the bot must stand down, None if a gate or the plan refused."""
        self.settle()
        now = self.clock.now()
        block = self.gates.first(bot, now)
        if block is not None:
            self._gated(bot, runtime, analysis, block)
            return None
        risk_percent, capped = self.gates.risk_percent(bot, now)
        info = self.broker.symbol_info(symbol)
        quote = self.broker.tick(symbol)
        stops = bot.stops
        atr = _last_atr(bars, stops.atr_period) if stops.needs_atr else None
        plan = plan_entry(side, bid=quote.bid, ask=quote.ask, stops=stops, info=info, balance=self.broker.balance(),
                          risk_percent=risk_percent, atr=atr)
        if plan.refusal is not None:
            self.book.event(bot.id, ev.NO_TRADE, Msg("ev.no_trade", {"signal": analysis.signal,
                                                                     "problem": plan.refusal}),
                            collapse=f"refused:{plan.refusal.key}")
            _tell(runtime, "note", Msg("ev.no_trade", {"signal": analysis.signal, "problem": plan.refusal}).to_json())
            return None

        def place() -> Position | bool:
            if analysis.bar_time is not None and self.feed.last_closed(symbol, bot.timeframe) != analysis.bar_time:
                return False  # a newer bar closed while this tick ran: its signal is no longer current
            opened = self.broker.open_position(symbol, side, plan.volume, sl=plan.sl, tp=plan.tp, magic=bot.id,
                                               comment=f"QBX#{bot.id} {bot.strategy_name}"[:31])
            self.entries.put(opened.ticket, entry_facts(
                volume=opened.volume, open_price=opened.open_price, sl=opened.sl, tp=opened.tp, info=info,
                balance=plan.balance, source="bot", ticket=opened.ticket, bar_time=analysis.bar_time,
                strategy=bot.strategy_name, timeframe=bot.timeframe, stop_mode=stops.mode))
            self.book.save(bot.id, position_ticket=opened.ticket)
            self.book.event(bot.id, ev.OPEN_BUY if side == BUY else ev.OPEN_SELL, Msg("ev.open", {
                "side": side.upper(), "volume": opened.volume, "symbol": symbol, "price": opened.open_price,
                "sl": opened.sl, "tp": opened.tp, "risk": plan.risk_money or 0.0, "risk_pct": plan.risk_pct or 0.0,
                "ticket": opened.ticket, "reason": analysis.reason}))
            return opened

        opened = self._guarded(runtime, generation, place)
        if opened is not None and capped is not None:
            _tell(runtime, "note", Msg("note.careful_day", {"risk": capped}).to_json())
        return False if opened is None else opened

    def _gated(self, bot: Bot, runtime: BotRuntime, analysis: Analysis, block: Block) -> None:
        """An entry gate said no: the bot's note says why, the log says it once per cause and pause."""
        why = Msg("ev.gated", {"signal": analysis.signal, "reason": block.reason})
        self.book.event(bot.id, ev.PROTECTION, why, collapse=f"gate:{block.kind}:{block.lifts_at}")
        _tell(runtime, "note", why.to_json())

    def _stand_down(self, bot: Bot, runtime: BotRuntime, previous_bar: float | None, analysis: Analysis) -> bool:
        """No order after all (paused or stopped mid-tick, or the bar went stale): the bar stays unacted."""
        self.book.save(bot.id, last_acted_bar=previous_bar)
        if runtime.trading_allowed:
            _tell(runtime, "note", Msg("note.stale_bar", {"signal": analysis.signal}).to_json())
        else:
            self.book.event(bot.id, ev.NO_TRADE, Msg("ev.stood_down", {"signal": analysis.signal}))
        return False

    @staticmethod
    def _guarded(runtime: BotRuntime, generation: int, action: Callable[[], Any]):
        """Run an order only if the bot may still trade, holding the gate so pause/stop wait for it."""
        with runtime.order_lock:
            if runtime.generation != generation or not runtime.trading_allowed:
                return None
            return action()

    # -- closing and journaling ------------------------------------------------------------
    def _close_and_record(self, bot: Bot, position: Position, *, comment: str,
                          reason: str | None = None) -> ClosedPosition:
        closed = self.broker.close_position(position.ticket, comment=comment)
        if reason is not None:
            closed = replace(closed, reason=reason)
        self.journal_close(bot, closed)
        self.book.save(bot.id, position_ticket=None)
        return closed

    def journal_close(self, bot: Bot | None, closed: ClosedPosition) -> bool:
        """Journal a closed position once, with its facts at entry, and tell the trader how it ended."""
        facts = self.entries.get(closed.ticket) or self._facts_from_broker(closed)
        if not self.journal.add(journal_record(closed, bot=bot, entry=facts, currency=self.currency())):
            return False
        self.entries.pop(closed.ticket)
        self._closed_unwatched = True
        if closed.reason == "bot":
            action = ev.CLOSE_BUY if closed.side == BUY else ev.CLOSE_SELL
        else:
            action = ev.CLOSE_ACTIONS.get(closed.reason, ev.CLOSED_MANUALLY)
        params = {"side": closed.side.upper(), "ticket": closed.ticket, "symbol": closed.symbol,
                  "volume": closed.volume, "open_price": closed.open_price, "price": closed.close_price,
                  "profit": closed.net_profit, "currency": self.currency()}
        if bot is not None:
            self.book.event(bot.id, action, Msg(f"ev.close_{closed.reason}", params))
        else:
            self.book.event(None, action, Msg("ev.close_account", {
                **params, "who": Msg("who.manual") if closed.magic == 0 else Msg("who.ea", {"magic": closed.magic}),
                "how": Msg(f"reason.{closed.reason}")}))
        return True

    def _facts_from_broker(self, closed: ClosedPosition) -> dict | None:
        """Facts at entry for a position no bot planned (manual, another EA, adopted): from the broker's record.

        The balance at entry is today's balance less what closed since the position opened; the tick
        value is today's (exact for symbols quoted in the account currency).
        """
        try:
            info = self.broker.symbol_info(closed.symbol)
            since = self.broker.closed_positions(closed.open_time, self.clock.now() + 1)
            balance = cents(D(self.broker.balance()) - sum((D(c.net_profit) for c in since), D(0)))
        except QbxError as exc:
            log.warning("no entry facts for position %s: %s", closed.ticket, exc)
            return None
        return entry_facts(volume=closed.volume, open_price=closed.open_price, sl=closed.initial_sl or closed.sl,
                           tp=closed.tp, info=info, balance=balance, source="broker")

    def reconcile(self, bot: Bot) -> Position | None:
        """Match the bot's record with the broker: journal closed positions, adopt an unknown one."""
        positions = self.broker.positions(magic=bot.id)
        known = bot.position_ticket
        if known and known not in {p.ticket for p in positions}:
            closed = self.broker.closed_position(known)
            if closed is not None:
                self.journal_close(bot, closed)
            else:
                self.book.event(bot.id, ev.CLOSED_MANUALLY, Msg("ev.close_unknown", {"ticket": known}))
            self.book.save(bot.id, position_ticket=None)
            known = None
        if not positions:
            return None
        if len(positions) > 1:
            self.book.event(bot.id, ev.ERROR, Msg("ev.many_positions", {
                "count": len(positions), "tickets": ", ".join(str(p.ticket) for p in positions)}), collapse=True)
        current = next((p for p in positions if p.ticket == known), positions[0])
        if current.ticket != known:
            self.book.save(bot.id, position_ticket=current.ticket)
            self.book.event(bot.id, ev.ADOPTED, Msg("ev.adopted", {
                "ticket": current.ticket, "side": current.side.upper(), "volume": current.volume,
                "symbol": current.symbol}))
        return current

    def close_for_trader(self, bot_id: int, *, reason: str = "manual",
                         comment: str = "closed by trader") -> ClosedPosition | None:
        """The trader closes the bot's position from the dashboard (journaled as manual), or the brake does."""
        runtime = self.book.runtime(bot_id)
        bot = self.book.find(bot_id)
        if runtime is None or bot is None:
            return None
        with runtime.order_lock:
            position = self.reconcile(bot)
            closed = None if position is None else self._close_and_record(
                self.book.find(bot_id) or bot, position, comment=comment, reason=reason)
        self.settle()
        return closed

    # -- the emergency brake ---------------------------------------------------------------
    def settle(self) -> None:
        """After positions closed (or once the brake's lift time came), the brake looks at the account.
        Called where no order lock is held."""
        if not (self._closed_unwatched or self.gates.brake.lift_due(self.clock.now())):
            return
        self._closed_unwatched = False
        try:
            self.watch_account()
        except BrokerUnavailable as exc:
            self._closed_unwatched = True  # the periodic look, or the next close, tries again
            self.guard.failed(exc)
        except QbxError as exc:
            self._closed_unwatched = True
            log.warning("the emergency brake could not look at the account: %s", exc)

    def watch_account(self) -> bool:
        """The brake's look at the account (peak, limits); True if it went on now. If the trader asked for it,
        the bots' positions are closed then — and retried on later looks until none is left."""
        brake = self.gates.brake
        tripped = brake.watch(self.broker.account, self.broker.cash_flows)
        if brake.closing() and self._closing_all.acquire(blocking=False):  # not again from its own closes
            try:
                if self.close_all_for_brake():
                    brake.closed_all()
            finally:
                self._closing_all.release()
        return tripped

    def close_all_for_brake(self) -> bool:
        """Close every bot's open position for the brake; False if some could not be closed now."""
        done = True
        for bot in self.book:
            if not bot.position_ticket:
                continue
            try:
                self.close_for_trader(bot.id, reason="brake", comment="emergency brake")
            except OrderRejected as exc:
                done = False
                self.book.event(bot.id, ev.BRAKE, Msg("ev.brake_close_failed", {
                    "ticket": bot.position_ticket, "problem": exc.msg}), collapse=True)
        return done

    def sweep(self) -> int:
        """Journal every closed position of the account not journaled yet (manual trades, other EAs, and a
        bot's close that its own tick has not seen yet); returns how many."""
        now = self.clock.now()
        found = 0
        for closed in self.broker.closed_positions(self._swept_to - SWEEP_OVERLAP, now + 1):
            if self.journal.has(closed.ticket):
                continue
            if self.journal_close(self.book.find(closed.magic) if closed.magic else None, closed):
                found += 1
        self._swept_to = now  # the brake looks at what the sweep found within seconds (its periodic look)
        return found

    def _report_overruns(self, bot: Bot, runtime: BotRuntime) -> None:
        """Log skipped ticks at most once a minute of real time per bot: an overloaded engine must not log more."""
        skipped = runtime.overruns + runtime.missed
        if skipped == runtime.overruns_logged:
            return
        now = time.monotonic()
        if runtime.overrun_logged_at is not None and now - runtime.overrun_logged_at < OVERRUN_LOG_EVERY:
            return
        runtime.overrun_logged_at, runtime.overruns_logged = now, skipped
        self.book.event(bot.id, ev.TICK_OVERRUN, Msg("ev.overrun", {"interval": bot.check_interval,
                                                                   "count": skipped}))

    # -- failures -----------------------------------------------------------------------
    def _failed(self, bot: Bot, runtime: BotRuntime, generation: int, now: float, exc: Exception) -> None:
        runtime.failures += 1
        if isinstance(exc, QbxError):
            problem = Msg("ev.error", {"type": type(exc).__name__, "message": exc.msg})
            log.warning("bot %s tick failed: %s", bot.id, exc)
        else:
            problem = Msg("ev.error", {"type": type(exc).__name__, "message": str(exc)[:300]})
            log.error("bot %s tick failed", bot.id, exc_info=exc)
        streak = bot.error_streak + 1
        self.book.save(bot.id, error_streak=streak, last_error=problem.to_json())
        self.book.event(bot.id, ev.ERROR, problem, collapse=True)
        self._note(runtime, bot, now, problem)
        if streak >= self.settings.get("error_streak_limit") and bot.status == ACTIVE:
            self.on_halt(bot.id, generation, Msg("ev.halted", {"count": streak, "problem": problem}))

    # -- caches ---------------------------------------------------------------------------
    def _resolve(self, bot: Bot, runtime: BotRuntime) -> str | None:
        if runtime.symbol_for != bot.market or runtime.symbol is None:
            runtime.symbol = self.broker.find_symbol(bot.market)
            runtime.symbol_for = bot.market
            if runtime.symbol is not None and runtime.symbol != bot.market:
                self.book.event(bot.id, ev.SYMBOL, Msg("ev.symbol_resolved", {
                    "market": bot.market, "symbol": runtime.symbol}), collapse=True)
        return runtime.symbol

    @staticmethod
    def _strategy(runtime: BotRuntime, bot: Bot) -> Strategy:
        key = json.dumps([bot.strategy_name, bot.strategy_params, bot.stop_mode, bot.atr_period], sort_keys=True)
        if runtime.strategy_key != key or runtime.strategy is None:
            runtime.strategy = build(bot.strategy_name, bot.strategy_params)
            runtime.strategy_key = key
        return runtime.strategy

    @staticmethod
    def _note(runtime: BotRuntime, bot: Bot, now: float, reason: Msg, position: Position | None = None) -> None:
        runtime.last_analysis = {"signal": None, "reason": reason.to_json(), "indicators": {}, "bar_time": None,
                                 "close": None, "tick_time": now, "symbol": runtime.symbol,
                                 "timeframe": bot.timeframe, "strategy": bot.strategy_name,
                                 "position": _position_summary(position), "note": None}


def _tell(runtime: BotRuntime, field: str, value) -> None:
    """Set one field of the bot's last analysis (what its page shows)."""
    if runtime.last_analysis is not None:
        runtime.last_analysis[field] = value


def _closes(signal: str, side: str) -> bool:
    """Whether acting on ``signal`` closes a position of ``side`` (an exit of that side, or a reversal)."""
    if signal in EXITS:
        return side in EXITS[signal]
    return signal in ENTRIES and ENTRIES[signal] != side


def _last_atr(bars: Bars, period: int) -> float | None:
    """The ATR of the last closed bar (MT5's), or None while there are too few bars."""
    value = float(atr_simple(bars.high, bars.low, bars.close, period)[-1])
    return value if value == value else None


def _position_summary(position: Position | None) -> dict | None:
    if position is None:
        return None
    return {"ticket": position.ticket, "side": position.side, "volume": position.volume,
            "open_price": position.open_price, "sl": position.sl, "tp": position.tp,
            "price_current": position.price_current, "profit": position.profit}
