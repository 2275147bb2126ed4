"""Turtle breakout: enter on an N-bar breakout, leave on a shorter channel broken the other way."""

from __future__ import annotations

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import donchian, warmup_window
from .base import BUY, EXIT_LONG, EXIT_SHORT, SELL, Strategy, signals
from .params import int_param


class TurtleBreakout(Strategy):
    name = "turtle_breakout"
    label = {"id": "Breakout Turtle (masuk & keluar)", "en": "Turtle Breakout (entry & exit)"}
    description = {
        "id": "BUY saat close menembus tertinggi 20 bar, SELL saat menembus terendah 20 bar; posisi ditutup (tanpa "
              "berbalik arah) saat close menembus channel keluar 10 bar ke arah sebaliknya.",
        "en": "BUY when the close breaks the 20-bar high, SELL when it breaks the 20-bar low; a position is closed "
              "(without reversing) when the close breaks the 10-bar exit channel the other way."}
    difficulty = "beginner"
    markets = ("forex", "metal", "crypto", "index")
    timeframes = ("H1", "H4", "D1")
    params = (
        int_param("entry_period", 20, 5, 200, {"id": "Channel masuk (bar)", "en": "Entry channel (bars)"},
                  {"id": "Masuk saat close menembus tertinggi/terendah sekian bar sebelumnya (Turtle: 20 atau 55).",
                   "en": "Enter when the close breaks the high/low of this many previous bars (Turtles: 20 or 55)."}),
        int_param("exit_period", 10, 2, 100, {"id": "Channel keluar (bar)", "en": "Exit channel (bars)"},
                  {"id": "Tutup BUY saat close di bawah terendah sekian bar, tutup SELL saat di atas tertingginya; "
                         "harus lebih pendek dari channel masuk.",
                   "en": "Close a BUY when the close drops below this many bars' low, a SELL above their high; "
                         "must be shorter than the entry channel."}),
    )
    overlays = ("entry_upper", "entry_lower", "exit_upper", "exit_lower")
    presets = {"conservative": {"entry_period": 55, "exit_period": 20},
               "balanced": {"entry_period": 20, "exit_period": 10},
               "aggressive": {"entry_period": 15, "exit_period": 8}}

    @classmethod
    def cross_check(cls, params):
        if params["exit_period"] >= params["entry_period"]:
            return {"exit_period": Msg("param.exit_below_entry", {"exit": params["exit_period"],
                                                                  "entry": params["entry_period"]})}
        return {}

    def warmup(self) -> int:
        return warmup_window(self.p["entry_period"]) + 1

    def compute(self, bars: Bars) -> dict:
        close = bars.close
        entry_lower, entry_upper = donchian(bars.high, bars.low, self.p["entry_period"])
        exit_lower, exit_upper = donchian(bars.high, bars.low, self.p["exit_period"])
        with np.errstate(invalid="ignore"):
            buy, sell = close > entry_upper, close < entry_lower
            exit_long, exit_short = close < exit_lower, close > exit_upper
        return {"entry_upper": entry_upper, "entry_lower": entry_lower, "exit_upper": exit_upper,
                "exit_lower": exit_lower, "signal": signals(buy, sell, exit_long, exit_short)}

    def explain(self, row, signal) -> Msg:
        numbers = {"entry_upper": row["entry_upper"], "entry_lower": row["entry_lower"],
                   "exit_upper": row["exit_upper"], "exit_lower": row["exit_lower"],
                   "n": self.p["entry_period"], "m": self.p["exit_period"]}
        return Msg({BUY: "why.turtle.buy", SELL: "why.turtle.sell", EXIT_LONG: "why.turtle.exit_long",
                    EXIT_SHORT: "why.turtle.exit_short"}.get(signal, "why.turtle.hold"), numbers)
