"""Broker bars for backtests, kept in the data folder so a date range is fetched from the terminal once.

A range is cached only once it lies wholly in the past (its last bar has closed):
such bars never change. One compressed file per (broker, server, symbol, timeframe,
range), written atomically; a damaged file is fetched again.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np

from ..market.bars import COLUMNS, Bars
from ..store.durable import atomic_write

log = logging.getLogger(__name__)


class BarCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.hits = self.fetches = 0

    def bars(self, where: str, symbol: str, timeframe: str, since: float, until: float, *, complete: bool,
             fetch: Callable[[], Bars]) -> Bars:
        """The bars of the range, from the folder if kept there, else from ``fetch`` (kept if ``complete``)."""
        path = self._path(where, symbol, timeframe, since, until)
        if path.exists():
            try:
                with np.load(io.BytesIO(path.read_bytes()), allow_pickle=False) as data:
                    found = Bars(*(data[name] for name in COLUMNS))
                self.hits += 1
                return found
            except (OSError, ValueError, KeyError) as exc:
                log.warning("cached bars %s are unreadable (%s); fetching them again", path, exc)
        found = fetch()
        self.fetches += 1
        if complete and len(found):
            out = io.BytesIO()
            np.savez_compressed(out, **{name: getattr(found, name) for name in COLUMNS})
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(path, out.getvalue())
            except OSError as exc:  # a cache: the backtest goes on without it
                log.warning("could not keep bars in %s: %s", path, exc)
        return found

    def _path(self, where: str, symbol: str, timeframe: str, since: float, until: float) -> Path:
        digest = hashlib.sha256(f"{where}|{symbol}|{timeframe}|{since:.0f}|{until:.0f}".encode()).hexdigest()[:24]
        safe = "".join(ch if ch.isalnum() else "_" for ch in symbol)[:30]
        return self.folder / f"{safe}-{timeframe}-{digest}.npz"
