"""Donchian (Turtle) breakout: follow a close beyond the recent range."""

from __future__ import annotations

import pandas as pd

from ..i18n import Msg
from ..indicators import donchian
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
    presets = {"beginner": {"channel_period": 20}, "turtle_long": {"channel_period": 55}}

    def bars_needed(self) -> int:
        return self.p["channel_period"] + 3

    def compute(self, bars: pd.DataFrame) -> pd.DataFrame:
        lower, upper = donchian(bars["high"], bars["low"], self.p["channel_period"])
        close = bars["close"]
        buy = (close > upper) & (close.shift(1) <= upper.shift(1))
        sell = (close < lower) & (close.shift(1) >= lower.shift(1))
        return pd.DataFrame({"dc_lower": lower, "dc_upper": upper, "signal": signals(buy, sell)})

    def explain(self, row, signal) -> Msg:
        numbers = {"lower": row["dc_lower"], "upper": row["dc_upper"], "n": self.p["channel_period"]}
        return Msg({BUY: "why.dc.buy", SELL: "why.dc.sell"}.get(signal, "why.dc.hold"), numbers)
