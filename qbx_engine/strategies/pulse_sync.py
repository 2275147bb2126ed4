"""Pulse Sync: three voices must agree — the trend SMA, MACD momentum, and a Stochastic turn."""

from __future__ import annotations

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import (
    crossed_above,
    crossed_below,
    macd,
    slow_stochastic,
    sma,
    warmup_ema,
    warmup_slow_stochastic,
    warmup_window,
)
from .base import BUY, SELL, Level, Strategy, shorter_first, signals
from .params import int_param


class PulseSync(Strategy):
    name = "pulse_sync"
    label = {"id": "Pulse Sync", "en": "Pulse Sync"}
    description = {
        "id": "BUY saat harga di atas SMA tren, histogram MACD positif, dan %K Stochastic memotong ke atas %D; "
              "SELL saat ketiganya sepakat ke bawah.",
        "en": "BUY when price is above the trend SMA, the MACD histogram is positive and Stochastic %K crosses "
              "above %D; SELL when all three agree downwards."}
    difficulty = "intermediate"
    markets = ("forex", "metal", "crypto", "index")
    timeframes = ("M15", "H1", "H4")
    params = (
        int_param("trend_period", 100, 10, 400, {"id": "Periode SMA tren", "en": "Trend SMA period"},
                  {"id": "Arah besar: hanya BUY di atas SMA ini, hanya SELL di bawahnya.",
                   "en": "The big direction: only BUY above this SMA, only SELL below it."}),
        int_param("macd_fast", 12, 2, 100, {"id": "MACD EMA cepat", "en": "MACD fast EMA"},
                  {"id": "EMA cepat dari MACD (standar 12).", "en": "The MACD's fast EMA (standard 12)."}),
        int_param("macd_slow", 26, 3, 200, {"id": "MACD EMA lambat", "en": "MACD slow EMA"},
                  {"id": "EMA lambat dari MACD (standar 26).", "en": "The MACD's slow EMA (standard 26)."}),
        int_param("macd_signal", 9, 2, 50, {"id": "Garis sinyal MACD", "en": "MACD signal line"},
                  {"id": "Histogram = MACD dikurangi EMA-nya sekian bar; positif berarti momentum naik.",
                   "en": "Histogram = MACD minus its EMA over this many bars; positive means upward momentum."}),
        int_param("stoch_k", 14, 3, 100, {"id": "Periode %K", "en": "%K period"},
                  {"id": "Rentang tertinggi-terendah untuk Stochastic.", "en": "The Stochastic's high-low range."}),
        int_param("stoch_d", 3, 1, 20, {"id": "Periode %D", "en": "%D period"},
                  {"id": "Rata-rata %K yang menjadi garis %D.", "en": "The average of %K that makes %D."}),
        int_param("stoch_smooth", 3, 1, 20, {"id": "Penghalusan %K", "en": "%K smoothing"},
                  {"id": "%K dihaluskan sekian bar dulu (Stochastic lambat); 1 = Stochastic cepat.",
                   "en": "%K is first averaged over this many bars (slow Stochastic); 1 = fast Stochastic."}),
    )
    overlays = ("sma_trend",)
    oscillator = ("stoch_k", "stoch_d")
    levels = (Level(20.0), Level(80.0))
    presets = {
        "conservative": {"trend_period": 200, "macd_fast": 12, "macd_slow": 26, "macd_signal": 9, "stoch_k": 14,
                         "stoch_d": 3, "stoch_smooth": 5},
        "balanced": {"trend_period": 100, "macd_fast": 12, "macd_slow": 26, "macd_signal": 9, "stoch_k": 14,
                     "stoch_d": 3, "stoch_smooth": 3},
        "aggressive": {"trend_period": 50, "macd_fast": 8, "macd_slow": 21, "macd_signal": 5, "stoch_k": 9,
                       "stoch_d": 3, "stoch_smooth": 2}}

    @classmethod
    def cross_check(cls, params):
        return shorter_first(params, "macd_fast", "macd_slow")

    def warmup(self) -> int:
        return max(warmup_window(self.p["trend_period"]),
                   warmup_ema(self.p["macd_slow"]) + warmup_ema(self.p["macd_signal"]),
                   warmup_slow_stochastic(self.p["stoch_k"], self.p["stoch_smooth"], self.p["stoch_d"]))

    def compute(self, bars: Bars) -> dict:
        close = bars.close
        trend = sma(close, self.p["trend_period"])
        _, _, histogram = macd(close, self.p["macd_fast"], self.p["macd_slow"], self.p["macd_signal"])
        k, d = slow_stochastic(bars.high, bars.low, close, self.p["stoch_k"], self.p["stoch_smooth"],
                               self.p["stoch_d"])
        with np.errstate(invalid="ignore"):
            buy = (close > trend) & (histogram > 0) & crossed_above(k, d)
            sell = (close < trend) & (histogram < 0) & crossed_below(k, d)
        return {"sma_trend": trend, "macd_hist": histogram, "stoch_k": k, "stoch_d": d, "close": close,
                "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        numbers = {"trend": row["sma_trend"], "hist": row["macd_hist"], "k": row["stoch_k"], "d": row["stoch_d"],
                   "n": self.p["trend_period"]}
        if signal in (BUY, SELL):
            return Msg({BUY: "why.pulse.buy", SELL: "why.pulse.sell"}[signal], numbers)
        votes = sum((row["close"] > row["sma_trend"], row["macd_hist"] > 0, row["stoch_k"] > row["stoch_d"]))
        return Msg("why.pulse.hold", {**numbers, "up": int(votes), "down": 3 - int(votes)})
