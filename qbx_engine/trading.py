"""One tick of one bot: look, decide, act once per closed bar, and write down what happened.

Order of a tick: resolve the symbol, notice positions that closed since the last
look (SL, TP, by hand) and journal them, skip while the market is closed,
analyse the closed bars, then act on a new bar's BUY or SELL. Every order goes
through the bot's gate (see :mod:`qbx_engine.runtime`), and its log line is
written after the broker confirmed it, never before.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import replace

from . import events as ev
from .bots import ACTIVE
from .brokers.base import BUY, SELL, ClosedPosition, Position
from .errors import BrokerUnavailable, LifecycleError, OrderRejected, QbxError
from .i18n import Msg
from .journal import journal_record
from .money import lot_for_risk, round_price
from .strategies import HOLD, build

log = logging.getLogger(__name__)

MANUAL_TICK_WAIT = 30.0


def tick(engine, bot_id: int, *, scheduled: bool) -> None:
    runtime = engine._runtimes.get(bot_id)
    if runtime is None:
        return
    if scheduled:
        if not runtime.tick_lock.acquire(blocking=False):
            return  # a "check now" tick is running; the scheduler counts the skip
    elif not runtime.tick_lock.acquire(timeout=MANUAL_TICK_WAIT):
        raise LifecycleError("err.tick_busy", bot_id=bot_id)
    try:
        _tick(engine, runtime, bot_id)
    finally:
        runtime.tick_lock.release()


def _tick(engine, runtime, bot_id: int) -> None:
    generation = runtime.generation
    bot = _snapshot(engine, bot_id)
    if bot is None or runtime.deleting:
        return
    started = time.perf_counter()
    now = engine.clock.now()
    try:
        engine.guard.check()
        _trade(engine, runtime, bot, generation, now)
    except BrokerUnavailable as exc:
        engine.guard.failed(exc)
        runtime.failures += 1
        _note_analysis(runtime, bot, now, Msg("why.broker_down", {"problem": exc.msg}))
    except Exception as exc:  # noqa: BLE001 - a failing tick must never stop the engine or other bots
        _failed(engine, runtime, bot, generation, now, exc)
    else:
        if bot["error_streak"]:
            _save(engine, bot_id, {"error_streak": 0, "last_error": None})
    finally:
        duration = (time.perf_counter() - started) * 1000.0
        if runtime.last_analysis is not None and runtime.last_analysis.get("tick_time") == now:
            runtime.last_analysis["duration_ms"] = round(duration, 3)
        runtime.ticks += 1
        runtime.last_tick_at = now
        runtime.last_duration_ms = round(duration, 3)
        engine._dirty_runtime = True


def _trade(engine, runtime, bot: dict, generation: int, now: float) -> None:
    broker = engine.broker
    symbol = _resolve(engine, runtime, bot)
    if symbol is None:
        problem = Msg("ev.symbol_missing", {"market": bot["market"]})
        engine._event(bot["id"], ev.ERROR, problem, collapse=True)
        engine._halt(bot["id"], generation, problem)
        _note_analysis(runtime, bot, now, problem)
        return
    position = reconcile(engine, bot["id"], bot=bot)
    if not broker.is_market_open(symbol):
        if not runtime.market_closed:
            runtime.market_closed = True
            engine._event(bot["id"], ev.MARKET_CLOSED, Msg("ev.market_closed", {"symbol": symbol}))
        _note_analysis(runtime, bot, now, Msg("why.market_closed", {"symbol": symbol}), position)
        return
    runtime.market_closed = False
    strategy = _strategy(runtime, bot)
    bars = broker.rates(symbol, bot["timeframe"], strategy.bars_needed())
    last_time = float(bars["time"].iloc[-1].timestamp()) if len(bars) else None
    key = (symbol, bot["timeframe"], last_time, len(bars), runtime.strategy_key)
    analysis = engine.memo_analysis(key, lambda: strategy.analyze(bars))
    runtime.last_analysis = {**analysis.to_json(), "tick_time": now, "symbol": symbol,
                             "timeframe": bot["timeframe"], "strategy": bot["strategy_name"],
                             "position": _position_summary(position), "note": None}
    if analysis.signal == HOLD or analysis.bar_time is None:
        return
    if analysis.bar_time == bot["last_acted_bar"]:
        runtime.last_analysis["note"] = Msg("note.acted_this_bar").to_json()
        return
    if bot["status"] != ACTIVE or not runtime.trading_allowed or runtime.generation != generation:
        runtime.last_analysis["note"] = Msg("note.not_active", {"signal": analysis.signal}).to_json()
        return
    _act(engine, runtime, bot, generation, symbol, analysis, position)


def _act(engine, runtime, bot: dict, generation: int, symbol: str, analysis, position: Position | None) -> None:
    bot_id = bot["id"]
    side = BUY if analysis.signal == "BUY" else SELL
    previous_bar = bot["last_acted_bar"]
    # Saved before any order: after a crash the bot cannot act twice on this bar.
    _save(engine, bot_id, {"last_acted_bar": analysis.bar_time})
    try:
        if position is not None and position.side != side:
            closed = _guarded(runtime, generation, lambda: _close_and_record(
                engine, bot, position, comment=f"QBX#{bot_id} {analysis.signal}"))
            if closed is None:
                _stand_down(engine, runtime, bot, previous_bar, analysis)
                return
            position = None
        if position is not None:
            runtime.last_analysis["note"] = Msg("note.already_in", {"side": side.upper()}).to_json()
            return
        opened = _open(engine, runtime, bot, generation, symbol, side, analysis)
        if opened is False:
            _stand_down(engine, runtime, bot, previous_bar, analysis)
    except OrderRejected as exc:
        engine._event(bot_id, ev.NO_TRADE, Msg("ev.rejected", {"signal": analysis.signal, "problem": exc.msg}),
                      collapse=True)
    except BrokerUnavailable:
        _save(engine, bot_id, {"last_acted_bar": previous_bar})  # the next tick retries this bar
        raise


def _open(engine, runtime, bot: dict, generation: int, symbol: str, side: str, analysis):
    """Open the risk-sized position; False if the gate closed, None if there is a reason not to."""
    broker = engine.broker
    info = broker.symbol_info(symbol)
    balance = broker.account().balance
    lot = lot_for_risk(balance=balance, risk_percent=bot["risk_percent"], sl_pips=bot["sl_pips"], pip=info.pip,
                       tick_size=info.tick_size, tick_value=info.tick_value, volume_min=info.volume_min,
                       volume_step=info.volume_step, volume_max=info.volume_max)
    if not lot.ok:
        engine._event(bot["id"], ev.NO_TRADE, Msg("ev.no_trade", {"signal": analysis.signal, "problem": lot.refusal}),
                      collapse=True)
        return None
    quote = broker.tick(symbol)
    entry = quote.ask if side == BUY else quote.bid
    direction = 1 if side == BUY else -1
    sl = round_price(entry - direction * bot["sl_pips"] * info.pip, info.digits)
    tp = round_price(entry + direction * bot["tp_pips"] * info.pip, info.digits) if bot["tp_pips"] else 0.0
    reference = quote.bid if side == BUY else quote.ask  # MT5 measures stops from the closing price
    minimum = info.stops_level * info.point
    too_close = abs(reference - sl) < minimum or (tp and abs(tp - reference) < minimum)
    if too_close or (side == BUY and sl >= reference) or (side == SELL and sl <= reference):
        engine._event(bot["id"], ev.NO_TRADE, Msg("ev.stops_too_close", {
            "signal": analysis.signal, "sl_pips": bot["sl_pips"], "tp_pips": bot["tp_pips"],
            "stops_level": info.stops_level, "spread": info.spread}), collapse=True)
        return None

    def place():
        opened = broker.open_position(symbol, side, lot.volume, sl=sl, tp=tp, magic=bot["id"],
                                      comment=f"QBX#{bot['id']} {bot['strategy_name']}"[:31])
        _save(engine, bot["id"], {"position_ticket": opened.ticket})
        engine._event(bot["id"], ev.OPEN_BUY if side == BUY else ev.OPEN_SELL, Msg("ev.open", {
            "side": side.upper(), "volume": opened.volume, "symbol": symbol, "price": opened.open_price,
            "sl": opened.sl, "tp": opened.tp, "risk": lot.actual_risk, "ticket": opened.ticket,
            "reason": analysis.reason}))
        return opened

    opened = _guarded(runtime, generation, place)
    return False if opened is None else opened


def _stand_down(engine, runtime, bot, previous_bar, analysis) -> None:
    """The bot was paused or stopped mid-tick: no order, and the bar stays unacted for a resume."""
    _save(engine, bot["id"], {"last_acted_bar": previous_bar})
    engine._event(bot["id"], ev.NO_TRADE, Msg("ev.stood_down", {"signal": analysis.signal}))


def _guarded(runtime, generation: int, action):
    """Run an order only if the bot may still trade, holding the gate so pause/stop wait for it."""
    with runtime.order_lock:
        if runtime.generation != generation or not runtime.trading_allowed:
            return None
        return action()


def _close_and_record(engine, bot: dict, position: Position, *, comment: str,
                      reason: str | None = None) -> ClosedPosition:
    closed = engine.broker.close_position(position.ticket, comment=comment)
    if reason is not None:
        closed = replace(closed, reason=reason)
    journal_close(engine, bot, closed)
    _save(engine, bot["id"], {"position_ticket": None})
    return closed


def journal_close(engine, bot: dict, closed: ClosedPosition) -> None:
    """Journal a closed position once, and tell the trader how it ended."""
    if not engine.journal.add(journal_record(closed, bot, engine.account_currency())):
        return
    if closed.reason == "bot":
        action = ev.CLOSE_BUY if closed.side == BUY else ev.CLOSE_SELL
    else:
        action = ev.CLOSE_ACTIONS.get(closed.reason, ev.CLOSED_MANUALLY)
    engine._event(bot["id"], action, Msg(f"ev.close_{closed.reason}", {
        "side": closed.side.upper(), "ticket": closed.ticket, "symbol": closed.symbol, "volume": closed.volume,
        "open_price": closed.open_price, "price": closed.close_price, "profit": closed.net_profit,
        "currency": engine.account_currency()}))


def reconcile(engine, bot_id: int, *, bot: dict | None = None) -> Position | None:
    """Match the bot's record with the broker: journal closed positions, adopt an unknown one."""
    bot = bot or _snapshot(engine, bot_id)
    if bot is None:
        return None
    broker = engine.broker
    positions = broker.positions(magic=bot_id)
    known = bot.get("position_ticket")
    if known and known not in {p.ticket for p in positions}:
        closed = broker.closed_position(known)
        if closed is not None:
            journal_close(engine, bot, closed)
        else:
            engine._event(bot_id, ev.CLOSED_MANUALLY, Msg("ev.close_unknown", {"ticket": known}))
        _save(engine, bot_id, {"position_ticket": None})
        bot["position_ticket"] = known = None
    if not positions:
        return None
    if len(positions) > 1:
        engine._event(bot_id, ev.ERROR, Msg("ev.many_positions", {"count": len(positions),
                                                                  "tickets": ", ".join(str(p.ticket) for p in positions)}),
                      collapse=True)
    current = next((p for p in positions if p.ticket == known), positions[0])
    if current.ticket != known:
        _save(engine, bot_id, {"position_ticket": current.ticket})
        bot["position_ticket"] = current.ticket
        engine._event(bot_id, ev.ADOPTED, Msg("ev.adopted", {"ticket": current.ticket, "side": current.side.upper(),
                                                             "volume": current.volume, "symbol": current.symbol}))
    return current


