"""A history that grows for years (events, journal, deals, emotions, backtests), kept as append-only day files.

Each record is one checksummed line (:mod:`.applog`) appended to the file of its day, ``<day>.<nnnnn>.log``:
a write costs one append and one fsync (shared by writes made at the same moment), whatever the history's
size. A change to a stored record (an event's "repeated n times") is a small *patch* line in the same day's
file; readers see records with their patches applied.

In memory every file is described by *blocks* of up to ``block_size`` lines: their byte range, time and
sequence range and how many records each indexed value has. "Newest 200" or "events of bot 7" read only the
blocks that can hold matches; the newest block and recently read ones are kept decoded. That description is
saved in ``index.json`` (derived data, written in the background and when closing): opening reads it and scans
only what was appended after it was written, or a whole file whose size does not match.

Compaction (in the background, :mod:`.compactor`) rewrites a closed day — or today's, once patches pile up —
into one ``<day>.<nnnnn>.logz`` of compressed frames, one per block, with the patches folded in. That file
takes the number of the newest file it replaces, and it supersedes every file of its day with a number up to
its own: a crash before the old files are deleted leaves files that are simply ignored, then deleted.

With ``tail_field`` (the events' ``bot_id``), each value's newest records are also kept in a small file of their
own (:mod:`.tails`), so "the newest 200 events of bot 7" reads one file instead of every block bot 7 is in.
A file the index lists with records but that is gone is a loss, not a fresh start: the log refuses to open.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import json
import logging
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..core.errors import StoreCorrupted, StoreMissing
from ..core.i18n import Msg
from .applog import (
    GroupCommit,
    LineDamaged,
    LogFile,
    checked_lines,
    dump,
    frame,
    line_of,
    parse,
    read_range,
    scan,
    unframe,
)
from .durable import TMP_SUFFIX, atomic_write, fsync_dir, remove_file, replace_file
from .legacy import convert_folder, has_legacy_chunks
from .tails import Tails

log = logging.getLogger(__name__)

INDEX_FILE = "index.json"
INDEX_VERSION = 2
PATCH = "_patch"  # a patch line: {"_patch": seq, "set": {field: value}}
_SEGMENT = re.compile(r"^(\d{4}-\d{2}-\d{2})\.(\d{5})\.(log|logz)$")

BLOCK_SIZE = 500  # lines per block (and per compressed frame)
SEGMENT_RECORDS = 50_000  # records per plain file, so a day of bulk imports is still rewritten in bounded pieces
CACHE_BLOCKS = 24
RECENT = 4096  # the newest records kept by seq, for a collapsed event's "get then patch"
IDLE = 60.0  # seconds without a write before a closed day is compacted
INDEX_EVERY = 30.0  # seconds between background saves of index.json (and the tails)
PATCH_MIN = 2_000  # patch lines in today's files before today is compacted too
GRAVE_DELAY = 10.0  # seconds a replaced file is kept, for a query that was reading it
IMPORT_SLICE = 20_000  # records of an import staged before they are written


def day_of(ts: float) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(ts))


def index_key(value: Any) -> str:
    """The text an indexed value is counted under (1, "1" and true stay apart)."""
    try:
        return _scalar_key(value)
    except TypeError:  # unhashable (a list): not worth remembering
        return json.dumps(value)


@functools.lru_cache(maxsize=1 << 14, typed=True)
def _scalar_key(value: Any) -> str:
    return json.dumps(value)


class _Summary:
    __slots__ = ("count", "min_seq", "max_seq", "min_ts", "max_ts", "keys")

    def __init__(self):
        self.count = 0
        self.min_seq: int | None = None  # the ranges are None while the block has no records
        self.max_seq: int | None = None
        self.min_ts: float | None = None
        self.max_ts: float | None = None
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
        if self.min_ts is None or self.max_ts is None:
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

    def to_json(self) -> list:
        return [self.count, self.min_seq, self.max_seq, self.min_ts, self.max_ts, self.keys]

    @classmethod
    def from_json(cls, data: list) -> _Summary:
        summary = cls()
        summary.count, summary.min_seq, summary.max_seq, summary.min_ts, summary.max_ts, summary.keys = data
        return summary


class _Block:
    __slots__ = ("segment", "start", "end", "lines", "first_line", "summary", "text")

    def __init__(self, segment: _Segment, start: int, first_line: int, summary: _Summary | None = None):
        self.segment = segment
        self.start = self.end = start
        self.lines = 0
        self.first_line = first_line
        self.summary = summary or _Summary()
        self.text: str | None = None  # this block's part of index.json, once it can no longer change

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.segment.name, self.start, self.end)

    def order_newest(self) -> tuple:
        return (self.summary.max_ts, self.summary.max_seq)

    def to_json(self) -> str:
        if self.text is not None:
            return self.text
        return json.dumps([self.start, self.end, self.lines, self.first_line, self.summary.to_json()],
                          separators=(",", ":"))


class _Segment:
    __slots__ = ("name", "day", "number", "packed", "size", "count", "blocks", "patches", "patch_lines", "file",
                 "sealed", "touched", "rows", "text")

    def __init__(self, name: str, day: str, number: int, packed: bool):
        self.name, self.day, self.number, self.packed = name, day, number, packed
        self.size = 0  # bytes of good lines (staged ones included)
        self.count = 0  # records
        self.blocks: list[_Block] = []
        self.patches: dict[int, dict] = {}  # seq -> the fields this file's patch lines set, merged in order
        self.patch_lines = 0
        self.file: LogFile | None = None  # while it is being appended to
        self.sealed = packed  # no more appends (compacted, or being compacted)
        self.touched = time.monotonic()
        self.rows: list[dict] | None = None  # the records of the last block, while it is being appended to
        self.text: str | None = None  # this file's part of index.json, once it can no longer change (compressed)

    @property
    def order(self) -> tuple[str, int]:
        return (self.day, self.number)

    @property
    def lines(self) -> int:
        return sum(block.lines for block in self.blocks)

    def written(self) -> bool:
        return self.file is None or self.file.end >= self.size

    def to_json(self) -> str:
        if self.text is not None:
            return self.text
        patches = ",".join(f'"{seq}":{json.dumps(patch, ensure_ascii=False, separators=(",", ":"))}'
                           for seq, patch in self.patches.items())
        for block in self.blocks[:-1] if not self.packed else self.blocks:
            if block.text is None:  # it can no longer change: its text is kept for the next save
                block.text = block.to_json()
        text = (f'{{"name":"{self.name}","size":{self.size},"patch_lines":{self.patch_lines},'
                f'"patches":{{{patches}}},"blocks":[{",".join(b.to_json() for b in self.blocks)}]}}')
        if self.packed:
            self.text = text
        return text


def parse_name(name: str) -> tuple[str, int, bool] | None:
    """(day, number, compressed) of a history file's name, or None."""
    found = _SEGMENT.match(name)
    if found is None:
        return None
    return found.group(1), int(found.group(2)), found.group(3) == "logz"


