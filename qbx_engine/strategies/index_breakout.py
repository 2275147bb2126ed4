"""Index breakout: a close clearly beyond the recent range (by a share of the ATR), with trend and volume."""

from __future__ import annotations

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import atr_simple, donchian, ema, sma, warmup_ema, warmup_window
from .base import BUY, SELL, Strategy, shorter_first, signals
from .params import float_param, int_param


class IndexBreakout(Strategy):
    name = "index_breakout"
    label = {"id": "Breakout Indeks", "en": "Index Breakout"}
    description = {
        "id": "Untuk indeks saham: BUY saat close melewati tertinggi N bar ditambah sebagian ATR, dengan EMA cepat "
              "di atas EMA lambat dan volume tick di atas rata-rata; SELL kebalikannya.",
        "en": "For stock indices: BUY when the close clears the N-bar high by a share of the ATR, with the fast EMA "
              "above the slow one and tick volume above its average; SELL the mirror."}
    difficulty = "advanced"
    markets = ("index",)
    timeframes = ("M15", "M30", "H1")
    params = (
        int_param("breakout_period", 20, 5, 200, {"id": "Periode breakout", "en": "Breakout period"},
                  {"id": "Tertinggi/terendah dari sekian bar sebelumnya yang harus dilewati.",
                   "en": "The high/low of this many previous bars that the close must clear."}),
        int_param("atr_period", 14, 2, 100, {"id": "Periode ATR", "en": "ATR period"},
                  {"id": "Jumlah bar untuk ATR (seperti indikator ATR di MT5).",
                   "en": "Bars in the ATR (as MT5's ATR indicator draws it)."}),
        float_param("breakout_atr", 0.2, 0.0, 3.0, {"id": "Jarak tembus (x ATR)", "en": "Breakout margin (x ATR)"},
                    {"id": "Close harus melewati level sejauh ATR dikali angka ini, agar sentuhan tipis tidak "
                           "dihitung; 0 = cukup melewati.",
                     "en": "The close must clear the level by the ATR times this, so a bare poke does not count; "
                           "0 = any close beyond."}, step=0.05),
        int_param("fast_ema", 20, 2, 200, {"id": "EMA cepat", "en": "Fast EMA"},
                  {"id": "Tren: BUY hanya saat EMA cepat di atas EMA lambat.",
                   "en": "Trend: BUY only while the fast EMA is above the slow one."}),
        int_param("slow_ema", 50, 3, 400, {"id": "EMA lambat", "en": "Slow EMA"},
                  {"id": "Harus lebih besar dari EMA cepat.", "en": "Must be larger than the fast EMA."}),
        int_param("volume_period", 20, 2, 200, {"id": "Periode rata-rata volume", "en": "Volume average period"},
                  {"id": "Volume tick bar dibandingkan dengan rata-ratanya selama sekian bar.",
                   "en": "The bar's tick volume is compared with its average over this many bars."}),
        float_param("volume_multiplier", 1.2, 0.0, 5.0, {"id": "Pengali volume", "en": "Volume multiplier"},
                    {"id": "Volume tick harus minimal rata-rata dikali angka ini; 0 mematikan syarat volume.",
                     "en": "Tick volume must be at least its average times this; 0 turns the volume check off."}),
    )
    overlays = ("range_high", "range_low", "ema_fast", "ema_slow")
    presets = {
        "conservative": {"breakout_period": 30, "atr_period": 14, "breakout_atr": 0.3, "fast_ema": 20, "slow_ema": 50,
                         "volume_period": 20, "volume_multiplier": 1.5},
        "balanced": {"breakout_period": 20, "atr_period": 14, "breakout_atr": 0.2, "fast_ema": 20, "slow_ema": 50,
                     "volume_period": 20, "volume_multiplier": 1.2},
        "aggressive": {"breakout_period": 10, "atr_period": 14, "breakout_atr": 0.1, "fast_ema": 10, "slow_ema": 30,
                       "volume_period": 10, "volume_multiplier": 1.0}}

    @classmethod
    def cross_check(cls, params):
        return shorter_first(params, "fast_ema", "slow_ema")

    def warmup(self) -> int:
        return max(warmup_window(self.p["breakout_period"]) + 1, warmup_window(self.p["atr_period"]) + 1,
                   warmup_ema(self.p["slow_ema"]), warmup_window(self.p["volume_period"]))

    def compute(self, bars: Bars) -> dict:
        close = bars.close
        low_level, high_level = donchian(bars.high, bars.low, self.p["breakout_period"])
        atr = atr_simple(bars.high, bars.low, close, self.p["atr_period"])
        fast, slow = ema(close, self.p["fast_ema"]), ema(close, self.p["slow_ema"])
        volume = np.asarray(bars.tick_volume, dtype=np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = volume / sma(volume, self.p["volume_period"])
            margin = atr * self.p["breakout_atr"]
            loud = ratio >= self.p["volume_multiplier"]
            buy = (close > high_level + margin) & (fast > slow) & loud
            sell = (close < low_level - margin) & (fast < slow) & loud
        return {"range_high": high_level, "range_low": low_level, "ema_fast": fast, "ema_slow": slow, "atr": atr,
                "volume_ratio": ratio, "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        numbers = {"high": row["range_high"], "low": row["range_low"], "atr": row["atr"],
                   "margin": row["atr"] * self.p["breakout_atr"], "ratio": row["volume_ratio"],
                   "n": self.p["breakout_period"]}
        return Msg({BUY: "why.idxbo.buy", SELL: "why.idxbo.sell"}.get(signal, "why.idxbo.hold"), numbers)
