"""Messages waiting to leave, in one crash-safe table log of the data folder (:class:`~qbx_engine.store.TableLog`:
each change is one appended line, so queuing costs the same however full the outbox is), bounded.

Each message belongs to one channel. Before it is sent it is marked *sending*
on disk, and it is removed (on disk) as soon as the channel accepted it, so a
restart never sends it a second time: a message still marked *sending* after a
crash may have arrived, and is counted as uncertain instead of being resent.
When the outbox is full, the oldest message of the lowest priority makes room
and is counted as dropped. Counters per channel (sent, failures, last error…)
live in the same file, for the Settings page.
"""

from __future__ import annotations

import heapq
from typing import Any

from ..core.i18n import Msg
from ..store.durable import _copy_json
from ..store.tablelog import Change, TableLog

LIMIT = 1000
SCHEMA = 1  # version of a queued message's fields, for a future migration
MESSAGES, STATS, SCHEDULES = "messages", "stats", "schedules"
COUNTERS = ("sent", "failures", "dropped", "rejected", "uncertain")


class Outbox:
    def __init__(self, db: TableLog, limit: int = LIMIT):
        self.db = db
        self.limit = limit

    # -- reading ---------------------------------------------------------------------------
    def head(self, channel: str) -> dict | None:
        """The oldest message of ``channel`` not being sent, or None."""
        for doc_id, doc in self.db.rows(MESSAGES):
            if doc["channel"] == channel and not doc.get("sending"):
                return {**_copy_json(doc), "doc_id": doc_id}
        return None

    def queued(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for doc in self.db.view(MESSAGES).values():
            counts[doc["channel"]] = counts.get(doc["channel"], 0) + 1
        return counts

    def messages(self, channel: str | None = None) -> list[dict]:
        return sorted(self.db.search(MESSAGES, lambda doc: channel is None or doc["channel"] == channel),
                      key=lambda doc: doc["doc_id"])

    def stats(self) -> dict[str, dict]:
        return {name: {**empty_stats(), **value} for name, value in self._stats_doc().items()}

    def schedule_day(self, name: str) -> str | None:
        """The last local day the scheduled report ``name`` was queued for."""
        return (self.db.peek(SCHEDULES, 1) or {}).get(name)

    # -- writing (each call is one durable write) ---------------------------------------
    def add(self, messages: list[tuple[str, int, dict]], *, schedule: tuple[str, str] | None = None) -> None:
        """Queue (channel, priority, note) triples; ``schedule`` = (name, day) also marks that report queued."""
        docs = [{"v": SCHEMA, "channel": channel, "priority": priority, "note": note, "attempts": 0,
                 "sending": False} for channel, priority, note in messages]

        def change(c: Change) -> None:
            for doc in docs:
                c.insert(MESSAGES, doc)
            excess = len(c.rows(MESSAGES)) - self.limit
            if excess > 0:
                self._drop(c, excess)
            if schedule is not None:
                c.put(SCHEDULES, 1, {**(c.get(SCHEDULES, 1) or {}), schedule[0]: schedule[1]})

        self.db.change(change)

    def claim(self, doc_id: int) -> None:
        self.db.update(MESSAGES, doc_id, {"sending": True})

    def release(self, doc_id: int) -> None:
        """A send abandoned at close (no answer yet): it goes again at the next start."""
        if self.db.peek(MESSAGES, doc_id) is not None:
            self.db.update(MESSAGES, doc_id, {"sending": False})

    def delivered(self, doc_id: int, channel: str, now: float) -> None:
        def change(c: Change) -> None:
            c.delete(MESSAGES, doc_id)
            _Tally(c).count(channel, "sent", last_sent_at=now).write()
        self.db.change(change)

    def failed(self, doc_id: int | None, channel: str, problem: Msg, now: float, *, drop: bool = False) -> None:
        """A failed attempt: the message waits for its retry, or is dropped when the channel refused it for good."""
        error = problem.to_json()

        def change(c: Change) -> None:
            tally = _Tally(c)
            current = c.get(MESSAGES, doc_id) if doc_id is not None else None
            if doc_id is not None and current is not None:
                if drop:
                    c.delete(MESSAGES, doc_id)
                    tally.count(channel, "rejected")
                else:
                    c.set(MESSAGES, doc_id, {"sending": False, "attempts": current["attempts"] + 1})
            tally.count(channel, "failures", last_error=error, last_error_at=now).write()
        self.db.change(change)

    def sent_directly(self, channel: str, now: float) -> None:
        """A message sent outside the queue (the test button) reached the channel."""
        self.db.change(lambda c: _Tally(c).count(channel, None, last_sent_at=now, last_test_ok_at=now).write())

    def recover(self) -> dict[str, int]:
        """After a crash: messages caught while sending are counted as uncertain and not sent again."""
        caught: dict[str, int] = {}

        def change(c: Change) -> None:
            tally = _Tally(c)
            for doc_id, doc in list(c.rows(MESSAGES).items()):
                if doc.get("sending"):
                    c.delete(MESSAGES, doc_id)
                    caught[doc["channel"]] = caught.get(doc["channel"], 0) + 1
                    tally.count(doc["channel"], "uncertain")
            tally.write()
        if any(doc.get("sending") for doc in self.db.view(MESSAGES).values()):
            self.db.change(change)
        return caught

    # -- internals -------------------------------------------------------------------------
    def _drop(self, c: Change, excess: int) -> None:
        """The oldest messages of the lowest priority make room (never one being sent)."""
        waiting = ((doc["priority"], doc_id) for doc_id, doc in c.rows(MESSAGES).items() if not doc.get("sending"))
        tally = _Tally(c)
        for _, doc_id in heapq.nsmallest(excess, waiting):
            tally.count(c.rows(MESSAGES)[doc_id]["channel"], "dropped")
            c.delete(MESSAGES, doc_id)
        tally.write()

    def _stats_doc(self) -> dict[str, Any]:
        return dict(self.db.peek(STATS, 1) or {})


class _Tally:
    """Counter changes of one write, stored once at its end (one ``stats`` record for every channel)."""

    def __init__(self, change: Change):
        self._change = change
        self._stats = {name: dict(value) for name, value in (change.get(STATS, 1) or {}).items()}

    def count(self, channel: str, counter: str | None, **fields) -> _Tally:
        entry = {**empty_stats(), **self._stats.get(channel, {})}
        if counter is not None:
            entry[counter] += 1
        entry.update(fields)
        self._stats[channel] = entry
        return self

    def write(self) -> None:
        self._change.put(STATS, 1, self._stats)


def empty_stats() -> dict[str, Any]:
    return {**{name: 0 for name in COUNTERS}, "last_error": None, "last_error_at": None, "last_sent_at": None,
            "last_test_ok_at": None}
