"""Backtest the account as it will trade: several bots, one balance, their gates, the brake and the calendar.

:func:`run_account` takes bots as they are saved, the bars each one trades (the paper market's,
whose price path then gives the fills; or a broker's history, bars only) and the trader's
settings, and replays them together (:mod:`.replay`). What comes back says what each bot
contributed, which entries were refused and why, when the brake went on and off, how much
margin the positions held at most, and the account's equity and drawdown along the way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..core.money import cents, r_multiple
from ..market.bars import Bars
from ..market.indicators import atr_simple
from ..market.timeframes import seconds
from ..reports import performance
from ..strategies import build
from ..trading.bots import Bot
from ..trading.schedule import tick_offset
from .prices import Quotes
from .replay import MARGIN, PLAN, Replay, Replayed, Seat, columns
from .runner import PAPER_CONVERSION, PAPER_MARKET, BacktestConfig, Contract, Conversion, seat_for

SCHEDULE, CLOSE = "schedule", "close"  # ticks as the live schedule fires them, or exactly at each bar close
CAUSES = ("entries_off", "cooldown", "sl_guard", "max_trades", "calendar", "brake", MARGIN, PLAN)
TRADE_FIELDS = ("bot_id", "bot_name", "symbol", "side", "volume", "entry_time", "exit_time", "entry_price",
                "exit_price", "sl", "tp", "net", "risk_money", "r_multiple", "reason")


@dataclass(frozen=True)
class History:
    """The bars one bot trades over the span (with its strategy's warm-up before it) and their contract.
    ``paper``: the bars are the paper market's, whose price path gives the fills."""

    bars: Bars
    contract: Contract
    paper: bool


@dataclass
class AccountRun:
    since: float
    until: float
    balance: float
    final_balance: float
    bots: list[dict]
    trades: pd.DataFrame
    refusals: list[dict]
    brake: list[dict]
    equity: pd.Series
    stats: dict
    exact: bool
    timing: str = SCHEDULE
    run_id: str | None = None
    notes: list[str] = field(default_factory=list)
    currency: str = "USD"  # the account's, which every money figure is in

    @property
    def drawdown(self) -> pd.Series:
        values = self.equity.to_numpy(dtype=float)
        return pd.Series(values - np.maximum.accumulate(values) if len(values) else values, index=self.equity.index,
                         name="drawdown")

    @property
    def refused_by_cause(self) -> dict[str, int]:
        counts = Counter(r["cause"] for r in self.refusals)
        return {cause: counts.get(cause, 0) for cause in CAUSES if counts.get(cause)}


def run_account(bots: list[Bot], history: Callable[[Bot], History], *, since: float, until: float, balance: float,
                settings: dict, leverage: int = 100, timing: str = SCHEDULE,
                progress: Callable[[float], None] | None = None,
                conversion: Conversion = PAPER_CONVERSION) -> AccountRun:
    """Replay ``bots`` together on one ``balance`` from ``since`` to ``until`` (UTC epoch seconds), its money in
    ``conversion``'s account currency."""
    quotes = Quotes(PAPER_MARKET)
    seats = [_seat(bot, history(bot), timing, quotes, conversion) for bot in bots]
    done = Replay(seats, balance=balance, since=since, until=until, leverage=leverage, settings=settings,
                  progress=progress, currency=conversion.currency).run()
    return _result(done, balance, timing)


def warmup_bars(bot: Bot) -> int:
    """Closed bars a bot's strategy (and ATR stops or trailing) needs before its first decision."""
    return max(build(bot.strategy_name, bot.strategy_params).bars_needed(), bot.atr_period + 1) + 2


def _seat(bot: Bot, found: History, timing: str, quotes: Quotes, conversion: Conversion) -> Seat:
    strategy = build(bot.strategy_name, bot.strategy_params)
    bars, contract = found.bars, found.contract
    signal = strategy.columns(bars)["signal"]
    needs_atr = bot.stops.needs_atr or bot.trailing.needs_atr
    atr = atr_simple(bars.high, bars.low, bars.close, bot.atr_period) if needs_atr else None
    config = BacktestConfig(bot.strategy_name, dict(bot.strategy_params), risk_percent=bot.risk_percent,
                            sl_pips=bot.sl_pips, tp_pips=bot.tp_pips, stop_mode=bot.stop_mode, sl_atr=bot.sl_atr,
                            tp_atr=bot.tp_atr, atr_period=bot.atr_period)
    interval = float(bot.check_interval)
    seat = seat_for(bars, signal, config, contract, contract.spread_points,
                    paper=(contract.symbol, bot.timeframe) if found.paper else None,
                    ready=strategy.bars_needed() - 1, atr=atr, bot=bot,
                    interval=interval if timing == SCHEDULE else None,
                    offset=tick_offset(bot.id, interval) if timing == SCHEDULE else 0.0,
                    length=float(seconds(bot.timeframe)), quotes=quotes, conversion=conversion)
    seat.order = (tick_offset(bot.id, interval), bot.id)  # the live schedule's order at one instant
    return seat


def _result(done: Replayed, balance: float, timing: str) -> AccountRun:
    rows, refusals, per_bot = [], [], []
    for seat in done.seats:
        cols = columns(seat.rows)
        bot = seat.bot
        r = np.array([np.nan if (value := r_multiple(net, risk)) is None else value
                      for net, risk in zip(cols["net"], cols["risk_money"], strict=True)], dtype=float)
        for k in range(len(cols["net"])):
            rows.append((bot.id, bot.name, seat.symbol, cols["side"][k], cols["volume"][k], cols["entry_time"][k],
                         cols["exit_time"][k], cols["entry_price"][k], cols["exit_price"][k], cols["sl"][k],
                         cols["tp"][k], cols["net"][k], cols["risk_money"][k], None if np.isnan(r[k]) else r[k],
                         cols["reason"][k]))
        refusals += [{**refusal, "bot_id": bot.id, "bot_name": bot.name} for refusal in seat.refused]
        causes = Counter(refusal["cause"] for refusal in seat.refused)
        per_bot.append({"bot_id": bot.id, "name": bot.name, "symbol": seat.symbol, "timeframe": bot.timeframe,
                        "strategy": bot.strategy_name, **performance.trade_figures(cols["net"], r),
                        "refused": dict(causes), "sl_moves": len(seat.sl_moves)})
    trades = pd.DataFrame(rows, columns=list(TRADE_FIELDS)).sort_values(["exit_time", "bot_id"], kind="stable")
    trades = trades.reset_index(drop=True)
    refusals.sort(key=lambda refusal: (refusal["time"], refusal["bot_id"]))
    times, values = _equity(done, balance)
    index = pd.DatetimeIndex(pd.to_datetime(times, unit="s", utc=True))
    net = trades["net"].to_numpy(dtype=float)
    r_all = np.array([np.nan if v is None else v for v in trades["r_multiple"]], dtype=float)
    money, pct = performance.drawdown(values) if len(values) else (0.0, 0.0)
    stats = {**performance.trade_figures(net, r_all), "initial_balance": balance, "final_balance": done.balance,
             "net_profit": cents(done.balance - balance),
             "return_pct": round((done.balance / balance - 1) * 100, 2) if balance else None,
             "max_drawdown": money, "max_drawdown_pct": pct, "margin_peak": done.margin_peak,
             "refused": len(refusals), "brake_trips": sum(1 for e in done.brake_told if e["msg"]["key"] == "brake.on"),
             "bots": len(done.seats)}
    brake = [{"time": e["ts"], "on": e["msg"]["key"] == "brake.on", "msg": e["msg"]} for e in done.brake_told]
    exact = all(seat.prices.exact for seat in done.seats) if done.seats else True
    return AccountRun(done.since, done.until, balance, done.balance, per_bot, trades, refusals, brake,
                      pd.Series(values, index=index, name="equity"), stats, exact, timing, currency=done.currency)


def _equity(done: Replayed, balance: float) -> tuple[np.ndarray, np.ndarray]:
    """The account's equity at every bar close of the span: the balance after the trades closed by then, and the
    open positions marked at their symbols' closes."""
    grid = np.unique(np.concatenate([s.bars.time + s.length for s in done.seats])) if done.seats else np.zeros(0)
    grid = grid[(grid >= done.since) & (grid <= done.until)]
    if not len(grid):
        return np.array([done.since]), np.array([balance])
    realized = np.zeros(len(grid))
    floating = np.zeros(len(grid))
    marked: dict[tuple, np.ndarray] = {}  # the quotes of one symbol's bars on the grid, priced once
    for seat in done.seats:
        cols = columns(seat.rows)
        if not len(cols["net"]):
            continue
        exits = np.searchsorted(grid, cols["exit_time"], side="left")
        np.add.at(realized, exits[exits < len(grid)], cols["net"][exits < len(grid)])
        key = (type(seat.prices), seat.symbol, id(seat.bars), seat.length)
        marks = marked.get(key)
        if marks is None:
            marks = marked[key] = seat.prices.bids(grid)
        units = cols["volume"] * seat.contract_size * cols["rate"]
        for k in range(len(cols["net"])):
            lo = int(np.searchsorted(grid, cols["entry_time"][k], side="left"))
            hi = int(exits[k])
            if hi > lo:
                price = marks[lo:hi] if cols["long"][k] else marks[lo:hi] + seat.spread
                floating[lo:hi] += (price - cols["entry_price"][k]) * (1 if cols["long"][k] else -1) * units[k]
    return grid, balance + np.cumsum(realized) + floating
