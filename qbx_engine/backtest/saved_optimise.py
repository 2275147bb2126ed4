"""Saved optimisations: each finished run's ranked results, overfitting figures and verdict, kept to reopen.

Like saved backtests (:mod:`qbx_engine.backtest.saved`): a summary in the ``optimisations`` log (what the list
shows, the verdict included) and the run itself in one compressed NumPy file (``optimise-runs/<id>.npz``, no
pickles: the result as JSON text beside the per-block results PBO was computed from), written atomically
and first, so a crash leaves at worst a file no summary points to, removed at the next start.
"""

from __future__ import annotations

import io
import json
import logging
import uuid
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import QbxError, StoreWriteError, ValidationError
from ..core.i18n import shown
from ..store.durable import TMP_SUFFIX, atomic_write
from ..store.partitioned import PartitionedLog

log = logging.getLogger(__name__)

VERSION = 1


class SavedOptimisations:
    def __init__(self, summaries: PartitionedLog, folder: Path):
        self.summaries = summaries
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._tidy()

    def save(self, result: dict, *, ts: float) -> dict:
        """Keep the run; returns its summary (with ``run_id``). StoreWriteError if the disk refuses it."""
        run_id = uuid.uuid4().hex[:16]
        path = self._path(run_id)
        try:
            atomic_write(path, _pack(result))
        except OSError as exc:
            raise StoreWriteError(path, exc.strerror or str(exc)) from exc
        best = result["rows"][0] if result["rows"] else None
        found = result["overfit"]
        summary = {"ts": ts, "run_id": run_id, "strategy": result["strategy"], "metric": result["metric"],
                   "method": result.get("method", "grid"), "symbol": result["source"]["symbol"],
                   "timeframe": result["source"]["timeframe"], "source": result["source"]["source"],
                   "combinations": result["combinations"], "bars": result["bars"],
                   "best": None if best is None else best["params"],
                   "best_in": None if best is None else best["in"][result["metric"]],
                   "best_out_net": None if best is None or "out" not in best else best["out"]["net_profit"],
                   "pbo": found["pbo"], "dsr": found["dsr"], "wfe": found["wfe"],
                   "level": found["verdict"]["level"]}
        try:
            summary["seq"] = self.summaries.append(_plain(summary))
        except QbxError:
            path.unlink(missing_ok=True)
            raise
        return summary

    def list(self, limit: int = 20) -> list[dict]:
        """The newest runs first."""
        found = self.summaries.query(where=lambda r: not r.get("deleted"), limit=limit)
        return [r for r in found if self._path(r["run_id"]).exists()]

    def open(self, run_id: str) -> dict:
        """The run as it was saved: rows, folds, overfitting figures, verdict and the per-block results."""
        record = self._record(run_id)
        try:
            with np.load(io.BytesIO(self._path(run_id).read_bytes()), allow_pickle=False) as data:
                result = json.loads(str(data["result"]))
                arrays = {name: data[name] for name in ("blocks", "sharpe") if name in data.files}
        except (OSError, ValueError, KeyError) as exc:
            log.warning("saved optimisation %s cannot be read: %s", run_id, exc)
            raise ValidationError.one("run", "opt.saved_unreadable") from exc
        result["overfit_data"] = arrays or None
        result["run_id"] = record["run_id"]
        return result

    def delete(self, run_id: str) -> None:
        record = self._record(run_id)
        self._path(run_id).unlink(missing_ok=True)
        self.summaries.update(record["seq"], {"deleted": True})

    def _record(self, run_id: str) -> dict:
        self._path(run_id)  # a malformed id is refused before any read
        found = self.summaries.query(match={}, where=lambda r: r.get("run_id") == run_id and not r.get("deleted"),
                                     limit=1)
        if not found or not self._path(run_id).exists():
            raise ValidationError.one("run", "opt.saved_unknown", run=shown(run_id))
        return found[0]

    def _path(self, run_id: str) -> Path:
        if not isinstance(run_id, str) or not (run_id.isascii() and run_id.isalnum()):
            raise ValidationError.one("run", "opt.saved_unknown", run=shown(run_id))
        return self.folder / f"{run_id}.npz"

    def _tidy(self) -> None:
        """Remove half-written files and data no summary points to (a crash between the two writes)."""
        for leftover in self.folder.glob("*" + TMP_SUFFIX):
            leftover.unlink(missing_ok=True)
        files = {path.stem: path for path in self.folder.glob("*.npz")}
        if not files:
            return
        listed = {r.get("run_id") for r in self.summaries.query(where=lambda r: not r.get("deleted"), limit=None)}
        for run_id, path in files.items():
            if run_id not in listed:
                path.unlink(missing_ok=True)


def _pack(result: dict) -> bytes:
    data = result.get("overfit_data") or {}
    body = {name: value for name, value in result.items() if name not in ("overfit_data", "run_id")}
    arrays: dict[str, Any] = {"result": np.asarray(json.dumps(_plain({"version": VERSION, **body})))}
    for name in ("blocks", "sharpe"):
        if name in data:
            arrays[name] = np.asarray(data[name], dtype=float)
    out = io.BytesIO()
    np.savez_compressed(out, **arrays)
    return out.getvalue()


def _plain(value):
    """JSON values all the way down (NumPy scalars become numbers, tuples lists)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value
