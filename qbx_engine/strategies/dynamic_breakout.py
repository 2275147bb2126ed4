"""Dynamic breakout: a Donchian breakout in the EMA trend's direction, on a bar wide enough to mean it."""

from __future__ import annotations

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import atr_simple, donchian, ema, warmup_ema, warmup_window
from .base import BUY, SELL, Strategy, signals
from .params import float_param, int_param


class DynamicBreakout(Strategy):
    name = "dynamic_breakout"
    label = {"id": "Breakout Dinamis", "en": "Dynamic Breakout"}
    description = {
        "id": "BUY saat close menembus channel Donchian ke atas, searah EMA tren, pada bar yang rentangnya lebih "
              "lebar dari sekian kali ATR; SELL kebalikannya.",
        "en": "BUY when the close breaks above the Donchian channel, with the EMA trend, on a bar whose range beats "
              "a multiple of the ATR; SELL the mirror."}
    difficulty = "intermediate"
    markets = ("forex", "metal", "crypto", "index")
    timeframes = ("M15", "H1", "H4")
    params = (
        int_param("channel_period", 20, 5, 200, {"id": "Periode channel Donchian", "en": "Donchian channel period"},
                  {"id": "Tertinggi dan terendah dari sekian bar sebelumnya yang harus ditembus.",
                   "en": "The highest high and lowest low of this many previous bars that the close must break."}),
        int_param("ema_period", 50, 5, 400, {"id": "Periode EMA tren", "en": "Trend EMA period"},
                  {"id": "Hanya BUY di atas EMA ini dan hanya SELL di bawahnya.",
                   "en": "Only BUY above this EMA and only SELL below it."}),
        int_param("atr_period", 14, 2, 100, {"id": "Periode ATR", "en": "ATR period"},
                  {"id": "Jumlah bar untuk ATR (rata-rata rentang bar, seperti indikator ATR di MT5).",
                   "en": "Bars in the ATR (the average bar range, as MT5's ATR indicator draws it)."}),
        float_param("atr_multiplier", 0.8, 0.0, 5.0, {"id": "Pengali ATR (volatilitas)", "en": "ATR multiplier"},
                    {"id": "Bar breakout harus lebih lebar dari ATR dikali angka ini; 0 mematikan filter ini.",
                     "en": "The breakout bar's range must beat the ATR times this; 0 turns the filter off."}),
    )
    overlays = ("dc_lower", "dc_upper", "ema_trend")
    presets = {"conservative": {"channel_period": 30, "ema_period": 100, "atr_period": 14, "atr_multiplier": 1.0},
               "balanced": {"channel_period": 20, "ema_period": 50, "atr_period": 14, "atr_multiplier": 0.8},
               "aggressive": {"channel_period": 10, "ema_period": 20, "atr_period": 14, "atr_multiplier": 0.5}}

    def warmup(self) -> int:
        return max(warmup_window(self.p["channel_period"]) + 1, warmup_ema(self.p["ema_period"]),
                   warmup_window(self.p["atr_period"]) + 1)

    def compute(self, bars: Bars) -> dict:
        close = bars.close
        lower, upper = donchian(bars.high, bars.low, self.p["channel_period"])
        trend = ema(close, self.p["ema_period"])
        atr = atr_simple(bars.high, bars.low, close, self.p["atr_period"])
        bar_range = bars.high - bars.low
        with np.errstate(invalid="ignore"):
            wide = bar_range > atr * self.p["atr_multiplier"]
            buy = (close > upper) & (close > trend) & wide
            sell = (close < lower) & (close < trend) & wide
        return {"dc_lower": lower, "dc_upper": upper, "ema_trend": trend, "atr": atr, "bar_range": bar_range,
                "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        numbers = {"lower": row["dc_lower"], "upper": row["dc_upper"], "ema": row["ema_trend"],
                   "range": row["bar_range"], "atr": row["atr"], "mult": self.p["atr_multiplier"],
                   "n": self.p["channel_period"]}
        return Msg({BUY: "why.dyn.buy", SELL: "why.dyn.sell"}.get(signal, "why.dyn.hold"), numbers)
