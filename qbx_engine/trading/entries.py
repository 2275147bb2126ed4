"""Facts of open positions at entry (plan, fill, money at risk), kept until the position is journaled.

Keyed by ticket, not by bot: a bot edited or deleted while its position is
open does not change what that trade risked. Written before the bot records
its ticket, so after a crash between the two the adopted position still finds
its facts.
"""

from __future__ import annotations

from ..store.durable import DurableDB

TABLE = "entries"


class OpenEntries:
    def __init__(self, db: DurableDB):
        self.db = db

    def put(self, ticket: int, facts: dict) -> None:
        self.db.upsert_doc(TABLE, int(ticket), facts)

    def get(self, ticket: int) -> dict | None:
        facts = self.db.get(TABLE, int(ticket))
        if facts is not None:
            facts.pop("doc_id", None)
        return facts

    def pop(self, ticket: int) -> None:
        if self.db.get(TABLE, int(ticket)) is not None:
            self.db.remove(TABLE, int(ticket))
