"""What the protections read and write, as protocols: live they are the journal, a durable table and the activity
log; in a backtest, the replay's own (:mod:`qbx_engine.backtest.account`), so both run the same rules."""

from __future__ import annotations

from typing import Any, Protocol

from ..core.i18n import Msg


class TradeLog(Protocol):
    """Closed trades, each with ``ts`` (its close), ``bot_id``, ``open_time``, ``close_time``, ``net_profit``,
    ``profit``, ``reason`` and ``currency``; filtered on ``since <= ts < until``."""

    @property
    def revision(self) -> int: ...

    def trades(self, *, bot_id: int | None = None, since: float | None = None, until: float | None = None,
               limit: int | None = None, newest_first: bool = True) -> list[dict]: ...


class StateTable(Protocol):
    def get(self, table: str, doc_id: int) -> dict | None: ...

    def upsert_doc(self, table: str, doc_id: int, value: dict) -> Any: ...


class EventSink(Protocol):
    def add(self, bot_id: int | None, action: str, msg: Msg, *, collapse: bool | str = False,
            bot_name: str | None = None) -> int: ...
