"""The data directory: what lives where, and who may open it.

Small tables that change in place (bots, settings, the paper book) are single
:class:`DurableDB` files; histories that grow (events, journal, deals, emotions,
backtests) are :class:`PartitionedLog` directories.
"""

from __future__ import annotations

import os
from pathlib import Path

from tinydb.table import Document

from .dirlock import DataDirLock
from .durable import DurableDB, json_clean
from .partitioned import PartitionedLog

DATA_DIR_ENV = "QBX_DATA_DIR"
DEFAULT_DATA_DIR = ".qbx-data"


def resolve_data_dir(explicit: Path | str | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR).expanduser()


class BotTable:
    """Bot records; ids are never reused, because an id is also a magic number."""

    TABLE, META = "bots", "meta"

    def __init__(self, db: DurableDB):
        self.db = db

    def create(self, record: dict) -> int:
        record = json_clean(record)

        def change(tiny):
            meta = tiny.table(self.META)
            counter = meta.get(doc_id=1) or {"next_id": 1}
            used = max((doc.doc_id for doc in tiny.table(self.TABLE).all()), default=0)
            bot_id = max(counter["next_id"], used + 1)
            tiny.table(self.TABLE).insert(Document(dict(record, id=bot_id), doc_id=bot_id))
            meta.upsert(Document({"next_id": bot_id + 1}, doc_id=1))
            return bot_id

        return self.db.write(change)

    def get(self, bot_id: int) -> dict | None:
        doc = self.db.get(self.TABLE, bot_id)
        if doc is not None:
            doc.pop("doc_id", None)
        return doc

    def list(self) -> list[dict]:
        docs = self.db.all(self.TABLE)
        for doc in docs:
            doc.pop("doc_id", None)
        return sorted(docs, key=lambda d: d["id"])

    def update(self, bot_id: int, changes: dict) -> None:
        self.db.update(self.TABLE, bot_id, changes)

    def delete(self, bot_id: int) -> None:
        self.db.remove(self.TABLE, bot_id)

    def count(self) -> int:
        return self.db.count(self.TABLE)


class Store:
    """Everything the engine persists, under one exclusive directory lock."""

    def __init__(self, data_dir: Path | str | None = None):
        self.data_dir = resolve_data_dir(data_dir).resolve()
        self._lock = DataDirLock(self.data_dir)
        self._lock.acquire()
        self._dbs: list[DurableDB] = []
        self._logs: list[PartitionedLog] = []
        try:
            self.bots = BotTable(self.db("bots.json"))
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
