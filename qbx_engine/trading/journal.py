"""The trade journal: every closed position of the account — the bots', the trader's own and other EAs'.

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
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..brokers.base import ClosedPosition, SymbolInfo
from ..core.money import D, cents, money_at_risk, percent_of, r_multiple
from ..store.partitioned import PartitionedLog
from .plan import pips_between

if TYPE_CHECKING:
    from .bots import Bot


def journal_record(closed: ClosedPosition, *, bot: Bot | None, entry: dict | None, currency: str) -> dict:
    """One closed position as the journal keeps it: what happened, and the trade's own risk at entry.

    ``entry`` holds the facts at entry (see :func:`entry_facts`): for a bot's trade, from its plan and fill;
    for a manual trade, another EA's or one adopted after a crash, from the broker's record. The R multiple
    is the net result in units of the money that was at risk (none without an SL).
    """
    entry = entry or {}
    risk_money = entry.get("risk_money")
    return {
        "ts": closed.close_time, "position_id": closed.ticket, "magic": closed.magic,
        "bot_id": bot.id if bot else None, "bot_name": bot.name if bot else None, "source": source_of(closed, bot),
        "symbol": closed.symbol, "side": closed.side, "volume": closed.volume, "open_time": closed.open_time,
        "open_price": closed.open_price, "close_time": closed.close_time, "close_price": closed.close_price,
        "profit": closed.profit, "commission": closed.commission, "swap": closed.swap,
        "net_profit": closed.net_profit, "sl": closed.sl, "tp": closed.tp,
        "initial_sl": entry.get("sl"), "initial_tp": entry.get("tp"),
        "sl_used": bool(entry.get("sl") or closed.sl), "tp_used": bool(entry.get("tp") or closed.tp),
        "sl_pips": entry.get("sl_pips"), "tp_pips": entry.get("tp_pips"),
        "risk_money": risk_money, "risk_pct": entry.get("risk_pct"), "balance_at_entry": entry.get("balance"),
        "r_multiple": r_multiple(closed.net_profit, risk_money), "entry_source": entry.get("source"),
        "strategy": entry.get("strategy", bot.strategy_name if bot else None),
        "timeframe": entry.get("timeframe", bot.timeframe if bot else None),
        "reason": closed.reason, "currency": currency,
    }


def source_of(closed: ClosedPosition, bot: Bot | None) -> str:
    """Who opened the position: one of our bots, the trader by hand (magic 0), or another EA."""
    if bot is not None:
        return "bot"
    return "manual" if closed.magic == 0 else "ea"


def entry_facts(*, volume: float, open_price: float, sl: float, tp: float, info: SymbolInfo, balance: float | None,
                source: str, **extra) -> dict:
    """What a position risked when it opened: the money lost at its initial SL and that as % of the balance.

    money at risk = |open price - initial SL| / tick_size * tick_value * lots   (account currency)
    """
    risk = money_at_risk(volume, open_price, sl, info.tick_size, info.tick_value) if sl else None
    return {"volume": volume, "open_price": open_price, "sl": sl or 0.0, "tp": tp or 0.0,
            "sl_pips": pips_between(open_price, sl, info.pip), "tp_pips": pips_between(open_price, tp, info.pip),
            "risk_money": risk, "risk_pct": percent_of(risk, balance), "balance": balance, "source": source,
            **extra}


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

    @property
    def revision(self) -> int:
        """A number that changes whenever a trade is added (what a cached figure of the journal is keyed by)."""
        return self.log.last_seq

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
