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
from typing import NamedTuple

from ..brokers.base import BUY, SELL, SymbolInfo, stops_allowed
from ..core.i18n import Msg
from ..core.money import D, cents, loss_per_lot, lot_volume, percent_of, round_price

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
    def of_bot(cls, bot) -> Stops:
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


class TradePlan(NamedTuple):
    """An entry ready to send, or the reason there is none. Money is in the account currency.

    Immutable like a frozen dataclass, and made at a tenth of its cost (a backtest makes one per entry).
    """

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
    return Planner(stops, info).plan(side, bid=bid, ask=ask, balance=balance, risk_percent=risk_percent,
                                     volume=volume, atr=atr)


class Planner:
    """:func:`plan_entry` for one symbol and stop rule, remembering what a quote alone decides.

    The SL and TP levels of a quote, their distances in pips, whether the broker allows them and the
    loss per lot at the SL do not depend on the balance, so they are worked out once per quote: a
    backtest plans thousands of entries, an optimisation millions on the same bars.
    """

    def __init__(self, stops: Stops, info: SymbolInfo, quotes: int = 200_000):
        self.stops, self.info = stops, info
        self._fixed = None if stops.needs_atr else stops.distances(info.pip, None)
        self._bare = self._fixed is not None and not (self._fixed[0] > 0 or self._fixed[1] > 0)  # no SL, no TP
        self._quotes: dict[tuple, tuple] = {}
        self._size = quotes

    def plan(self, side: str, bid: float, ask: float, balance: float, risk_percent: float | None = None,
             volume: float | None = None, atr: float | None = None) -> TradePlan:
        if side not in (BUY, SELL):
            raise ValueError(f"side must be buy or sell, not {side!r}")
        entry = ask if side == BUY else bid
        levels: tuple | None
        if self._bare:
            levels = _BARE
        else:
            key = (side, bid, ask, None if self._fixed is not None else atr)
            levels = self._quotes.get(key)
            if levels is None:
                levels = self._levels(side, entry, bid, ask, atr)
                if len(self._quotes) >= self._size:
                    self._quotes.clear()
                self._quotes[key] = levels
        sl, tp, sl_pips, tp_pips, refusal, per_lot, at_stop = levels
        if refusal is not None:
            return _refused(side, entry, balance, refusal)
        info = self.info
        if volume is None:
            if risk_percent is None:
                raise ValueError("give risk_percent or volume")
            if not sl:
                return _refused(side, entry, balance, Msg("lot.no_stop"))
            lot, refusal = lot_volume(balance=balance, risk_percent=risk_percent, loss_per_lot=per_lot,
                                    sl_distance=abs(entry - sl), pip=info.pip, volume_min=info.volume_min,
                                    volume_step=info.volume_step, volume_max=info.volume_max)
            if refusal is not None:
                return _refused(side, entry, balance, refusal)
            volume = float(lot)
        risk = cents(at_stop * D(volume)) if sl else None
        return TradePlan(side, entry, sl, tp, float(volume), risk, None if risk is None else percent_of(risk, balance),
                         cents(balance), sl_pips, tp_pips)

    def _levels(self, side: str, entry: float, bid: float, ask: float, atr: float | None) -> tuple:
        """(SL, TP, their pips, a refusal, the loss per lot at the SL, the money per lot at the SL)."""
        info = self.info
        direction = 1 if side == BUY else -1
        distances = self._fixed if self._fixed is not None else self.stops.distances(info.pip, atr)
        if distances is None:
            return 0.0, 0.0, None, None, Msg("plan.no_atr", {"period": self.stops.atr_period}), None, None
        sl_distance, tp_distance = distances
        sl = round_price(D(entry) - direction * sl_distance, info.digits) if sl_distance > 0 else 0.0
        tp = round_price(D(entry) + direction * tp_distance, info.digits) if tp_distance > 0 else 0.0
        sl_pips = pips_between(entry, sl, info.pip)
        tp_pips = pips_between(entry, tp, info.pip)
        if not stops_allowed(side, sl, tp, bid=bid, ask=ask, stops_level=info.stops_level, point=info.point):
            return sl, tp, sl_pips, tp_pips, Msg("plan.stops_too_close", {
                "sl_pips": sl_pips or 0, "tp_pips": tp_pips or 0, "stops_level": info.stops_level,
                "spread": _points(ask - bid, info.point)}), None, None
        if not sl:
            return sl, tp, sl_pips, tp_pips, None, None, None
        # |entry - SL| / tick_size * tick_value per lot: as the lot is sized, and as the money at risk is told
        return (sl, tp, sl_pips, tp_pips, None, loss_per_lot(abs(entry - sl), info.tick_size, info.tick_value),
                abs(D(entry) - D(sl)) / D(info.tick_size) * D(info.tick_value))


_BARE = (0.0, 0.0, None, None, None, None, None)  # the levels of every quote without an SL or a TP


def _refused(side: str, entry: float, balance: float, why: Msg) -> TradePlan:
    return TradePlan(side, entry, 0.0, 0.0, 0.0, None, None, balance, None, None, why)


def pips_between(price: float, level: float, pip: float) -> float | None:
    """How far ``level`` (an SL or TP; 0 is none) lies from ``price``, in pips to 0.1."""
    if not level:
        return None
    return float(round(abs(D(price) - D(level)) / D(pip), 1))


def _points(distance: float, point: float) -> int:
    return int(round(D(distance) / D(point)))
