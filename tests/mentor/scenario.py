"""A trader's days driven through the Engine's public API: bots with forced signals, trades by hand, notes.

Times are the trader's wall clock (Asia/Jakarta by default). Plan the day's
trades and notes in any order, then ``run()`` plays them in time order on the
ManualClock, so bots' trades can overlap. A bot trade is a forced BUY or SELL
on a new bar and a forced EXIT on a later one; a manual trade is opened on the
paper broker with magic 0, closed by hand, and picked up by the journal sweep.
``outcome`` picks the side that wins or loses over the hold (moving the close a
bar or a minute on if needed) by reading the deterministic paper market ahead:
test scaffolding only; every figure the mentor sees still comes from the broker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from qbx_engine.strategies import STRATEGIES
from tests.engine.conftest import force
from tests.fakes import Scripted

TZ = "Asia/Jakarta"
STEP = {"M1": 1, "M5": 5, "M15": 15, "M30": 30, "H1": 60}


def scripted_as(monkeypatch, name: str) -> None:
    """Register a scripted strategy under a real strategy's name and label (a test drives its signals)."""
    real = STRATEGIES[name]
    fake = type(f"ScriptedAs{real.__name__}", (Scripted,), {"name": name, "label": real.label})
    monkeypatch.setitem(STRATEGIES, name, fake)


@dataclass
class Planned:
    mark: str | None
    bot_id: int | None
    symbol: str
    opened: float
    closed: float | None  # None: left open
    side: str
    lot: float = 0.0
    sl_pips: float | None = None
    outcome: str | None = None
    ticket: int | None = None
    magic: int = 0


class Desk:
    def __init__(self, engine, clock, tz: str = TZ):
        self.engine, self.clock, self.tz = engine, clock, tz
        self._plan: list[Planned] = []
        self._notes: list[tuple[float, dict]] = []
        self.records: dict[str, dict] = {}
        self.open_tickets: dict[str, int] = {}

    # -- the trader's set-up -----------------------------------------------------------
    def bot(self, name: str, *, market: str = "EURUSD", strategy: str = "scripted", timeframe: str = "M5",
            risk: float = 1.0, sl: float = 20, tp: float = 40) -> int:
        return self.engine.create_bot({
            "name": name, "market": market, "timeframe": timeframe, "strategy_name": strategy, "risk_percent": risk,
            "sl_pips": sl, "tp_pips": tp, "check_interval": 60, "status": "active"})["id"]

    def ts(self, day: date, hhmm: str) -> float:
        hour, minute = (int(x) for x in hhmm.split(":"))
        return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(self.tz)).timestamp()

    # -- planning ---------------------------------------------------------------------
    def note(self, day: date, hhmm: str, before: str, market: str, text: str, after: str | None = None) -> None:
        self._notes.append((self.ts(day, hhmm), {"emotion_before": before, "emotion_after": after,
                                                 "market_condition": market, "note": text}))

    def bot_trade(self, bot_id: int, day: date, opened: str, closed: str | None, outcome: str | None = None, *,
                  side: str | None = None, mark: str | None = None) -> None:
        bot = self.engine.get_bot(bot_id)
        start = self.ts(day, opened)
        end = None if closed is None else self.ts(day, closed)
        chosen, end = self._side(bot["market"], outcome, start, end, side, STEP[bot["timeframe"]])
        self._plan.append(Planned(mark, bot_id, bot["market"], start, end, chosen, outcome=outcome))

    def manual(self, day: date, opened: str, closed: str, *, symbol: str = "EURUSD", lot: float = 0.5,
               sl_pips: float | None = 20, outcome: str | None = None, side: str | None = None,
               mark: str | None = None, magic: int = 0) -> None:
        """A trade by hand (or, with a ``magic``, by another EA): ``lot`` with a stop ``sl_pips`` from the entry
        price (None: no stop)."""
        start = self.ts(day, opened)
        chosen, end = self._side(symbol, outcome, start, self.ts(day, closed), side, 1)
        self._plan.append(Planned(mark, None, symbol, start, end, chosen, lot, sl_pips, outcome, magic=magic))

    def _side(self, symbol, outcome, start, end, side, step) -> tuple[str, float | None]:
        if side is not None or outcome is None or end is None:
            return side or "buy", end
        market = self.engine.broker.market
        for shift in range(7):
            until = end + 60 * step * shift
            moves = {"buy": market.bid(symbol, until) - market.ask(symbol, start),
                     "sell": market.bid(symbol, start) - market.ask(symbol, until)}
            for name, move in moves.items():
                if (move > 0) == (outcome == "win") and move != 0:
                    return name, until
        raise AssertionError(f"no side {outcome}s on {symbol} from {start}; pick another time")

    # -- playing it ---------------------------------------------------------------------
    def run(self) -> dict[str, dict]:
        """Play every planned note, entry and exit in time order (other trades' exits first at the same minute)."""
        events = [(when, 1, "note", entry) for when, entry in self._notes]
        for trade in self._plan:
            events.append((trade.opened, 2, "open", trade))
            if trade.closed is not None:  # a trade closed the minute it opened closes after its own entry
                events.append((trade.closed, 3 if trade.closed == trade.opened else 0, "close", trade))
        for when, _, kind, item in sorted(events, key=lambda e: (e[0], e[1])):
            assert when >= self.clock.now(), "plan entries in the past"
            self.clock.set(when)
            if kind == "note":
                self.engine.mentor.add_emotion(item)
            elif kind == "open":
                self._open(item)
            else:
                self._close(item)
        self._plan, self._notes = [], []
        return self.records

    def _open(self, trade: Planned) -> None:
        if trade.bot_id is not None:
            force(self.engine, trade.side.upper())
            trade.ticket = self.engine.run_tick(trade.bot_id)["position_ticket"]
            force(self.engine, "HOLD")
            assert trade.ticket, self.engine.events(trade.bot_id, limit=3)
        else:
            broker = self.engine.broker
            info = broker.symbol_info(trade.symbol)
            tick = broker.tick(trade.symbol)
            entry = tick.ask if trade.side == "buy" else tick.bid
            sl = 0.0
            if trade.sl_pips:
                distance = trade.sl_pips * info.pip
                sl = round(entry - distance if trade.side == "buy" else entry + distance, info.digits)
            trade.ticket = broker.open_position(trade.symbol, trade.side, trade.lot, sl=sl, tp=0.0,
                                                magic=trade.magic, comment="by hand").ticket
        if trade.closed is None and trade.mark:
            self.open_tickets[trade.mark] = trade.ticket

    def _close(self, trade: Planned) -> None:
        if trade.bot_id is not None:
            force(self.engine, "EXIT")
            self.engine.run_tick(trade.bot_id)
            force(self.engine, "HOLD")
        elif self.engine.broker.closed_position(trade.ticket) is None:
            self.engine.broker.close_by_hand(trade.ticket)
        self.engine.sync_journal()
        (record,) = [x for x in self.engine.trades() if x["position_id"] == trade.ticket]
        if trade.outcome is not None:
            assert (record["net_profit"] > 0) == (trade.outcome == "win") and record["net_profit"] != 0, record
        self.records[trade.mark or f"#{trade.ticket}"] = record
