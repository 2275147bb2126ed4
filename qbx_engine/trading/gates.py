"""What a tick asks before it opens a position, as the trader sees it: a :class:`Block` or nothing.

The rules themselves (per-bot gates, the emergency brake, the no-trade calendar)
live in :mod:`qbx_engine.safety`; the engine hands them to the trader as an
:class:`EntryGates`, so trading never imports safety.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from ..core.i18n import Msg

if TYPE_CHECKING:
    from ..brokers.base import AccountInfo, CashFlow
    from .bots import Bot

ENTRIES_OFF, BRAKE, CALENDAR, SL_GUARD, COOLDOWN, MAX_TRADES = (
    "entries_off", "brake", "calendar", "sl_guard", "cooldown", "max_trades")
MARKET_CLOSED = "market_closed"  # not a gate a tick asks (the tick waits for the market first), but shown with them


@dataclass(frozen=True)
class Block:
    """Entries are barred: why, and when that lifts (None: until the trader changes something)."""

    kind: str
    reason: Msg
    lifts_at: float | None = None

    def to_json(self) -> dict:
        return {"kind": self.kind, "reason": self.reason.to_json(), "lifts_at": self.lifts_at}


def local_text(ts: float, tz: str) -> str:
    """A time as messages show it, in the trader's time zone."""
    return datetime.fromtimestamp(ts, ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


class AccountBrake(Protocol):
    """The account-level brake as a tick meets it: looked at after closes, closing all when asked."""

    def lift_due(self, now: float) -> bool: ...

    def watch(self, account_of: Callable[[], AccountInfo],
              flows_of: Callable[[float, float], list[CashFlow]] | None = None) -> bool: ...

    def closing(self) -> bool: ...

    def closed_all(self) -> None: ...


class EntryGates(Protocol):
    @property
    def brake(self) -> AccountBrake: ...

    def first(self, bot: Bot, now: float, holding_since: float | None = None) -> Block | None: ...

    def risk_percent(self, bot: Bot, now: float) -> tuple[float, float | None]: ...
