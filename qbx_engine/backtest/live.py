"""Live vs backtest: the backtest of a bot's exact settings over the period it ran, trade by trade against its
journal, so a trader sees whether the live bot behaves as tested.

The backtest trades from the bar in which the bot was first started (bars before it only
warm the indicators up), with the bot's strategy, parameters, stop rule, risk, its entry
gates and the symbol's contract and spread, starting from the balance the bot's first
trade saw (the account's brake and calendar: the account view, :mod:`.account_run`). Trades
are paired by the bar they opened in and their side:

* ``same``: both traded it alike (entry and exit within half a point, same exit bar and lot);
* ``fill``: both traded it, with a different fill, lot, exit or result;
* ``missed``: the backtest traded and the bot did not (stopped, paused, market closed, a refusal);
* ``extra``: the bot traded and the backtest did not (a position adopted, a tick mid-bar);
* ``open``: still open at the end, on both sides or on one.
"""

from __future__ import annotations

import math

import numpy as np

from ..brokers.base import Position, SymbolInfo
from ..market.bars import Bars
from ..market.timeframes import seconds
from ..reports import performance
from ..strategies import build
from ..strategies.tradingview_alert import AlertTape, TradingViewAlert
from ..trading.bots import Bot
from .runner import BacktestConfig, Contract, Conversion, Ledger, replay

MAX_BARS = 50_000
STATUSES = ("same", "fill", "missed", "extra", "open")


def config_of(bot: Bot, balance: float, spread_points: int) -> BacktestConfig:
    """The backtest a bot's settings describe (its risk sizing, stop rule and the symbol's spread)."""
    return BacktestConfig(bot.strategy_name, dict(bot.strategy_params), initial_balance=balance, size_mode="risk",
                          risk_percent=bot.risk_percent, sl_pips=bot.sl_pips, tp_pips=bot.tp_pips,
                          spread_points=spread_points, stop_mode=bot.stop_mode, sl_atr=bot.sl_atr, tp_atr=bot.tp_atr,
                          atr_period=bot.atr_period, breakeven_at=bot.breakeven_at,
                          trail_distance=bot.trail_distance)


def bars_to_fetch(bot: Bot, started: float, now: float) -> int:
    """Closed bars from the start (with the strategy's warm-up) to now; an upper bound when markets closed."""
    warmup = max(build(bot.strategy_name, bot.strategy_params).bars_needed(), bot.atr_period + 1)
    return min(MAX_BARS, int(math.ceil(max(0.0, now - started) / seconds(bot.timeframe))) + warmup + 2)


def compare(bot: Bot, trades: list[dict], positions: list[Position], bars: Bars, info: SymbolInfo,
            started: float, balance: float, alerts: AlertTape | None = None,
            conversion: Conversion | None = None) -> dict:
    """The comparison of ``trades`` (the bot's journal, any order) with the backtest over ``bars``; an alert bot
    is replayed on ``alerts``, the alerts it took (each on the bar it acted in)."""
    contract = Contract.from_info(info)
    config = config_of(bot, balance, info.spread)
    start = max(0, int(np.searchsorted(bars.time, started, side="right")) - 1)
    strategy = build(bot.strategy_name, bot.strategy_params)
    if alerts is not None and isinstance(strategy, TradingViewAlert):
        strategy = strategy.with_alerts(alerts, seconds(bot.timeframe))
    ledger = replay(bars, strategy.columns(bars)["signal"], config, contract, start=start,
                    ready=strategy.bars_needed() - 1, bot=bot, conversion=conversion)
    live = sorted(trades, key=lambda x: x["open_time"])
    rows = _pair(ledger, live, positions, bars, seconds(bot.timeframe), info.point)
    counts = {status: sum(1 for r in rows if r["status"] == status) for status in STATUSES}
    equity = ledger.equity()
    times, curve = performance.balance_curve(live, balance)
    return {"bot_id": bot.id, "symbol": info.name, "digits": info.digits, "timeframe": bot.timeframe,
            "start": float(bars.time[start]),
            "end": float(bars.time[-1]), "config": config.to_json(), "rows": rows, "counts": counts,
            "identical": counts["fill"] == counts["missed"] == counts["extra"] == 0,
            "live": performance.summary(live, balance),
            "backtest": ledger.stats(equity, str(bars.time[start]), str(bars.time[-1])),
            "backtest_curve": {"time": bars.time[start:].tolist(), "equity": equity.tolist()},
            "live_curve": {"time": times.tolist(), "equity": curve.tolist()}}


