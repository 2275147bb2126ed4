"""The activity log (the seed's ``add_history_log``): what each bot did, after it happened.

An event stores its message as a key and parameters, rendered in the reader's
language. A failure that repeats identically on every tick updates one event
("... repeated 57 times") instead of adding a row per tick.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any, Callable

from .i18n import Msg
from .store.partitioned import PartitionedLog

START, PAUSE, RESUME, STOP, UPDATE, DELETE = "START", "PAUSE", "RESUME", "STOP", "UPDATE", "DELETE"
OPEN_BUY, OPEN_SELL, CLOSE_BUY, CLOSE_SELL = "OPEN BUY", "OPEN SELL", "CLOSE BUY", "CLOSE SELL"
SL_HIT, TP_HIT, CLOSED_MANUALLY, STOP_OUT = "SL HIT", "TP HIT", "CLOSED MANUALLY", "STOP OUT"
NO_TRADE, ERROR, HALTED, TICK_OVERRUN = "NO TRADE", "ERROR", "HALTED", "TICK OVERRUN"
ADOPTED, MARKET_CLOSED, SYMBOL = "ADOPTED", "MARKET CLOSED", "SYMBOL"
BROKER_DOWN, BROKER_UP, ENGINE_START, ENGINE_STOP = "BROKER DOWN", "BROKER UP", "ENGINE START", "ENGINE STOP"

ACTIONS = (START, PAUSE, RESUME, STOP, UPDATE, DELETE, OPEN_BUY, OPEN_SELL, CLOSE_BUY, CLOSE_SELL, SL_HIT, TP_HIT,
           CLOSED_MANUALLY, STOP_OUT, NO_TRADE, ERROR, HALTED, TICK_OVERRUN, ADOPTED, MARKET_CLOSED, BROKER_DOWN,
           BROKER_UP, ENGINE_START, ENGINE_STOP, SYMBOL)

# What the trader is told about (the seed's is_notification); the rest is for the log.
NOTIFY = {START, PAUSE, RESUME, STOP, UPDATE, DELETE, OPEN_BUY, OPEN_SELL, CLOSE_BUY, CLOSE_SELL, SL_HIT, TP_HIT,
          CLOSED_MANUALLY, STOP_OUT, NO_TRADE, ERROR, HALTED, ADOPTED, BROKER_DOWN, BROKER_UP, SYMBOL}

CLOSE_ACTIONS = {"sl": SL_HIT, "tp": TP_HIT, "manual": CLOSED_MANUALLY, "so": STOP_OUT}

log = logging.getLogger(__name__)


class EventLog:
    def __init__(self, log: PartitionedLog, clock):
        self.log = log
        self.clock = clock
        self._lock = threading.Lock()
        self._last: dict[Any, tuple[int, str]] = {}  # bot id -> (seq, fingerprint) of its latest event
        # Called with each new event once it is on disk (not for a collapsed repeat); must return quickly.
        self.listeners: list[Callable[[dict], None]] = []

    def add(self, bot_id: int | None, action: str, msg: Msg, *, collapse: bool = False,
            bot_name: str | None = None) -> int:
        """Record an event; with ``collapse``, an identical repeat bumps the previous event instead."""
        fingerprint = json.dumps([action, msg.to_json()], sort_keys=True)
        now = self.clock.now()
        with self._lock:
            last = self._last.get(bot_id)
            if collapse and last is not None and last[1] == fingerprint:
                current = self.log.get(last[0])
                if current is not None:
                    self.log.update(last[0], {"repeat": current.get("repeat", 1) + 1, "last_ts": now})
                    return last[0]
            record = {"ts": now, "bot_id": bot_id, "bot_name": bot_name, "action": action, "msg": msg.to_json(),
                      "notification": action in NOTIFY, "repeat": 1, "last_ts": now}
            seq = self.log.append(record)
            self._last[bot_id] = (seq, fingerprint)
        self._tell({**record, "seq": seq})
        return seq

    def _tell(self, event: dict) -> None:
        """A failing listener is logged and never fails the caller (a tick, a lifecycle call)."""
        for listener in list(self.listeners):
            try:
                listener(event)
            except Exception as exc:  # noqa: BLE001 - the event is recorded; telling others is best effort
                log.warning("event listener failed: %s", type(exc).__name__)

    def query(self, *, bot_id: int | None = None, notifications_only: bool = False, actions=None,
              since: float | None = None, until: float | None = None, limit: int | None = 200,
              offset: int = 0) -> list[dict]:
        return self.log.query(match=self._match(bot_id, notifications_only, actions), since=since, until=until,
                              limit=limit, offset=offset)

    def count(self, *, bot_id: int | None = None, notifications_only: bool = False, actions=None,
              since: float | None = None, until: float | None = None) -> int:
        return self.log.count(match=self._match(bot_id, notifications_only, actions), since=since, until=until)

    def iterate(self, *, bot_id=None, notifications_only=False, actions=None, since=None, until=None):
        return self.log.iterate(match=self._match(bot_id, notifications_only, actions), since=since, until=until)

    def unread(self, seen_seq: int, limit: int = 100) -> list[dict]:
        return self.log.query(match={"notification": True}, where=lambda r: r["seq"] > seen_seq, limit=limit)

    @staticmethod
    def _match(bot_id, notifications_only, actions) -> dict:
        match: dict[str, Any] = {}
        if bot_id is not None:
            match["bot_id"] = bot_id
        if notifications_only:
            match["notification"] = True
        if actions:
            match["action"] = set(actions) if not isinstance(actions, str) else actions
        return match
