"""Stochastic oscillator: %K crossing %D inside the oversold or overbought zone."""

from __future__ import annotations

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import crossed_above, crossed_below, stochastic, warmup_window
from .base import BUY, SELL, Level, Strategy, signals
from .params import float_param, int_param


class StochasticCross(Strategy):
    name = "stochastic"
    label = {"id": "Stochastic", "en": "Stochastic"}
    description = {
        "id": "BUY saat %K memotong ke atas %D di zona oversold, SELL saat memotong ke bawah di zona overbought.",
        "en": "BUY when %K crosses above %D in the oversold zone, SELL when it crosses below in the "
              "overbought zone."}
    difficulty = "intermediate"
    params = (
        int_param("k_period", 14, 3, 100, {"id": "Periode %K", "en": "%K period"},
                  {"id": "Jumlah bar untuk rentang tertinggi-terendah.", "en": "Bars in the high-low range."}),
        int_param("d_period", 3, 1, 20, {"id": "Periode %D", "en": "%D period"},
                  {"id": "Rata-rata %K untuk garis %D.", "en": "Average of %K that makes %D."}),
        float_param("oversold", 20.0, 5.0, 50.0, {"id": "Zona oversold", "en": "Oversold zone"},
                    {"id": "Persilangan BUY hanya di bawah level ini.", "en": "BUY crosses only below this level."},
                    step=1.0),
        float_param("overbought", 80.0, 50.0, 95.0, {"id": "Zona overbought", "en": "Overbought zone"},
                    {"id": "Persilangan SELL hanya di atas level ini.", "en": "SELL crosses only above this level."},
                    step=1.0),
    )
    oscillator = ("stoch_k", "stoch_d")
    levels = (Level(20.0, "oversold"), Level(80.0, "overbought"))
    markets = ("forex", "metal", "index")
    timeframes = ("M15", "H1")
    presets = {"conservative": {"k_period": 14, "d_period": 3, "oversold": 15.0, "overbought": 85.0},
               "balanced": {"k_period": 14, "d_period": 3, "oversold": 20.0, "overbought": 80.0},
               "aggressive": {"k_period": 9, "d_period": 3, "oversold": 25.0, "overbought": 75.0}}

    @classmethod
    def cross_check(cls, params):
        if params["oversold"] >= params["overbought"]:
            return {"oversold": Msg("param.low_below_high", {"low": params["oversold"], "high": params["overbought"]})}
        return {}

    def warmup(self) -> int:
        return warmup_window(self.p["k_period"]) + warmup_window(self.p["d_period"])

    def compute(self, bars: Bars) -> dict:
        k, d = stochastic(bars.high, bars.low, bars.close, self.p["k_period"], self.p["d_period"])
        with np.errstate(invalid="ignore"):
            buy = crossed_above(k, d) & (d < self.p["oversold"])
            sell = crossed_below(k, d) & (d > self.p["overbought"])
        return {"stoch_k": k, "stoch_d": d, "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        numbers = {"k": row["stoch_k"], "d": row["stoch_d"], "low": self.p["oversold"], "high": self.p["overbought"]}
        return Msg({BUY: "why.stoch.buy", SELL: "why.stoch.sell"}.get(signal, "why.stoch.hold"), numbers)
