"""Bollinger squeeze breakout: after the bands narrow, follow the close that leaves them."""

from __future__ import annotations

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import bollinger, rolling_quantile, shift, warmup_window
from .base import BUY, SELL, Strategy, signals
from .params import float_param, int_param


class BollingerSqueeze(Strategy):
    name = "bollinger_squeeze"
    label = {"id": "Breakout Squeeze Bollinger", "en": "Bollinger Squeeze Breakout"}
    description = {
        "id": "Saat lebar band menyempit ke titik terendah beberapa waktu terakhir (squeeze), BUY bila close menembus "
              "band atas dan SELL bila menembus band bawah.",
        "en": "When the band width has shrunk to its recent low (a squeeze), BUY a close above the upper band and "
              "SELL a close below the lower band."}
    difficulty = "advanced"
    params = (
        int_param("bb_period", 20, 5, 200, {"id": "Periode band", "en": "Band period"},
                  {"id": "Jumlah bar untuk band.", "en": "Bars in the bands."}),
        float_param("bb_std", 2.0, 0.5, 4.0, {"id": "Lebar band (deviasi standar)", "en": "Band width (std devs)"},
                    {"id": "Jarak band dari rata-rata.", "en": "Distance of the bands from the average."}),
        int_param("squeeze_lookback", 100, 10, 500, {"id": "Periode squeeze", "en": "Squeeze lookback"},
                  {"id": "Band dianggap squeeze bila lebarnya dalam 10% terendah dari sekian bar ini.",
                   "en": "The bands are in a squeeze when their width is in the lowest 10% of this many bars."}),
    )
    overlays = ("bb_lower", "bb_middle", "bb_upper")
    markets = ("forex", "metal", "crypto", "index")
    timeframes = ("M15", "H1", "H4")
    presets = {"conservative": {"bb_period": 20, "bb_std": 2.0, "squeeze_lookback": 200},
               "balanced": {"bb_period": 20, "bb_std": 2.0, "squeeze_lookback": 100},
               "aggressive": {"bb_period": 15, "bb_std": 1.8, "squeeze_lookback": 50}}

    def warmup(self) -> int:
        return warmup_window(self.p["bb_period"]) + warmup_window(self.p["squeeze_lookback"]) + 1

    def compute(self, bars: Bars) -> dict:
        close = bars.close
        lower, middle, upper = bollinger(close, self.p["bb_period"], self.p["bb_std"])
        width = (upper - lower) / middle
        threshold = rolling_quantile(width, self.p["squeeze_lookback"], 0.10)
        with np.errstate(invalid="ignore"):
            squeezed = shift(width <= threshold, 1) == 1.0
        buy = squeezed & (close > upper)
        sell = squeezed & (close < lower)
        return {"bb_lower": lower, "bb_middle": middle, "bb_upper": upper, "bb_width": width,
                "squeeze": squeezed.astype(float), "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        numbers = {"lower": row["bb_lower"], "upper": row["bb_upper"], "width": row["bb_width"] * 100}
        if signal in (BUY, SELL):
            return Msg({BUY: "why.squeeze.buy", SELL: "why.squeeze.sell"}[signal], numbers)
        return Msg("why.squeeze.on" if row["squeeze"] else "why.squeeze.off", numbers)
