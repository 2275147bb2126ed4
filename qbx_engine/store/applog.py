"""Append-only record files: one checksummed JSON line per record, made durable by one fsync per commit.

A line is ``<length> <crc32> <json>\\n``: the byte length of the JSON text, its CRC-32 as 8 hex digits, the text.
Reading checks both, so a line cut short by a crash or a power cut is recognised, and so is one damaged later:

* damage that runs to the end of the file (nothing readable after it) is a write that never finished — the
  record in it was never acknowledged, so it is dropped and the file is cut back to its last good line before
  the next append;
* a damaged line followed by good ones is not a crash: the file is refused, naming it and the line
  (:class:`LineDamaged`), never skipped.

Compacted files hold *frames*: ``Z <length> <crc32> <lines>\\n`` then that many bytes of zlib data, which
inflate to checksummed lines as above. Each frame is read on its own, so a query still reads one block.

Writers stage lines under their own lock and commit outside it (:class:`GroupCommit`): whoever commits first
writes and fsyncs every line staged so far, so changes made at the same moment share one fsync. Each batch
opens the file, appends, fsyncs and closes it, so no handle stays open to block a replace (Windows) and a file
made read-only refuses the next write at once.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import zlib
from collections.abc import Callable
from pathlib import Path

from ..core.errors import LifecycleError, StoreCorrupted, StoreWriteError
from ..core.i18n import Msg
from .durable import _finite, fsync_dir, patiently

FRAME_LEVEL = 6  # zlib level for compacted frames: within 10 % of the smallest, a third of the time of level 9


# -- lines ---------------------------------------------------------------------------------------------------------
def dump(record: dict) -> bytes:
    """The record as compact JSON (NaN and infinities stored as null, NumPy numbers as numbers), UTF-8."""
    try:
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (ValueError, TypeError):  # rare: walk the record only when it needs it
        text = json.dumps(_finite(record), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8")


def line_of(payload: bytes) -> bytes:
    return b"%d %08x " % (len(payload), zlib.crc32(payload)) + payload + b"\n"


def encode(record: dict) -> bytes:
    return line_of(dump(record))


def _check(line: bytes) -> bytes | Msg:
    """The JSON text of one line (without its newline), or what is wrong with it."""
    first = line.find(b" ")
    second = line.find(b" ", first + 1)
    if first <= 0 or second != first + 9:
        return Msg("applog.no_head")
    try:
        length, crc = int(line[:first]), int(line[first + 1:second], 16)
    except ValueError:
        return Msg("applog.no_head")
    payload = line[second + 1:]
    if len(payload) != length:
        return Msg("applog.wrong_length", {"found": len(payload), "written": length})
    if zlib.crc32(payload) != crc:
        return Msg("applog.checksum")
    return payload


class LineDamaged(StoreCorrupted):
    """A line (or a compressed frame) in the middle of a log file is damaged; the file is named with the line."""

    def __init__(self, path, line: int, problem: Msg, way_out: Msg):
        super().__init__(path, problem, key="err.log_damaged", line=line, way_out=way_out)
        self.line = line


def scan(data: bytes, *, path: Path, first_line: int,
         way_out: Callable[[int], Msg]) -> tuple[list[tuple[bytes, int]], int]:
    """The good lines of ``data`` as (JSON text, offset just past the line), and the byte length they take.

    Damage running to the end is a torn tail (left out of the good end); damage with a good line after it
    raises :class:`LineDamaged` (``way_out(line)`` says what the trader can do).
    """
    lines: list[tuple[bytes, int]] = []
    position, number, size = 0, first_line, len(data)
    damaged: tuple[int, int, Msg] | None = None  # (offset, line number, problem) of the first bad line
    while position < size:
        newline = data.find(b"\n", position)
        if newline < 0:
            if damaged is None:
                damaged = (position, number, Msg("applog.cut_short"))
            break
        found = _check(data[position:newline])
        if isinstance(found, Msg):
            if damaged is None:
                damaged = (position, number, found)
        elif damaged is not None:
            raise LineDamaged(path, damaged[1], damaged[2], way_out(damaged[1]))
        else:
            lines.append((found, newline + 1))
        position, number = newline + 1, number + 1
    return lines, (damaged[0] if damaged is not None else size)


def checked_lines(data: bytes, *, path: Path, first_line: int, way_out: Callable[[int], Msg]) -> list[bytes]:
    """The JSON texts of a block that was whole when it was indexed: any damage is refused, naming the line."""
    parts = data.split(b"\n")
    if parts[-1]:
        number = first_line + len(parts) - 1
        raise LineDamaged(path, number, Msg("applog.cut_short"), way_out(number))
    payloads = []
    for index, line in enumerate(parts[:-1]):
        found = _check(line)
        if isinstance(found, Msg):
            raise LineDamaged(path, first_line + index, found, way_out(first_line + index))
        payloads.append(found)
    return payloads


def parse(payloads: list[bytes]) -> list[dict]:
    """Many JSON texts at once (one parser call for the block instead of one per line)."""
    if not payloads:
        return []
    return json.loads(b"[" + b",".join(payloads) + b"]")


# -- frames ---------------------------------------------------------------------------------------------------------
def frame(lines: bytes, count: int) -> bytes:
    packed = zlib.compress(lines, FRAME_LEVEL)
    return b"Z %d %08x %d\n" % (len(packed), zlib.crc32(packed), count) + packed


def unframe(data: bytes, start: int = 0) -> tuple[bytes, int, int] | Msg:
    """(inflated lines, line count, offset just past the frame) of the frame at ``start``, or what is wrong."""
    head_end = data.find(b"\n", start, start + 64)
    parts = data[start:head_end].split(b" ") if head_end > start else []
    if len(parts) != 4 or parts[0] != b"Z":
        return Msg("applog.not_frame")
    try:
        length, crc, count = int(parts[1]), int(parts[2], 16), int(parts[3])
    except ValueError:
        return Msg("applog.not_frame")
    packed = memoryview(data)[head_end + 1:head_end + 1 + length]
    if len(packed) != length:
        return Msg("applog.cut_short")
    if zlib.crc32(packed) != crc:
        return Msg("applog.checksum")
    try:
        return zlib.decompress(packed), count, head_end + 1 + length
    except zlib.error:
        return Msg("applog.not_frame")


# -- one file --------------------------------------------------------------------------------------------------------
def append_to(path: Path, data: bytes, *, sync: bool, cut_to: int | None = None) -> None:
    """Open ``path`` for appending (creating it), cut it to ``cut_to`` bytes first if asked, write ``data`` whole,
    fsync if ``sync``, close. Patient with a program that holds the file (Windows)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
    fd = patiently(os.open, path, flags, 0o644)
    try:
        if cut_to is not None:
            os.ftruncate(fd, cut_to)
        view = memoryview(data)
        while view:
            written = patiently(os.write, fd, view)
            view = view[written:]
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)


