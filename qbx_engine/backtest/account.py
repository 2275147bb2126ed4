"""The replay's own account, journal, clock and settings: what the live protections are handed in a backtest.

The entry gates (:class:`qbx_engine.safety.gates.Gates`) and the emergency brake
(:class:`qbx_engine.safety.brake.EmergencyBrake`) are the live classes. Live, they read the
journal, the settings, the clock and a durable table; in a replay they read these
stand-ins instead, which answer the same calls from memory and from the replay's time.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from ..brokers.base import AccountInfo, account_totals
from ..core.i18n import Msg
from ..core.money import D, cents


class ReplayClock:
    def __init__(self, now: float = 0.0):
        self.at = now

    def now(self) -> float:
        return self.at


class FixedSettings:
    """The trader's settings as they were when the replay started (read-only)."""

    def __init__(self, values: dict[str, Any]):
        self._values = values

    def get(self, name: str) -> Any:
        return self._values[name]

    def all(self) -> dict[str, Any]:
        return self._values


class MemoryTable:
    """The brake's saved state, kept in memory (a durable table's ``get`` and ``upsert_doc``)."""

    def __init__(self) -> None:
        self._docs: dict[tuple[str, int], dict] = {}

    def get(self, table: str, doc_id: int) -> dict | None:
        found = self._docs.get((table, doc_id))
        return None if found is None else dict(found)

    def upsert_doc(self, table: str, doc_id: int, value: dict) -> None:
        self._docs[(table, doc_id)] = dict(value)


class ReplayEvents:
    """What the brake tells the activity log, kept with the replay's time (its trips and lifts)."""

    def __init__(self, clock: ReplayClock):
        self.clock = clock
        self.told: list[dict] = []

    def add(self, bot_id: int | None, action: str, msg: Msg, *, collapse: bool | str = False,
            bot_name: str | None = None) -> int:
        self.told.append({"ts": self.clock.now(), "bot_id": bot_id, "action": action, "msg": msg.to_json()})
        return len(self.told)


class ReplayJournal:
    """The closed trades the bots have journaled so far, as the live journal answers for them."""

    def __init__(self) -> None:
        self._all: list[dict] = []
        self._times: list[float] = []
        self._by_bot: dict[int | None, tuple[list[float], list[dict]]] = {}

    @property
    def revision(self) -> int:
        return len(self._all)

    def add(self, record: dict) -> None:
        """Journal one close (records arrive in the order the bots notice them, nearly in time order)."""
        ts = record["ts"]
        at = bisect.bisect_right(self._times, ts)
        self._times.insert(at, ts)
        self._all.insert(at, record)
        times, rows = self._by_bot.setdefault(record.get("bot_id"), ([], []))
        at = bisect.bisect_right(times, ts)
        times.insert(at, ts)
        rows.insert(at, record)

    def trades(self, *, bot_id: int | None = None, since: float | None = None, until: float | None = None,
               limit: int | None = None, newest_first: bool = True) -> list[dict]:
        times, rows = (self._times, self._all) if bot_id is None else self._by_bot.get(bot_id, ([], []))
        lo = 0 if since is None else bisect.bisect_left(times, since)
        hi = len(times) if until is None else bisect.bisect_left(times, until)
        found = rows[lo:hi]
        if newest_first:
            found = found[::-1]
        return found if limit is None else found[:limit]


class ReplayAccount:
    """Balance, leverage and the figures MT5 shows of them (:func:`account_totals`), at the replay's instants."""

    def __init__(self, balance: float, leverage: int, currency: str = "USD"):
        self.balance = cents(balance)
        self.leverage = leverage
        self.currency = currency

    def credit(self, amount: float) -> None:
        """Add an amount in whole cents (the float sum of two cent amounts rounds as their decimal sum)."""
        self.balance = cents(self.balance + amount)

    def info(self, profits: list[float], margins: list[float]) -> AccountInfo:
        equity, margin, free, level = account_totals(self.balance, profits, margins)
        return AccountInfo(login=0, name="backtest", server="backtest", currency=self.currency,
                           balance=self.balance, equity=equity, margin=margin, free_margin=free, margin_level=level,
                           leverage=self.leverage, profit=cents(D(equity) - D(self.balance)), trade_mode="backtest")


AccountOf = Callable[[], AccountInfo]
