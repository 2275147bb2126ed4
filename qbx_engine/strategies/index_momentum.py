"""Index momentum: ride a stock index's move when RSI, the close and tick volume agree, or follow an opening gap.

Index CFDs open each cash session with a gap from the previous close; a large
gap that the bar does not fill is momentum too.
"""

from __future__ import annotations

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import rsi, shift, sma, warmup_wilder, warmup_window
from .base import BUY, SELL, Level, Strategy, signals
from .params import float_param, int_param


class IndexMomentum(Strategy):
    name = "index_momentum"
    label = {"id": "Momentum Indeks", "en": "Index Momentum"}
    description = {
        "id": "Untuk indeks saham: BUY saat RSI di antara 50 dan overbought, close naik, dan volume tick di atas "
              "rata-rata, atau saat gap pembukaan ke atas bertahan; SELL kebalikannya.",
        "en": "For stock indices: BUY when RSI sits between 50 and overbought, the close rises and tick volume "
              "beats its average, or when an opening gap up holds; SELL the mirror."}
    difficulty = "intermediate"
    markets = ("index",)
    timeframes = ("M15", "M30", "H1")
    params = (
        int_param("rsi_period", 14, 2, 100, {"id": "Periode RSI", "en": "RSI period"},
                  {"id": "RSI mengukur momentum: di atas 50 naik, di bawah 50 turun.",
                   "en": "RSI measures momentum: above 50 rising, below 50 falling."}),
        float_param("oversold", 30.0, 5.0, 50.0, {"id": "Batas oversold", "en": "Oversold level"},
                    {"id": "Tidak SELL saat RSI sudah di bawah level ini (momentum sudah habis).",
                     "en": "No SELL once RSI is below this (the move is spent)."}, step=1.0),
        float_param("overbought", 70.0, 50.0, 95.0, {"id": "Batas overbought", "en": "Overbought level"},
                    {"id": "Tidak BUY saat RSI sudah di atas level ini (momentum sudah habis).",
                     "en": "No BUY once RSI is above this (the move is spent)."}, step=1.0),
        int_param("volume_period", 20, 2, 200, {"id": "Periode rata-rata volume", "en": "Volume average period"},
                  {"id": "Volume tick bar dibandingkan dengan rata-ratanya selama sekian bar.",
                   "en": "The bar's tick volume is compared with its average over this many bars."}),
        float_param("volume_multiplier", 1.3, 0.0, 5.0, {"id": "Pengali volume", "en": "Volume multiplier"},
                    {"id": "Volume tick harus minimal rata-rata dikali angka ini; 0 mematikan syarat volume.",
                     "en": "Tick volume must be at least its average times this; 0 turns the volume check off."}),
        float_param("gap_percent", 0.5, 0.0, 5.0, {"id": "Gap minimum (%)", "en": "Minimum gap (%)"},
                    {"id": "Bar yang dibuka sejauh ini (persen) dari close sebelumnya dan ditutup searah gap juga "
                           "jadi sinyal; 0 mematikan aturan gap.",
                     "en": "A bar opening this far (percent) from the previous close and closing in the gap's "
                           "direction is a signal too; 0 turns the gap rule off."}, step=0.1),
    )
    oscillator = ("rsi",)
    levels = (Level(30.0, "oversold"), Level(50.0), Level(70.0, "overbought"))
    presets = {
        "conservative": {"rsi_period": 14, "oversold": 35.0, "overbought": 65.0, "volume_period": 20,
                         "volume_multiplier": 1.5, "gap_percent": 1.0},
        "balanced": {"rsi_period": 14, "oversold": 30.0, "overbought": 70.0, "volume_period": 20,
                     "volume_multiplier": 1.3, "gap_percent": 0.5},
        "aggressive": {"rsi_period": 9, "oversold": 25.0, "overbought": 75.0, "volume_period": 10,
                       "volume_multiplier": 1.1, "gap_percent": 0.3}}

    @classmethod
    def cross_check(cls, params):
        if params["oversold"] >= params["overbought"]:
            return {"oversold": Msg("param.low_below_high", {"low": params["oversold"], "high": params["overbought"]})}
        return {}

    def warmup(self) -> int:
        return max(warmup_wilder(self.p["rsi_period"]), warmup_window(self.p["volume_period"])) + 1

    def compute(self, bars: Bars) -> dict:
        close, opening = bars.close, bars.open
        previous = shift(close)
        value = rsi(close, self.p["rsi_period"])
        volume = np.asarray(bars.tick_volume, dtype=np.float64)
        volume_ratio = volume / sma(volume, self.p["volume_period"])
        gap = (opening - previous) / previous * 100.0
        with np.errstate(invalid="ignore", divide="ignore"):
            loud = volume_ratio >= self.p["volume_multiplier"]
            rising = (value > 50.0) & (value < self.p["overbought"]) & (close > previous)
            falling = (value < 50.0) & (value > self.p["oversold"]) & (close < previous)
            gap_on = self.p["gap_percent"] > 0
            gap_up = gap_on & (gap >= self.p["gap_percent"]) & (close > opening) & (value < self.p["overbought"])
            gap_down = gap_on & (gap <= -self.p["gap_percent"]) & (close < opening) & (value > self.p["oversold"])
            buy = (rising & loud) | gap_up
            sell = (falling & loud) | gap_down
        return {"rsi": value, "volume_ratio": volume_ratio, "gap_pct": gap, "gap_up": gap_up.astype(float),
                "gap_down": gap_down.astype(float), "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        numbers = {"rsi": row["rsi"], "ratio": row["volume_ratio"], "gap": row["gap_pct"],
                   "low": self.p["oversold"], "high": self.p["overbought"]}
        if signal == BUY:
            return Msg("why.idxmom.gap_up" if row["gap_up"] else "why.idxmom.buy", numbers)
        if signal == SELL:
            return Msg("why.idxmom.gap_down" if row["gap_down"] else "why.idxmom.sell", numbers)
        return Msg("why.idxmom.hold", numbers)
