"""A history that grows for years, split into small per-day files.

One write rewrites only the newest chunk (at most ``chunk_size`` records), so
its cost does not grow with history. An in-memory summary of every chunk (time
and sequence range, counts per indexed value) lets "newest 200" or "events of
bot 7" read only the chunks that can hold matches. The summary is persisted in
``index.json``; it is derived data, so a chunk whose file changed since the
summary was written (a crash between the two) is simply rescanned on open.
A chunk the index lists with records but whose file is gone is a loss, not a
fresh start: the log refuses to open and names it.

With ``tail_field`` (the events' ``bot_id``), each value's newest records are
also kept in a small file of their own (:mod:`.tails`), so "the newest 200
events of bot 7" reads one file instead of every chunk bot 7 appears in.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..core.errors import StoreMissing, StoreWriteError
from ..core.i18n import Msg
from .durable import TMP_SUFFIX, DurableDB, atomic_write, json_clean, load_json_file
from .tails import Tails

log = logging.getLogger(__name__)

TABLE = "records"
INDEX_FILE = "index.json"
_CHUNK_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.(\d{5})\.json$")


def _chunk_day_and_number(name: str) -> tuple[str, int]:
    """("2026-11-25", 3) for the chunk file "2026-11-25.00003.json"."""
    found = _CHUNK_NAME.match(name)
    if found is None:
        raise ValueError(f"{name} is not a chunk file name")
    return found.group(1), int(found.group(2))


def _insert_copies(rows: list[dict]) -> Callable[[Any], Any]:
    """A change for DurableDB.apply: insert copies of ``rows``, so the store never shares them."""
    return lambda tiny: tiny.table(TABLE).insert_multiple([dict(r) for r in rows])


def day_of(ts: float) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(ts))


def index_key(value: Any) -> str:
    return json.dumps(value)


class _Summary:
    __slots__ = ("name", "day", "count", "min_seq", "max_seq", "min_ts", "max_ts", "size", "keys")

    def __init__(self, name: str, day: str):
        self.name, self.day = name, day
        self.count = 0
        self.min_seq: int | None = None  # the ranges are None while the chunk has no records
        self.max_seq: int | None = None
        self.min_ts: float | None = None
        self.max_ts: float | None = None
        self.size = 0
        self.keys: dict[str, dict[str, int]] = {}

    def add(self, record: dict, fields: Iterable[str]) -> None:
        self.count += 1
        seq, ts = record["seq"], record["ts"]
        self.min_seq = seq if self.min_seq is None else min(self.min_seq, seq)
        self.max_seq = seq if self.max_seq is None else max(self.max_seq, seq)
        self.min_ts = ts if self.min_ts is None else min(self.min_ts, ts)
        self.max_ts = ts if self.max_ts is None else max(self.max_ts, ts)
        for name in fields:
            counts = self.keys.setdefault(name, {})
            key = index_key(record.get(name))
            counts[key] = counts.get(key, 0) + 1

    def may_match(self, match: dict[str, Any], since: float | None, until: float | None) -> bool:
        if self.min_ts is None or self.max_ts is None:  # no records
            return False
        if since is not None and self.max_ts < since:
            return False
        if until is not None and self.min_ts >= until:
            return False
        for name, wanted in match.items():
            counts = self.keys.get(name, {})
            values = wanted if isinstance(wanted, (set, frozenset, list, tuple)) else (wanted,)
            if not any(counts.get(index_key(v)) for v in values):
                return False
        return True

    def to_json(self) -> dict:
        return {slot: getattr(self, slot) for slot in self.__slots__}

    @classmethod
    def from_json(cls, data: dict) -> _Summary:
        summary = cls(data["name"], data["day"])
        for slot in cls.__slots__:
            setattr(summary, slot, data[slot])
        return summary


class PartitionedLog:
    """Append-mostly records with ``seq`` (global, increasing) and ``ts`` (epoch seconds)."""

    def __init__(self, root: Path | str, *, index_fields: Iterable[str] = (), chunk_size: int = 500,
                 cache_chunks: int = 24, tail_field: str | None = None, tail_size: int = 200,
                 on_create: Callable[[Path], None] | None = None):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.index_fields = tuple(index_fields) + ((tail_field,) if tail_field and tail_field not in index_fields
                                                   else ())
        self.chunk_size = chunk_size
        self.on_create = on_create  # told (with the log's folder) when it has records for the first time
        self._lock = threading.RLock()
        self._summaries: dict[str, _Summary] = {}
        self._writer: tuple[str, DurableDB] | None = None
        self._cache: OrderedDict[tuple[str, int], list[dict]] = OrderedDict()
        self._cache_chunks = cache_chunks
        self._pending: dict[str, int] = {}  # per tail value: appended in memory, not yet committed
        self._load_index()
        self._next_seq = 1 + max((s.max_seq for s in self._summaries.values() if s.max_seq is not None),
                                 default=0)
        if self._summaries and on_create is not None:
            on_create(self.root)
        self.tail_field = tail_field
        self._tails = Tails(self.root, tail_field, self._committed, size=tail_size) if tail_field else None

    # -- opening ---------------------------------------------------------------
    def _load_index(self) -> None:
        for leftover in self.root.glob("*" + TMP_SUFFIX):
            leftover.unlink(missing_ok=True)
        stored: dict[str, _Summary] = {}
        index_path = self.root / INDEX_FILE
        if index_path.exists():
            try:
                data = json.loads(index_path.read_text(encoding="utf-8"))
                stored = {row["name"]: _Summary.from_json(row) for row in data["chunks"]}
            except (ValueError, KeyError, TypeError) as exc:
                log.warning("%s is unreadable (%s); rebuilding it from the chunk files", index_path, exc)
        gone = sorted(name for name, summary in stored.items()
                      if summary.count and not (self.root / name).exists())
        if gone:
            lost = sum(stored[name].count for name in gone)
            raise StoreMissing(self.root / gone[0], Msg("store.chunk_missing", {
                "names": ", ".join(gone), "folder": self.root, "index": INDEX_FILE, "count": lost}),
                Msg("store.way_out_chunk", {"index": index_path}))
        changed = False
        for path in sorted(self.root.iterdir()):
            if not _CHUNK_NAME.match(path.name):
                continue
            summary = stored.get(path.name)
            if summary is None or summary.size != path.stat().st_size:
                summary = self._scan(path)
                changed = True
            self._summaries[path.name] = summary
        if changed or set(stored) - set(self._summaries):
            self._write_index()

    def _scan(self, path: Path) -> _Summary:
        day, _ = _chunk_day_and_number(path.name)
        summary = _Summary(path.name, day)
        for record in self._records_in(load_json_file(path)):
            summary.add(record, self.index_fields)
        summary.size = path.stat().st_size
        return summary

    @staticmethod
    def _records_in(data: dict) -> list[dict]:
        return list(data.get(TABLE, {}).values())

    def _write_index(self) -> None:
        """Persist the summaries of the chunks that exist (a listed chunk is evidence that it did)."""
        unborn = self._writer[0] if self._writer is not None and not self._writer[1].on_disk else None
        rows = [s.to_json() for s in self._summaries.values() if s.name != unborn]
        try:
            atomic_write(self.root / INDEX_FILE, json.dumps({"version": 1, "chunks": rows}, separators=(",", ":")))
        except OSError as exc:
            log.warning("could not save %s (%s); it will be rebuilt on the next start", self.root / INDEX_FILE, exc)

    # -- writing ---------------------------------------------------------------
    @property
    def last_seq(self) -> int:
        """The highest ``seq`` given so far (0 when empty)."""
        with self._lock:
            return self._next_seq - 1

    def append(self, record: dict) -> int:
        """Store ``record`` (it must have ``ts``); returns its ``seq`` once durable."""
        seq, commit = self.stage(record)
        commit()
        return seq

    def _settled(self, records: list[dict], *, committed: bool, pending: bool = True) -> None:
        """Records are on disk (or lost to a failed write): their values' tails follow.
        ``pending``: they were counted as pending by :meth:`_apply_append`."""
        if self._tails is None:
            return
        by_key: dict[str, list[dict]] = {}
        for record in records:
            by_key.setdefault(index_key(record.get(self.tail_field)), []).append(record)
        with self._lock:
            for key, rows in by_key.items():
                left = self._pending.get(key, 0) - (len(rows) if pending else 0)
                if left > 0:
                    self._pending[key] = left
                else:
                    self._pending.pop(key, None)
                if committed:
                    self._tails.added(key, rows)

    def _committed(self, key: str) -> int:
        """How many committed records have the tail value ``key`` (the summaries also count pending ones)."""
        field = self.tail_field or ""
        counted = sum(s.keys.get(field, {}).get(key, 0) for s in self._summaries.values())
        return counted - self._pending.get(key, 0)

    def stage(self, record: dict) -> tuple[int, Callable[[], None]]:
        """Add ``record`` in memory and return its ``seq`` with the call that makes it durable.

        A caller that must decide the order of records under its own lock stages there and commits after
        releasing it, so concurrent writers share one flush (group commit) instead of queueing for the disk.
        """
        db, version, stored = self._apply_append(record)

        def commit() -> None:
            try:
                db.commit(version)
            except StoreWriteError:
                self._resummarize(db)
                self._settled([stored], committed=False)
                raise
            self._settled([stored], committed=True)

        return stored["seq"], commit

    def append_many(self, records: Iterable[dict]) -> int:
        """Store many records (an import), writing each chunk file once; returns how many."""
        ordered = sorted(records, key=lambda r: float(r["ts"]))
        written = 0
        with self._lock:
            if self._tails is not None:
                self._tails.hold()  # an import touches many values: write each tail once, at the end
            try:
                written = self._append_batches(ordered)
            finally:
                if self._tails is not None:
                    self._tails.release()
            self.flush()
        return written

    def _append_batches(self, ordered: list[dict]) -> int:
        written = 0
        with self._lock:
            index = 0
            while index < len(ordered):
                day = day_of(float(ordered[index]["ts"]))
                name, db = self._writer_for(day)
                room = self.chunk_size - self._summaries[name].count
                batch: list[dict] = []
                while index < len(ordered) and len(batch) < room and day_of(float(ordered[index]["ts"])) == day:
                    stored = dict(ordered[index], seq=self._next_seq, ts=float(ordered[index]["ts"]))
                    self._next_seq += 1
                    batch.append(stored)
                    index += 1
                clean = [json_clean(r) for r in batch]
                _, version = db.apply(_insert_copies(clean))
                try:
                    db.commit(version)
                except StoreWriteError:
                    self._resummarize(db)
                    raise
                for stored in clean:
                    self._summaries[name].add(stored, self.index_fields)
                self._settled(clean, committed=True, pending=False)
                written += len(batch)
        return written

    def _resummarize(self, db: DurableDB) -> None:
        """After a failed write the chunk lost records; count what it really holds."""
        with self._lock:
            name = db.path.name
            summary = _Summary(name, self._summaries[name].day)
            with db.reading() as tiny:
                for record in tiny.table(TABLE).all():
                    summary.add(record, self.index_fields)
            self._summaries[name] = summary

    def _apply_append(self, record: dict) -> tuple[DurableDB, int, dict]:
        with self._lock:
            seq = self._next_seq
            stored = json_clean(dict(record, seq=seq, ts=float(record["ts"])))
            name, db = self._writer_for(day_of(stored["ts"]))
            _, version = db.apply(lambda tiny: tiny.table(TABLE).insert(dict(stored)))
            self._next_seq += 1
            self._summaries[name].add(stored, self.index_fields)
            if self._tails is not None:
                key = index_key(stored.get(self.tail_field))
                self._pending[key] = self._pending.get(key, 0) + 1
            return db, version, stored

    def _writer_for(self, day: str) -> tuple[str, DurableDB]:
        if self._writer is not None:
            name, db = self._writer
            summary = self._summaries[name]
            if summary.day == day and summary.count < self.chunk_size:
                return self._writer
            self._retire_writer()
        same_day = sorted(n for n, s in self._summaries.items() if s.day == day)
        if same_day and self._summaries[same_day[-1]].count < self.chunk_size:
            name = same_day[-1]
        else:
            number = _chunk_day_and_number(same_day[-1])[1] + 1 if same_day else 0
            name = f"{day}.{number:05d}.json"
            self._summaries[name] = _Summary(name, day)
        self._writer = (name, DurableDB(self.root / name, on_create=self._chunk_created))
        self._drop_cached(name)
        return self._writer

    def _chunk_created(self, path: Path) -> None:
        if self.on_create is not None:
            self.on_create(self.root)

    def _retire_writer(self) -> None:
        if self._writer is None:
            return
        name, db = self._writer
        db.flush()
        self._summaries[name].size = db.size_estimate()
        self._writer = None
        self._write_index()

    def update(self, seq: int, changes: dict) -> bool:
        """Change fields of the record ``seq``; returns False if there is none."""
        with self._lock:
            name = self._chunk_of(seq)
            if name is None:
                return False
            if self._writer is not None and self._writer[0] == name:
                db = self._writer[1]
                own = True
            else:
                db, own = DurableDB(self.root / name), False
            with db.reading() as tiny:
                docs = tiny.table(TABLE).search(lambda r: r.get("seq") == seq)
            if not docs:
                return False
            clean = json_clean({k: v for k, v in changes.items() if k not in ("seq", "ts")})
            _, version = db.apply(lambda tiny: tiny.table(TABLE).update(clean, doc_ids=[docs[0].doc_id]))
            self._drop_cached(name)
            changed = {**docs[0], **clean}
        db.commit(version)
        if self._tails is not None:
            with self._lock:
                self._tails.updated(index_key(changed.get(self.tail_field)), changed)
        if not own:
            with self._lock:
                self._summaries[name].size = db.size_estimate()
                self._write_index()
        return True

    def _chunk_of(self, seq: int) -> str | None:
        for name, summary in self._summaries.items():
            low, high = summary.min_seq, summary.max_seq
            if low is not None and high is not None and low <= seq <= high:
                return name
        return None

    def flush(self) -> None:
        with self._lock:
            if self._writer is not None:
                self._retire_writer()
            if self._tails is not None:
                self._tails.flush()

    close = flush

    # -- reading ---------------------------------------------------------------
    def query(self, *, match: dict[str, Any] | None = None, where: Callable[[dict], bool] | None = None,
              since: float | None = None, until: float | None = None, limit: int | None = 200,
              offset: int = 0, newest_first: bool = True) -> list[dict]:
        """Records matching all filters, ordered by time; ``match`` values may be sets."""
        match = match or {}
        wanted = None if limit is None else offset + limit
        if wanted == 0:
            return []
        tails, key = self._tails, self._tail_key(match, where, newest_first)
        before = 0
        if tails is not None and key is not None:
            with self._lock:
                rows = tails.newest(key, since, until, wanted)
                if rows is None:
                    before = self._committed(key)
            if rows is not None:
                return [dict(r) for r in rows[offset:wanted]]
        found: list[dict] = []
        for summary in self._candidates(match, since, until, newest_first):
            if wanted is not None and len(found) >= wanted:
                found.sort(key=_order_key, reverse=newest_first)
                edge = found[wanted - 1]["ts"]
                if (newest_first and summary.max_ts < edge) or (not newest_first and summary.min_ts > edge):
                    break
            for record in self._chunk_records(summary.name):
                if _matches(record, match, where, since, until):
                    found.append(record)
        found.sort(key=_order_key, reverse=newest_first)
        if tails is not None and key is not None and since is None and until is None and before:
            with self._lock:
                if self._committed(key) == before:  # nothing of this value was written meanwhile
                    tails.seed(key, found, wanted, before)
        return [dict(r) for r in found[offset:wanted]]

    def _tail_key(self, match: dict, where, newest_first: bool) -> str | None:
        """The tail that can answer this query: one value of the tail field, nothing else but a time window."""
        if self._tails is None or where is not None or not newest_first or set(match) != {self.tail_field}:
            return None
        value = match[self.tail_field]
        if isinstance(value, (set, frozenset, list, tuple)):
            return None
        return index_key(value)

    def iterate(self, *, match: dict[str, Any] | None = None, where: Callable[[dict], bool] | None = None,
                since: float | None = None, until: float | None = None) -> Iterator[dict]:
        """Oldest first, one chunk in memory at a time (for exports)."""
        match = match or {}
        for summary in self._candidates(match, since, until, newest_first=False):
            rows = [r for r in self._chunk_records(summary.name) if _matches(r, match, where, since, until)]
            rows.sort(key=_order_key)
            yield from (dict(r) for r in rows)

    def count(self, *, match: dict[str, Any] | None = None, where: Callable[[dict], bool] | None = None,
              since: float | None = None, until: float | None = None) -> int:
        match = match or {}
        total = 0
        for summary in self._candidates(match, since, until, newest_first=True):
            assert summary.min_ts is not None and summary.max_ts is not None  # a candidate has records
            fully_inside = ((since is None or summary.min_ts >= since) and
                            (until is None or summary.max_ts < until))
            if where is None and fully_inside and len(match) <= 1:
                if not match:
                    total += summary.count
                else:
                    (name, wanted), = match.items()
                    values = wanted if isinstance(wanted, (set, frozenset, list, tuple)) else (wanted,)
                    total += sum(summary.keys.get(name, {}).get(index_key(v), 0) for v in values)
                continue
            total += sum(1 for r in self._chunk_records(summary.name) if _matches(r, match, where, since, until))
        return total

    def get(self, seq: int) -> dict | None:
        with self._lock:
            name = self._chunk_of(seq)
        if name is None:
            return None
        for record in self._chunk_records(name):
            if record["seq"] == seq:
                return dict(record)
        return None

    def stats(self) -> dict:
        with self._lock:
            return {"chunks": len(self._summaries), "records": sum(s.count for s in self._summaries.values()),
                    "next_seq": self._next_seq}

    def _candidates(self, match, since, until, newest_first) -> list[_Summary]:
        with self._lock:
            chosen = [s for s in self._summaries.values() if s.may_match(match, since, until)]
        if newest_first:
            chosen.sort(key=lambda s: (s.max_ts, s.max_seq), reverse=True)
        else:
            chosen.sort(key=lambda s: (s.min_ts, s.min_seq))
        return chosen

    def _chunk_records(self, name: str) -> list[dict]:
        with self._lock:
            if self._writer is not None and self._writer[0] == name:
                with self._writer[1].reading() as tiny:
                    return [dict(r) for r in tiny.table(TABLE).all()]
            key = (name, self._summaries[name].count)
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        records = self._records_in(load_json_file(self.root / name))
        with self._lock:
            self._cache[key] = records
            while len(self._cache) > self._cache_chunks:
                self._cache.popitem(last=False)
        return records

    def _drop_cached(self, name: str) -> None:
        for key in [k for k in self._cache if k[0] == name]:
            del self._cache[key]


def _order_key(record: dict):
    return (record["ts"], record["seq"])


def _matches(record: dict, match: dict, where, since, until) -> bool:
    ts = record["ts"]
    if since is not None and ts < since:
        return False
    if until is not None and ts >= until:
        return False
    for name, wanted in match.items():
        value = record.get(name)
        if isinstance(wanted, (set, frozenset, list, tuple)):
            if value not in wanted:
                return False
        elif value != wanted:
            return False
    return where is None or where(record)




def chunk_files(root: Path | str) -> list[Path]:
    return sorted(p for p in Path(root).iterdir() if _CHUNK_NAME.match(p.name))


