"""The data directory: what lives where, and who may open it.

Small records that change now and then (settings, each bot, protections) are single :class:`DurableDB` files
(TinyDB, replaced atomically). What changes on every order or grows is appended, one checksummed line per change:
tables that change often (the paper book, entry facts, the notification outbox) are :class:`TableLog` files
(a snapshot and its log), histories (events, journal, deals, emotions, backtests) are :class:`PartitionedLog`
folders. One background thread (:mod:`.compactor`) compacts both.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
from pathlib import Path

from ..core.errors import StoreCorrupted, StoreWriteError
from ..core.i18n import Msg
from .compactor import Compactor
from .dirlock import DataDirLock
from .durable import TMP_SUFFIX, DurableDB, fsync_dir, json_clean
from .partitioned import PartitionedLog
from .schema import Schema
from .tablelog import TableLog

log = logging.getLogger(__name__)

DATA_DIR_ENV = "QBX_DATA_DIR"
LEGACY_DATA_DIR = ".qbx-data"  # the default of earlier versions: a folder in the working directory


def resolve_data_dir(explicit: Path | str | None = None) -> Path:
    """The folder named by the caller, else ``QBX_DATA_DIR``, else :func:`default_data_dir`."""
    if explicit:
        return Path(explicit).expanduser()
    named = os.environ.get(DATA_DIR_ENV)
    return Path(named).expanduser() if named else default_data_dir()


def default_data_dir() -> Path:
    """Under the user's profile, so a start by double-click (whatever its working folder) finds the same data:
    Windows ``%LOCALAPPDATA%\\QuantumBotX``, macOS ``~/Library/Application Support/QuantumBotX``, elsewhere
    ``$XDG_DATA_HOME/quantumbotx`` (``~/.local/share/quantumbotx``). A ``.qbx-data`` folder in the working
    folder, where earlier versions kept it, is used while it exists."""
    legacy = Path(LEGACY_DATA_DIR)
    if legacy.is_dir():
        return legacy
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return (Path(local) if local else Path.home() / "AppData" / "Local") / "QuantumBotX"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "QuantumBotX"
    shared = os.environ.get("XDG_DATA_HOME")
    return (Path(shared) if shared else Path.home() / ".local" / "share") / "quantumbotx"


BOT_FILE = re.compile(r"^bot-([1-9][0-9]*)\.json$")


class BotTable:
    """One small file per bot, so saving one bot never rewrites the others.

    Ids are never reused, because an id is also the bot's magic number at the
    broker: ``meta.json`` keeps the next id even after the newest bot is deleted.
    A file named like a bot's but not exactly ``bot-<id>.json`` (a sync tool's
    ``bot-1 (conflicted copy).json``, a hand-made ``bot-01.json``) is not a bot:
    it is left alone, logged and listed in :attr:`ignored`.
    """

    def __init__(self, directory: Path, schema: Schema | None = None):
        self.directory = directory
        self.schema = schema
        directory.mkdir(parents=True, exist_ok=True)
        for leftover in directory.glob("*" + TMP_SUFFIX):
            leftover.unlink(missing_ok=True)
        self._lock = threading.Lock()
        self._meta = self._open(directory / "meta.json")
        self._dbs: dict[int, DurableDB] = {}
        self.ignored: list[str] = []
        for path in sorted(directory.glob("bot-*.json")):
            found = BOT_FILE.match(path.name)
            if found is None:
                self.ignored.append(path.name)
                log.warning("ignored %s: not a bot file written by QuantumBotX (bots are bot-<id>.json)", path)
                continue
            self._dbs[int(found.group(1))] = self._open(path)

    def _open(self, path: Path) -> DurableDB:
        noted = self.schema.note_file if self.schema is not None else None
        db = DurableDB(path, on_create=noted)
        if noted is not None and path.exists():
            noted(path)
        return db

    def create(self, record: dict) -> int:
        with self._lock:
            counter = (self._meta.get("meta", 1) or {}).get("next_id", 1)
            bot_id = max(counter, max(self._dbs, default=0) + 1)
            self._meta.upsert_doc("meta", 1, {"next_id": bot_id + 1})
            db = self._open(self.directory / f"bot-{bot_id}.json")
            db.upsert_doc("bot", 1, {**json_clean(record), "id": bot_id})
            self._dbs[bot_id] = db
            return bot_id

    def get(self, bot_id: int) -> dict | None:
        db = self._dbs.get(bot_id)
        doc = db.get("bot", 1) if db is not None else None
        if doc is not None:
            doc.pop("doc_id", None)
        return doc

    def ids(self) -> list[int]:
        return sorted(self._dbs)

    def list(self) -> list[dict]:
        return [doc for doc in (self.get(bot_id) for bot_id in sorted(self._dbs)) if doc is not None]

    def update(self, bot_id: int, changes: dict) -> None:
        self._dbs[bot_id].update("bot", 1, changes)

    def path(self, bot_id: int) -> Path:
        return self._dbs[bot_id].path

    def delete(self, bot_id: int) -> None:
        """Remove the bot's file (StoreWriteError, and the bot kept, if the folder refuses)."""
        with self._lock:
            db = self._dbs[bot_id]
            try:
                if self.schema is not None:
                    self.schema.forget_file(db.path)
                db.path.unlink(missing_ok=True)
                fsync_dir(self.directory)
            except OSError as exc:
                if self.schema is not None and db.path.exists():
                    self.schema.note_file(db.path)
                raise StoreWriteError(db.path, exc.strerror or str(exc)) from exc
            del self._dbs[bot_id]

    def count(self) -> int:
        return len(self._dbs)

    def flush(self) -> None:
        for db in list(self._dbs.values()):
            db.flush()

    def close(self) -> None:
        for db in list(self._dbs.values()):
            db.close()


