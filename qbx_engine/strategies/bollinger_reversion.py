"""Bollinger Bands reversion: fade a stretch outside the bands once price comes back inside."""

from __future__ import annotations

import numpy as np

from ..bars import Bars
from ..i18n import Msg
from ..indicators import bollinger, shift, warmup_window
from .base import BUY, SELL, Strategy, signals
from .params import float_param, int_param


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
    )
    overlays = ("bb_lower", "bb_middle", "bb_upper")
    presets = {"beginner": {"bb_period": 20, "bb_std": 2.0}}

    def warmup(self) -> int:
        return warmup_window(self.p["bb_period"])

    def compute(self, bars: Bars) -> dict:
        close = bars.close
        lower, middle, upper = bollinger(close, self.p["bb_period"], self.p["bb_std"])
        with np.errstate(invalid="ignore"):
            buy = (shift(close) < shift(lower)) & (close >= lower)
            sell = (shift(close) > shift(upper)) & (close <= upper)
        return {"bb_lower": lower, "bb_middle": middle, "bb_upper": upper, "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        numbers = {"lower": row["bb_lower"], "upper": row["bb_upper"], "middle": row["bb_middle"]}
        return Msg({BUY: "why.bb.buy", SELL: "why.bb.sell"}.get(signal, "why.bb.hold"), numbers)
