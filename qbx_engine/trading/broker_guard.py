"""Broker outages: fail fast while the broker is down, reconnect with backoff.

When a call reports the broker unavailable, every bot's tick fails fast (no
waiting on a dead connection) until the retry time; then one tick tries to
reconnect while the others keep failing fast. Backoff doubles up to a minute.
"""

from __future__ import annotations

import threading

from ..core.errors import BrokerUnavailable

FIRST_RETRY = 1.0
MAX_RETRY = 60.0


class BrokerGuard:
    def __init__(self, broker, clock, on_down, on_up) -> None:
        self.broker = broker
        self.clock = clock
        self._on_down, self._on_up = on_down, on_up
        self._lock = threading.Lock()
        self._reconnecting = threading.Lock()
        self.down_since: float | None = None
        self.last_problem: str | None = None
        self._retry_at = 0.0
        self._backoff = FIRST_RETRY

    @property
    def is_down(self) -> bool:
        return self.down_since is not None

    def check(self) -> None:
        """Raise BrokerUnavailable at once while down, unless it is this caller's turn to reconnect."""
        if self.down_since is None:
            return
        now = self.clock.now()
        with self._lock:
            waiting = now < self._retry_at
        if waiting or not self._reconnecting.acquire(blocking=False):
            waiting_exc = BrokerUnavailable("broker.down_waiting", retry_in=max(0.0, round(self._retry_at - now, 1)))
            waiting_exc.handled = True
            raise waiting_exc
        try:
            self.broker.reconnect()
        except BrokerUnavailable as exc:
            self.failed(exc)
            raise
        finally:
            self._reconnecting.release()
        self._recovered()

    def call(self, method, *args):
        """``method(*args)`` on the broker, refused at once while it is down; an outage it meets is noted."""
        self.check()
        try:
            return method(*args)
        except BrokerUnavailable as exc:
            self.failed(exc)
            raise

    def failed(self, exc: BrokerUnavailable) -> None:
        """Note a real failure (once per exception; the guard's own fast refusals do not count)."""
        if getattr(exc, "handled", False):
            return
        exc.handled = True
        now = self.clock.now()
        with self._lock:
            first = self.down_since is None
            if first:
                self.down_since = now
                self._backoff = FIRST_RETRY
            else:
                self._backoff = min(self._backoff * 2, MAX_RETRY)
            self._retry_at = now + self._backoff
            self.last_problem = str(exc)
        if first:
            self._on_down(exc)

    def _recovered(self) -> None:
        with self._lock:
            down_for = self.clock.now() - (self.down_since or self.clock.now())
            self.down_since = None
            self._backoff = FIRST_RETRY
            self.last_problem = None
        self._on_up(down_for)
