"""Per-bot state that lives in memory while the engine runs.

``generation`` and ``order_lock`` implement invariant 2: a tick remembers the
generation it started in, and places an order only while holding
``order_lock`` and only if the generation is unchanged and trading is allowed.
Pause, stop, delete and close bump the generation and then take the lock once,
so when they return no order is in flight and none can start.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..strategies.base import Strategy


@dataclass
class BotRuntime:
    bot_id: int
    generation: int = 0
    trading_allowed: bool = False
    deleting: bool = False
    order_lock: threading.Lock = field(default_factory=threading.Lock)
    tick_lock: threading.Lock = field(default_factory=threading.Lock)
    # scheduling grid, for measuring lateness
    grid_start: float | None = None
    interval: float | None = None
    # what the dashboard shows
    last_analysis: dict | None = None
    last_tick_at: float | None = None
    ticks: int = 0
    overruns: int = 0
    missed: int = 0
    failures: int = 0
    last_duration_ms: float | None = None
    overrun_logged_at: float | None = None  # time.monotonic() of the last TICK OVERRUN line
    overruns_logged: int = 0  # skipped ticks already reported
    lateness_ms: deque = field(default_factory=lambda: deque(maxlen=200))
    # caches
    symbol: str | None = None
    symbol_for: str | None = None
    strategy: Strategy | None = None
    strategy_key: str | None = None
    analysed: tuple | None = None  # (closed bar, strategy key) of the last analysis: unchanged means no work
    market_closed: bool = False
    opens_at: float | None = None  # when the closed market opens (asked once per closure; None: unknown)

    def close_gate(self) -> None:
        """Forbid orders from ticks already running; wait for an order in flight."""
        self.generation += 1
        self.trading_allowed = False

    def wait_for_orders(self) -> None:
        with self.order_lock:
            pass

    def snapshot(self) -> dict:
        return {"last_analysis": self.last_analysis, "last_tick_at": self.last_tick_at, "ticks": self.ticks,
                "overruns": self.overruns, "missed": self.missed, "failures": self.failures}

    def restore(self, saved) -> list[str]:
        """Take back what a checkpoint saved (None: nothing was). Returns the fields of the wrong shape; then
        nothing is taken back, since the file they came from cannot be trusted."""
        if saved is None:
            return []
        if not isinstance(saved, dict):
            return ["*"]
        analysis, tick_at = saved.get("last_analysis"), saved.get("last_tick_at")
        wrong = [] if analysis is None or isinstance(analysis, dict) else ["last_analysis"]
        wrong += [] if tick_at is None or _real(tick_at) else ["last_tick_at"]
        counters = {name: saved.get(name, 0) for name in ("ticks", "overruns", "missed", "failures")}
        wrong += [name for name, value in counters.items()
                  if not (isinstance(value, int) and not isinstance(value, bool) and value >= 0)]
        if wrong:
            return wrong
        self.last_analysis = analysis
        self.last_tick_at = float(tick_at) if tick_at is not None else None
        for name, value in counters.items():
            setattr(self, name, value)
        return []

def _real(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
