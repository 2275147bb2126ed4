"""The store's background upkeep: one thread that compacts logs and saves their indexes, never in a tick's way.

Writers only append; this thread does the rewriting — a table log whose changes outnumber its records, a
closed day of a history (compressed), today's history once patches pile up — and saves each history's
``index.json`` and tails every half minute. Each step writes new files beside the old ones and swaps them in
under the log's lock for a moment; the rest of the work runs without it. The thread runs at a lower CPU
priority where the system allows it (Linux), wakes when a log asks for it, and stops when the store closes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

INTERVAL = 5.0  # seconds between passes when nothing asked for one
NICENESS = 5


class Compactor:
    def __init__(self, jobs: Callable[[], list[Callable[[], bool]]], interval: float = INTERVAL):
        self._jobs = jobs  # each returns True when it did work (another pass may find more)
        self.interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.passes = 0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="qbx-store-compactor", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def run_once(self) -> bool:
        """One pass over every log; True if any did work."""
        did = False
        for job in self._jobs():
            if self._stop.is_set():
                break
            try:
                did = job() or did
            except Exception:  # noqa: BLE001 - upkeep must never end the thread; the logs keep working without it
                log.exception("background compaction failed; the logs keep working and it is tried again")
        self.passes += 1
        return did

    def _run(self) -> None:
        if hasattr(os, "setpriority") and hasattr(threading, "get_native_id"):
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)  # this thread only (Linux)
        busy = False  # the first pass waits too: a folder refused right after opening is left as it was
        while not self._stop.is_set():
            if not busy:
                self._wake.wait(self.interval)
                self._wake.clear()
            if not self._stop.is_set():
                busy = self.run_once()
