"""When a bot ticks: on the grid of its check interval (UTC epoch multiples), at its own offset.

A 60-second bot ticks just after each minute's close, a 1-second bot every second;
bots sharing a close start within :data:`SPREAD_TICKS` of it, each at its own offset
(golden-ratio spaced by bot id), so a thousand of them do not all start at once. The
engine's periodic looks run on the grid of their own intervals (no offset). The supervisor
schedules live ticks and looks with these numbers and the backtester replays them.
"""

from __future__ import annotations

import math

import numpy as np

GOLDEN = 0.6180339887498949
SPREAD_TICKS = 1.0  # seconds over which bots sharing a bar close start their ticks after it
CHECKPOINT_EVERY = 10.0  # seconds between saves of the bots' last analyses
SWEEP_EVERY = 15.0  # seconds between looks for closed positions no bot journaled (SL/TP hits, manual, other EAs)
WATCH_EVERY = 5.0  # seconds between the emergency brake's looks at the account (equity peak, loss limits)


def tick_offset(bot_id: int, interval: float) -> float:
    """Seconds after each grid point of its interval the bot's tick fires."""
    return (bot_id * GOLDEN) % 1.0 * min(float(interval), SPREAD_TICKS)


def next_tick(after: float, interval: float, offset: float) -> float:
    """The first tick at or after ``after``."""
    return math.ceil((after - offset) / interval) * interval + offset


def next_ticks(after: np.ndarray, interval: float, offset: float) -> np.ndarray:
    return np.ceil((after - offset) / interval) * interval + offset
