"""Hybrid regime: ADX decides whether the market trends (follow an MA cross) or ranges (fade the bands)."""

from __future__ import annotations

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import adx, bollinger, crossed_above, crossed_below, sma, warmup_adx, warmup_window
from .base import BUY, SELL, Level, Strategy, shorter_first, signals
from .params import float_param, int_param


class HybridRegime(Strategy):
    name = "hybrid_regime"
    label = {"id": "Hybrid Rezim (ADX)", "en": "Hybrid Regime (ADX)"}
    description = {
        "id": "ADX di atas ambang: ikuti persilangan MA searah tren. ADX di bawah ambang: beli sentuhan band "
              "bawah / jual sentuhan band atas, tetap searah SMA tren.",
        "en": "ADX above the threshold: follow an MA cross with the trend. ADX below it: buy a touch of the lower "
              "band / sell a touch of the upper band, still with the trend SMA."}
    difficulty = "advanced"
    markets = ("forex", "metal", "crypto", "index")
    timeframes = ("H1", "H4")
    params = (
        int_param("adx_period", 14, 2, 100, {"id": "Periode ADX", "en": "ADX period"},
                  {"id": "Jumlah bar untuk ADX, pengukur kekuatan tren (bukan arahnya).",
                   "en": "Bars in the ADX, which measures how strong a trend is (not its direction)."}),
        float_param("adx_threshold", 25.0, 10.0, 60.0, {"id": "Ambang ADX", "en": "ADX threshold"},
                    {"id": "ADX di atas angka ini = pasar trending (aturan MA); di bawahnya = sideways (aturan band).",
                     "en": "ADX above this = a trending market (the MA rule); below = ranging (the band rule)."},
                    step=1.0),
        int_param("fast_period", 20, 2, 200, {"id": "Periode MA cepat", "en": "Fast MA period"},
                  {"id": "SMA cepat untuk aturan tren.", "en": "The fast SMA of the trend rule."}),
        int_param("slow_period", 50, 3, 400, {"id": "Periode MA lambat", "en": "Slow MA period"},
                  {"id": "SMA lambat untuk aturan tren; harus lebih besar dari MA cepat.",
                   "en": "The slow SMA of the trend rule; must be larger than the fast one."}),
        int_param("bb_period", 20, 5, 200, {"id": "Periode band", "en": "Band period"},
                  {"id": "Jumlah bar untuk Bollinger Bands pada aturan sideways.",
                   "en": "Bars in the Bollinger Bands of the ranging rule."}),
        float_param("bb_std", 2.0, 0.5, 4.0, {"id": "Lebar band (deviasi standar)", "en": "Band width (std devs)"},
                    {"id": "Jarak band dari rata-rata; makin lebar makin jarang tersentuh.",
                     "en": "Distance of the bands from the average; wider bands are touched less often."}),
        int_param("trend_period", 200, 20, 400, {"id": "Periode SMA tren", "en": "Trend SMA period"},
                  {"id": "Kedua aturan hanya BUY di atas SMA ini dan hanya SELL di bawahnya.",
                   "en": "Both rules only BUY above this SMA and only SELL below it."}),
    )
    overlays = ("ma_fast", "ma_slow", "bb_lower", "bb_upper", "sma_trend")
    oscillator = ("adx",)
    levels = (Level(25.0, "adx_threshold"),)
    presets = {
        "conservative": {"adx_period": 14, "adx_threshold": 30.0, "fast_period": 20, "slow_period": 50,
                         "bb_period": 20, "bb_std": 2.5, "trend_period": 200},
        "balanced": {"adx_period": 14, "adx_threshold": 25.0, "fast_period": 20, "slow_period": 50,
                     "bb_period": 20, "bb_std": 2.0, "trend_period": 200},
        "aggressive": {"adx_period": 10, "adx_threshold": 20.0, "fast_period": 12, "slow_period": 26,
                       "bb_period": 18, "bb_std": 1.8, "trend_period": 100}}

    @classmethod
    def cross_check(cls, params):
        return shorter_first(params, "fast_period", "slow_period")

    def warmup(self) -> int:
        return max(warmup_adx(self.p["adx_period"]), warmup_window(self.p["slow_period"]),
                   warmup_window(self.p["bb_period"]), warmup_window(self.p["trend_period"]))

    def compute(self, bars: Bars) -> dict:
        close = bars.close
        strength, _, _ = adx(bars.high, bars.low, close, self.p["adx_period"])
        fast, slow = sma(close, self.p["fast_period"]), sma(close, self.p["slow_period"])
        lower, _, upper = bollinger(close, self.p["bb_period"], self.p["bb_std"])
        trend = sma(close, self.p["trend_period"])
        with np.errstate(invalid="ignore"):
            trending = strength > self.p["adx_threshold"]
            ranging = strength <= self.p["adx_threshold"]
            up, down = close > trend, close < trend
            buy = up & ((trending & crossed_above(fast, slow)) | (ranging & (bars.low <= lower)))
            sell = down & ((trending & crossed_below(fast, slow)) | (ranging & (bars.high >= upper)))
        return {"ma_fast": fast, "ma_slow": slow, "bb_lower": lower, "bb_upper": upper, "sma_trend": trend,
                "adx": strength, "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        trending = row["adx"] > self.p["adx_threshold"]
        numbers = {"adx": row["adx"], "threshold": self.p["adx_threshold"], "fast": row["ma_fast"],
                   "slow": row["ma_slow"], "lower": row["bb_lower"], "upper": row["bb_upper"],
                   "trend": row["sma_trend"]}
        mode = "trend" if trending else "range"
        if signal in (BUY, SELL):
            return Msg(f"why.hybrid.{mode}_{signal.lower()}", numbers)
        return Msg(f"why.hybrid.{mode}_hold", numbers)
