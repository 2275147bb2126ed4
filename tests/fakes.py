"""Test doubles that wrap the real paper broker (only timing and failures are injected)."""

from __future__ import annotations

import threading
import time
from collections import defaultdict

import numpy as np

from qbx_engine.brokers.base import Broker
from qbx_engine.core.errors import BrokerUnavailable
from qbx_engine.core.i18n import Msg
from qbx_engine.market.bars import Bars
from qbx_engine.strategies.base import SIGNAL_CODES, Strategy

_DELEGATED = ("account", "symbols", "find_symbol", "symbol_info", "tick", "rates", "is_market_open", "positions",
              "open_position", "close_position", "modify_position", "closed_position", "closed_positions",
              "reconnect", "close", "describe")


class HookedBroker(Broker):
    """The real broker underneath; ``hooks[name]`` runs before a call and may sleep or raise.

    Also counts calls and the most calls of one method that ever ran at once.
    """

    def __init__(self, inner: Broker):
        self.inner = inner
        self.kind = inner.kind
        self.hooks: dict[str, object] = {}
        self.calls: dict[str, int] = defaultdict(int)
        self.running: dict[str, int] = defaultdict(int)
        self.max_running: dict[str, int] = defaultdict(int)
        self._lock = threading.Lock()

    def _call(self, name, *args, **kwargs):
        with self._lock:
            self.calls[name] += 1
            self.running[name] += 1
            self.max_running[name] = max(self.max_running[name], self.running[name])
        try:
            hook = self.hooks.get(name)
            if hook is not None:
                hook(*args, **kwargs)
            return getattr(self.inner, name)(*args, **kwargs)
        finally:
            with self._lock:
                self.running[name] -= 1

    def __getattr__(self, name):
        return getattr(self.inner, name)


for _name in _DELEGATED:
    setattr(HookedBroker, _name, (lambda n: lambda self, *a, **k: self._call(n, *a, **k))(_name))
HookedBroker.__abstractmethods__ = frozenset()


def unavailable(*_args, **_kwargs):
    raise BrokerUnavailable("broker.down_waiting", retry_in=0)


def sleeper(seconds: float, started: threading.Event | None = None):
    def hook(*_args, **_kwargs):
        if started is not None:
            started.set()
        time.sleep(seconds)
    return hook


class Scripted(Strategy):
    """A strategy whose signal on the last bar is whatever the test says (freqtrade-style forcing)."""

    name = "scripted"
    label = {"id": "Skrip uji", "en": "Test script"}
    description = {"id": "Hanya untuk tes.", "en": "For tests only."}
    difficulty = "beginner"
    params = ()
    overlays = ()
    signal = "HOLD"
    fail_with: Exception | None = None

    def warmup(self) -> int:
        return 3

    def compute(self, bars: Bars) -> dict:
        if Scripted.fail_with is not None:
            raise Scripted.fail_with
        values = np.zeros(len(bars), dtype=np.int8)
        values[-1] = SIGNAL_CODES.get(Scripted.signal, 0)
        return {"signal": values}

    def explain(self, row, signal) -> Msg:
        return Msg("why.no_bars")


class BarScript(Strategy):
    """Signals written by hand, one per bar (1 buy, -1 sell, 2/-2/3 exits), in ``BarScript.script``."""

    name = "bar_script"
    label = {"id": "Sinyal tertulis", "en": "Written signals"}
    description = {"id": "Hanya untuk tes.", "en": "For tests only."}
    difficulty = "beginner"
    params = ()
    script: np.ndarray = np.zeros(0, dtype=np.int8)

    def warmup(self) -> int:
        return 0

    def bars_needed(self) -> int:
        return 1

    def compute(self, bars: Bars) -> dict:
        return {"signal": np.asarray(BarScript.script[:len(bars)], dtype=np.int8)}

    def explain(self, row, signal) -> Msg:
        return Msg("why.no_bars")
