"""The conversations with the mentor, one small file per day in the data folder's ``mentor-chat/``.

Each file holds the day's questions and answers (the day the trader asked about). They are kept the way the
store keeps data nothing else rests on (``Store.db(..., derived=True)``): not in the folder's inventory, so a
conversation deleted here or by hand never stops the folder from opening, and a damaged file is set aside
instead of refusing it. Deleting a day empties its file durably and then removes it; an answer still being
written for that day is dropped, not saved into the emptied file.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..store.durable import DurableDB, fsync_dir

FOLDER = "mentor-chat"
TABLE = "turns"
_DAY_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.json$")


class ChatLog:
    def __init__(self, open_db: Callable[[str], DurableDB], folder: Path):
        """``open_db``: the store's opener for a file under the data folder; ``folder``: ``<data>/mentor-chat``."""
        self._open_db = open_db
        self.folder = folder
        self._dbs: dict[date, DurableDB] = {}
        self._generation: dict[date, int] = {}
        self._lock = threading.RLock()

    def _db(self, day: date) -> DurableDB:
        with self._lock:
            db = self._dbs.get(day)
            if db is None:
                db = self._dbs[day] = self._open_db(f"{FOLDER}/{day.isoformat()}.json")
            return db

    def turns(self, day: date) -> list[dict]:
        """The day's questions and answers, oldest first (each with its ``id``)."""
        with self._lock:
            if day not in self._dbs and not self._path(day).exists():
                return []
            rows = self._db(day).all(TABLE)
        for row in rows:
            row["id"] = row.pop("doc_id")
        return sorted(rows, key=lambda r: (r.get("ts", 0.0), r["id"]))

    def add(self, day: date, record: dict) -> tuple[int, int]:
        """Save a new turn; returns its id and the day's generation (StoreWriteError: nothing saved)."""
        with self._lock:
            return self._db(day).insert(TABLE, record), self._generation.get(day, 0)

    def update(self, day: date, turn_id: int, changes: dict, generation: int) -> bool:
        """Complete a turn, unless the day was deleted since it began (then nothing is written)."""
        with self._lock:
            if self._generation.get(day, 0) != generation:
                return False
            self._db(day).update(TABLE, turn_id, changes)
            return True

    def forget(self, day: date) -> int:
        """Delete the day's conversation; returns how many turns it had."""
        with self._lock:
            self._generation[day] = self._generation.get(day, 0) + 1
            path = self._path(day)
            if day not in self._dbs and not path.exists():
                return 0
            db = self._db(day)
            count = db.count(TABLE)
            db.write(lambda tiny: tiny.drop_tables())
            path.unlink(missing_ok=True)
            fsync_dir(path.parent)
            return count

    def days(self) -> list[date]:
        """The days that have a saved conversation, newest first (a day's file exists only while it has one)."""
        found = []
        for path in self.folder.glob("*.json") if self.folder.is_dir() else ():
            matched = _DAY_FILE.match(path.name)
            if matched is None:
                continue
            try:
                found.append(date.fromisoformat(matched.group(1)))
            except ValueError:
                continue
        return sorted(found, reverse=True)

    def _path(self, day: date) -> Path:
        return self.folder / f"{day.isoformat()}.json"
