"""Small tables that change often (the paper book, entry facts, the notification outbox): a snapshot and a log.

The records live in memory. Every change is one line appended to ``<name>.log`` — a batch of puts, field
updates and deletes that is applied whole or not at all — and is acknowledged once that line is fsynced, so a
change costs what it writes, not the size of the table. ``<name>.json`` is the snapshot, in TinyDB's layout
(``{"table": {"id": {...}}}``, readable and editable by hand like every small file of the folder), with the
number of the last change it holds in its ``_log`` table. Opening reads the snapshot and replays the log's
later changes.

When the log holds many more changes than there are records, it is compacted in the background: a new
snapshot is written (temp file, fsync, rename), then the log is replaced by what was appended meanwhile.
A crash between the two leaves changes that the snapshot already holds; their numbers say so and they are
skipped. Closing compacts, so at rest the snapshot holds everything and the log is empty.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..core.errors import StoreCorrupted, StoreWriteError
from ..core.i18n import Msg
from .applog import GroupCommit, LineDamaged, LogFile, dump, line_of, read_range, scan
from .durable import TMP_SUFFIX, _copy_json, atomic_write, fsync_dir, load_json_file, remove_file, replace_file

log = logging.getLogger(__name__)

META = "_log"  # the snapshot's own table: {"1": {"applied": <last change held>, "next_ids": {...}}}
LOG_SUFFIX = ".log"
COMPACT_MIN = 500  # changes in the log before a compaction is worth it, however few the records


def log_path_of(snapshot: Path) -> Path:
    return snapshot.with_suffix(LOG_SUFFIX)


class TableLog:
    """Tables of JSON records by integer id, with the read methods of :class:`~.durable.DurableDB`.

    Stored records are never changed in place (a change stores a new dict), so a reader may hold one
    without a copy (:meth:`peek`, :meth:`view`) as long as it does not change it.
    """

    def __init__(self, path: Path | str, *, on_create: Callable[[Path], None] | None = None,
                 compact_min: int = COMPACT_MIN):
        self.path = Path(path)
        self.log_path = log_path_of(self.path)
        self.on_create = on_create
        self.compact_min = compact_min
        self.on_busy: Callable[[], None] | None = None  # told when the log has grown enough to compact
        self._lock = threading.RLock()
        self._compacting = threading.Lock()
        self._group = GroupCommit(self._lock, self._reload)
        for leftover in (self.path.with_name(self.path.name + TMP_SUFFIX),
                         self.log_path.with_name(self.log_path.name + TMP_SUFFIX)):
            leftover.unlink(missing_ok=True)
        self._tables: dict[str, dict[int, dict]] = {}
        self._next_ids: dict[str, int] = {}
        self._applied = 0
        self._number = 0
        self._changes = 0
        self._file = LogFile(self.log_path, 0, on_create=on_create)
        self._load()
        for existing in (self.path, self.log_path):
            if existing.exists() and on_create is not None:
                on_create(existing)

    # -- opening -----------------------------------------------------------------------------------------
    def _load(self, limit: int | None = None) -> None:
        snapshot = load_json_file(self.path) if self.path.exists() else {}
        meta = snapshot.pop(META, {}).get("1", {})
        applied = meta.get("applied", 0)
        next_ids = meta.get("next_ids", {})
        if not isinstance(applied, int) or not isinstance(next_ids, dict):
            raise StoreCorrupted(self.path, Msg("store.bad_field", {"field": META, "value": str(meta)[:40]}))
        self._tables = {name: {int(doc_id): doc for doc_id, doc in table.items()} for name, table in snapshot.items()}
        self._next_ids = {str(name): int(value) for name, value in next_ids.items()}
        self._applied = self._number = applied
        self._changes = 0
        good_end = 0
        if self.log_path.exists():
            data = self.log_path.read_bytes() if limit is None else read_range(self.log_path, 0, limit)
            lines, good_end = scan(data, path=self.log_path, first_line=1, way_out=self._way_out)
            for number, (payload, _) in enumerate(lines, start=1):
                self._replay(payload, number)
        self._file.reset(good_end)

    def _way_out(self, line: int) -> Msg:
        return Msg("applog.way_out_change", {"line": line})

    def _replay(self, payload: bytes, line: int) -> None:
        try:
            change = json.loads(payload)
            number, ops = change["n"], change["ops"]
            if not isinstance(number, int) or not isinstance(ops, list):
                raise TypeError(number)
        except (ValueError, KeyError, TypeError) as exc:
            raise LineDamaged(self.log_path, line, Msg("applog.not_json"), self._way_out(line)) from exc
        if number <= self._applied:
            return  # the snapshot holds it already (a crash during a compaction)
        for op in ops:
            if not self._apply(op):
                raise LineDamaged(self.log_path, line, Msg("applog.bad_change", {"doc_id": op[2], "table": op[1]}),
                                  self._way_out(line))
        self._number = number
        self._changes += 1

    def _apply(self, op: list) -> bool:
        kind, table, doc_id = op[0], op[1], int(op[2])
        rows = self._tables.setdefault(table, {})
        if kind == "put":
            rows[doc_id] = op[3]
            if doc_id >= self._next_ids.get(table, 1):
                self._next_ids[table] = doc_id + 1
        elif kind == "set":
            if doc_id not in rows:
                return False
            rows[doc_id] = {**rows[doc_id], **op[3]}
        elif kind == "del":
            rows.pop(doc_id, None)
        else:
            return False
        return True

    def _reload(self) -> None:
        """After a failed write: memory becomes what the files held before it (even if cutting it back failed)."""
        self._load(self._file.end)

    # -- reading -------------------------------------------------------------------------------------------
    def get(self, table: str, doc_id: int) -> dict | None:
        """A copy of the record, with its ``doc_id`` (as DurableDB gives it)."""
        with self._lock:
            doc = self._tables.get(table, {}).get(int(doc_id))
            return None if doc is None else {**_copy_json(doc), "doc_id": int(doc_id)}

    def peek(self, table: str, doc_id: int) -> dict | None:
        """The stored record itself: read it, never change it."""
        return self._tables.get(table, {}).get(int(doc_id))

    def view(self, table: str) -> dict[int, dict]:
        """The table as it is now, id -> stored record (read them, never change them)."""
        with self._lock:
            return dict(self._tables.get(table, {}))

    def all(self, table: str) -> list[dict]:
        return [{**_copy_json(doc), "doc_id": doc_id} for doc_id, doc in self.view(table).items()]

    def search(self, table: str, predicate) -> list[dict]:
        return [{**_copy_json(doc), "doc_id": doc_id} for doc_id, doc in self.view(table).items() if predicate(doc)]

    def count(self, table: str) -> int:
        with self._lock:
            return len(self._tables.get(table, {}))

    def rows(self, table: str) -> Iterator[tuple[int, dict]]:
        """(id, stored record) oldest id first, over the table as it is now."""
        return iter(sorted(self.view(table).items()))

    # -- writing -------------------------------------------------------------------------------------------
    def change(self, build: Callable[[Change], Any], *, sync: bool = True) -> Any:
        """Run ``build(change)`` under the lock and write what it did as one line; returns what it returned.

        ``sync=False``: written for the operating system only (kept through ``kill -9``, maybe not a power cut),
        for changes that recovery redoes anyway. If ``build`` raises, nothing is changed.
        """
        with self._lock:
            change = Change(self)
            try:
                result = build(change)
            except BaseException:
                change.undo()
                raise
            if not change.ops:
                return result
            self._number += 1
            line = line_of(dump({"n": self._number, "ops": change.ops}))
            version = self._group.stage(self._file, line)
            self._changes += 1
            busy = self._changes > max(self.compact_min, 2 * self._records())
        self._group.commit(version, sync=sync)
        if busy and self.on_busy is not None:
            self.on_busy()
        return result

    @property
    def _write_hook(self) -> Callable[[Path, bytes], None] | None:
        """Tests: called with (log path, bytes) before each append; raising OSError fails it, as a full disk does."""
        return self._file.hook

    @_write_hook.setter
    def _write_hook(self, hook: Callable[[Path, bytes], None] | None) -> None:
        self._file.hook = hook

    def put(self, table: str, doc_id: int, doc: dict) -> None:
        self.change(lambda c: c.put(table, doc_id, doc))

    def upsert_doc(self, table: str, doc_id: int, doc: dict) -> None:
        self.put(table, doc_id, doc)

    def update(self, table: str, doc_id: int, changes: dict) -> None:
        self.change(lambda c: c.set(table, doc_id, changes))

    def remove(self, table: str, doc_id: int, *, sync: bool = True) -> None:
        self.change(lambda c: c.delete(table, doc_id), sync=sync)

    def insert(self, table: str, doc: dict) -> int:
        return self.change(lambda c: c.insert(table, doc))

    def _records(self) -> int:
        return sum(len(rows) for rows in self._tables.values())

    # -- compaction ----------------------------------------------------------------------------------------
    @property
    def changes(self) -> int:
        """Changes in the log that the snapshot does not hold yet."""
        return self._changes

    def needs_compaction(self) -> bool:
        with self._lock:
            return self._changes > max(self.compact_min, 2 * self._records())

    def compact(self) -> bool:
        """Write a snapshot of everything written so far, then drop from the log what it holds. False if there
        was nothing to drop or a write failed (logged; the log keeps working and a later pass tries again)."""
        with self._compacting:
            with self._group.flush_lock:
                try:
                    self._group.write_pending(sync=True)
                except StoreWriteError:  # its writers were told; the next pass tries again
                    return False
                with self._lock:
                    if self._changes == 0 and self.path.exists():
                        return False
                    tables = {name: dict(rows) for name, rows in self._tables.items()}
                    applied, next_ids, held_to = self._number, dict(self._next_ids), self._file.end
            snapshot = {name: {str(doc_id): doc for doc_id, doc in sorted(rows.items())}
                        for name, rows in tables.items() if rows}
            snapshot[META] = {"1": {"applied": applied, "next_ids": next_ids}}
            existed = self.path.exists()
            try:
                atomic_write(self.path, json.dumps(snapshot, ensure_ascii=False, separators=(",", ":")))
            except OSError as exc:
                log.warning("could not write %s (%s); the changes stay in %s", self.path, exc, self.log_path.name)
                return False
            if not existed and self.on_create is not None:
                self.on_create(self.path)
            return self._drop_held(held_to, applied)

    def _drop_held(self, held_to: int, applied: int) -> bool:
        """Replace the log by its lines after ``held_to`` (what was appended while the snapshot was written)."""
        tmp = self.log_path.with_name(self.log_path.name + TMP_SUFFIX)
        with self._group.flush_lock:
            try:
                self._group.write_pending(sync=True)
            except StoreWriteError:
                return False
            end = self._file.end
            try:
                rest = read_range(self.log_path, held_to, end) if end > held_to else b""
                with open(tmp, "wb") as handle:
                    handle.write(rest)
                    handle.flush()
                    os.fsync(handle.fileno())
                replace_file(tmp, self.log_path)
                fsync_dir(self.log_path.parent)
            except OSError as exc:
                remove_file(tmp)
                log.warning("could not shorten %s (%s); its changes held by %s are skipped when it is read",
                            self.log_path, exc, self.path.name)
                return False
            with self._lock:
                self._file.end = len(rest)
                self._changes = rest.count(b"\n")
                self._applied = applied
        return True

    def flush(self) -> None:
        self._group.flush(sync=True)

    def close(self) -> None:
        """Write what is pending; if the log holds changes, compact so the snapshot holds everything."""
        self.flush()
        if self._changes:
            self.compact()
        self._group.close()


class Change:
    """What one call to :meth:`TableLog.change` does: applied to memory at once, written as one line after."""

    def __init__(self, owner: TableLog):
        self._owner = owner
        self.ops: list[list] = []
        self._undo: list[tuple[str, int, dict | None]] = []
        self._undo_ids: dict[str, int | None] = {}

    def get(self, table: str, doc_id: int) -> dict | None:
        return self._owner._tables.get(table, {}).get(int(doc_id))

    def rows(self, table: str) -> dict[int, dict]:
        """The live table (read it, never change it)."""
        return self._owner._tables.get(table, {})

    def put(self, table: str, doc_id: int, doc: dict) -> dict:
        clean = _clean(doc)
        if self.get(table, doc_id) == clean:
            return clean  # as it is: nothing to write
        self._store(table, int(doc_id), clean)
        self.ops.append(["put", table, int(doc_id), clean])
        return clean

    def set(self, table: str, doc_id: int, changes: dict) -> dict:
        current = self.get(table, doc_id)
        if current is None:
            raise KeyError(f"{table} {doc_id}")
        clean = _clean(changes)
        merged = {**current, **clean}
        if merged == current:
            return current
        self._store(table, int(doc_id), merged)
        self.ops.append(["set", table, int(doc_id), clean])
        return merged

    def delete(self, table: str, doc_id: int) -> None:
        if self.get(table, doc_id) is None:
            return
        self._store(table, int(doc_id), None)
        self.ops.append(["del", table, int(doc_id)])

    def insert(self, table: str, doc: dict) -> int:
        rows = self.rows(table)
        doc_id = max(self._owner._next_ids.get(table, 1), max(rows, default=0) + 1)
        self.put(table, doc_id, doc)
        return doc_id

    def _store(self, table: str, doc_id: int, doc: dict | None) -> None:
        owner = self._owner
        rows = owner._tables.setdefault(table, {})
        self._undo.append((table, doc_id, rows.get(doc_id)))
        if doc is None:
            rows.pop(doc_id, None)
        else:
            rows[doc_id] = doc
            if doc_id >= owner._next_ids.get(table, 1):
                self._undo_ids.setdefault(table, owner._next_ids.get(table))
                owner._next_ids[table] = doc_id + 1

    def undo(self) -> None:
        owner = self._owner
        for table, doc_id, previous in reversed(self._undo):
            rows = owner._tables.setdefault(table, {})
            if previous is None:
                rows.pop(doc_id, None)
            else:
                rows[doc_id] = previous
        for table, value in self._undo_ids.items():
            if value is None:
                owner._next_ids.pop(table, None)
            else:
                owner._next_ids[table] = value


def _clean(doc: dict) -> dict:
    """A JSON-shaped copy the store owns (the caller's dict is never shared)."""
    clean = json.loads(dump(doc))
    clean.pop("doc_id", None)
    return clean
