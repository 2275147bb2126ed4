"""MACD crossover: momentum turning, optionally only on the side of the zero line."""

from __future__ import annotations

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import crossed_above, crossed_below, macd, warmup_ema
from .base import BUY, SELL, Level, Strategy, shorter_first, signals
from .params import Param, int_param


class MACDCrossover(Strategy):
    name = "macd_crossover"
    label = {"id": "Persilangan MACD", "en": "MACD Crossover"}
    description = {
        "id": "BUY saat garis MACD memotong ke atas garis sinyal, SELL saat memotong ke bawah.",
        "en": "BUY when the MACD line crosses above its signal line, SELL when it crosses below."}
    difficulty = "intermediate"
    params = (
        int_param("fast_period", 12, 2, 100, {"id": "EMA cepat", "en": "Fast EMA"},
                  {"id": "Periode EMA cepat.", "en": "Fast EMA period."}),
        int_param("slow_period", 26, 3, 200, {"id": "EMA lambat", "en": "Slow EMA"},
                  {"id": "Periode EMA lambat.", "en": "Slow EMA period."}),
        int_param("signal_period", 9, 2, 50, {"id": "Garis sinyal", "en": "Signal line"},
                  {"id": "Periode EMA dari garis MACD.", "en": "EMA period of the MACD line."}),
        Param("zero_filter", "bool", False, {"id": "Filter garis nol", "en": "Zero-line filter"},
              {"id": "Hanya BUY di bawah nol dan SELL di atas nol (pembalikan dari ekstrem).",
               "en": "Only BUY below zero and SELL above zero (turns from extremes)."}),
    )
    oscillator = ("macd", "macd_signal")
    levels = (Level(0.0),)
    markets = ("forex", "metal", "crypto", "index")
    timeframes = ("H1", "H4", "D1")
    presets = {"conservative": {"fast_period": 12, "slow_period": 26, "signal_period": 9, "zero_filter": True},
               "balanced": {"fast_period": 12, "slow_period": 26, "signal_period": 9, "zero_filter": False},
               "aggressive": {"fast_period": 8, "slow_period": 21, "signal_period": 5, "zero_filter": False}}

    @classmethod
    def cross_check(cls, params):
        return shorter_first(params, "fast_period", "slow_period")

    def warmup(self) -> int:
        return warmup_ema(self.p["slow_period"]) + warmup_ema(self.p["signal_period"])

    def compute(self, bars: Bars) -> dict:
        line, signal_line, _ = macd(bars.close, self.p["fast_period"], self.p["slow_period"],
                                    self.p["signal_period"])
        buy = crossed_above(line, signal_line)
        sell = crossed_below(line, signal_line)
        if self.p["zero_filter"]:
            with np.errstate(invalid="ignore"):
                buy &= line < 0
                sell &= line > 0
        return {"macd": line, "macd_signal": signal_line, "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        numbers = {"macd": row["macd"], "signal_line": row["macd_signal"]}
        return Msg({BUY: "why.macd.buy", SELL: "why.macd.sell"}.get(signal, "why.macd.hold"), numbers)
