"""Facts of open positions at entry (plan, fill, money at risk), kept until the position is journaled.

Keyed by ticket, not by bot: a bot edited or deleted while its position is
open does not change what that trade risked. Written before the bot records
its ticket, so after a crash between the two the adopted position still finds
its facts. Kept in a table log (``entries.json`` and ``entries.log``): putting or
dropping one ticket's facts appends one line.
"""

from __future__ import annotations

from ..store.tablelog import TableLog

TABLE = "entries"


class OpenEntries:
    def __init__(self, db: TableLog):
        self.db = db

    def put(self, ticket: int, facts: dict) -> None:
        self.db.put(TABLE, int(ticket), facts)

    def get(self, ticket: int) -> dict | None:
        facts = self.db.get(TABLE, int(ticket))
        if facts is not None:
            facts.pop("doc_id", None)
        return facts

    def pop(self, ticket: int) -> None:
        self.db.remove(TABLE, int(ticket))
