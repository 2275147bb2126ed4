"""The strategy contract: closed bars in, a signal with its numbers and reason out.

A strategy computes its indicators and a signal for *every* bar at once
(``compute``, NumPy arrays in and out). The live tick reads the last bar; the
backtester reads them all, so live and backtest cannot disagree about a signal.

Signals: ``BUY`` (close a sell, open a buy), ``SELL`` (the mirror), ``HOLD``,
and the exit-only signals ``EXIT_LONG`` / ``EXIT_SHORT`` / ``EXIT`` that close a
position of that side (or either) without opening another.

Warm-up is declared once per strategy, in :meth:`Strategy.warmup`, from the
indicators' own warm-up functions (:mod:`qbx_engine.market.indicators`); the bars a
bot fetches and the bars a backtest skips both follow from it.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from ..core.errors import QbxError, ValidationError
from ..core.i18n import Msg
from ..market.bars import Bars
from .params import Param, ParamError

BUY, SELL, HOLD = "BUY", "SELL", "HOLD"
EXIT_LONG, EXIT_SHORT, EXIT = "EXIT_LONG", "EXIT_SHORT", "EXIT"
SIGNAL_NAMES = {1: BUY, -1: SELL, 0: HOLD, 2: EXIT_LONG, -2: EXIT_SHORT, 3: EXIT}
SIGNAL_CODES = {name: code for code, name in SIGNAL_NAMES.items()}
ENTRIES = {BUY: "buy", SELL: "sell"}
EXITS = {EXIT_LONG: ("buy",), EXIT_SHORT: ("sell",), EXIT: ("buy", "sell")}
MARKETS = ("forex", "metal", "crypto", "index")
DIFFICULTIES = ("beginner", "intermediate", "advanced")


class StrategyError(QbxError):
    """A strategy produced something the engine cannot act on (a bug in the strategy, not in the market)."""

    def __init__(self, strategy: str, problem: str):
        super().__init__("err.strategy_output", strategy=strategy, problem=problem)


@dataclass(frozen=True)
class Analysis:
    signal: str
    reason: Msg
    indicators: dict[str, float | None]
    bar_time: float | None  # start of the last closed bar, epoch seconds
    close: float | None

    def to_json(self) -> dict:
        return {"signal": self.signal, "reason": self.reason.to_json(), "indicators": dict(self.indicators),
                "bar_time": self.bar_time, "close": self.close}


@dataclass(frozen=True)
class Level:
    """A horizontal line on an oscillator panel (e.g. RSI 30 and 70)."""

    value: float
    param: str | None = None  # the parameter it follows, if any


class Strategy(ABC):
    name: ClassVar[str]
    label: ClassVar[dict[str, str]]
    description: ClassVar[dict[str, str]]
    difficulty: ClassVar[str]  # beginner, intermediate, advanced
    params: ClassVar[tuple[Param, ...]]
    markets: ClassVar[tuple[str, ...]] = MARKETS  # where it suits (forex, metal, crypto, index)
    timeframes: ClassVar[tuple[str, ...]] = ()  # suggested timeframes; empty: any
    overlays: ClassVar[tuple[str, ...]] = ()  # indicator columns drawn over the price
    oscillator: ClassVar[tuple[str, ...]] = ()  # indicator columns drawn in a panel below
    levels: ClassVar[tuple[Level, ...]] = ()
    presets: ClassVar[dict[str, dict[str, Any]]] = {}
    # True for a kind whose live signals come from outside (TradingView alerts), not from the bars: the live
    # tick takes them from the bot's alert queue; ``compute`` maps a table of past alerts onto bars for backtests.
    from_alerts: ClassVar[bool] = False

    def __init__(self, params: dict[str, Any] | None = None):
        self.p = self.validate(params)

    # -- parameters ------------------------------------------------------------
    @classmethod
    def validate(cls, params: dict[str, Any] | None) -> dict[str, Any]:
        """All parameters in their declared types, defaults filled in, or ValidationError."""
        params = dict(params or {})
        declared = {p.name: p for p in cls.params}
        errors: dict[str, Msg] = {}
        for unknown in sorted(set(params) - set(declared), key=str):
            errors[f"strategy_params.{unknown}"] = Msg("param.unknown", {"name": unknown, "strategy": cls.label})
        clean: dict[str, Any] = {}
        for name, param in declared.items():
            try:
                clean[name] = param.coerce(params[name]) if name in params else param.default
            except ParamError as exc:
                errors[f"strategy_params.{name}"] = exc.msg
        if not errors:
            errors.update({f"strategy_params.{field}": msg for field, msg in cls.cross_check(clean).items()})
        if errors:
            raise ValidationError(errors)
        return clean

    @classmethod
    def cross_check(cls, params: dict[str, Any]) -> dict[str, Msg]:
        """Rules that involve several parameters (e.g. fast period below slow)."""
        return {}

    @classmethod
    def describe(cls) -> dict:
        return {"name": cls.name, "label": cls.label, "description": cls.description,
                "difficulty": cls.difficulty, "markets": list(cls.markets), "timeframes": list(cls.timeframes),
                "params": [p.to_json() for p in cls.params], "presets": cls.presets,
                "overlays": list(cls.overlays), "oscillator": list(cls.oscillator)}

    # -- analysis --------------------------------------------------------------
    @abstractmethod
    def warmup(self) -> int:
        """Bars before the first bar whose indicators mean what they say (from the indicators' warm-ups)."""

    @abstractmethod
    def compute(self, bars: Bars) -> dict[str, np.ndarray]:
        """Indicator arrays plus ``signal`` (codes of :data:`SIGNAL_NAMES`), one value per bar."""

    @abstractmethod
    def explain(self, row: dict[str, float], signal: str) -> Msg:
        """One line saying why the last bar gives ``signal``."""

    def bars_needed(self) -> int:
        """Closed bars a live bot reads: the warm-up plus the bar before the last (for crossings)."""
        return self.warmup() + 2

    def columns(self, bars: Bars) -> dict[str, np.ndarray]:
        """``compute``, with its output checked so a faulty strategy fails loudly and by name."""
        out = self.compute(bars)
        if not isinstance(out, dict) or "signal" not in out:
            raise StrategyError(self.name, "no 'signal' column")
        size = len(bars)
        for column, values in out.items():
            if np.shape(values) != (size,):
                raise StrategyError(self.name, f"column {column!r} has shape {np.shape(values)}, "
                                                f"expected ({size},) like the bars")
        signal = np.asarray(out["signal"])
        if signal.dtype.kind == "f" and not np.isfinite(signal).all():
            raise StrategyError(self.name, "the signal has NaN or infinite values")
        if signal.dtype.kind not in "iuf" or (size and (signal.min() < min(SIGNAL_NAMES) or
                                                        signal.max() > max(SIGNAL_NAMES)
                                                        or (signal.dtype.kind == "f" and
                                                            not (signal == np.round(signal)).all()))):
            bad = sorted(set(np.unique(signal).tolist()) - set(SIGNAL_NAMES))[:5]
            raise StrategyError(self.name, f"unknown signal values {bad}")
        out["signal"] = signal.astype(np.int8, copy=False)
        return out

    def indicator_columns(self) -> tuple[str, ...]:
        return self.overlays + self.oscillator

    def analyze(self, bars: Bars) -> Analysis:
        if bars is None or len(bars) == 0:
            return Analysis(HOLD, Msg("why.no_bars"), {}, None, None)
        last_time = float(bars.time[-1])
        last_close = float(bars.close[-1])
        if len(bars) < self.bars_needed():
            return Analysis(HOLD, Msg("why.not_enough_bars", {"have": len(bars), "need": self.bars_needed()}),
                            {}, last_time, last_close)
        columns = self.columns(bars)
        row = {name: float(values[-1]) for name, values in columns.items()}
        signal = SIGNAL_NAMES[int(columns["signal"][-1])]
        values = {name: _plain(row.get(name)) for name in self.indicator_columns()}
        return Analysis(signal, self.explain(row, signal), values, last_time, last_close)

    def frame(self, bars: Bars):
        """Every bar with its indicators and signal, as a DataFrame (charts, exports)."""
        import pandas as pd

        columns = self.columns(bars)
        return pd.DataFrame({"time": bars.frame()["time"], **columns})

    def level_values(self) -> list[float]:
        return [self.p[level.param] if level.param else level.value for level in self.levels]


def signals(buy, sell, exit_long=None, exit_short=None) -> np.ndarray:
    """One signal array from boolean conditions: entries win over exits; a bar that is both BUY and SELL holds."""
    buy, sell = np.asarray(buy, dtype=bool), np.asarray(sell, dtype=bool)
    out = np.zeros(buy.shape, dtype=np.int8)
    if exit_long is not None or exit_short is not None:
        long_out = np.asarray(exit_long, dtype=bool) if exit_long is not None else np.zeros(buy.shape, bool)
        short_out = np.asarray(exit_short, dtype=bool) if exit_short is not None else np.zeros(buy.shape, bool)
        out[long_out] = SIGNAL_CODES[EXIT_LONG]
        out[short_out] = SIGNAL_CODES[EXIT_SHORT]
        out[long_out & short_out] = SIGNAL_CODES[EXIT]
    out[buy & ~sell] = 1
    out[sell & ~buy] = -1
    return out


def _plain(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def shorter_first(params: dict[str, Any], *names: str) -> dict[str, Msg]:
    """The rule of strategies with a fast and a slow period: each named period shorter than the next one.
    The first pair out of order is named, by its shorter period (where the trader fixes it)."""
    for fast, slow in zip(names, names[1:], strict=False):
        if params[fast] >= params[slow]:
            return {fast: Msg("param.fast_below_slow", {"fast": params[fast], "slow": params[slow]})}
    return {}
