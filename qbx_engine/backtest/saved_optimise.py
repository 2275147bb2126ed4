"""Saved optimisations: each finished run's ranked results, overfitting figures and verdict, kept to reopen.

Like saved backtests (:mod:`qbx_engine.backtest.saved`): a summary in the ``optimisations`` log (what the list
shows, the verdict included) and the run itself in one compressed NumPy file (``optimise-runs/<id>.npz``, no
pickles: the result as JSON text beside the per-block results PBO was computed from), written atomically
and first, so a crash leaves at worst a file no summary points to, removed at the next start.
"""

from __future__ import annotations

import io
import json
from typing import Any

import numpy as np

from ..core.errors import ValidationError
from .run_files import RunFiles

VERSION = 1


class SavedOptimisations(RunFiles):
    UNKNOWN = "opt.saved_unknown"

    def save(self, result: dict, *, ts: float) -> dict:
        """Keep the run; returns its summary (with ``run_id``). StoreWriteError if the disk refuses it."""
        best = result["rows"][0] if result["rows"] else None
        found = result["overfit"]
        summary = {"ts": ts, "strategy": result["strategy"], "metric": result["metric"],
                   "method": result.get("method", "grid"), "symbol": result["source"]["symbol"],
                   "timeframe": result["source"]["timeframe"], "source": result["source"]["source"],
                   "combinations": result["combinations"], "bars": result["bars"],
                   "best": None if best is None else best["params"],
                   "best_in": None if best is None else best["in"][result["metric"]],
                   "best_out_net": None if best is None or "out" not in best else best["out"]["net_profit"],
                   "pbo": found["pbo"], "dsr": found["dsr"], "wfe": found["wfe"],
                   "level": found["verdict"]["level"]}
        return self._keep(_pack(result), summary, _plain(summary))

    def list(self, limit: int = 20) -> list[dict]:
        """The newest runs first."""
        return [r for r in self._live(limit) if self._path(r["run_id"]).exists()]

    def open(self, run_id: str) -> dict:
        """The run as it was saved: rows, folds, overfitting figures, verdict and the per-block results."""
        record = self._record(run_id)
        arrays = self._arrays(run_id, "opt.saved_unreadable")
        try:
            result = json.loads(str(arrays.pop("result")))
        except (KeyError, ValueError) as exc:
            raise ValidationError.one("run", "opt.saved_unreadable") from exc
        result["overfit_data"] = {name: arrays[name] for name in ("blocks", "sharpe") if name in arrays} or None
        result["run_id"] = record["run_id"]
        return result



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
