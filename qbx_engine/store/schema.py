"""The data folder's own record, ``schema.json``: the version of its formats, and what it has had.

The version is one number for the whole folder (every file, every record kind): a folder is
migrated as a whole when it is opened (:mod:`qbx_engine.store.migrate`), so a reader never meets two
versions side by side. A folder written by a newer QuantumBotX is refused, not misread.

The inventory lists every file and history the folder has ever had (files the engine deletes
itself, such as a deleted bot's file, are taken off first). It is the evidence that makes a
deleted file a loss instead of a fresh start: a listed file that is gone refuses the open, naming
it. Derived files (rebuilt from the rest) are not listed. A file created just before a crash,
before it could be listed, is listed at the next open.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

from ..core.errors import StoreCorrupted, StoreMissing, StoreTooNew
from ..core.i18n import Msg
from .durable import atomic_write

log = logging.getLogger(__name__)

SCHEMA_FILE = "schema.json"
CURRENT = 3  # this version's formats: 1 = before schema.json existed, 2 = histories in whole-JSON day chunks
LEGACY = 1
_NOT_DATA = {".lock", ".lock-owner.json", SCHEMA_FILE}


class Schema:
    """``version``, the inventory, and the rule that a listed file must still be there."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.path = data_dir / SCHEMA_FILE
        self._lock = threading.Lock()
        self.files: set[str] = set()
        self.logs: set[str] = set()
        if self.path.exists():
            self.version = self._read()
            self.fresh = False
        else:
            self.fresh = not _has_data(data_dir)
            self.version = CURRENT if self.fresh else LEGACY
            if self.fresh:
                self._write()

    @property
    def legacy(self) -> bool:
        return self.version < CURRENT

    def _read(self) -> int:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise StoreCorrupted(self.path, f"not a JSON object ({exc})") from exc
        version = data.get("schema") if isinstance(data, dict) else None
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise StoreCorrupted(self.path, Msg("store.bad_field", {"field": "schema", "value": _shown(version)}))
        if version > CURRENT:
            raise StoreTooNew(self.data_dir, version, CURRENT)
        for name in ("files", "logs"):
            listed = data.get(name, [])
            if not isinstance(listed, list) or not all(isinstance(item, str) for item in listed):
                raise StoreCorrupted(self.path, Msg("store.bad_field", {"field": name, "value": _shown(listed)}))
            getattr(self, name).update(listed)
        return version

    def _write(self) -> None:
        text = json.dumps({"schema": self.version, "files": sorted(self.files), "logs": sorted(self.logs)},
                          indent=1)
        atomic_write(self.path, text)

    # -- the evidence ------------------------------------------------------------------
    def check(self) -> None:
        """Refuse the folder if anything it is known to have had is gone."""
        gone = [name for name in sorted(self.files) if not (self.data_dir / name).is_file()]
        gone += [name + "/" for name in sorted(self.logs) if not _has_chunks(self.data_dir / name)]
        if gone:
            raise StoreMissing(self.data_dir / gone[0].rstrip("/"),
                               Msg("store.missing", {"names": ", ".join(gone), "record": SCHEMA_FILE}),
                               way_out(gone[0]))

    def note_file(self, path: Path) -> None:
        self._note(self.files, path)

    def note_log(self, path: Path) -> None:
        self._note(self.logs, path)

    def forget_file(self, path: Path) -> None:
        """Take a file off the list before deleting it on purpose (a crash in between keeps the file)."""
        name = self._name(path)
        with self._lock:
            if name not in self.files:
                return
            self.files.discard(name)
            if not self.legacy:
                try:
                    self._write()
                except OSError:
                    self.files.add(name)
                    raise

    def set_version(self, version: int) -> None:
        with self._lock:
            self.version = version
            self._write()

    def _note(self, names: set[str], path: Path) -> None:
        name = self._name(path)
        with self._lock:
            if name in names:
                return
            names.add(name)
            if self.legacy:
                return  # written with the version, once the folder is migrated
            try:
                self._write()
            except OSError as exc:  # the file exists; the next open lists it
                log.warning("could not update %s (%s)", self.path, exc)

    def _name(self, path: Path) -> str:
        return Path(path).resolve().relative_to(self.data_dir).as_posix()


def way_out(name: str) -> Msg:
    """What the trader can do about a missing ``name``: the first answer is always a backup."""
    if name == "settings.json":
        return Msg("store.way_out_settings")
    if name == "paper/book.json":
        return Msg("store.way_out_book")
    if name.startswith("bots/"):
        return Msg("store.way_out_bot")
    if name.endswith("/"):
        return Msg("store.way_out_log", {"record": SCHEMA_FILE})
    if name.endswith(".log"):
        return Msg("applog.way_out_changes_file", {"name": name, "snapshot": name[:-len(".log")] + ".json"})
    return Msg("store.way_out_file")


def _has_chunks(directory: Path) -> bool:
    from .legacy import legacy_chunk_files
    from .partitioned import chunk_files

    return bool(chunk_files(directory)) or bool(legacy_chunk_files(directory))


def _has_data(data_dir: Path) -> bool:
    """Anything a QuantumBotX wrote here before (a folder without schema.json is then a legacy one)."""
    return any(path.is_file() and path.name not in _NOT_DATA for path in data_dir.rglob("*"))


def _shown(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:37] + "..."
