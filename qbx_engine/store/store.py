"""The data directory: what lives where, and who may open it.

Small tables that change in place (settings, the paper book, each bot) are
single :class:`DurableDB` files; histories that grow (events, journal, deals, emotions,
backtests) are :class:`PartitionedLog` directories.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from .dirlock import DataDirLock
from .durable import TMP_SUFFIX, DurableDB, fsync_dir, json_clean
from .partitioned import PartitionedLog

DATA_DIR_ENV = "QBX_DATA_DIR"
DEFAULT_DATA_DIR = ".qbx-data"


def resolve_data_dir(explicit: Path | str | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR).expanduser()


class BotTable:
    """One small file per bot, so saving one bot never rewrites the others.

    Ids are never reused, because an id is also the bot's magic number at the
    broker: ``meta.json`` keeps the next id even after the newest bot is deleted.
    """

    def __init__(self, directory: Path):
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        for leftover in directory.glob("*" + TMP_SUFFIX):
            leftover.unlink(missing_ok=True)
        self._lock = threading.Lock()
        self._meta = DurableDB(directory / "meta.json")
        self._dbs: dict[int, DurableDB] = {}
        for path in directory.glob("bot-*.json"):
            self._dbs[int(path.stem[4:])] = DurableDB(path)

    def create(self, record: dict) -> int:
        with self._lock:
            counter = (self._meta.get("meta", 1) or {}).get("next_id", 1)
            bot_id = max(counter, max(self._dbs, default=0) + 1)
            self._meta.upsert_doc("meta", 1, {"next_id": bot_id + 1})
            db = DurableDB(self.directory / f"bot-{bot_id}.json")
            db.upsert_doc("bot", 1, {**json_clean(record), "id": bot_id})
            self._dbs[bot_id] = db
            return bot_id

    def get(self, bot_id: int) -> dict | None:
        db = self._dbs.get(bot_id)
        doc = db.get("bot", 1) if db is not None else None
        if doc is not None:
            doc.pop("doc_id", None)
        return doc

    def list(self) -> list[dict]:
        return [doc for doc in (self.get(bot_id) for bot_id in sorted(self._dbs)) if doc is not None]

    def update(self, bot_id: int, changes: dict) -> None:
        self._dbs[bot_id].update("bot", 1, changes)

    def delete(self, bot_id: int) -> None:
        with self._lock:
            db = self._dbs.pop(bot_id)
            db.path.unlink(missing_ok=True)
            fsync_dir(self.directory)

    def count(self) -> int:
        return len(self._dbs)

    def flush(self) -> None:
        for db in list(self._dbs.values()):
            db.flush()


class Store:
    """Everything the engine persists, under one exclusive directory lock."""

    def __init__(self, data_dir: Path | str | None = None):
        self.data_dir = resolve_data_dir(data_dir).resolve()
        self._lock = DataDirLock(self.data_dir)
        self._lock.acquire()
        self._dbs: list[DurableDB] = []
        self._logs: list[PartitionedLog] = []
        try:
            self.bots = BotTable(self.data_dir / "bots")
            self.settings_db = self.db("settings.json")
            self.runtime = self.db("runtime.json")
            self.events = self.log("events", index_fields=("bot_id", "action", "notification"))
            self.journal = self.log("journal", index_fields=("bot_id", "symbol", "position_id"))
            self.emotions = self.log("emotions")
            self.backtests = self.log("backtests", index_fields=("strategy", "symbol"))
        except BaseException:
            self._lock.release()
            raise
        self.closed = False

    def db(self, relative: str) -> DurableDB:
        path = self.data_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        db = DurableDB(path)
        self._dbs.append(db)
        return db

    def log(self, relative: str, **options) -> PartitionedLog:
        log = PartitionedLog(self.data_dir / relative, **options)
        self._logs.append(log)
        return log

    def flush(self) -> None:
        self.bots.flush()
        for db in self._dbs:
            db.flush()
        for log in self._logs:
            log.flush()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            self.flush()
        finally:
            self._lock.release()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
