"""The newest records of each value of one field (each bot's newest events), kept apart from the chunks.

A bot's events are spread over every chunk its history touches: with 100 busy bots, its newest
200 events lie in ~40 chunks of 500, and reading them costs ~200 ms at a million events. A *tail*
holds a copy of a value's newest records (at most ``size``), so that query reads one small file.

A tail is derived data: it is trusted only while it provably holds every record of its value
from its ``floor`` (a (ts, seq) position; None: from the very first) on. That is checked when a
tail is loaded: its ``total`` (how many records the value had when it was written) must equal
the count the chunk summaries give now, else it is stale (a crash, a power cut) and dropped,
to be rebuilt by the next query that scans the chunks. So tails are written without fsync, and only
when the log is flushed or closed and when one leaves the memory cache: after a crash, the tails that
were in memory are stale, and each is rebuilt by one scan the first time it is asked for.
A value no tail knows yet gets one when its first record is written, or from a query's scan.

A record written for a value whose tail is on disk but not in memory is kept aside (with the changes of
collapsed repeats) and merged when the tail is next read or saved, so writing an event never reads a tail file.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import logging
import re
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from .durable import TMP_SUFFIX, atomic_write

log = logging.getLogger(__name__)

TAILS_DIR = "tails"
_SAFE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


def _order(record: dict) -> tuple:
    return (record["ts"], record["seq"])


class _Tail:
    __slots__ = ("floor", "records", "total", "dirty")

    def __init__(self, floor: tuple | None, records: list[dict], total: int):
        self.floor = floor  # every record of the value at or after this (ts, seq) is here; None: all of them
        self.records = records  # oldest first
        self.total = total
        self.dirty = False

    def add(self, record: dict, size: int) -> None:
        self.total += 1
        position = _order(record)
        if self.floor is not None and position < self.floor:
            return  # older than what the tail covers (an import of old records): it stays complete above
        bisect.insort(self.records, record, key=_order)
        if len(self.records) > size:
            del self.records[:len(self.records) - size]
            self.floor = _order(self.records[0])
        self.dirty = True

    def replace(self, record: dict) -> None:
        """The newer version of a record it holds (a repeat counted on it)."""
        for index, held in enumerate(self.records):
            if held["seq"] == record["seq"]:
                self.records[index] = dict(record)
                self.dirty = True
                return


class Tails:
    """Tails of one field of one partitioned log, in ``<log>/tails/``, a few of them cached in memory."""

    def __init__(self, root: Path, field: str, count: Callable[[str], int], *, size: int = 200, cached: int = 128):
        self.directory = root / TAILS_DIR
        self.field = field
        self.size = size
        self._count = count  # committed records of a value (by its index key), from the chunk summaries
        self._cached = cached
        self._tails: OrderedDict[str, _Tail] = OrderedDict()
        self._deltas: dict[str, list[tuple[str, dict]]] = {}  # ("add"|"set", record) for tails not loaded yet
        self._hold = 0  # > 0 while a bulk import keeps every tail it touches in memory
        self.directory.mkdir(parents=True, exist_ok=True)
        for leftover in self.directory.glob("*" + TMP_SUFFIX):
            leftover.unlink(missing_ok=True)
        self._on_disk = {path.name for path in self.directory.glob("*.json")}

    # -- reading -------------------------------------------------------------------------------
    def newest(self, key: str, since: float | None, until: float | None, wanted: int | None) -> list[dict] | None:
        """The value's records in [since, until), newest first, if the tail can answer for ``wanted`` of them."""
        tail = self._get(key)
        if tail is None:
            return None
        rows = [r for r in reversed(tail.records)
                if (since is None or r["ts"] >= since) and (until is None or r["ts"] < until)]
        complete = tail.floor is None or (since is not None and since > tail.floor[0])
        if complete or (wanted is not None and len(rows) >= wanted):
            return rows
        return None

    # -- keeping up ------------------------------------------------------------------------------
    def added(self, key: str, records: list[dict]) -> None:
        """``records`` of one value were committed (and are counted by the summaries)."""
        if self._aside(key, [("add", dict(record)) for record in records]):
            return
        tail = self._get(key, adding=len(records))
        if tail is None:
            if self._count(key) != len(records):
                return  # the value has older records no tail holds: a query's scan builds its tail
            tail = self._put(key, _Tail(None, [], 0))
        for record in records:
            tail.add(dict(record), self.size)
        self._trim()

    def updated(self, key: str, record: dict) -> None:
        """A committed record changed (a repeat counted on it)."""
        if self._aside(key, [("set", dict(record))]):
            return
        tail = self._get(key)
        if tail is None:
            return
        tail.replace(record)

    def seed(self, key: str, found: list[dict], wanted: int | None, total: int) -> None:
        """A scan found the value's newest records (newest first): every one at or after ``found[wanted-1]``,
        or all of them when it found fewer than ``wanted``."""
        current = self._get(key)
        complete = wanted is None or len(found) < wanted
        kept = found[:self.size if wanted is None or complete else min(self.size, wanted)]
        if current is not None and len(current.records) >= len(kept):
            return
        floor = None if complete and len(found) <= self.size else (_order(kept[-1]) if kept else None)
        tail = self._put(key, _Tail(floor, [dict(r) for r in reversed(kept)], total))
        tail.dirty = True
        self._trim()

    # -- memory and disk ---------------------------------------------------------------------------
    def hold(self) -> None:
        self._hold += 1

    def release(self) -> None:
        self._hold -= 1
        self._trim()

    def flush(self, limit: int | None = None) -> bool:
        """Save changed tails (at most ``limit`` of them); True if some are left for a later call."""
        budget = limit if limit is not None else len(self._deltas) + len(self._tails)
        for key in list(self._deltas)[:budget]:
            budget -= 1
            self._get(key)
        for key, tail in list(self._tails.items()):
            if tail.dirty and budget > 0:
                budget -= 1
                self._write(key, tail)
        return bool(self._deltas) or any(tail.dirty for tail in self._tails.values())

    def _aside(self, key: str, changes: list[tuple[str, dict]]) -> bool:
        """Keep changes of a tail that is on disk and not in memory for later; False if it is in memory, or has
        no file (or too many changes wait: then it is loaded now)."""
        if key in self._tails or _file_name(key) not in self._on_disk:
            return False
        waiting = self._deltas.setdefault(key, [])
        if len(waiting) + len(changes) > self.size:
            return False
        waiting.extend(changes)
        return True

    def _get(self, key: str, adding: int = 0) -> _Tail | None:
        """The value's tail, from memory or its file; ``adding`` records of it are counted but not yet in it."""
        tail = self._tails.get(key)
        if tail is not None:
            self._tails.move_to_end(key)
            return tail
        name = _file_name(key)
        waiting = self._deltas.pop(key, [])
        if name not in self._on_disk:
            return None
        added = sum(1 for kind, _ in waiting if kind == "add")
        tail = self._load(self.directory / name, key, adding + added)
        if tail is None:
            self._drop(name)
            return None
        for kind, record in waiting:
            if kind == "add":
                tail.add(record, self.size)
            else:
                tail.replace(record)
        tail = self._put(key, tail)
        self._trim()
        return tail

    def _load(self, path: Path, key: str, adding: int) -> _Tail | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            tail = _Tail(tuple(data["floor"]) if data["floor"] is not None else None, data["records"],
                         int(data["total"]))
            if data["key"] != key or tail.total != self._count(key) - adding:
                return None
            if any(not isinstance(r, dict) or "ts" not in r or "seq" not in r for r in tail.records):
                return None
            return tail
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _put(self, key: str, tail: _Tail) -> _Tail:
        self._tails[key] = tail
        self._tails.move_to_end(key)
        return tail

    def _trim(self) -> None:
        while self._hold <= 0 and len(self._tails) > self._cached:
            key, tail = self._tails.popitem(last=False)
            if tail.dirty:
                self._write(key, tail)

    def _write(self, key: str, tail: _Tail) -> None:
        name = _file_name(key)
        text = json.dumps({"key": key, "floor": tail.floor, "total": tail.total, "records": tail.records},
                          ensure_ascii=False, separators=(",", ":"))
        try:
            atomic_write(self.directory / name, text, durable=False)
        except OSError as exc:
            log.warning("could not save the tail %s (%s); it is rebuilt when needed", name, exc)
            self._tails.pop(key, None)
            self._drop(name)
            return
        tail.dirty = False
        self._on_disk.add(name)

    def _drop(self, name: str) -> None:
        self._on_disk.discard(name)
        with contextlib.suppress(OSError):  # a stale file left behind fails its count check when read
            (self.directory / name).unlink(missing_ok=True)


def _file_name(key: str) -> str:
    if _SAFE.match(key):
        return key + ".json"
    return "h-" + hashlib.sha1(key.encode("utf-8")).hexdigest() + ".json"
