"""RSI crossover: momentum turning (RSI crossing its own average), taken only with the trend."""

from __future__ import annotations

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import crossed_above, crossed_below, rsi, sma, warmup_wilder, warmup_window
from .base import BUY, SELL, Level, Strategy, signals
from .params import int_param


class RSICrossover(Strategy):
    name = "rsi_crossover"
    label = {"id": "Persilangan RSI", "en": "RSI Crossover"}
    description = {
        "id": "BUY saat RSI memotong ke atas rata-ratanya ketika harga di atas SMA tren; SELL kebalikannya.",
        "en": "BUY when RSI crosses above its own average while price is above the trend SMA; SELL the mirror."}
    difficulty = "beginner"
    markets = ("forex", "metal", "crypto", "index")
    timeframes = ("M15", "H1", "H4")
    params = (
        int_param("rsi_period", 14, 2, 100, {"id": "Periode RSI", "en": "RSI period"},
                  {"id": "Jumlah bar untuk RSI; 14 adalah standar.", "en": "Bars in the RSI; 14 is the standard."}),
        int_param("rsi_ma_period", 10, 2, 100, {"id": "Periode rata-rata RSI", "en": "RSI average period"},
                  {"id": "SMA dari RSI yang harus dipotong RSI; makin kecil makin cepat (dan makin banyak sinyal).",
                   "en": "The SMA of the RSI that the RSI must cross; smaller is faster (and gives more signals)."}),
        int_param("trend_period", 50, 10, 400, {"id": "Periode SMA tren", "en": "Trend SMA period"},
                  {"id": "Hanya BUY di atas SMA ini dan hanya SELL di bawahnya.",
                   "en": "Only BUY above this SMA and only SELL below it."}),
    )
    overlays = ("sma_trend",)
    oscillator = ("rsi", "rsi_ma")
    levels = (Level(50.0),)
    presets = {"conservative": {"rsi_period": 14, "rsi_ma_period": 14, "trend_period": 100},
               "balanced": {"rsi_period": 14, "rsi_ma_period": 10, "trend_period": 50},
               "aggressive": {"rsi_period": 9, "rsi_ma_period": 5, "trend_period": 30}}

    def warmup(self) -> int:
        return max(warmup_wilder(self.p["rsi_period"]) + warmup_window(self.p["rsi_ma_period"]),
                   warmup_window(self.p["trend_period"]))

    def compute(self, bars: Bars) -> dict:
        close = bars.close
        value = rsi(close, self.p["rsi_period"])
        average = sma(value, self.p["rsi_ma_period"])
        trend = sma(close, self.p["trend_period"])
        with np.errstate(invalid="ignore"):
            buy = (close > trend) & crossed_above(value, average)
            sell = (close < trend) & crossed_below(value, average)
        return {"sma_trend": trend, "rsi": value, "rsi_ma": average, "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        numbers = {"rsi": row["rsi"], "rsi_ma": row["rsi_ma"], "trend": row["sma_trend"],
                   "n": self.p["trend_period"]}
        if signal in (BUY, SELL):
            return Msg({BUY: "why.rsix.buy", SELL: "why.rsix.sell"}[signal], numbers)
        return Msg("why.rsix.hold", numbers)