class PartitionedLog:
    """Append-mostly records with ``seq`` (global, increasing) and ``ts`` (epoch seconds)."""

    def __init__(self, root: Path | str, *, index_fields: Iterable[str] = (), block_size: int = BLOCK_SIZE,
                 segment_records: int = SEGMENT_RECORDS, cache_blocks: int = CACHE_BLOCKS,
                 tail_field: str | None = None, tail_size: int = 200,
                 on_create: Callable[[Path], None] | None = None):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.index_fields = tuple(index_fields) + ((tail_field,) if tail_field and tail_field not in index_fields
                                                   else ())
        self.block_size = block_size
        self.segment_records = segment_records
        self.on_create = on_create  # told (with the log's folder) when it has records for the first time
        self.on_busy: Callable[[], None] | None = None  # told when a compaction is due
        self.idle, self.index_every, self.patch_min = IDLE, INDEX_EVERY, PATCH_MIN
        self._lock = threading.RLock()
        self._compacting = threading.Lock()
        self._group = GroupCommit(self._lock, self._reload_writers)
        self._segments: dict[str, _Segment] = {}
        self._writers: dict[str, _Segment] = {}  # day -> the file appended to for it
        self._overlay: dict[int, dict] = {}  # seq -> fields its patches set (from every plain file)
        self._cache: OrderedDict[tuple[str, int, int], tuple[_Block, list[dict]]] = OrderedDict()
        self._cache_blocks = cache_blocks
        self._recent: OrderedDict[int, dict] = OrderedDict()
        self._by_newest: list[_Block] | None = None  # blocks no writer appends to, by (max_ts, max_seq)
        self._by_oldest: list[_Block] | None = None  # the same, by (min_ts, min_seq)
        self._pending: dict[str, int] = {}  # per tail value: staged, not yet committed
        self._totals: dict[str, int] = {}  # per tail value counted so far: records (staged ones included)
        self._graveyard: list[tuple[Path, float]] = []
        self._damaged_days: set[str] = set()
        self._index_dirty = False
        self._index_at = time.monotonic()
        self._tails_at = time.monotonic()
        self._written = False  # this process appended or compacted (until then, closing leaves the folder as it is)
        self.tail_field = tail_field
        self._load()
        self._next_seq = 1 + max((b.summary.max_seq for s in self._segments.values() for b in s.blocks
                                  if b.summary.max_seq is not None), default=0)
        if any(s.count for s in self._segments.values()) and on_create is not None:
            on_create(self.root)
        self._tails = Tails(self.root, tail_field, self._committed, size=tail_size) if tail_field else None

    # -- opening -----------------------------------------------------------------------------------------------
    def _load(self) -> None:
        if has_legacy_chunks(self.root):
            convert_folder(self.root)
        for leftover in self.root.glob("*" + TMP_SUFFIX):
            leftover.unlink(missing_ok=True)
        found: dict[str, tuple[str, int, bool]] = {}
        for path in self.root.iterdir():
            parsed = parse_name(path.name)
            if parsed is not None:
                found[path.name] = parsed
        top = _top_compressed(found.values())
        covered = {name for name, (day, number, packed) in found.items()
                   if day in top and number <= top[day] and not (packed and number == top[day])}
        stored = self._read_index()
        gone = sorted(name for name, entry in stored.items()
                      if name not in found and _has_records(entry) and not _is_covered(name, top))
        if gone:
            lost = sum(_count(stored[name]) for name in gone)
            raise StoreMissing(self.root / gone[0], Msg("store.chunk_missing", {
                "names": ", ".join(gone), "folder": self.root, "index": INDEX_FILE, "count": lost}),
                Msg("store.way_out_chunk", {"index": self.root / INDEX_FILE}))
        changed = bool(set(stored) - set(found))
        for name in sorted(set(found) - covered, key=lambda n: found[n][:2]):
            day, number, packed = found[name]
            size = (self.root / name).stat().st_size
            entry = stored.get(name)
            segment: _Segment | None = None
            if entry is not None:
                segment = self._from_index(name, day, number, packed, entry)
                if segment is not None and segment.size != size:
                    if packed or size < segment.size:
                        segment = None
                    else:
                        self._scan_plain(segment, size)
                        changed = True
            if segment is None:
                segment = self._scan(name, day, number, packed)
                changed = True
            self._segments[name] = segment
        for name in covered:
            self._graveyard.append((self.root / name, 0.0))
        self._rebuild_memory()
        self._index_dirty = changed

    def _read_index(self) -> dict[str, dict]:
        path = self.root / INDEX_FILE
        if not path.exists():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != INDEX_VERSION:
                return {}
            return {entry["name"]: entry for entry in data["segments"]}
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("%s is unreadable (%s); rebuilding it from the history's files", path, exc)
            return {}

    def _from_index(self, name: str, day: str, number: int, packed: bool, entry: dict) -> _Segment | None:
        try:
            segment = _Segment(name, day, number, packed)
            segment.size = int(entry["size"])
            segment.patch_lines = int(entry["patch_lines"])
            segment.patches = {int(seq): patch for seq, patch in entry["patches"].items()}
            for start, end, lines, first_line, summary in entry["blocks"]:
                block = _Block(segment, start, first_line, _Summary.from_json(summary))
                block.end, block.lines = end, lines
                segment.blocks.append(block)
                segment.count += block.summary.count
            return segment
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("%s: the entry of %s is unreadable (%s); scanning the file", INDEX_FILE, name, exc)
            return None

    def _scan(self, name: str, day: str, number: int, packed: bool) -> _Segment:
        segment = _Segment(name, day, number, packed)
        if packed:
            self._scan_frames(segment)
        else:
            self._scan_plain(segment, (self.root / name).stat().st_size)
        return segment

    def _scan_plain(self, segment: _Segment, size: int) -> None:
        """Index the lines of a plain file from ``segment.size`` on (a torn tail is left out)."""
        path = self.root / segment.name
        start = segment.size
        first_line = segment.lines + 1
        data = read_range(path, start, size)
        lines, _ = scan(data, path=path, first_line=first_line, way_out=self._line_way_out)
        items = parse([payload for payload, _ in lines])
        for (_, end), item in zip(lines, items, strict=True):
            block = self._open_block(segment)
            block.end = start + end
            block.lines += 1
            segment.size = start + end
            if PATCH in item:
                self._note_patch(segment, item)
            else:
                block.summary.add(item, self.index_fields)
                segment.count += 1

    def _note_patch(self, segment: _Segment, item: dict) -> None:
        seq = int(item[PATCH])
        segment.patches[seq] = {**segment.patches.get(seq, {}), **item["set"]}
        segment.patch_lines += 1

    def _scan_frames(self, segment: _Segment) -> None:
        path = self.root / segment.name
        data = path.read_bytes()
        position, first_line = 0, 1
        while position < len(data):
            block = _Block(segment, position, first_line)
            unpacked = unframe(data, position)
            if isinstance(unpacked, Msg):
                raise LineDamaged(path, first_line, unpacked, self._frame_way_out(segment.day))
            lines, count, end = unpacked
            payloads = checked_lines(lines, path=path, first_line=first_line,
                                     way_out=lambda _line: self._frame_way_out(segment.day))
            for item in parse(payloads):
                if PATCH in item:
                    self._note_patch(segment, item)
                else:
                    block.summary.add(item, self.index_fields)
                    segment.count += 1
            block.end, block.lines = end, count
            segment.blocks.append(block)
            position = end
            first_line += count
        segment.size = position

    def _line_way_out(self, line: int) -> Msg:
        return Msg("applog.way_out_line", {"line": line, "index": self.root / INDEX_FILE})

    def _frame_way_out(self, day: str) -> Msg:
        return Msg("applog.way_out_frame", {"day": day, "index": self.root / INDEX_FILE})

    def _rebuild_memory(self) -> None:
        """The overlay of patches, the per-value totals and the block order, from the segments."""
        self._overlay = {}
        for segment in sorted(self._segments.values(), key=lambda s: s.order):
            for seq, patch in segment.patches.items():
                self._overlay[seq] = {**self._overlay.get(seq, {}), **patch}
        self._totals = {}  # counted again when first needed
        self._by_newest = self._by_oldest = None

    # -- writing -------------------------------------------------------------------------------------------------
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

    def stage(self, record: dict) -> tuple[int, Callable[[], None]]:
        """Add ``record`` in memory and return its ``seq`` with the call that makes it durable.

        A caller that must decide the order of records under its own lock stages there and commits after
        releasing it, so concurrent writers share one flush (group commit) instead of queueing for the disk.
        """
        with self._lock:
            stored, version = self._stage_record(record)
            if self._tails is not None:
                key = index_key(stored.get(self.tail_field))
                self._pending[key] = self._pending.get(key, 0) + 1

        def commit() -> None:
            try:
                self._group.commit(version)
            except BaseException:
                self._settled([stored], committed=False)
                raise
            self._settled([stored], committed=True)

        return stored["seq"], commit

    def _stage_line(self, segment: _Segment, line: bytes) -> tuple[_Block, int]:
        """Stage one line at the end of the segment's open block (written and fsynced at the group's commit)."""
        block = self._open_block(segment)
        version = self._group.stage(segment.file, line)  # type: ignore[arg-type]
        block.end += len(line)
        block.lines += 1
        segment.size += len(line)
        segment.touched = time.monotonic()
        return block, version

    def _stage_record(self, record: dict) -> tuple[dict, int]:
        seq = self._next_seq
        payload = dump({**{k: v for k, v in record.items() if k != "doc_id"}, "seq": seq, "ts": float(record["ts"])})
        stored = json.loads(payload)
        segment = self._writer_for(day_of(stored["ts"]))
        block, version = self._stage_line(segment, line_of(payload))
        block.summary.add(stored, self.index_fields)
        segment.count += 1
        if segment.rows is not None:
            segment.rows.append(stored)
        self._next_seq += 1
        self._recent[seq] = stored
        if len(self._recent) > RECENT:
            self._recent.popitem(last=False)
        if self.tail_field:
            key = index_key(stored.get(self.tail_field))
            if key in self._totals:
                self._totals[key] += 1
        self._index_dirty = self._written = True
        return stored, version

    def append_many(self, records: Iterable[dict]) -> int:
        """Store many records (an import) with one write per file touched (per slice of 20,000); returns how many."""
        ordered = sorted(records, key=lambda r: float(r["ts"]))
        if not ordered:
            return 0
        if self._tails is not None:
            with self._lock:
                self._tails.hold()  # an import touches many values: write each tail once, at the end
        try:
            for start in range(0, len(ordered), IMPORT_SLICE):  # bounded memory: a slice staged, written, settled
                with self._lock:
                    staged = [self._stage_record(record) for record in ordered[start:start + IMPORT_SLICE]]
                self._group.commit(staged[-1][1])
                self._settled([stored for stored, _ in staged], committed=True, pending=False)
            with self._lock:
                newest = day_of(float(ordered[-1]["ts"]))
                for day, segment in list(self._writers.items()):
                    if day != newest:
                        self._retire(segment)
        finally:
            if self._tails is not None:
                with self._lock:
                    self._tails.release()
        self.flush()
        return len(ordered)

    def update(self, seq: int, changes: dict) -> bool:
        """Change fields of the record ``seq`` (not its ``seq``, ``ts`` or indexed fields); False if there is none."""
        clean = {k: v for k, v in changes.items() if k not in ("seq", "ts")}
        indexed = sorted(set(clean) & set(self.index_fields))
        if indexed:
            raise ValueError(f"indexed fields cannot be changed: {', '.join(indexed)}")
        with self._lock:
            base = self._find(seq)
            if base is None:
                return False
            payload = dump({PATCH: seq, "set": clean})
            patch = json.loads(payload)
            segment = self._writer_for(day_of(base["ts"]))
            _, version = self._stage_line(segment, line_of(payload))
            self._note_patch(segment, patch)
            self._overlay[seq] = {**self._overlay.get(seq, {}), **patch["set"]}
            changed = {**base, **self._overlay[seq]}
            self._index_dirty = self._written = True
            busy = segment.day == self._newest_day() and self._patches_due(segment.day)
        self._group.commit(version)
        if self._tails is not None:
            with self._lock:
                self._tails.updated(index_key(changed.get(self.tail_field)), changed)
        if busy and self.on_busy is not None:
            self.on_busy()
        return True

    def _settled(self, records: list[dict], *, committed: bool, pending: bool = True) -> None:
        """Records are on disk (or lost to a failed write): their values' tails follow.
        ``pending``: they were counted as pending by :meth:`stage`."""
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
        """How many committed records have the tail value ``key`` (the caller holds the lock)."""
        total = self._totals.get(key)
        if total is None:  # counted from the block summaries once, then kept up to date by each append
            field = self.tail_field or ""
            total = self._totals[key] = sum(b.summary.keys.get(field, {}).get(key, 0)
                                            for s in self._segments.values() for b in s.blocks)
        return total - self._pending.get(key, 0)

    def _writer_for(self, day: str) -> _Segment:
        segment = self._writers.get(day)
        if segment is not None and not segment.sealed and segment.count < self.segment_records:
            return segment
        if segment is not None:
            self._retire(segment)
        same_day = [s for s in self._segments.values() if s.day == day]
        newest = max(same_day, key=lambda s: s.number, default=None)
        if newest is not None and not newest.sealed and newest.count < self.segment_records:
            segment = newest
        else:
            number = newest.number + 1 if newest is not None else 0
            segment = _Segment(f"{day}.{number:05d}.log", day, number, False)
            self._segments[segment.name] = segment
        if segment.file is None:
            segment.file = LogFile(self.root / segment.name, segment.size, on_create=self._file_created)
        if segment.blocks and segment.blocks[-1].lines < self.block_size:
            last = segment.blocks[-1]
            segment.rows = self._cached_rows(last)
            if segment.rows is None:
                segment.rows = self._read_rows(last)
            else:
                segment.rows = list(segment.rows)
        else:
            segment.rows = []
        self._writers[day] = segment
        self._by_newest = self._by_oldest = None
        return segment

    def _open_block(self, segment: _Segment) -> _Block:
        """The block a new line of ``segment`` goes into."""
        if segment.blocks and segment.blocks[-1].lines < self.block_size:
            return segment.blocks[-1]
        if segment.blocks and segment.rows is not None:
            full = segment.blocks[-1]
            self._remember(full, segment.rows)  # it may not be written yet: keep it readable from memory
            full.text = full.to_json()
            segment.rows = []
        block = _Block(segment, segment.size, segment.lines + 1)
        segment.blocks.append(block)
        self._by_newest = self._by_oldest = None
        return block

    def _retire(self, segment: _Segment) -> None:
        """Stop appending to ``segment`` for now (its day moved on, or it is full, or it is being compacted)."""
        if self._writers.get(segment.day) is segment:
            del self._writers[segment.day]
        if segment.rows is not None and segment.blocks:
            self._remember(segment.blocks[-1], segment.rows)
        segment.rows = None
        self._by_newest = self._by_oldest = None

    def _file_created(self, path: Path) -> None:
        fsync_dir(self.root)
        if self.on_create is not None:
            self.on_create(self.root)

    def _reload_writers(self) -> None:
        """After a failed write (the files were cut back): the files being appended to are read again."""
        for day, segment in list(self._writers.items()):
            fresh = _Segment(segment.name, day, segment.number, False)
            if segment.file is not None and segment.file.end and (self.root / segment.name).exists():
                self._scan_plain(fresh, segment.file.end)  # what is known good, even if cutting the rest failed
            fresh.file = segment.file
            if fresh.file is not None:
                fresh.file.reset(fresh.size)
            last = fresh.blocks[-1] if fresh.blocks else None
            fresh.rows = self._read_rows(last) if last is not None and last.lines < self.block_size else []
            self._segments[segment.name] = fresh
            self._writers[day] = fresh
            for key in [k for k in self._cache if k[0] == segment.name]:
                del self._cache[key]
        self._recent.clear()
        self._pending.clear()
        self._rebuild_memory()

    def _newest_day(self) -> str | None:
        return max((s.day for s in self._segments.values()), default=None)

    def _patches_due(self, day: str) -> bool:
        plain = [s for s in self._segments.values() if s.day == day and not s.packed]
        patches = sum(s.patch_lines for s in plain)
        return patches > max(self.patch_min, sum(s.count for s in plain))

    # -- reading -------------------------------------------------------------------------------------------------
    def query(self, *, match: dict[str, Any] | None = None, where: Callable[[dict], bool] | None = None,
              since: float | None = None, until: float | None = None, limit: int | None = 200,
              offset: int = 0, newest_first: bool = True, after_seq: int | None = None) -> list[dict]:
        """Records matching all filters, ordered by time; ``match`` values may be sets; ``after_seq``: only records
        written after that one (blocks written before it are not read at all)."""
        match = match or {}
        wanted = None if limit is None else offset + limit
        if wanted == 0:
            return []
        tails = self._tails
        key = self._tail_key(match, where, newest_first) if after_seq is None else None
        before = 0
        if tails is not None and key is not None:
            with self._lock:
                rows = tails.newest(key, since, until, wanted)
                if rows is None:
                    before = self._committed(key)
            if rows is not None:
                return [dict(r) for r in rows[offset:wanted]]
        found: list[dict] = []
        for block in self._candidates(match, since, until, newest_first, after_seq):
            if wanted is not None and len(found) >= wanted:
                found.sort(key=_order_key, reverse=newest_first)
                del found[wanted:]
                edge = found[-1]["ts"]
                summary = block.summary
                if (newest_first and summary.max_ts < edge) or (not newest_first and summary.min_ts > edge):
                    break
            rows = _select(self._present_rows(block), match, where, since, until)
            found.extend(rows if after_seq is None else [r for r in rows if r["seq"] > after_seq])
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
        """Oldest first, one block in memory at a time (for exports)."""
        match = match or {}
        for block in self._candidates(match, since, until, newest_first=False):
            rows = _select(self._present_rows(block), match, where, since, until)
            rows.sort(key=_order_key)
            yield from (dict(r) for r in rows)

    def count(self, *, match: dict[str, Any] | None = None, where: Callable[[dict], bool] | None = None,
              since: float | None = None, until: float | None = None) -> int:
        match = match or {}
        total = 0
        for block in self._candidates(match, since, until, newest_first=True):
            summary = block.summary
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
            total += len(_select(self._present_rows(block), match, where, since, until))
        return total

    def get(self, seq: int) -> dict | None:
        with self._lock:
            base = self._find(seq)
            if base is None:
                return None
            patch = self._overlay.get(seq)
            return {**base, **patch} if patch else dict(base)

    def stats(self) -> dict:
        with self._lock:
            return {"files": len(self._segments),
                    "compressed": sum(1 for s in self._segments.values() if s.packed),
                    "blocks": sum(len(s.blocks) for s in self._segments.values()),
                    "records": sum(s.count for s in self._segments.values()),
                    "patches": len(self._overlay), "next_seq": self._next_seq,
                    "bytes": sum(s.size for s in self._segments.values())}

    def _find(self, seq: int) -> dict | None:
        """The stored record ``seq`` without its patches (the caller holds the lock)."""
        recent = self._recent.get(seq)
        if recent is not None:
            return recent
        blocks = [(b.summary.max_seq, b) for s in self._segments.values() for b in s.blocks
                  if b.summary.min_seq is not None and b.summary.max_seq is not None
                  and b.summary.min_seq <= seq <= b.summary.max_seq]
        for _, block in sorted(blocks, key=lambda pair: pair[0], reverse=True):
            for record in self._rows(block):
                if record["seq"] == seq:
                    return record
        return None

    def _candidates(self, match, since, until, newest_first, after_seq: int | None = None) -> Iterator[_Block]:
        """The blocks that may hold matches, newest (or oldest) first, lazily."""
        with self._lock:
            open_blocks = [s.blocks[-1] for s in self._writers.values() if s.blocks]
            settled_newest, settled_oldest = self._orders(open_blocks)
            if newest_first:
                settled: Iterable[_Block] = reversed(settled_newest)
                if since is not None:  # blocks that end before ``since`` hold nothing for it
                    first = bisect.bisect_left(settled_newest, since, key=lambda b: b.summary.max_ts)
                    settled = reversed(settled_newest[first:])
            else:
                settled = settled_oldest
                if until is not None:
                    last = bisect.bisect_left(settled_oldest, until, key=lambda b: b.summary.min_ts)
                    settled = settled_oldest[:last]
            mine = [b for b in open_blocks if b.summary.may_match(match, since, until)]
        if newest_first:
            mine.sort(key=_Block.order_newest, reverse=True)
            merged = heapq.merge(mine, settled, key=_Block.order_newest, reverse=True)
        else:
            mine.sort(key=_order_oldest)
            merged = heapq.merge(mine, settled, key=_order_oldest)
        floor = -1 if after_seq is None else after_seq
        return (b for b in merged if (b.summary.max_seq or 0) > floor and b.summary.may_match(match, since, until))

    def _orders(self, open_blocks: list[_Block]) -> tuple[list[_Block], list[_Block]]:
        if self._by_newest is None or self._by_oldest is None:
            skip = {id(b) for b in open_blocks}
            settled = [b for s in self._segments.values() for b in s.blocks
                       if id(b) not in skip and b.summary.count]
            self._by_newest = sorted(settled, key=_Block.order_newest)
            self._by_oldest = sorted(settled, key=_order_oldest)
        return self._by_newest, self._by_oldest

    def _present_rows(self, block: _Block) -> list[dict]:
        rows = self._rows(block)
        overlay = self._overlay
        if not overlay:
            return rows
        return [{**r, **overlay[r["seq"]]} if r["seq"] in overlay else r for r in rows]

    def _rows(self, block: _Block) -> list[dict]:
        """The block's records without their patches (shared: never change them)."""
        with self._lock:
            segment = block.segment
            if segment.rows is not None and segment.blocks and segment.blocks[-1] is block:
                return list(segment.rows)
            cached = self._cached_rows(block)
            if cached is not None:
                return cached
        rows = self._read_rows(block)
        with self._lock:
            self._remember(block, rows)
        return rows

    def _cached_rows(self, block: _Block) -> list[dict] | None:
        hit = self._cache.get(block.key)
        if hit is None:
            return None
        self._cache.move_to_end(block.key)
        return hit[1]

    def _remember(self, block: _Block, rows: list[dict]) -> None:
        self._cache[block.key] = (block, rows)
        self._cache.move_to_end(block.key)
        for _ in range(len(self._cache)):
            if len(self._cache) <= self._cache_blocks:
                break
            key, (held, held_rows) = self._cache.popitem(last=False)
            if not held.segment.written():
                self._cache[key] = (held, held_rows)  # not on disk yet: it stays readable from here

    def _read_rows(self, block: _Block) -> list[dict]:
        segment = block.segment
        path = self.root / segment.name
        data = read_range(path, block.start, block.end)
        if segment.packed:
            unpacked = unframe(data)
            if isinstance(unpacked, Msg):
                raise LineDamaged(path, block.first_line, unpacked, self._frame_way_out(segment.day))
            data = unpacked[0]
            payloads = checked_lines(data, path=path, first_line=block.first_line,
                                     way_out=lambda _line: self._frame_way_out(segment.day))
        else:
            payloads = checked_lines(data, path=path, first_line=block.first_line, way_out=self._line_way_out)
        return [item for item in parse(payloads) if PATCH not in item]

    # -- upkeep: index, tails, compaction ---------------------------------------------------------------------
    def flush(self) -> None:
        """Everything staged on disk; index.json saved if this process wrote anything (a folder only read, or
        refused, is left as it was) and the tails that changed (a query may have built one)."""
        self._group.flush()
        if self._written:
            self.write_index()
        with self._lock:
            if self._tails is not None:
                self._tails.flush()

    def close(self) -> None:
        self.flush()
        if self._written:
            self._bury(everything=True)
        self._group.close()

    def write_index(self) -> None:
        """Save the description of every file whose lines are all written (a file still being written is
        scanned at the next open instead)."""
        with self._lock:
            if not self._index_dirty and (self.root / INDEX_FILE).exists():
                return
            parts = [segment.to_json() for segment in sorted(self._segments.values(), key=lambda s: s.order)
                     if segment.size and segment.written()]
            if not parts and not (self.root / INDEX_FILE).exists():
                self._index_dirty = False
                return
            complete = all(segment.written() for segment in self._segments.values())
            self._index_dirty = not complete
            self._index_at = time.monotonic()
        text = f'{{"version":{INDEX_VERSION},"segments":[{",".join(parts)}]}}'
        try:
            atomic_write(self.root / INDEX_FILE, text, durable=False)
        except OSError as exc:
            log.warning("could not save %s (%s); it will be rebuilt on the next start", self.root / INDEX_FILE, exc)
            with self._lock:
                self._index_dirty = True

    def maintain(self) -> bool:
        """One pass of background upkeep; True if it compacted something (more may be due)."""
        now = time.monotonic()
        day = self._due_day(now)
        did = self.compact_day(day) if day is not None else False
        with self._lock:
            for segment in list(self._writers.values()):
                if segment.day != self._newest_day() and now - segment.touched >= self.idle and segment.written():
                    self._retire(segment)
            save = self._index_dirty and now - self._index_at >= self.index_every
        if save:
            self.write_index()
        if self._tails is not None and now - self._tails_at >= self.index_every:
            with self._lock:  # a few at a time: appends wait for one batch at most
                more = self._tails.flush(limit=16)
            if not more:
                self._tails_at = now
        self._bury()
        return did

    def compact_all(self) -> int:
        """Compact every closed day now (a benchmark's history, as the background leaves it); returns how many."""
        done = 0
        for day in sorted({s.day for s in self._segments.values()}):
            if day != self._newest_day() and self.compact_day(day, save_index=False):
                done += 1
        self.write_index()
        return done

    def _due_day(self, now: float) -> str | None:
        with self._lock:
            newest = self._newest_day()
            days: dict[str, list[_Segment]] = {}
            for segment in self._segments.values():
                if not segment.packed:
                    days.setdefault(segment.day, []).append(segment)
            for day in sorted(days):
                if day in self._damaged_days:
                    continue
                if day != newest and all(now - s.touched >= self.idle for s in days[day]):
                    return day
            if newest in days and newest not in self._damaged_days and self._patches_due(newest):
                return newest
        return None

    def compact_day(self, day: str, *, save_index: bool = True) -> bool:
        """Rewrite the files of ``day`` into one compressed file, patches folded in. False if there was nothing
        to do or it could not be written (logged; the files stay as they were and are still read).
        ``save_index``: list the new file in index.json at once (a crash before it is saved is fine too: the
        next open finds the new file and ignores the ones it replaced)."""
        with self._compacting:
            with self._lock:
                segments = sorted((s for s in self._segments.values() if s.day == day), key=lambda s: s.number)
                if not any(not s.packed for s in segments):
                    return False
                for segment in segments:
                    if not segment.sealed:
                        self._retire(segment)
                        segment.sealed = True
                plan = [(segment, segment.size) for segment in segments]
            self._group.flush()
            with self._lock:
                if any(self._segments.get(s.name) is not s or s.size != size or not s.written()
                       for s, size in plan):
                    return False  # a failed write changed them meanwhile: the next pass looks again
            try:
                records = self._fold(plan)
                compressed = self._write_compressed(day, plan[-1][0].number, records)
            except OSError as exc:
                log.warning("could not compact %s/%s (%s); its files stay as they are", self.root.name, day, exc)
                return False
            except StoreCorrupted as exc:  # reported to whoever reads that record; not compacted again
                log.warning("not compacting %s/%s: %s", self.root.name, day, exc)
                with self._lock:
                    self._damaged_days.add(day)
                return False
            self._swap_in(day, plan, compressed)
            if save_index:
                self.write_index()
            return True

    def _swap_in(self, day: str, plan: list[tuple[_Segment, int]], compressed: _Segment) -> None:
        """The compressed file replaces the planned ones; patches it folded in leave the overlay."""
        with self._lock:
            covered = {s.name for s, _ in plan}
            folded = set().union(*(s.patches for s, _ in plan))
            for name in covered:
                del self._segments[name]
                for key in [k for k in self._cache if k[0] == name]:
                    del self._cache[key]
            self._segments[compressed.name] = compressed
            rest = sorted((s for s in self._segments.values() if s.day == day and s.patches), key=lambda s: s.order)
            for seq in folded:
                self._recent.pop(seq, None)
                merged: dict = {}
                for segment in rest:  # patches written after the compaction began stay in force
                    merged.update(segment.patches.get(seq, {}))
                if merged:
                    self._overlay[seq] = merged
                else:
                    self._overlay.pop(seq, None)
            self._graveyard += [(self.root / name, time.monotonic() + GRAVE_DELAY) for name in covered]
            self._by_newest = self._by_oldest = None
            self._index_dirty = self._written = True

    def _fold(self, plan: list[tuple[_Segment, int]]) -> list[list]:
        """Every record of the planned files as [its line's JSON text, the record], in file order, with the
        patches of those files applied (a patched record's text is None: it is written anew)."""
        records: list[list] = []
        by_seq: dict[int, list] = {}
        for segment, size in plan:
            path = self.root / segment.name
            if segment.packed:
                payloads = [p for block in segment.blocks for p in self._frame_payloads(segment, block)]
            else:
                payloads = checked_lines(read_range(path, 0, size), path=path, first_line=1,
                                         way_out=self._line_way_out)
            for payload, item in zip(payloads, parse(payloads), strict=True):
                if PATCH in item:
                    target = by_seq.get(int(item[PATCH]))
                    if target is None:
                        log.warning("%s: a patch of record %s, which is not in its day; kept as a patch",
                                    path, item[PATCH])
                        records.append([payload, item])
                    else:
                        target[1].update(item["set"])
                        target[0] = None
                else:
                    entry = [payload, item]
                    records.append(entry)
                    by_seq[item["seq"]] = entry
        return records

    def _frame_payloads(self, segment: _Segment, block: _Block) -> list[bytes]:
        path = self.root / segment.name
        unpacked = unframe(read_range(path, block.start, block.end))
        if isinstance(unpacked, Msg):
            raise LineDamaged(path, block.first_line, unpacked, self._frame_way_out(segment.day))
        return checked_lines(unpacked[0], path=path, first_line=block.first_line,
                             way_out=lambda _line: self._frame_way_out(segment.day))

    def _write_compressed(self, day: str, number: int, records: list[list]) -> _Segment:
        segment = _Segment(f"{day}.{number:05d}.logz", day, number, True)
        path = self.root / segment.name
        tmp = path.with_name(path.name + TMP_SUFFIX)
        parts: list[bytes] = []
        position, first_line = 0, 1
        for start in range(0, len(records), self.block_size):
            chunk = records[start:start + self.block_size]
            block = _Block(segment, position, first_line)
            for _, item in chunk:
                if PATCH in item:
                    self._note_patch(segment, item)
                else:
                    block.summary.add(item, self.index_fields)
                    segment.count += 1
            packed = frame(b"".join(line_of(payload if payload is not None else dump(item))
                                    for payload, item in chunk), len(chunk))
            parts.append(packed)
            position += len(packed)
            first_line += len(chunk)
            block.end, block.lines = position, len(chunk)
            block.text = block.to_json()
            segment.blocks.append(block)
        segment.size = position
        try:
            with open(tmp, "wb") as handle:
                for part in parts:
                    handle.write(part)
                handle.flush()
                os.fsync(handle.fileno())
            replace_file(tmp, path)
        except OSError:
            remove_file(tmp)
            raise
        fsync_dir(self.root)
        return segment

    def _bury(self, everything: bool = False) -> None:
        """Delete replaced files whose time has come (a program holding one open: tried again later)."""
        now = time.monotonic()
        with self._lock:
            due = [(path, at) for path, at in self._graveyard if everything or at <= now]
            self._graveyard = [(path, at) for path, at in self._graveyard if not (everything or at <= now)]
        kept = []
        for path, _due in due:
            try:
                remove_file(path)
            except OSError as exc:
                log.info("could not delete the replaced %s yet (%s)", path, exc)
                kept.append((path, now + GRAVE_DELAY))
        if kept:
            with self._lock:
                self._graveyard += kept


