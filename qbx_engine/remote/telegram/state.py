"""What the inbound bot must remember across restarts, in one crash-safe file of the data folder.

The offset (the next update id to read) is written, durably, *before* an update is acted on, together
with the command then in flight (an update that runs nothing, a stranger's, only moves it in memory).
So after any crash, ``kill -9`` included, an update that ran something is never read again, and the
command that was in flight is known: still ``acting`` (it may or may not have taken effect: the chat
is told so) or ``replying`` (it ran; its reply, kept here, goes out again). Also kept: each chat's
chosen language, the last command (for the Settings page) and a few counters.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from typing import Any

from ...core.errors import LifecycleError
from ...store.durable import DurableDB, json_clean

FILE = "remote/telegram.json"
TABLE = "state"
ACTING, REPLYING = "acting", "replying"
COUNTERS = ("commands", "strangers", "limited", "interrupted")
EMPTY: dict[str, Any] = {"offset": None, "inflight": None, "languages": {}, "last": None,
                         "counts": {name: 0 for name in COUNTERS}}


class RemoteState:
    """``is_open`` says whether the data folder is still this engine's: once it is closed (another engine may
    open it next) nothing more is written, so a late write can never set an older offset over a newer one."""

    def __init__(self, db: DurableDB, is_open: Callable[[], bool] = lambda: True):
        self.db = db
        self.is_open = is_open
        self._lock = threading.Lock()
        stored = db.get(TABLE, 1) or {}
        stored.pop("doc_id", None)
        self._doc: dict[str, Any] = {**copy.deepcopy(EMPTY), **stored}
        self._doc["counts"] = {**EMPTY["counts"], **self._doc["counts"]}

    # -- reading ------------------------------------------------------------------------------
    @property
    def offset(self) -> int | None:
        return self._doc["offset"]

    @property
    def inflight(self) -> dict | None:
        return copy.deepcopy(self._doc["inflight"])

    def language(self, chat_id: int) -> str | None:
        return self._doc["languages"].get(str(chat_id))

    def snapshot(self) -> dict:
        with self._lock:
            return copy.deepcopy(self._doc)

    # -- writing (each call is one durable write, done when it returns) ------------------------
    def begin(self, update_id: int, inflight: dict | None = None, *, counter: str | None = None) -> None:
        """Update ``update_id`` is taken: it is never read again, whatever happens next."""
        def change(doc: dict) -> None:
            doc["offset"] = update_id + 1
            doc["inflight"] = inflight
            if counter is not None:
                doc["counts"][counter] += 1
        self._write(change)

    def skip(self, update_id: int, counter: str | None = None) -> None:
        """An update that runs nothing (a stranger's, a group's chatter): taken in memory only, written with the
        next durable write. A crash before then reads it again, which at worst logs it again."""
        with self._lock:
            doc = copy.deepcopy(self._doc)
            doc["offset"] = update_id + 1
            if counter is not None:
                doc["counts"][counter] += 1
            self._doc = doc

    def replying(self, reply: dict, last: dict) -> None:
        """The command ran: its reply is kept until it is sent, and it becomes the last command."""
        def change(doc: dict) -> None:
            if doc["inflight"] is not None:
                doc["inflight"] = {**doc["inflight"], "phase": REPLYING, "reply": reply}
            doc["last"] = last
            doc["counts"]["commands"] += 1
        self._write(change)

    def done(self) -> None:
        self._write(lambda doc: doc.update(inflight=None))

    def interrupted(self) -> None:
        """The command found in flight at start was dealt with (the chat told)."""
        def change(doc: dict) -> None:
            doc["inflight"] = None
            doc["counts"]["interrupted"] += 1
        self._write(change)

    def set_language(self, chat_id: int, lang: str) -> None:
        self._write(lambda doc: doc["languages"].__setitem__(str(chat_id), lang))

    def _write(self, change) -> None:
        with self._lock:
            if not self.is_open():
                raise LifecycleError("err.engine_closed")
            doc = copy.deepcopy(self._doc)
            change(doc)
            clean = json_clean(doc)
            self.db.upsert_doc(TABLE, 1, clean)
            self._doc = clean
