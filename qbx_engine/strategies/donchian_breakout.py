"""Donchian (Turtle) breakout: follow a close beyond the recent range."""

from __future__ import annotations

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import donchian, shift, warmup_window
from .base import BUY, SELL, Strategy, signals
from .params import int_param


class DonchianBreakout(Strategy):
    name = "donchian_breakout"
    label = {"id": "Breakout Donchian (Turtle)", "en": "Donchian Breakout (Turtle)"}
    description = {
        "id": "BUY saat close menembus tertinggi N bar sebelumnya, SELL saat menembus terendahnya.",
        "en": "BUY when the close breaks above the highest high of the previous N bars, SELL below the lowest low."}
    difficulty = "intermediate"
    params = (
        int_param("channel_period", 20, 5, 200, {"id": "Periode channel", "en": "Channel period"},
                  {"id": "Jumlah bar sebelumnya yang membentuk channel.",
                   "en": "Previous bars that make the channel."}),
    )
    overlays = ("dc_lower", "dc_upper")
    markets = ("forex", "metal", "crypto", "index")
    timeframes = ("H4", "D1")
    presets = {"conservative": {"channel_period": 55}, "balanced": {"channel_period": 20},
               "aggressive": {"channel_period": 10}}

    def warmup(self) -> int:
        return warmup_window(self.p["channel_period"]) + 1

    def compute(self, bars: Bars) -> dict:
        lower, upper = donchian(bars.high, bars.low, self.p["channel_period"])
        close = bars.close
        with np.errstate(invalid="ignore"):
            buy = (close > upper) & (shift(close) <= shift(upper))
            sell = (close < lower) & (shift(close) >= shift(lower))
        return {"dc_lower": lower, "dc_upper": upper, "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        numbers = {"lower": row["dc_lower"], "upper": row["dc_upper"], "n": self.p["channel_period"]}
        return Msg({BUY: "why.dc.buy", SELL: "why.dc.sell"}.get(signal, "why.dc.hold"), numbers)