def _order_key(record: dict):
    return (record["ts"], record["seq"])


def _order_oldest(block: _Block) -> tuple:
    return (block.summary.min_ts, block.summary.min_seq)


def _select(rows: list[dict], match: dict, where, since, until) -> list[dict]:
    """The rows that pass every filter (one comprehension per filter: a block is scanned at C speed)."""
    if since is not None or until is not None:
        low = float("-inf") if since is None else since
        high = float("inf") if until is None else until
        rows = [r for r in rows if low <= r["ts"] < high]
    for name, wanted in match.items():
        if isinstance(wanted, (set, frozenset, list, tuple)):
            rows = [r for r in rows if r.get(name) in wanted]
        else:
            rows = [r for r in rows if r.get(name) == wanted]
    if where is not None:
        rows = [r for r in rows if where(r)]
    return rows


def _top_compressed(found: Iterable[tuple[str, int, bool]]) -> dict[str, int]:
    """Per day, the number of its newest compressed file (it supersedes every file of the day up to it)."""
    top: dict[str, int] = {}
    for day, number, packed in found:
        if packed and number > top.get(day, -1):
            top[day] = number
    return top


def _is_covered(name: str, top: dict[str, int]) -> bool:
    parsed = parse_name(name)
    return parsed is not None and parsed[0] in top and parsed[1] <= top[parsed[0]]


def _count(entry: dict) -> int:
    try:
        return sum(block[4][0] for block in entry["blocks"])
    except (KeyError, TypeError, IndexError):
        return 0


def _has_records(entry: dict) -> bool:
    return _count(entry) > 0 or bool(entry.get("patch_lines"))


def chunk_files(root: Path | str) -> list[Path]:
    """The files holding a history's records (plain and compressed, ignoring other files), oldest first."""
    folder = Path(root)
    if not folder.is_dir():
        return []
    named = [(parse_name(p.name), p) for p in folder.iterdir()]
    return [path for parsed, path in sorted((n, p) for n, p in named if n is not None)]
