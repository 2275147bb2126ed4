"""One JSON file behind TinyDB, made safe for threads and for ``kill -9``.

TinyDB is not thread-safe and its default storage rewrites the file in place.
Here the document tree lives in memory, every change happens under one lock,
and the file is replaced atomically (temp file, fsync, rename, fsync of the
directory). Concurrent writers share one flush (group commit): each caller
returns only once a flush that includes its change is on disk.
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from ..core.errors import LifecycleError, StoreCorrupted, StoreWriteError

TMP_SUFFIX = ".tmp"
# Seconds between tries of a file operation another program blocks (Windows: a replace or an append while a backup
# tool, an antivirus or an editor has the file open); about 6 s in all, then the operation fails as it is.
PATIENCE = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0, 1.5, 1.5)


def patiently(action, *args):
    """``action(*args)``, tried again with back-off while it raises PermissionError.

    On Windows a file that another process holds open (without delete sharing) cannot be replaced or removed,
    and one it has locked cannot be appended to; such holds are brief. On POSIX a PermissionError is
    permanent (modes), so it is raised at once."""
    for pause in PATIENCE if OPEN_FILES_BLOCK else ():
        try:
            return action(*args)
        except PermissionError:
            _sleep(pause)
    return action(*args)


OPEN_FILES_BLOCK = os.name == "nt"  # a test sets it to simulate Windows on any system
_sleep = time.sleep


def replace_file(source: Path | str, target: Path | str) -> None:
    """``os.replace``, patient with programs that hold ``target`` open for reading (Windows)."""
    patiently(os.replace, source, target)


def remove_file(path: Path | str) -> None:
    """Delete ``path`` if it exists, patient like :func:`replace_file`."""
    def unlink() -> None:
        Path(path).unlink(missing_ok=True)

    patiently(unlink)


def atomic_write(path: Path, text: str | bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``text`` (UTF-8 text, or bytes as they are) so a reader sees the old or the new
    file, whole.

    ``durable=False`` skips the fsyncs: only for derived data that its reader checks and rebuilds,
    since after a power cut such a file may be old, empty or partial (a killed process is fine).
    """
    tmp = path.with_name(path.name + TMP_SUFFIX)
    data = memoryview(text.encode("utf-8") if isinstance(text, str) else text)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o666)
        try:
            while data:
                data = data[os.write(fd, data):]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        replace_file(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    if durable:
        fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def load_json_file(path: Path) -> dict:
    """Read a store file, or explain exactly which file is damaged and how."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise StoreCorrupted(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if not text.strip():
        raise StoreCorrupted(path, "the file is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreCorrupted(path, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise StoreCorrupted(path, "expected an object of tables, each an object of records")
    for table_name, table in data.items():
        for doc_id, doc in table.items():
            if not doc_id.isdigit() or not isinstance(doc, dict):
                raise StoreCorrupted(path, f"record {doc_id!r} of table {table_name!r} is not a record")
    return data


class _MemoryStorage(Storage):
    """TinyDB storage whose reads and writes are of the in-memory tree."""

    def __init__(self, data: dict):
        self.data = data

    def read(self):
        return self.data

    def write(self, data) -> None:
        self.data = data


class DurableDB:
    """A TinyDB file with a lock, atomic durable writes and rollback on failure."""

    def __init__(self, path: Path | str, *, readonly: bool = False, on_create: Callable[[Path], None] | None = None):
        self.path = Path(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        self._flush_lock = threading.Lock()
        data = load_json_file(self.path) if self.path.exists() else {}
        self._storage = _MemoryStorage(data)
        self._db = TinyDB(storage=lambda: self._storage)
        self._version = 0
        self.closed = False
        self._flushed = 0
        self._lost: list[tuple[int, int]] = []
        self._write_hook: Callable[[Path, str], None] | None = None  # None: this module's atomic_write
        self._on_disk = self.path.exists()
        self.on_create: Callable[[Path], None] | None = on_create  # told once, when the file first exists

    # -- reading -----------------------------------------------------------
    @contextmanager
    def reading(self) -> Iterator[TinyDB]:
        """Hold the lock while reading; results must be copied before leaving."""
        with self._lock:
            yield self._db

    def all(self, table: str) -> list[dict]:
        with self._lock:
            return [_copy_doc(doc) for doc in self._db.table(table).all()]

    def search(self, table: str, predicate) -> list[dict]:
        """Copies of the records for which ``predicate(record)`` is true (only those are copied)."""
        with self._lock:
            return [_copy_doc(doc) for doc in self._db.table(table).all() if predicate(doc)]

    def get(self, table: str, doc_id: int) -> dict | None:
        with self._lock:
            doc = self._db.table(table).get(doc_id=doc_id)
            return _copy_doc(doc) if doc is not None else None

    def count(self, table: str) -> int:
        with self._lock:
            return len(self._db.table(table))

    @property
    def on_disk(self) -> bool:
        """The file exists (it was there when opened, or a write created it)."""
        return self._on_disk

    # -- writing -----------------------------------------------------------
    def write(self, change: Callable[[TinyDB], Any]) -> Any:
        """Apply ``change`` under the lock, then return once it is durable."""
        result, version = self.apply(change)
        self.commit(version)
        return result

    def apply(self, change: Callable[[TinyDB], Any]) -> tuple[Any, int]:
        """Apply ``change`` in memory only; pass the version to :meth:`commit`."""
        if self.readonly:
            raise RuntimeError(f"{self.path} is open read-only")
        with self._lock:
            if self.closed:
                raise LifecycleError("err.engine_closed")
            result = change(self._db)
            self._version += 1
            return result, self._version

    def insert(self, table: str, doc: dict) -> int:
        clean = json_clean(doc)
        return self.write(lambda db: db.table(table).insert(clean))

    def upsert_doc(self, table: str, doc_id: int, doc: dict) -> None:
        """Write the whole record under a known id."""
        from tinydb.table import Document

        clean = json_clean(doc)
        self.write(lambda db: db.table(table).upsert(Document(clean, doc_id=doc_id)))

    def update(self, table: str, doc_id: int, changes: dict) -> None:
        clean = json_clean(changes)
        self.write(lambda db: db.table(table).update(clean, doc_ids=[doc_id]))

    def remove(self, table: str, doc_id: int) -> None:
        self.write(lambda db: db.table(table).remove(doc_ids=[doc_id]))

    def flush(self) -> None:
        """Write what is in memory and not yet on disk.

        Changes lost to an earlier failed write are not retried and do not fail this call: their
        callers were told when they failed, and memory was rolled back to the file.
        """
        with self._flush_lock:
            with self._lock:
                version = self._version
            self._write_through(version)

    # -- group commit ------------------------------------------------------
    def commit(self, version: int) -> None:
        """Return once the change numbered ``version`` is on disk."""
        with self._flush_lock:
            if any(lo <= version <= hi for lo, hi in self._lost):
                raise StoreWriteError(self.path, "an earlier write to this file failed")
            self._write_through(version)

    def _write_through(self, version: int) -> None:
        if self._flushed >= version:
            return
        with self._lock:
            text = json.dumps(self._storage.data, ensure_ascii=False, separators=(",", ":"))
            target = self._version
        try:
            (self._write_hook or atomic_write)(self.path, text)
        except OSError as exc:
            self._roll_back(target)
            raise StoreWriteError(self.path, exc.strerror or str(exc)) from exc
        self._flushed = target
        if not self._on_disk:
            self._on_disk = True
            if self.on_create is not None:
                self.on_create(self.path)

    def _roll_back(self, through_version: int) -> None:
        """Forget every change not on disk, so memory and file agree again."""
        with self._lock:
            on_disk = load_json_file(self.path) if self.path.exists() else {}
            self._storage.data = on_disk
            for table in self._db._tables.values():
                table.clear_cache()
            self._lost.append((self._flushed + 1, max(through_version, self._version)))
            self._version = max(through_version, self._version)
            self._flushed = self._version

    def close(self) -> None:
        """Write what is pending; no change is accepted afterwards (see :meth:`GroupCommit.close`)."""
        self.flush()
        with self._lock:
            self.closed = True


def _copy_doc(doc) -> dict:
    out = {key: _copy_json(value) for key, value in doc.items()}
    out["doc_id"] = doc.doc_id
    return out


def _copy_json(value):
    """A copy of a JSON-shaped value (what the store holds); far cheaper than copy.deepcopy."""
    if isinstance(value, dict):
        return {key: _copy_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy_json(item) for item in value]
    return value


def json_clean(doc: dict) -> dict:
    """A deep, JSON-shaped copy: the caller's dict is never shared with the store."""
    clean = json.loads(json.dumps(_finite(doc), ensure_ascii=False, allow_nan=False))
    clean.pop("doc_id", None)
    return clean


def _finite(value):
    """NaN and infinities are not JSON; an indicator without enough bars is stored as null."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(item) for item in value]
    if hasattr(value, "item") and callable(value.item):
        return _finite(value.item())
    return value