def _pair(ledger: Ledger, live: list[dict], positions: list[Position], bars: Bars, length: int,
          point: float) -> list[dict]:
    t = {**ledger.trades, "net": ledger.net()}
    tested: dict[tuple[float, str], int] = {}
    for i in range(len(ledger)):
        tested.setdefault((float(bars.time[t["entry_bar"][i]]), str(t["side"][i])), i)
    rows = []
    for trade in live:
        when = _bar_start(bars, length, trade["open_time"])
        k = tested.pop((when, trade["side"]), None)
        part = _live_part(trade, when)
        rows.append({**part, "status": "extra"} if k is None else _row(part, k, t, bars, length, point))
    for position in positions:
        when = _bar_start(bars, length, position.open_time)
        k = tested.pop((when, position.side), None)
        rows.append({"entry_time": when, "side": position.side, "status": "open", "live_volume": position.volume,
                     "live_entry": position.open_price, "ticket": position.ticket,
                     **(_tested_part(k, t, bars) if k is not None else {})})
    for (when, side), k in tested.items():
        status = "open" if t["reason"][k] == "end" else "missed"
        rows.append({"entry_time": when, "side": side, "status": status, **_tested_part(k, t, bars)})
    return sorted(rows, key=lambda r: r["entry_time"])


def _bar_start(bars: Bars, length: int, ts: float) -> float:
    """Start of the bar ``ts`` falls in: one of ``bars``, or one forming after the last of them."""
    last = float(bars.time[-1])
    if ts >= last + length:
        return last + length * math.floor((ts - last) / length)
    return float(bars.time[max(0, int(np.searchsorted(bars.time, ts, side="right")) - 1)])


def _live_part(trade: dict, when: float) -> dict:
    return {"entry_time": when, "side": trade["side"], "live_volume": trade["volume"],
            "live_entry": trade["open_price"], "live_exit": trade["close_price"], "live_exit_time": trade["close_time"],
            "live_net": trade["net_profit"], "live_reason": trade["reason"], "ticket": trade["position_id"]}


def _tested_part(k: int, t: dict, bars: Bars) -> dict:
    return {"test_volume": float(t["volume"][k]), "test_entry": float(t["entry_price"][k]),
            "test_exit": float(t["exit_price"][k]), "test_exit_time": float(bars.time[t["exit_bar"][k]]),
            "test_net": float(t["net"][k]), "test_reason": str(t["reason"][k])}


def _row(part: dict, k: int, t: dict, bars: Bars, length: int, point: float) -> dict:
    row = {**part, **_tested_part(k, t, bars)}
    row["entry_diff_points"] = round((row["live_entry"] - row["test_entry"]) / point, 1)
    row["exit_diff_points"] = round((row["live_exit"] - row["test_exit"]) / point, 1)
    row["net_diff"] = round(row["live_net"] - row["test_net"], 2)
    alike = (abs(row["entry_diff_points"]) < 0.5 and abs(row["exit_diff_points"]) < 0.5
             and _bar_start(bars, length, row["live_exit_time"]) == row["test_exit_time"]
             and abs(row["live_volume"] - row["test_volume"]) < 1e-9 and abs(row["net_diff"]) <= 0.01)
    beyond = row["test_reason"] == "end" and row["live_exit_time"] >= float(bars.time[-1]) + length
    row["status"] = "open" if beyond else "same" if alike else "fill"  # beyond: the data ends before its exit
    return row
