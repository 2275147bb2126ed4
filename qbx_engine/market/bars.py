"""Price bars as plain NumPy columns: what brokers return, strategies read and the backtester replays.

A DataFrame costs tens of microseconds to build and index; a bot's tick reads a
few hundred bars and needs only arrays. ``Bars.frame()`` gives the DataFrame
view for charts, exports and CSV import.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

COLUMNS = ("time", "open", "high", "low", "close", "tick_volume")


@dataclass(frozen=True, eq=False)
class Bars:
    """Bars oldest first; ``time`` is each bar's start in UTC epoch seconds."""

    time: np.ndarray
    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    tick_volume: np.ndarray

    def __len__(self) -> int:
        return len(self.time)

    def __getitem__(self, column: str) -> np.ndarray:
        if column not in COLUMNS:
            raise KeyError(column)
        return getattr(self, column)

    @property
    def last_time(self) -> float | None:
        return float(self.time[-1]) if len(self.time) else None

    def tail(self, count: int) -> Bars:
        """The newest ``count`` bars (views, no copy)."""
        if count >= len(self):
            return self
        return self.slice(len(self) - max(0, count), len(self))

    def slice(self, start: int, stop: int) -> Bars:
        return Bars(*(getattr(self, c)[start:stop] for c in COLUMNS))

    @classmethod
    def empty(cls) -> Bars:
        return cls(np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0, dtype=np.int64))

    @classmethod
    def from_arrays(cls, time, open_, high, low, close, tick_volume=None) -> Bars:
        size = len(time)
        volume = np.zeros(size, dtype=np.int64) if tick_volume is None else np.asarray(tick_volume, dtype=np.int64)
        def column(values) -> np.ndarray:
            return np.asarray(values, dtype=np.float64)

        return cls(column(time), column(open_), column(high), column(low), column(close), volume)

    @classmethod
    def from_frame(cls, frame) -> Bars:
        """From a DataFrame with a ``time`` column of datetimes (any resolution; naive means UTC) or epochs."""
        import pandas as pd

        times = frame["time"]
        if pd.api.types.is_datetime64_any_dtype(times):
            utc = times if times.dt.tz is not None else times.dt.tz_localize("UTC")
            epoch = ((utc - pd.Timestamp(0, tz="UTC")) / pd.Timedelta(seconds=1)).to_numpy(dtype=np.float64)
        else:
            epoch = times.to_numpy(dtype=np.float64)
        volume = frame["tick_volume"].to_numpy() if "tick_volume" in frame else None
        return cls.from_arrays(epoch, frame["open"].to_numpy(), frame["high"].to_numpy(), frame["low"].to_numpy(),
                               frame["close"].to_numpy(), volume)

    def frame(self):
        """A DataFrame with ``time`` as UTC datetimes, for charts and exports."""
        import pandas as pd

        return pd.DataFrame({
            "time": pd.to_datetime(self.time.astype(np.int64), unit="s", utc=True),
            "open": self.open, "high": self.high, "low": self.low, "close": self.close,
            "tick_volume": self.tick_volume})
