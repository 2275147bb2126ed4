"""The strategy contract: closed bars in, a signal with its numbers and reason out.

A strategy computes its indicators and a signal for *every* bar at once
(``compute``). The live tick reads the last row; the backtester reads them all.
Live and backtest therefore cannot disagree about a signal.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..i18n import Msg
from .params import Param, ParamError

BUY, SELL, HOLD = "BUY", "SELL", "HOLD"
SIGNAL_NAMES = {1: BUY, -1: SELL, 0: HOLD}


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
    overlays: ClassVar[tuple[str, ...]] = ()  # indicator columns drawn over the price
    oscillator: ClassVar[tuple[str, ...]] = ()  # indicator columns drawn in a panel below
    levels: ClassVar[tuple[Level, ...]] = ()
    presets: ClassVar[dict[str, dict[str, Any]]] = {}

    def __init__(self, params: dict[str, Any] | None = None):
        self.p = self.validate(params)

    # -- parameters ------------------------------------------------------------
    @classmethod
    def validate(cls, params: dict[str, Any] | None) -> dict[str, Any]:
        """All parameters in their declared types, defaults filled in, or ValidationError."""
        params = dict(params or {})
        declared = {p.name: p for p in cls.params}
        errors: dict[str, Msg] = {}
        for unknown in sorted(set(params) - set(declared)):
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
                "difficulty": cls.difficulty, "params": [p.to_json() for p in cls.params],
                "presets": cls.presets, "overlays": list(cls.overlays), "oscillator": list(cls.oscillator)}

    # -- analysis --------------------------------------------------------------
    @abstractmethod
    def bars_needed(self) -> int:
        """Closed bars the strategy needs before its signal means anything."""

    @abstractmethod
    def compute(self, bars: pd.DataFrame) -> pd.DataFrame:
        """Indicator columns plus ``signal`` (1 buy, -1 sell, 0 hold) for every bar."""

    @abstractmethod
    def explain(self, row: pd.Series, signal: str) -> Msg:
        """One line saying why the last bar gives ``signal``."""

    def indicator_columns(self) -> tuple[str, ...]:
        return self.overlays + self.oscillator

    def analyze(self, bars: pd.DataFrame) -> Analysis:
        if bars is None or len(bars) == 0:
            return Analysis(HOLD, Msg("why.no_bars"), {}, None, None)
        last_time = float(bars["time"].iloc[-1].timestamp())
        last_close = float(bars["close"].iloc[-1])
        if len(bars) < self.bars_needed():
            return Analysis(HOLD, Msg("why.not_enough_bars", {"have": len(bars), "need": self.bars_needed()}),
                            {}, last_time, last_close)
        frame = self.compute(bars)
        row = frame.iloc[-1]
        signal = SIGNAL_NAMES[int(row["signal"])]
        values = {name: _plain(row[name]) for name in self.indicator_columns()}
        return Analysis(signal, self.explain(row, signal), values, last_time, last_close)

    def level_values(self) -> list[float]:
        return [self.p[level.param] if level.param else level.value for level in self.levels]


def signals(buy: pd.Series, sell: pd.Series) -> pd.Series:
    """One signal column from two boolean conditions (a bar that is both holds)."""
    values = np.where(buy & ~sell, 1, np.where(sell & ~buy, -1, 0))
    return pd.Series(values.astype(np.int8), index=buy.index)


def _plain(value) -> float | None:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if np.isfinite(number) else None
