"""Chart timeframes: our names, their length, and MetaTrader 5's constants for them."""

from __future__ import annotations

TIMEFRAME_SECONDS: dict[str, int] = {
    "M1": 60, "M5": 300, "M15": 900, "M30": 1800, "H1": 3600, "H4": 14400, "D1": 86400,
}

# Values of MetaTrader5.TIMEFRAME_* (hours are n | 0x4000); pinned in a test against the real wheel.
MT5_TIMEFRAME: dict[str, int] = {
    "M1": 1, "M5": 5, "M15": 15, "M30": 30, "H1": 1 | 0x4000, "H4": 4 | 0x4000, "D1": 24 | 0x4000,
}

TIMEFRAMES = tuple(TIMEFRAME_SECONDS)


def seconds(timeframe: str) -> int:
    try:
        return TIMEFRAME_SECONDS[timeframe]
    except KeyError:
        raise ValueError(f"unknown timeframe {timeframe!r}; use one of {', '.join(TIMEFRAMES)}") from None


def bar_start(ts: float, timeframe: str) -> float:
    """Start of the bar containing ``ts`` (bars are aligned to UTC midnight)."""
    length = seconds(timeframe)
    return float(int(ts // length) * length)