def read_range(path: Path, start: int, end: int) -> bytes:
    with patiently(open, path, "rb") as handle:
        handle.seek(start)
        return handle.read(end - start)


class LogFile:
    """One append-only file: ``end`` is how far it holds good lines (what this process wrote, or what a scan
    found); bytes past it (a torn tail, a failed write) are cut off before the next append."""

    def __init__(self, path: Path, end: int, *, on_create: Callable[[Path], None] | None = None):
        self.path = path
        self.end = end
        self.on_create = on_create
        self.hook: Callable[[Path, bytes], None] | None = None  # tests: runs before each append, may raise OSError
        self._cut = False
        self.reset(end)

    def reset(self, end: int) -> None:
        """The file holds good lines up to ``end`` (a scan says so); anything after is cut before the next append."""
        self.end = end
        self._cut = self.path.exists() and self.path.stat().st_size != end

    def write(self, data: bytes, *, sync: bool) -> None:
        created = not self.path.exists()
        try:
            if self.hook is not None:
                self.hook(self.path, data)
            append_to(self.path, data, sync=sync, cut_to=self.end if self._cut else None)
        except OSError:
            self._cut = True  # part of the data may be there: never let it count
            self.cut_back(self.end)
            raise
        self._cut = False
        self.end += len(data)
        if created:
            if sync:
                fsync_dir(self.path.parent)
            if self.on_create is not None:
                self.on_create(self.path)

    def sync(self) -> None:
        """fsync what earlier writes left to the system (opened for writing: Windows flushes no read handle)."""
        fd = patiently(os.open, self.path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def cut_back(self, end: int) -> None:
        """Forget everything past ``end`` (a batch that failed): now if the file allows it, else before the
        next write."""
        self.end = end
        self._cut = True
        try:
            if self.path.exists():
                append_to(self.path, b"", sync=True, cut_to=end)
            self._cut = False
        except OSError:
            pass


# -- group commit -------------------------------------------------------------------------------------------------
class GroupCommit:
    """Lines staged under the owner's lock, written by the first committer for everyone staged so far.

    ``on_lost`` is called (under the owner's lock) after a write failed: every change staged until then is
    lost — the files are cut back to where they were and the owner reloads its memory from them — and each
    of those changes' committers gets :class:`StoreWriteError`, as with :class:`~.durable.DurableDB`.
    """

    def __init__(self, lock, on_lost: Callable[[], None]):
        self._lock = lock
        self.flush_lock = threading.Lock()
        self._pending: list[tuple[LogFile, bytes]] = []
        self._staged = 0
        self._written = 0  # in the operating system (survives kill -9)
        self._synced = 0  # on disk (survives a power cut)
        self._unsynced: dict[int, LogFile] = {}
        self._lost: list[tuple[int, int, str, str]] = []  # (first, last, file, problem) of changes lost
        self._on_lost = on_lost
        self.closed = False

    def close(self) -> None:
        """No change is staged from now on: the folder is about to be released to the next engine, which cuts a
        file back to the end it knows; a line written after that would be erased, though acknowledged."""
        with self._lock:
            self.closed = True

    def stage(self, file: LogFile, data: bytes) -> int:
        """Queue ``data`` for ``file``; the caller holds the owner's lock. Returns the change's number."""
        if self.closed:
            raise LifecycleError("err.engine_closed")
        self._pending.append((file, data))
        self._staged += 1
        return self._staged

    def commit(self, version: int, *, sync: bool = True) -> None:
        """Return once change ``version`` is written (``sync``: and on disk)."""
        with self.flush_lock:
            self._raise_if_lost(version)
            if (self._synced if sync else self._written) >= version:
                return
            self.write_pending(sync=sync)
            self._raise_if_lost(version)

    def flush(self, *, sync: bool = True) -> None:
        """Write (and fsync) everything staged; a failure here was already reported to its committers."""
        with self.flush_lock, contextlib.suppress(StoreWriteError):
            self.write_pending(sync=sync)

    def write_pending(self, *, sync: bool) -> None:
        """The caller holds :attr:`flush_lock`."""
        with self._lock:
            batch, self._pending = self._pending, []
            target = self._staged
        files: dict[int, tuple[LogFile, list[bytes]]] = {}
        for file, data in batch:
            files.setdefault(id(file), (file, []))[1].append(data)
        before = {key: file.end for key, (file, _) in files.items()}
        failed: LogFile | None = None
        try:
            for key, (file, parts) in files.items():
                failed = file
                file.write(b"".join(parts), sync=sync)
                if not sync:
                    self._unsynced[key] = file
            if sync:
                for key, file in list(self._unsynced.items()):
                    if key not in files:
                        failed = file
                        file.sync()
                    del self._unsynced[key]
        except OSError as exc:
            with self._lock:
                for key, (file, _) in files.items():
                    file.cut_back(before[key])
                self._pending.clear()
                assert failed is not None
                problem = exc.strerror or str(exc)
                self._lost.append((self._written + 1, self._staged, str(failed.path), problem))
                self._written = self._synced = self._staged
                self._on_lost()
            raise StoreWriteError(failed.path, problem) from exc
        self._written = max(self._written, target)
        if sync:
            self._synced = max(self._synced, target)

    def _raise_if_lost(self, version: int) -> None:
        for low, high, path, problem in self._lost:
            if low <= version <= high:
                raise StoreWriteError(path, problem)
