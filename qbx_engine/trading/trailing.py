"""Break-even and trailing stop: where a position's SL goes after a bar closes.

One pure function, :func:`trailed_sl`, is called by a live bot's tick (on each
new closed bar, for its open position) and by the backtester (at each bar's
close while a position is open), so both move the SL along the same path.

Rules (distances in the bot's stop unit: pips, or multiples of the ATR of the
bar that just closed):

* the position's profit is measured at the price it would close at, from the
  bar's close: the bid for a BUY, the ask (close + spread) for a SELL;
* break-even: once that profit reaches ``breakeven_at``, the SL goes to the
  entry price;
* trailing: with ``distance`` set, the SL follows that far behind the closing
  price — from the start when there is no break-even level, otherwise once the
  break-even level was reached (and never below the entry then);
* the SL only ever tightens, never moves back, and is not moved where the
  broker would refuse it (closer to the price than ``stops_level`` points).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..brokers.base import BUY, SymbolInfo, stops_allowed
from ..core.money import D, round_price
from .plan import ATR, PIPS

BREAKEVEN, TRAIL = "breakeven", "trail"


@dataclass(frozen=True)
class Trailing:
    """A bot's trailing rule; 0 switches a part off."""

    mode: str = PIPS  # the unit of both distances: the bot's stop mode
    breakeven_at: float = 0.0
    distance: float = 0.0
    atr_period: int = 14

    @property
    def on(self) -> bool:
        return self.breakeven_at > 0 or self.distance > 0

    @property
    def needs_atr(self) -> bool:
        return self.on and self.mode == ATR

    def unit(self, pip: float, atr: float | None) -> float | None:
        """The price distance of 1 in this rule's unit: a pip, or the ATR (None while there is none)."""
        if self.mode == ATR:
            return atr if atr is not None and atr > 0 else None
        return pip


def trailed_sl(side: str, *, entry: float, sl: float, close: float, spread: float, rule: Trailing,
               info: SymbolInfo, atr: float | None = None) -> float | None:
    """The new SL after a bar closed at ``close`` (a bid price), or None to leave the SL where it is."""
    if not rule.on:
        return None
    size = rule.unit(info.pip, atr)
    if size is None or _surely_unmoved(side, entry, sl, close, spread, rule, size, info.point):
        return None
    unit = D(size)
    direction = 1 if side == BUY else -1
    bid = D(close)
    ask = D(round_price(bid + D(spread), info.digits))
    closing = bid if side == BUY else ask
    profit = (closing - D(entry)) * direction
    candidates: list[Decimal] = []
    if rule.breakeven_at > 0:
        if profit < D(rule.breakeven_at) * unit:
            return None
        candidates.append(D(entry))
    if rule.distance > 0:
        candidates.append(closing - direction * D(rule.distance) * unit)
    best = max(candidates) if side == BUY else min(candidates)
    new = round_price(best, info.digits)
    if sl and (D(new) - D(sl)) * direction <= 0:
        return None
    if not stops_allowed(side, new, 0.0, bid=float(bid), ask=float(ask), stops_level=info.stops_level,
                         point=info.point):
        return None
    return new


def _surely_unmoved(side: str, entry: float, sl: float, close: float, spread: float, rule: Trailing, unit: float,
                    point: float) -> bool:
    """A float pre-check that answers "no move" only where the exact rule would: short of the break-even level
    by more than a point, or a level that rounds (half up, to the point) onto the SL or behind it — margins far
    beyond float error. Most bars move nothing, and this spares them the Decimal work."""
    direction = 1 if side == BUY else -1
    closing = close if side == BUY else close + spread
    candidates = []
    if rule.breakeven_at > 0:
        if (closing - entry) * direction < rule.breakeven_at * unit - point:
            return True
        candidates.append(entry)
    if rule.distance > 0:
        candidates.append(closing - direction * rule.distance * unit)
    best = max(candidates) if side == BUY else min(candidates)
    return bool(sl) and (best - sl) * direction < 0.4 * point  # rounds to the SL or behind it


def why_moved(new_sl: float, entry: float, digits: int) -> str:
    """Which part of the rule set this SL: the break-even (at the entry) or the trailing distance."""
    return BREAKEVEN if round_price(entry, digits) == new_sl else TRAIL
