"""The activity log (the seed's ``add_history_log``): what each bot did, after it happened.

An event stores its message as a key and parameters, rendered in the reader's
language. Something that repeats on every tick — the same failure, the same
refusal to trade — updates one event ("... repeated 57 times", with the latest
figures) instead of adding a row per tick. Repeats are grouped by their cause
(``collapse``), not by their exact text: "minimum lot too large" on a BUY and
then on a SELL is one cause.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Any

from ..core import inputs
from ..core.errors import ValidationError
from ..core.i18n import Msg
from ..store.partitioned import PartitionedLog

START, PAUSE, RESUME, STOP, UPDATE, DELETE = "START", "PAUSE", "RESUME", "STOP", "UPDATE", "DELETE"
OPEN_BUY, OPEN_SELL, CLOSE_BUY, CLOSE_SELL = "OPEN BUY", "OPEN SELL", "CLOSE BUY", "CLOSE SELL"
SL_HIT, TP_HIT, CLOSED_MANUALLY, STOP_OUT = "SL HIT", "TP HIT", "CLOSED MANUALLY", "STOP OUT"
NO_TRADE, ERROR, HALTED, TICK_OVERRUN = "NO TRADE", "ERROR", "HALTED", "TICK OVERRUN"
ADOPTED, MARKET_CLOSED, SYMBOL = "ADOPTED", "MARKET CLOSED", "SYMBOL"
BROKER_DOWN, BROKER_UP, ENGINE_START, ENGINE_STOP = "BROKER DOWN", "BROKER UP", "ENGINE START", "ENGINE STOP"
BRAKE, PROTECTION, SL_MOVED = "BRAKE", "PROTECTION", "SL MOVED"  # the emergency brake; an entry gate; trailing
TELEGRAM = "TELEGRAM"  # a command from the trader's Telegram chat and its result (qbx_engine.remote.telegram)
DATA_REBUILT = "DATA REBUILT"  # a damaged file of derived data moved aside and rebuilt
ALERT, ALERT_REFUSED = "ALERT", "ALERT REFUSED"  # a TradingView alert queued for a bot; one not acted on
API = "API"  # a change made through the HTTP API (qbx_engine.remote.http), with what and from where

# Actions added since stand one a line, so that adding one never touches another's line.
ACTIONS = (
    START, PAUSE, RESUME, STOP, UPDATE, DELETE, OPEN_BUY, OPEN_SELL, CLOSE_BUY, CLOSE_SELL, SL_HIT, TP_HIT,
    CLOSED_MANUALLY, STOP_OUT, NO_TRADE, ERROR, HALTED, TICK_OVERRUN, ADOPTED, MARKET_CLOSED, BROKER_DOWN,
    BROKER_UP, ENGINE_START, ENGINE_STOP, SYMBOL, BRAKE, PROTECTION, SL_MOVED,
    TELEGRAM,
    DATA_REBUILT,
    ALERT,
    ALERT_REFUSED,
    API,
)

# What the trader is told about (the seed's is_notification); the rest is for the log.
NOTIFY = {START, PAUSE, RESUME, STOP, UPDATE, DELETE, OPEN_BUY, OPEN_SELL, CLOSE_BUY, CLOSE_SELL, SL_HIT, TP_HIT,
          CLOSED_MANUALLY, STOP_OUT, NO_TRADE, ERROR, HALTED, ADOPTED, BROKER_DOWN, BROKER_UP, SYMBOL, BRAKE,
          PROTECTION, DATA_REBUILT, ALERT_REFUSED, API}

CLOSE_ACTIONS = {"sl": SL_HIT, "tp": TP_HIT, "manual": CLOSED_MANUALLY, "so": STOP_OUT, "brake": BRAKE}

log = logging.getLogger(__name__)


COLLAPSE_WINDOW = 6 * 3600.0  # a repeat later than this starts a new event



def checked_filter(bot_id, notifications_only, actions, since, until) -> dict[str, Any]:
    """The event filters a caller gave, checked (ValidationError names the argument)."""
    if actions is not None:
        wanted = [actions] if isinstance(actions, str) else actions
        if not isinstance(wanted, (list, tuple, set, frozenset)) or not all(
                isinstance(a, str) and a in ACTIONS for a in wanted):
            raise ValidationError.one("actions", "input.not_actions", value=inputs.shown(actions),
                                      choices=", ".join(ACTIONS))
    return {"bot_id": inputs.bot_ref("bot_id", bot_id),
            "notifications_only": inputs.flag("notifications_only", notifications_only), "actions": actions,
            "since": inputs.moment("since", since), "until": inputs.moment("until", until)}

class EventLog:
    def __init__(self, log: PartitionedLog, clock):
        self.log = log
        self.clock = clock
        self._lock = threading.Lock()
        self._last: dict[tuple[Any, str], tuple[int, float]] = {}  # (bot id, cause) -> (seq, last time)
        self._latest: dict[Any, int] = {}  # bot id -> seq of its newest event
        # Called with each new event once it is on disk (not for a collapsed repeat); must return quickly.
        self.listeners: list[Callable[[dict], None]] = []

    def add(self, bot_id: int | None, action: str, msg: Msg, *, collapse: bool | str = False,
            bot_name: str | None = None) -> int:
        """Record an event, or bump a repeat instead. ``collapse=True``: an event identical to the bot's latest one
        bumps it. ``collapse="cause"``: an event of the same cause within :data:`COLLAPSE_WINDOW` bumps the earlier
        one (whatever came between) and leaves it the latest message."""
        now = self.clock.now()
        cause = ""  # none: every call is a new event
        if collapse:
            cause = collapse if isinstance(collapse, str) else json.dumps([action, msg.to_json()], sort_keys=True)
            cause = f"{action}|{cause}"
        with self._lock:
            last = self._last.get((bot_id, cause)) if cause else None
            if last is not None and collapse is True and self._latest.get(bot_id) != last[0]:
                last = None  # something else happened since: a new occurrence, not a repeat
            if last is not None and now - last[1] <= COLLAPSE_WINDOW:
                current = self.log.get(last[0])
                if current is not None:
                    self.log.update(last[0], {"repeat": current.get("repeat", 1) + 1, "last_ts": now,
                                              "msg": msg.to_json()})
                    self._last[(bot_id, cause)] = (last[0], now)
                    return last[0]
            record = {"ts": now, "bot_id": bot_id, "bot_name": bot_name, "action": action, "msg": msg.to_json(),
                      "notification": action in NOTIFY, "repeat": 1, "last_ts": now}
            seq, commit = self.log.stage(record)
            self._latest[bot_id] = seq
            if cause:
                self._last[(bot_id, cause)] = (seq, now)
                if len(self._last) > 4096:
                    self._last = {k: v for k, v in self._last.items() if now - v[1] <= COLLAPSE_WINDOW}
        commit()  # outside the lock: events written at the same moment share one flush
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
        return self.log.query(match={"notification": True}, after_seq=seen_seq, limit=limit)

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
