"""RSI reversal: buy when an oversold market turns up, sell when an overbought one turns down."""

from __future__ import annotations

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import crossed_above, crossed_below, rsi, warmup_wilder
from .base import BUY, SELL, Level, Strategy, signals
from .params import float_param, int_param


class RSIReversal(Strategy):
    name = "rsi_reversal"
    label = {"id": "Pembalikan RSI", "en": "RSI Reversal"}
    description = {
        "id": "BUY saat RSI naik kembali di atas batas oversold, SELL saat turun kembali di bawah batas overbought. "
              "Cocok untuk pasar sideways.",
        "en": "BUY when RSI climbs back above the oversold line, SELL when it falls back below the overbought "
              "line. Suits ranging markets."}
    difficulty = "beginner"
    params = (
        int_param("rsi_period", 14, 2, 100, {"id": "Periode RSI", "en": "RSI period"},
                  {"id": "Jumlah bar untuk RSI.", "en": "Bars in the RSI."}),
        float_param("oversold", 30.0, 5.0, 50.0, {"id": "Batas oversold", "en": "Oversold level"},
                    {"id": "Di bawah level ini pasar dianggap jenuh jual.", "en": "Below this the market is oversold."},
                    step=1.0),
        float_param("overbought", 70.0, 50.0, 95.0, {"id": "Batas overbought", "en": "Overbought level"},
                    {"id": "Di atas level ini pasar dianggap jenuh beli.",
                     "en": "Above this the market is overbought."},
                    step=1.0),
    )
    oscillator = ("rsi",)
    levels = (Level(30.0, "oversold"), Level(70.0, "overbought"))
    markets = ("forex", "metal", "index")
    timeframes = ("M15", "H1", "H4")
    presets = {"conservative": {"rsi_period": 14, "oversold": 25.0, "overbought": 75.0},
               "balanced": {"rsi_period": 14, "oversold": 30.0, "overbought": 70.0},
               "aggressive": {"rsi_period": 9, "oversold": 35.0, "overbought": 65.0}}

    @classmethod
    def cross_check(cls, params):
        if params["oversold"] >= params["overbought"]:
            return {"oversold": Msg("param.low_below_high", {"low": params["oversold"], "high": params["overbought"]})}
        return {}

    def warmup(self) -> int:
        return warmup_wilder(self.p["rsi_period"])

    def compute(self, bars: Bars) -> dict:
        value = rsi(bars.close, self.p["rsi_period"])
        buy = crossed_above(value, self.p["oversold"])
        sell = crossed_below(value, self.p["overbought"])
        return {"rsi": value, "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        numbers = {"rsi": row["rsi"], "low": self.p["oversold"], "high": self.p["overbought"]}
        return Msg({BUY: "why.rsi.buy", SELL: "why.rsi.sell"}.get(signal, "why.rsi.hold"), numbers)
