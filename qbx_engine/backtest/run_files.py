"""A folder of saved runs: each run's data in one compressed NumPy file beside its summary in a log.

The data file is written first (atomically, like every store file), so a crash leaves at worst a file no
summary points to, which the next start removes. Deleting removes the file, then marks the summary deleted.
Saved backtests and saved optimisations differ only in what they pack and in their messages.
"""

from __future__ import annotations

import io
import logging
import uuid
from pathlib import Path

import numpy as np

from ..core.errors import QbxError, StoreWriteError, ValidationError
from ..core.i18n import shown
from ..store.durable import TMP_SUFFIX, atomic_write
from ..store.partitioned import PartitionedLog

log = logging.getLogger(__name__)


class RunFiles:
    UNKNOWN = "saved.unknown"  # the message for a run id that is not (or no longer) there

    def __init__(self, summaries: PartitionedLog, folder: Path):
        self.summaries = summaries
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._tidy()

    def delete(self, run_id: str) -> None:
        record = self._record(run_id)
        self._path(run_id).unlink(missing_ok=True)
        self.summaries.update(record["seq"], {"deleted": True})

    def _keep(self, payload: bytes, summary: dict, stored: dict | None = None) -> dict:
        """Write the data, then log ``stored`` (default: the summary); the summary gains ``run_id`` and ``seq``.

        StoreWriteError if the disk refuses the data; a refused summary takes its data file back."""
        run_id = uuid.uuid4().hex[:16]
        path = self._path(run_id)
        try:
            atomic_write(path, payload)
        except OSError as exc:
            raise StoreWriteError(path, exc.strerror or str(exc)) from exc
        summary["run_id"] = run_id
        try:
            summary["seq"] = self.summaries.append({**(summary if stored is None else stored), "run_id": run_id})
        except QbxError:
            path.unlink(missing_ok=True)
            raise
        return summary

    def _live(self, limit: int | None) -> list[dict]:
        return self.summaries.query(where=lambda r: not r.get("deleted"), limit=limit)

    def _arrays(self, run_id: str, unreadable: str, **params) -> dict[str, np.ndarray]:
        """Every array of the run's file, or ValidationError ``unreadable`` if the file is damaged."""
        path = self._path(run_id)
        try:
            with np.load(io.BytesIO(path.read_bytes()), allow_pickle=False) as data:
                return {name: data[name] for name in data.files}
        except (OSError, ValueError, KeyError) as exc:
            log.warning("saved run %s cannot be read: %s", path, exc)
            raise ValidationError.one("run", unreadable, **params) from exc

    def _record(self, run_id: str) -> dict:
        self._path(run_id)  # a malformed id is refused before any read
        found = self.summaries.query(match={}, where=lambda r: r.get("run_id") == run_id and not r.get("deleted"),
                                     limit=1)
        if not found or not self._path(run_id).exists():
            raise ValidationError.one("run", self.UNKNOWN, run=shown(run_id))
        return found[0]

    def _path(self, run_id: str) -> Path:
        if not isinstance(run_id, str) or not (run_id.isascii() and run_id.isalnum()):
            raise ValidationError.one("run", self.UNKNOWN, run=shown(run_id))
        return self.folder / f"{run_id}.npz"

    def _tidy(self) -> None:
        """Remove half-written files and data no summary points to (a crash between the two writes)."""
        for leftover in self.folder.glob("*" + TMP_SUFFIX):
            leftover.unlink(missing_ok=True)
        files = {path.stem: path for path in self.folder.glob("*.npz")}
        if not files:
            return
        listed = {r.get("run_id") for r in self._live(None)}
        for run_id, path in files.items():
            if run_id not in listed:
                path.unlink(missing_ok=True)
