"""The trade plan: where an entry's stop and target go, how big it is, and what it risks.

One pure function, :func:`plan_entry`, is called by the live tick and by the
backtester, so the risk a trader sees in a backtest is the risk a bot takes.

Definitions (MetaTrader 5):

* A BUY fills at the ask and closes at the bid; a SELL fills at the bid and
  closes at the ask. SL and TP distances are measured from the *entry* price,
  so the money lost at the stop is exactly what the lot was sized for:
  ``risk = |entry - SL| / tick_size * tick_value * lots``.
* The broker refuses an SL/TP closer than ``stops_level`` points to the price
  the position would close at (the bid for a BUY, the ask for a SELL); the
  plan refuses it first, with the numbers, instead of sending a doomed order.
* Stops are given in pips or as multiples of the ATR of the last closed bar;
  both become a price distance here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .brokers.base import BUY, SELL, SymbolInfo
from .i18n import Msg
from .money import D, cents, lot_for_risk, money_at_risk, percent_of, round_price

PIPS, ATR = "pips", "atr"
STOP_MODES = (PIPS, ATR)


@dataclass(frozen=True)
class Stops:
    """A bot's stop rule: SL and TP in pips, or in multiples of the ATR; 0 means none."""

    mode: str = PIPS
    sl: float = 0.0
    tp: float = 0.0
    atr_period: int = 14

    @classmethod
    def of_bot(cls, bot) -> "Stops":
        """The stop rule of a bot record (older records have pips only)."""
        if bot.get("stop_mode", PIPS) == ATR:
            return cls(ATR, float(bot["sl_atr"]), float(bot["tp_atr"]), int(bot["atr_period"]))
        return cls(PIPS, float(bot["sl_pips"]), float(bot["tp_pips"]))

    @property
    def needs_atr(self) -> bool:
        return self.mode == ATR

    def distances(self, pip: float, atr: float | None) -> tuple[Decimal, Decimal] | None:
        """(SL distance, TP distance) in price units; None when an ATR is needed and missing."""
        if self.mode == ATR:
            if atr is None or not atr > 0:
                return None
            unit = D(atr)
        else:
            unit = D(pip)
        return D(self.sl) * unit, D(self.tp) * unit


@dataclass(frozen=True)
class TradePlan:
    """An entry ready to send, or the reason there is none. Money is in the account currency."""

    side: str
    entry: float
    sl: float  # 0.0: none
    tp: float  # 0.0: none
    volume: float
    risk_money: float | None  # lost at the SL with this volume; None without an SL
    risk_pct: float | None  # of ``balance``
    balance: float
    sl_pips: float | None
    tp_pips: float | None
    refusal: Msg | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None

    def to_json(self) -> dict:
        return {"side": self.side, "entry": self.entry, "sl": self.sl, "tp": self.tp, "volume": self.volume,
                "risk_money": self.risk_money, "risk_pct": self.risk_pct, "balance": self.balance,
                "sl_pips": self.sl_pips, "tp_pips": self.tp_pips}


def plan_entry(side: str, *, bid: float, ask: float, stops: Stops, info: SymbolInfo, balance: float,
               risk_percent: float | None = None, volume: float | None = None,
               atr: float | None = None) -> TradePlan:
    """Entry, SL, TP and lot for ``side`` at this quote; sized by ``risk_percent`` or a fixed ``volume``."""
    if side not in (BUY, SELL):
        raise ValueError(f"side must be buy or sell, not {side!r}")
    entry = ask if side == BUY else bid
    direction = 1 if side == BUY else -1

    def refuse(msg: Msg) -> TradePlan:
        return TradePlan(side, entry, 0.0, 0.0, 0.0, None, None, balance, None, None, msg)

    distances = stops.distances(info.pip, atr)
    if distances is None:
        return refuse(Msg("plan.no_atr", {"period": stops.atr_period}))
    sl_distance, tp_distance = distances
    sl = round_price(D(entry) - direction * sl_distance, info.digits) if sl_distance > 0 else 0.0
    tp = round_price(D(entry) + direction * tp_distance, info.digits) if tp_distance > 0 else 0.0
    sl_pips = pips_between(entry, sl, info.pip)
    tp_pips = pips_between(entry, tp, info.pip)

    if not stops_allowed(side, sl, tp, bid=bid, ask=ask, stops_level=info.stops_level, point=info.point):
        return refuse(Msg("plan.stops_too_close", {
            "sl_pips": sl_pips or 0, "tp_pips": tp_pips or 0, "stops_level": info.stops_level,
            "spread": _points(ask - bid, info.point)}))

    if volume is None:
        if risk_percent is None:
            raise ValueError("give risk_percent or volume")
        if not sl:
            return refuse(Msg("lot.no_stop"))
        lot = lot_for_risk(balance=balance, risk_percent=risk_percent, sl_distance=abs(entry - sl),
                           pip=info.pip, tick_size=info.tick_size, tick_value=info.tick_value,
                           volume_min=info.volume_min, volume_step=info.volume_step, volume_max=info.volume_max)
        if not lot.ok:
            return refuse(lot.refusal)
        volume = lot.volume
    risk = money_at_risk(volume, entry, sl, info.tick_size, info.tick_value) if sl else None
    return TradePlan(side, entry, sl, tp, float(volume), risk, percent_of(risk, balance), cents(balance), sl_pips,
                     tp_pips)


def stops_allowed(side: str, sl: float, tp: float, *, bid: float, ask: float, stops_level: int,
                  point: float) -> bool:
    """MT5's rule: an SL/TP lies beyond the closing price (bid for a BUY, ask for a SELL) by
    at least ``stops_level`` points, and never on it or on the wrong side."""
    if not sl and not tp:
        return True
    closing = D(bid) if side == BUY else D(ask)
    direction = 1 if side == BUY else -1
    gap = D(stops_level) * D(point)
    rooms = [(closing - D(sl)) * direction] if sl else []
    rooms += [(D(tp) - closing) * direction] if tp else []
    return all(room > 0 and room >= gap for room in rooms)


def pips_between(price: float, level: float, pip: float) -> float | None:
    """How far ``level`` (an SL or TP; 0 is none) lies from ``price``, in pips to 0.1."""
    if not level:
        return None
    return float(round(abs(D(price) - D(level)) / D(pip), 1))


def _points(distance: float, point: float) -> int:
    return int(round(D(distance) / D(point)))