def close_for_trader(engine, bot_id: int) -> ClosedPosition | None:
    """The trader closes the bot's position from the dashboard (journaled as manual)."""
    runtime = engine._runtimes[bot_id]
    bot = _snapshot(engine, bot_id)
    with runtime.order_lock:
        position = reconcile(engine, bot_id, bot=bot)
        if position is None:
            return None
        return _close_and_record(engine, bot, position, comment="closed by trader", reason="manual")


def _failed(engine, runtime, bot: dict, generation: int, now: float, exc: Exception) -> None:
    bot_id = bot["id"]
    runtime.failures += 1
    if isinstance(exc, QbxError):
        problem = Msg("ev.error", {"type": type(exc).__name__, "message": exc.msg})
        log.warning("bot %s tick failed: %s", bot_id, exc)
    else:
        problem = Msg("ev.error", {"type": type(exc).__name__, "message": str(exc)[:300]})
        log.error("bot %s tick failed", bot_id, exc_info=exc)
    streak = bot["error_streak"] + 1
    _save(engine, bot_id, {"error_streak": streak, "last_error": problem.to_json()})
    engine._event(bot_id, ev.ERROR, problem, collapse=True)
    _note_analysis(runtime, bot, now, problem)
    limit = engine.settings.get("error_streak_limit")
    if streak >= limit and bot["status"] == ACTIVE:
        engine._halt(bot_id, generation, Msg("ev.halted", {"count": streak, "problem": problem}))