class Store:
    """Everything the engine persists, under one exclusive directory lock.

    Opening checks the folder before anything is read or created: a folder from a newer version, or one
    missing a file or history it is known to have had, is refused by name. The histories are opened when
    first used, so that an older folder is migrated (:mod:`.migrate`) before they are read.
    """

    def __init__(self, data_dir: Path | str | None = None):
        self.data_dir = resolve_data_dir(data_dir).resolve()
        self._lock = DataDirLock(self.data_dir)
        self._lock.acquire()
        self._dbs: list[DurableDB] = []
        self._logs: dict[str, PartitionedLog] = {}
        self._tables: dict[str, TableLog] = {}
        self._opening = threading.Lock()
        self.set_aside: list[dict] = []  # damaged derived files moved aside while opening: {file, aside, problem}
        try:
            self.schema = Schema(self.data_dir)
            self.schema.check()
            self.bots = BotTable(self.data_dir / "bots", self.schema)
            self.settings_db = self.db("settings.json")
            self.runtime = self.db("runtime.json", derived=True)
        except BaseException:
            self._lock.release()
            raise
        self.compactor = Compactor(self._upkeep)
        self.compactor.start()
        self.closed = False

    @property
    def events(self) -> PartitionedLog:
        return self.log("events", index_fields=("bot_id", "action", "notification"), tail_field="bot_id")

    @property
    def journal(self) -> PartitionedLog:
        return self.log("journal", index_fields=("bot_id", "symbol", "position_id"))

    @property
    def emotions(self) -> PartitionedLog:
        return self.log("emotions")

    @property
    def backtests(self) -> PartitionedLog:
        return self.log("backtests", index_fields=("strategy", "symbol"))

    def db(self, relative: str, *, derived: bool = False) -> DurableDB:
        """The file ``relative``; ``derived`` data (rebuilt from the rest) is not evidence of anything,
        and a damaged copy of it is moved aside (``.damaged``) and started afresh instead of refusing."""
        path = self.data_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if derived:
            try:
                db = DurableDB(path)
            except StoreCorrupted as exc:
                self._move_aside(path, exc.msg.params["problem"])
                db = DurableDB(path)
        else:
            db = DurableDB(path, on_create=self.schema.note_file)
            if path.exists():
                self.schema.note_file(path)
        self._dbs.append(db)
        return db

    def reset_derived(self, db: DurableDB, problem: str | Msg) -> None:
        """A derived file whose reader found it of the wrong shape: moved aside (kept for a look) and started
        afresh, empty, so the next save rebuilds it instead of silently overwriting the evidence."""
        self._move_aside(db.path, problem)
        db.write(lambda tables: tables.drop_tables())

    def _move_aside(self, path: Path, problem: str | Msg) -> None:
        aside = path.with_name(path.name + ".damaged")
        number = 1
        while aside.exists():  # an earlier damaged copy is evidence too: never replaced
            number += 1
            aside = path.with_name(f"{path.name}.damaged-{number}")
        os.replace(path, aside)
        fsync_dir(path.parent)
        log.warning("%s was damaged (%s); it holds derived data only: moved to %s and rebuilt", path.name,
                    problem if isinstance(problem, str) else problem.key, aside.name)
        self.set_aside.append({"file": path.relative_to(self.data_dir).as_posix(), "aside": aside.name,
                               "problem": problem})

    def log(self, relative: str, **options) -> PartitionedLog:
        """The history folder ``relative`` (one instance per folder: the first call's options hold)."""
        with self._opening:
            found = self._logs.get(relative)
            if found is None:
                found = PartitionedLog(self.data_dir / relative, on_create=self.schema.note_log, **options)
                found.on_busy = self.compactor.wake
                self._logs[relative] = found
            return found

    def tables(self, relative: str, **options) -> TableLog:
        """The table log whose snapshot is ``relative`` (``paper/book.json``: with ``paper/book.log``)."""
        with self._opening:
            found = self._tables.get(relative)
            if found is None:
                path = self.data_dir / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                found = TableLog(path, on_create=self.schema.note_file, **options)
                found.on_busy = self.compactor.wake
                self._tables[relative] = found
            return found

    def _upkeep(self) -> list:
        with self._opening:
            tables, logs = list(self._tables.values()), list(self._logs.values())
        return ([lambda table=table: table.needs_compaction() and table.compact() for table in tables] +
                [log.maintain for log in logs])

    def flush(self) -> None:
        self.bots.flush()
        for db in self._dbs:
            db.flush()
        for table in list(self._tables.values()):
            table.flush()
        for log in list(self._logs.values()):
            log.flush()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            self.compactor.stop()
            self.bots.close()
            for db in self._dbs:
                db.close()
            for table in list(self._tables.values()):
                table.close()
            for log in list(self._logs.values()):
                log.close()
        finally:
            self._lock.release()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

