"""An exclusive, OS-level lock on the data directory.

Two engines on one directory would trade the same magic numbers twice, so the
second one must fail, and its error must say who holds the directory. The OS
releases the lock when the holder dies, even by ``kill -9``.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
import time
from pathlib import Path

from filelock import FileLock, Timeout

from ..core.errors import DataDirLocked

LOCK_FILE = ".lock"
OWNER_FILE = ".lock-owner.json"

_held_here: dict[str, str] = {}
_held_lock = threading.Lock()


class DataDirLock:
    def __init__(self, directory: Path | str):
        self.directory = Path(directory).resolve()
        self._lock: FileLock | None = None

    def acquire(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        key = str(self.directory)
        with _held_lock:
            if key in _held_here:
                raise DataDirLocked("err.datadir_locked_here", path=key, holder=_held_here[key])
            lock = FileLock(str(self.directory / LOCK_FILE), timeout=0, thread_local=False)
            try:
                lock.acquire()
            except Timeout:
                raise DataDirLocked("err.datadir_locked", path=key, holder=self._describe_holder()) from None
            self._lock = lock
            owner = {"pid": os.getpid(), "host": socket.gethostname(), "command": " ".join(sys.argv)[:200],
                     "since": time.strftime("%Y-%m-%d %H:%M:%S %Z")}
            (self.directory / OWNER_FILE).write_text(json.dumps(owner), encoding="utf-8")
            _held_here[key] = _describe(owner)

    def release(self) -> None:
        key = str(self.directory)
        with _held_lock:
            if self._lock is None:
                return
            try:
                (self.directory / OWNER_FILE).unlink(missing_ok=True)
            finally:
                self._lock.release()
                self._lock = None
                _held_here.pop(key, None)

    @property
    def held(self) -> bool:
        return self._lock is not None

    def _describe_holder(self) -> str:
        try:
            owner = json.loads((self.directory / OWNER_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return "another process (unknown)"
        return _describe(owner)


def _describe(owner: dict) -> str:
    return f"process {owner.get('pid')} on {owner.get('host')} ({owner.get('command')}), since {owner.get('since')}"
