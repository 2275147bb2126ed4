"""The thread that empties the outbox: one message at a time per channel, never in a tick's way.

Each channel keeps its own pace: its rate limit between two messages, an
exponential backoff after failures (2 s doubling to 5 minutes), or exactly the
wait the other side asked for with a 429. Time is injected (``now``, ``wait``)
so tests move it instead of sleeping.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from typing import Callable

from ..i18n import Msg, render
from .channels import Channel, SendFailed
from .outbox import Outbox

log = logging.getLogger(__name__)

FIRST_BACKOFF = 2.0
MAX_BACKOFF = 300.0
IDLE_AFTER_ERROR = 5.0  # seconds the worker rests after an unexpected problem (e.g. the disk is full)


def _real_wait(event: threading.Event, timeout: float | None) -> bool:
    return event.wait(timeout)


def backoff(failures: int) -> float:
    return min(FIRST_BACKOFF * 2 ** max(0, failures - 1), MAX_BACKOFF)


class Worker:
    def __init__(self, outbox: Outbox, channels: dict[str, Channel], *, wall: Callable[[], float] = time.time,
                 now: Callable[[], float] = time.monotonic,
                 wait: Callable[[threading.Event, float | None], bool] = _real_wait):
        self.outbox = outbox
        self.channels = channels
        self._wall, self._now, self._wait = wall, now, wait
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._state = threading.Lock()  # "stopped" and the outbox writes that follow a send
        self._stopped = False
        self._ready_at = {name: 0.0 for name in channels}  # the queue's next send: pace, 429 wait or backoff
        self._polite_at = {name: 0.0 for name in channels}  # any send at all: the pace and the 429 wait only
        self._failures = {name: 0 for name in channels}  # failures in a row (429 and refused messages aside)
        self._failing = {name: False for name in channels}
        self._send_locks = {name: threading.Lock() for name in channels}
        self._in_flight: dict[str, int] = {}
        self._thread: threading.Thread | None = None

    # -- the thread ---------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is None and self.channels:
            self._thread = threading.Thread(target=self._run, name="qbx-notify", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float) -> bool:
        """Stop sending; a send still waiting for an answer is abandoned and its message stays queued."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        with self._state:
            self._stopped = True
            for doc_id in self._in_flight.values():
                self.outbox.release(doc_id)
            self._in_flight.clear()
        return self._thread is None or not self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                delay = self.step()
            except Exception as exc:  # noqa: BLE001 - the worker must outlive any single problem
                log.warning("notification worker: %s", type(exc).__name__)
                delay = IDLE_AFTER_ERROR
            if self._stop.is_set():
                break
            if delay is None or delay > 0:
                self._wait(self._wake, delay)

    def step(self) -> float | None:
        """Send at most one message; return how long to wait before the next step (None: until woken)."""
        now = self._now()
        next_due: float | None = None
        for name, channel in self.channels.items():
            if now < self._ready_at[name]:
                next_due = self._ready_at[name] if next_due is None else min(next_due, self._ready_at[name])
                continue
            message = self.outbox.head(name)
            if message is not None:
                self._deliver(name, channel, message)
                return 0.0
        return None if next_due is None else max(0.0, next_due - now)

    # -- sending -----------------------------------------------------------------------
    def _deliver(self, name: str, channel: Channel, message: dict) -> None:
        doc_id = message["doc_id"]
        with self._send_locks[name]:
            with self._state:
                if self._stopped:
                    return
                self.outbox.claim(doc_id)
                self._in_flight[name] = doc_id
            failure = self._attempt(channel, copy.deepcopy(message["note"]))
            with self._state:
                self._in_flight.pop(name, None)
                if self._stopped:
                    return
                self._settle(name, channel, failure, doc_id)

    def send_now(self, name: str, note: dict) -> None:
        """Send one message outside the queue (the test button), at the channel's pace; raises SendFailed."""
        channel = self.channels[name]
        if not self._send_locks[name].acquire(timeout=channel.timeout + 1.0):
            raise SendFailed(Msg("notify.fail.busy"))
        try:
            hold = self._polite_at[name] - self._now()
            if hold > channel.min_interval:
                raise SendFailed(Msg("notify.fail.rate", {"seconds": round(hold)}))
            if hold > 0:
                self._wait(threading.Event(), hold)
            failure = self._attempt(channel, note)
            with self._state:
                if not self._stopped:
                    self._settle(name, channel, failure, None)
        finally:
            self._send_locks[name].release()
        if failure is not None:
            raise failure
        self.wake()

    def _attempt(self, channel: Channel, note: dict) -> SendFailed | None:
        try:
            channel.send(note)
        except SendFailed as exc:
            return exc
        except Exception as exc:  # noqa: BLE001 - never let one message stop the worker
            return SendFailed(Msg("notify.fail.unexpected", {"kind": type(exc).__name__}))
        return None

    def _settle(self, name: str, channel: Channel, failure: SendFailed | None, doc_id: int | None) -> None:
        """Record the outcome and set when the channel may send again (called under ``_state``)."""
        now, wall = self._now(), self._wall()
        self._failing[name] = failure is not None
        if failure is None:
            self._failures[name] = 0
            self._ready_at[name] = self._polite_at[name] = now + channel.min_interval
            if doc_id is None:
                self.outbox.sent_directly(name, wall)
            else:
                self.outbox.delivered(doc_id, name, wall)
            return
        if failure.permanent:
            wait = polite = channel.min_interval
        elif failure.retry_after is not None:
            wait = polite = max(float(failure.retry_after), channel.min_interval)
        else:
            self._failures[name] += 1
            wait, polite = max(backoff(self._failures[name]), channel.min_interval), channel.min_interval
        self._ready_at[name] = now + wait
        self._polite_at[name] = now + polite
        self.outbox.failed(doc_id, name, failure.problem, wall, drop=failure.permanent)
        log.warning("notification via %s failed: %s", name, render(failure.problem, "en"))

    def retry_in(self, name: str) -> float | None:
        """Seconds until the channel may send again after a failure (None when it is not waiting)."""
        if name not in self._ready_at or not self._failing[name]:
            return None
        return max(0.0, self._ready_at[name] - self._now())
