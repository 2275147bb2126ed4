"""Bollinger Bands reversion: fade a stretch outside the bands once price comes back inside."""

from __future__ import annotations

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import bollinger, shift, sma, warmup_window
from .base import BUY, SELL, Strategy, signals
from .params import Param, float_param, int_param


class BollingerReversion(Strategy):
    name = "bollinger_reversion"
    label = {"id": "Reversion Bollinger Bands", "en": "Bollinger Bands Reversion"}
    description = {
        "id": "BUY saat harga kembali masuk dari bawah band bawah, SELL saat kembali masuk dari atas band atas.",
        "en": "BUY when price closes back inside from below the lower band, SELL when it closes back inside "
              "from above the upper band."}
    difficulty = "intermediate"
    params = (
        int_param("bb_period", 20, 5, 200, {"id": "Periode band", "en": "Band period"},
                  {"id": "Jumlah bar untuk rata-rata tengah.", "en": "Bars in the middle average."}),
        float_param("bb_std", 2.0, 0.5, 4.0, {"id": "Lebar band (deviasi standar)", "en": "Band width (std devs)"},
                    {"id": "Jarak band dari rata-rata, dalam deviasi standar.",
                     "en": "Distance of the bands from the average, in standard deviations."}),
        Param("trend_filter", "bool", False, {"id": "Filter tren (SMA)", "en": "Trend filter (SMA)"},
              {"id": "Aktif: hanya BUY saat harga di atas SMA tren dan hanya SELL di bawahnya, agar tidak melawan "
                     "tren besar.",
               "en": "On: only BUY while price is above the trend SMA and only SELL below it, so trades do not "
                     "fight the big trend."}),
        int_param("trend_period", 200, 20, 400, {"id": "Periode SMA tren", "en": "Trend SMA period"},
                  {"id": "Panjang SMA untuk filter tren (dipakai hanya bila filter aktif).",
                   "en": "Length of the trend filter's SMA (used only when the filter is on)."}),
    )
    markets = ("forex", "metal", "index")
    timeframes = ("M15", "H1", "H4")
    overlays = ("bb_lower", "bb_middle", "bb_upper", "sma_trend")
    presets = {"conservative": {"bb_period": 20, "bb_std": 2.5, "trend_filter": True, "trend_period": 200},
               "balanced": {"bb_period": 20, "bb_std": 2.0, "trend_filter": True, "trend_period": 100},
               "aggressive": {"bb_period": 20, "bb_std": 1.8, "trend_filter": False, "trend_period": 200}}

    def warmup(self) -> int:
        if self.p["trend_filter"]:
            return max(warmup_window(self.p["bb_period"]), warmup_window(self.p["trend_period"]))
        return warmup_window(self.p["bb_period"])

    def compute(self, bars: Bars) -> dict:
        close = bars.close
        lower, middle, upper = bollinger(close, self.p["bb_period"], self.p["bb_std"])
        trend = sma(close, self.p["trend_period"]) if self.p["trend_filter"] else np.full(len(close), np.nan)
        with np.errstate(invalid="ignore"):
            buy = (shift(close) < shift(lower)) & (close >= lower)
            sell = (shift(close) > shift(upper)) & (close <= upper)
            if self.p["trend_filter"]:
                buy &= close > trend
                sell &= close < trend
        return {"bb_lower": lower, "bb_middle": middle, "bb_upper": upper, "sma_trend": trend,
                "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        numbers = {"lower": row["bb_lower"], "upper": row["bb_upper"], "middle": row["bb_middle"],
                   "trend": row["sma_trend"]}
        if signal in (BUY, SELL) and self.p["trend_filter"]:
            return Msg({BUY: "why.bb.buy_trend", SELL: "why.bb.sell_trend"}[signal], numbers)
        return Msg({BUY: "why.bb.buy", SELL: "why.bb.sell"}.get(signal, "why.bb.hold"), numbers)