def _resolve(engine, runtime, bot: dict) -> str | None:
    if runtime.symbol_for != bot["market"] or runtime.symbol is None:
        runtime.symbol = engine.broker.find_symbol(bot["market"])
        runtime.symbol_for = bot["market"]
        if runtime.symbol is not None and runtime.symbol != bot["market"]:
            engine._event(bot["id"], ev.SYMBOL, Msg("ev.symbol_resolved", {"market": bot["market"],
                                                                          "symbol": runtime.symbol}), collapse=True)
    return runtime.symbol


def _strategy(runtime, bot: dict):
    key = json.dumps([bot["strategy_name"], bot["strategy_params"]], sort_keys=True)
    if runtime.strategy_key != key:
        runtime.strategy = build(bot["strategy_name"], bot["strategy_params"])
        runtime.strategy_key = key
    return runtime.strategy


def _snapshot(engine, bot_id: int) -> dict | None:
    with engine._lock:
        bot = engine._bots.get(bot_id)
        return None if bot is None else {**bot, "strategy_params": dict(bot["strategy_params"])}


def _save(engine, bot_id: int, changes: dict) -> None:
    """Persist bot fields, unless the bot was deleted meanwhile."""
    with engine._lock:
        if bot_id in engine._bots:
            engine._save(bot_id, changes)


def _note_analysis(runtime, bot: dict, now: float, reason: Msg, position: Position | None = None) -> None:
    runtime.last_analysis = {"signal": None, "reason": reason.to_json(), "indicators": {}, "bar_time": None,
                             "close": None, "tick_time": now, "symbol": runtime.symbol,
                             "timeframe": bot["timeframe"], "strategy": bot["strategy_name"],
                             "position": _position_summary(position), "note": None}


def _position_summary(position: Position | None) -> dict | None:
    if position is None:
        return None
    return {"ticket": position.ticket, "side": position.side, "volume": position.volume,
            "open_price": position.open_price, "sl": position.sl, "tp": position.tp,
            "price_current": position.price_current, "profit": position.profit}
