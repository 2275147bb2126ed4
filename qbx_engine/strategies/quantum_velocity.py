"""Quantum Velocity: a long EMA picks the side; a breakout from a Bollinger squeeze pulls the trigger."""

from __future__ import annotations

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import bollinger, ema, shift, sma, warmup_ema, warmup_window
from .base import BUY, SELL, Strategy, signals
from .params import float_param, int_param


class QuantumVelocity(Strategy):
    name = "quantum_velocity"
    label = {"id": "Quantum Velocity", "en": "Quantum Velocity"}
    description = {
        "id": "Di atas EMA tren, BUY saat harga keluar ke atas dari band yang sedang menyempit (squeeze); di "
              "bawahnya, SELL saat keluar ke bawah.",
        "en": "Above the trend EMA, BUY when price breaks up out of narrowing bands (a squeeze); below it, SELL "
              "when it breaks down."}
    difficulty = "advanced"
    markets = ("forex", "metal", "crypto", "index")
    timeframes = ("M15", "H1", "H4")
    params = (
        int_param("ema_period", 200, 20, 400, {"id": "Periode EMA tren", "en": "Trend EMA period"},
                  {"id": "Hanya BUY di atas EMA ini dan hanya SELL di bawahnya.",
                   "en": "Only BUY above this EMA and only SELL below it."}),
        int_param("bb_period", 20, 5, 200, {"id": "Periode band", "en": "Band period"},
                  {"id": "Jumlah bar untuk Bollinger Bands.", "en": "Bars in the Bollinger Bands."}),
        float_param("bb_std", 2.0, 0.5, 4.0, {"id": "Lebar band (deviasi standar)", "en": "Band width (std devs)"},
                    {"id": "Jarak band dari rata-rata.", "en": "Distance of the bands from the average."}),
        int_param("squeeze_window", 10, 2, 100, {"id": "Periode rata-rata lebar band", "en": "Band width average"},
                  {"id": "Lebar band dibandingkan dengan rata-ratanya selama sekian bar.",
                   "en": "The band width is compared with its average over this many bars."}),
        float_param("squeeze_factor", 0.7, 0.1, 1.0, {"id": "Faktor squeeze", "en": "Squeeze factor"},
                    {"id": "Squeeze = lebar band di bawah rata-ratanya dikali angka ini; makin kecil makin ketat.",
                     "en": "A squeeze = band width below its average times this; smaller is stricter."},
                    step=0.05),
    )
    overlays = ("bb_lower", "bb_upper", "ema_trend")
    presets = {
        "conservative": {"ema_period": 200, "bb_period": 20, "bb_std": 2.0, "squeeze_window": 20,
                         "squeeze_factor": 0.6},
        "balanced": {"ema_period": 200, "bb_period": 20, "bb_std": 2.0, "squeeze_window": 10,
                     "squeeze_factor": 0.7},
        "aggressive": {"ema_period": 100, "bb_period": 20, "bb_std": 2.0, "squeeze_window": 8,
                       "squeeze_factor": 0.8}}

    def warmup(self) -> int:
        return max(warmup_ema(self.p["ema_period"]),
                   warmup_window(self.p["bb_period"]) + warmup_window(self.p["squeeze_window"]) + 1)

    def compute(self, bars: Bars) -> dict:
        close = bars.close
        trend = ema(close, self.p["ema_period"])
        lower, middle, upper = bollinger(close, self.p["bb_period"], self.p["bb_std"])
        with np.errstate(divide="ignore", invalid="ignore"):
            width = np.where(middle != 0, (upper - lower) / middle * 100.0, 0.0)
            squeeze = width < sma(width, self.p["squeeze_window"]) * self.p["squeeze_factor"]
            was_squeezed = shift(squeeze) == 1.0
            buy = (close > trend) & was_squeezed & (close > shift(upper))
            sell = (close < trend) & was_squeezed & (close < shift(lower))
        return {"bb_lower": lower, "bb_upper": upper, "ema_trend": trend, "bb_width": width,
                "squeeze": was_squeezed.astype(float), "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        numbers = {"ema": row["ema_trend"], "lower": row["bb_lower"], "upper": row["bb_upper"],
                   "width": row["bb_width"]}
        if signal in (BUY, SELL):
            return Msg({BUY: "why.qv.buy", SELL: "why.qv.sell"}[signal], numbers)
        return Msg("why.qv.squeeze" if row["squeeze"] else "why.qv.hold", numbers)
