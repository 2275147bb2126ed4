"""The trade journal: every closed position of every bot, however it was closed.

A position closed by the bot, by its SL or TP, by hand in the terminal, or by a
stop-out is journaled once (keyed by its ticket) with the broker's own profit,
so the mentor judges the day with all its losses. A trading session is the set
of trades closed on one calendar day in the trader's time zone; its totals are
computed from those trades, so they cannot drift from them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .brokers.base import ClosedPosition
from .money import D, cents
from .store.partitioned import PartitionedLog


def journal_record(closed: ClosedPosition, bot: dict, currency: str) -> dict:
    return {
        "ts": closed.close_time, "position_id": closed.ticket, "bot_id": bot["id"], "bot_name": bot["name"],
        "symbol": closed.symbol, "side": closed.side, "volume": closed.volume, "open_time": closed.open_time,
        "open_price": closed.open_price, "close_time": closed.close_time, "close_price": closed.close_price,
        "profit": closed.profit, "commission": closed.commission, "swap": closed.swap,
        "net_profit": closed.net_profit, "sl": closed.sl, "tp": closed.tp, "sl_used": bool(closed.sl),
        "tp_used": bool(closed.tp), "risk_percent": bot.get("risk_percent"), "sl_pips": bot.get("sl_pips"),
        "tp_pips": bot.get("tp_pips"), "strategy": bot.get("strategy_name"), "timeframe": bot.get("timeframe"),
        "reason": closed.reason, "currency": currency,
    }


@dataclass(frozen=True)
class DayBounds:
    day: date
    start: float
    end: float


def day_bounds(day: date, tz: str) -> DayBounds:
    zone = ZoneInfo(tz)
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return DayBounds(day, start.timestamp(), end.timestamp())


def local_day(ts: float, tz: str) -> date:
    return datetime.fromtimestamp(ts, ZoneInfo(tz)).date()


class Journal:
    def __init__(self, log: PartitionedLog):
        self.log = log
        self._lock = threading.Lock()

    def add(self, record: dict) -> bool:
        """Journal a closed position once; False if it was already there."""
        with self._lock:
            if self.has(record["position_id"]):
                return False
            self.log.append(record)
            return True

    def has(self, position_id: int) -> bool:
        return bool(self.log.query(match={"position_id": position_id}, limit=1))

    def trades(self, *, bot_id: int | None = None, since: float | None = None, until: float | None = None,
               limit: int | None = None, newest_first: bool = True) -> list[dict]:
        match = {"bot_id": bot_id} if bot_id is not None else None
        return self.log.query(match=match, since=since, until=until, limit=limit, newest_first=newest_first)

    def iterate(self, *, since: float | None = None, until: float | None = None):
        return self.log.iterate(since=since, until=until)

    def session(self, day: date, tz: str) -> dict:
        bounds = day_bounds(day, tz)
        trades = self.trades(since=bounds.start, until=bounds.end, newest_first=False)
        return summarize(day, trades)


def summarize(day: date, trades: list[dict]) -> dict:
    net = [D(t["net_profit"]) for t in trades]
    wins = [n for n in net if n > 0]
    losses = [n for n in net if n < 0]
    return {"date": day.isoformat(), "trades": trades, "total_trades": len(trades),
            "total_profit": cents(sum(net, D(0))), "wins": len(wins), "losses": len(losses),
            "gross_win": cents(sum(wins, D(0))), "gross_loss": cents(sum(losses, D(0)))}
