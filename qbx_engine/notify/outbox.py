"""Messages waiting to leave, in one crash-safe file of the data folder, bounded.

Each message belongs to one channel. Before it is sent it is marked *sending*
on disk, and it is removed (on disk) as soon as the channel accepted it, so a
restart never sends it a second time: a message still marked *sending* after a
crash may have arrived, and is counted as uncertain instead of being resent.
When the outbox is full, the oldest message of the lowest priority makes room
and is counted as dropped. Counters per channel (sent, failures, last error…)
live in the same file, for the Settings page.
"""

from __future__ import annotations

from typing import Any

from tinydb.table import Document

from ..core.i18n import Msg
from ..store.durable import DurableDB, json_clean

LIMIT = 1000
SCHEMA = 1  # version of a queued message's fields, for a future migration
MESSAGES, STATS, SCHEDULES = "messages", "stats", "schedules"
COUNTERS = ("sent", "failures", "dropped", "rejected", "uncertain")


class Outbox:
    def __init__(self, db: DurableDB, limit: int = LIMIT):
        self.db = db
        self.limit = limit

    # -- reading ---------------------------------------------------------------------------
    def head(self, channel: str) -> dict | None:
        """The oldest message of ``channel`` not being sent, or None."""
        with self.db.reading() as tiny:
            for doc in tiny.table(MESSAGES):
                if doc["channel"] == channel and not doc.get("sending"):
                    return {**doc, "doc_id": doc.doc_id}
        return None

    def queued(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self.db.reading() as tiny:
            for doc in tiny.table(MESSAGES):
                counts[doc["channel"]] = counts.get(doc["channel"], 0) + 1
        return counts

    def messages(self, channel: str | None = None) -> list[dict]:
        return self.db.search(MESSAGES, lambda doc: channel is None or doc["channel"] == channel)

    def stats(self) -> dict[str, dict]:
        return {name: {**empty_stats(), **value} for name, value in self._stats_doc().items()}

    def schedule_day(self, name: str) -> str | None:
        """The last local day the scheduled report ``name`` was queued for."""
        return (self.db.get(SCHEDULES, 1) or {}).get(name)

    # -- writing (each call is one durable write) ---------------------------------------
    def add(self, messages: list[tuple[str, int, dict]], *, schedule: tuple[str, str] | None = None) -> None:
        """Queue (channel, priority, note) triples; ``schedule`` = (name, day) also marks that report queued."""
        docs = [json_clean({"v": SCHEMA, "channel": channel, "priority": priority, "note": note, "attempts": 0,
                            "sending": False}) for channel, priority, note in messages]

        def change(tiny) -> None:
            table = tiny.table(MESSAGES)
            if docs:
                table.insert_multiple(docs)
            excess = len(table) - self.limit
            if excess > 0:
                self._drop(tiny, excess)
            if schedule is not None:
                done = dict(tiny.table(SCHEDULES).get(doc_id=1) or {})
                done[schedule[0]] = schedule[1]
                tiny.table(SCHEDULES).upsert(Document(done, doc_id=1))

        self.db.write(change)

    def claim(self, doc_id: int) -> None:
        self.db.update(MESSAGES, doc_id, {"sending": True})

    def release(self, doc_id: int) -> None:
        """A send abandoned at close (no answer yet): it goes again at the next start."""
        self.db.update(MESSAGES, doc_id, {"sending": False})

    def delivered(self, doc_id: int, channel: str, now: float) -> None:
        def change(tiny) -> None:
            tiny.table(MESSAGES).remove(doc_ids=[doc_id])
            self._count(tiny, channel, "sent", last_sent_at=now)
        self.db.write(change)

    def failed(self, doc_id: int | None, channel: str, problem: Msg, now: float, *, drop: bool = False) -> None:
        """A failed attempt: the message waits for its retry, or is dropped when the channel refused it for good."""
        error = json_clean(problem.to_json())

        def change(tiny) -> None:
            table = tiny.table(MESSAGES)
            if doc_id is not None and table.contains(doc_id=doc_id):
                if drop:
                    table.remove(doc_ids=[doc_id])
                    self._count(tiny, channel, "rejected")
                else:
                    attempts = table.get(doc_id=doc_id)["attempts"] + 1
                    table.update({"sending": False, "attempts": attempts}, doc_ids=[doc_id])
            self._count(tiny, channel, "failures", last_error=error, last_error_at=now)
        self.db.write(change)

    def sent_directly(self, channel: str, now: float) -> None:
        """A message sent outside the queue (the test button) reached the channel."""
        self.db.write(lambda tiny: self._count(tiny, channel, None, last_sent_at=now, last_test_ok_at=now))

    def recover(self) -> dict[str, int]:
        """After a crash: messages caught while sending are counted as uncertain and not sent again."""
        caught: dict[str, int] = {}

        def change(tiny) -> None:
            table = tiny.table(MESSAGES)
            stuck = [doc for doc in table if doc.get("sending")]
            table.remove(doc_ids=[doc.doc_id for doc in stuck])
            for doc in stuck:
                caught[doc["channel"]] = caught.get(doc["channel"], 0) + 1
                self._count(tiny, doc["channel"], "uncertain")
        if any(doc.get("sending") for doc in self.db.all(MESSAGES)):
            self.db.write(change)
        return caught

    # -- internals -------------------------------------------------------------------------
    def _drop(self, tiny, excess: int) -> None:
        table = tiny.table(MESSAGES)
        waiting = sorted((doc for doc in table if not doc.get("sending")), key=lambda d: (d["priority"], d.doc_id))
        victims = waiting[:excess]
        table.remove(doc_ids=[doc.doc_id for doc in victims])
        for doc in victims:
            self._count(tiny, doc["channel"], "dropped")

    def _stats_doc(self) -> dict[str, Any]:
        doc = self.db.get(STATS, 1) or {}
        doc.pop("doc_id", None)
        return doc

    @staticmethod
    def _count(tiny, channel: str, counter: str | None, **fields) -> None:
        table = tiny.table(STATS)
        stats = {name: dict(value) for name, value in (table.get(doc_id=1) or {}).items()}
        entry = {**empty_stats(), **stats.get(channel, {})}
        if counter is not None:
            entry[counter] += 1
        entry.update(fields)
        stats[channel] = entry
        table.upsert(Document(stats, doc_id=1))


def empty_stats() -> dict[str, Any]:
    return {**{name: 0 for name in COUNTERS}, "last_error": None, "last_error_at": None, "last_sent_at": None,
            "last_test_ok_at": None}
