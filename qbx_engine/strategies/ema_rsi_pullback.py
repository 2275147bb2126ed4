"""Trend filter plus pullback: trade RSI dips in the direction of a long EMA."""

from __future__ import annotations

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import crossed_above, crossed_below, ema, rsi, warmup_ema, warmup_wilder
from .base import BUY, SELL, Strategy, signals
from .params import float_param, int_param


class EMARSIPullback(Strategy):
    name = "ema_rsi_pullback"
    label = {"id": "Tren EMA + Pullback RSI", "en": "EMA Trend + RSI Pullback"}
    description = {
        "id": "Hanya BUY saat harga di atas EMA tren dan RSI naik kembali dari pullback; hanya SELL saat di bawah "
              "EMA dan RSI turun kembali dari rebound.",
        "en": "Only BUY above the trend EMA when RSI turns up out of a pullback; only SELL below it when RSI turns "
              "down out of a bounce."}
    difficulty = "advanced"
    params = (
        int_param("trend_period", 200, 20, 400, {"id": "Periode EMA tren", "en": "Trend EMA period"},
                  {"id": "EMA panjang yang menentukan arah tren.", "en": "The long EMA that sets the trend."}),
        int_param("rsi_period", 14, 2, 50, {"id": "Periode RSI", "en": "RSI period"},
                  {"id": "Jumlah bar untuk RSI.", "en": "Bars in the RSI."}),
        float_param("pullback", 40.0, 10.0, 50.0, {"id": "Level pullback", "en": "Pullback level"},
                    {"id": "Dalam tren naik, BUY saat RSI naik kembali di atas level ini (SELL memakai 100 dikurangi "
                           "level ini).",
                     "en": "In an uptrend, BUY when RSI climbs back above this (SELL uses 100 minus it)."},
                    step=1.0),
    )
    overlays = ("ema_trend",)
    oscillator = ("rsi",)
    markets = ("forex", "metal", "crypto", "index")
    timeframes = ("H1", "H4")
    presets = {"conservative": {"trend_period": 200, "rsi_period": 14, "pullback": 35.0},
               "balanced": {"trend_period": 200, "rsi_period": 14, "pullback": 40.0},
               "aggressive": {"trend_period": 100, "rsi_period": 9, "pullback": 45.0}}

    def warmup(self) -> int:
        return max(warmup_ema(self.p["trend_period"]), warmup_wilder(self.p["rsi_period"]))

    def compute(self, bars: Bars) -> dict:
        close = bars.close
        trend = ema(close, self.p["trend_period"])
        value = rsi(close, self.p["rsi_period"])
        low, high = self.p["pullback"], 100.0 - self.p["pullback"]
        with np.errstate(invalid="ignore"):
            buy = (close > trend) & crossed_above(value, low)
            sell = (close < trend) & crossed_below(value, high)
        return {"ema_trend": trend, "rsi": value, "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        numbers = {"ema": row["ema_trend"], "rsi": row["rsi"], "low": self.p["pullback"],
                   "high": 100.0 - self.p["pullback"]}
        if signal in (BUY, SELL):
            return Msg({BUY: "why.pullback.buy", SELL: "why.pullback.sell"}[signal], numbers)
        return Msg("why.pullback.hold", numbers)
