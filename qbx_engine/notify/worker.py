"""The threads that empty the outbox: one per channel, one message at a time, never in a tick's way.

Each channel keeps its own pace and its own thread, so a channel that hangs
never holds up the other: its rate limit between two messages, an exponential
backoff after failures (2 s doubling to 5 minutes), or exactly the wait the
other side asked for with a 429. Time is injected (``now``, ``wait``) so tests
move it instead of sleeping.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections.abc import Callable

from ..core.i18n import Msg, render
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
    """Sends one channel's messages from the outbox, oldest first."""

    def __init__(self, outbox: Outbox, channel: Channel, *, wall: Callable[[], float] = time.time,
                 now: Callable[[], float] = time.monotonic,
                 wait: Callable[[threading.Event, float | None], bool] = _real_wait):
        self.outbox = outbox
        self.channel = channel
        self.name = channel.name
        self._wall, self._now, self._wait = wall, now, wait
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._state = threading.Lock()  # "stopped" and the outbox writes that follow a send
        self._send_lock = threading.Lock()  # one request at a time on this channel
        self._stopped = False
        self._ready_at = 0.0  # the queue's next send: the pace, a 429 wait or the backoff
        self._polite_at = 0.0  # any send at all (the test button too): the pace and a 429 wait only
        self._failures = 0  # failures in a row (429s and refused messages aside)
        self._failing = False
        self._in_flight: int | None = None
        self._thread: threading.Thread | None = None

    # -- the thread ---------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=f"qbx-notify-{self.name}", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def request_stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def stop(self, timeout: float) -> bool:
        """Stop sending; a send still waiting for an answer is abandoned and its message stays queued."""
        self.request_stop()
        if self._thread is not None:
            self._thread.join(timeout)
        with self._state:
            self._stopped = True
            if self._in_flight is not None:
                self.outbox.release(self._in_flight)
                self._in_flight = None
        return self._thread is None or not self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                delay = self.step()
            except Exception as exc:  # noqa: BLE001 - the worker must outlive any single problem
                log.warning("notification worker (%s): %s", self.name, type(exc).__name__)
                delay = IDLE_AFTER_ERROR
            if self._stop.is_set():
                break
            if delay is None or delay > 0:
                self._wait(self._wake, delay)

    def step(self) -> float | None:
        """Send at most one message; return how long to wait before the next step (None: until woken)."""
        now = self._now()
        if now < self._ready_at:
            return self._ready_at - now
        message = self.outbox.head(self.name)
        if message is None:
            return None
        self._deliver(message)
        return 0.0

    # -- sending -----------------------------------------------------------------------
    def _deliver(self, message: dict) -> None:
        doc_id = message["doc_id"]
        with self._send_lock:
            with self._state:
                if self._stopped:
                    return
                self.outbox.claim(doc_id)
                self._in_flight = doc_id
            failure = self._attempt(copy.deepcopy(message["note"]))
            with self._state:
                self._in_flight = None
                if self._stopped:
                    return
                self._settle(failure, doc_id)

    def send_now(self, note: dict) -> None:
        """Send one message outside the queue (the test button), at the channel's pace; raises SendFailed."""
        if not self._send_lock.acquire(timeout=self.channel.timeout + 1.0):
            raise SendFailed(Msg("notify.fail.busy"))
        try:
            hold = self._polite_at - self._now()
            if hold > self.channel.min_interval:
                raise SendFailed(Msg("notify.fail.rate", {"seconds": round(hold)}))
            if hold > 0:
                self._wait(threading.Event(), hold)
            failure = self._attempt(note)
            with self._state:
                if not self._stopped:
                    self._settle(failure, None)
        finally:
            self._send_lock.release()
        if failure is not None:
            raise failure
        self.wake()

    def _attempt(self, note: dict) -> SendFailed | None:
        try:
            self.channel.send(note)
        except SendFailed as exc:
            return exc
        except Exception as exc:  # noqa: BLE001 - never let one message stop the worker
            return SendFailed(Msg("notify.fail.unexpected", {"kind": type(exc).__name__}))
        return None

    def _settle(self, failure: SendFailed | None, doc_id: int | None) -> None:
        """Record the outcome and set when the channel may send again (called under ``_state``)."""
        now, wall, pace = self._now(), self._wall(), self.channel.min_interval
        self._failing = failure is not None
        if failure is None:
            self._failures = 0
            self._ready_at = self._polite_at = now + pace
            if doc_id is None:
                self.outbox.sent_directly(self.name, wall)
            else:
                self.outbox.delivered(doc_id, self.name, wall)
            return
        if failure.permanent:
            wait = polite = pace
        elif failure.retry_after is not None:
            wait = polite = max(float(failure.retry_after), pace)
        else:
            self._failures += 1
            wait, polite = max(backoff(self._failures), pace), pace
        self._ready_at, self._polite_at = now + wait, now + polite
        self.outbox.failed(doc_id, self.name, failure.problem, wall, drop=failure.permanent)
        log.warning("notification via %s failed: %s", self.name, render(failure.problem, "en"))

    def retry_in(self) -> float | None:
        """Seconds until the channel tries again after a failure (None when it is not waiting)."""
        if not self._failing:
            return None
        return max(0.0, self._ready_at - self._now())
