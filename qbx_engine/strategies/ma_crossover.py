"""Moving-average crossover: the classic trend follower."""

from __future__ import annotations

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import crossed_above, crossed_below, ema, sma, warmup_ema, warmup_window
from .base import BUY, SELL, Strategy, shorter_first, signals
from .params import Param, int_param


class MACrossover(Strategy):
    name = "ma_crossover"
    label = {"id": "Persilangan Moving Average", "en": "Moving Average Crossover"}
    description = {
        "id": "BUY saat MA cepat memotong ke atas MA lambat, SELL saat memotong ke bawah. Cocok untuk pasar trending.",
        "en": "BUY when the fast MA crosses above the slow MA, SELL when it crosses below. Suits trending markets."}
    difficulty = "beginner"
    params = (
        int_param("fast_period", 20, 2, 200, {"id": "Periode MA cepat", "en": "Fast MA period"},
                  {"id": "Jumlah bar untuk MA cepat.", "en": "Bars in the fast moving average."}),
        int_param("slow_period", 50, 3, 400, {"id": "Periode MA lambat", "en": "Slow MA period"},
                  {"id": "Jumlah bar untuk MA lambat; harus lebih besar dari MA cepat.",
                   "en": "Bars in the slow moving average; must be larger than the fast one."}),
        Param("ma_type", "choice", "sma", {"id": "Jenis MA", "en": "MA type"},
              {"id": "SMA (rata-rata biasa) atau EMA (lebih cepat bereaksi).",
               "en": "SMA (simple average) or EMA (reacts faster)."}, choices=("sma", "ema")),
    )
    overlays = ("ma_fast", "ma_slow")
    markets = ("forex", "metal", "crypto", "index")
    timeframes = ("H1", "H4", "D1")
    presets = {"conservative": {"fast_period": 50, "slow_period": 200, "ma_type": "sma"},
               "balanced": {"fast_period": 20, "slow_period": 50, "ma_type": "sma"},
               "aggressive": {"fast_period": 10, "slow_period": 30, "ma_type": "ema"},
               "scalping": {"fast_period": 5, "slow_period": 13, "ma_type": "ema"}}

    @classmethod
    def cross_check(cls, params):
        return shorter_first(params, "fast_period", "slow_period")

    def warmup(self) -> int:
        slow = self.p["slow_period"]
        return warmup_window(slow) if self.p["ma_type"] == "sma" else warmup_ema(slow)

    def compute(self, bars: Bars) -> dict:
        average = sma if self.p["ma_type"] == "sma" else ema
        fast = average(bars.close, self.p["fast_period"])
        slow = average(bars.close, self.p["slow_period"])
        return {"ma_fast": fast, "ma_slow": slow,
                "signal": signals(crossed_above(fast, slow), crossed_below(fast, slow))}

    def explain(self, row, signal) -> Msg:
        numbers = {"fast": row["ma_fast"], "slow": row["ma_slow"], "fast_n": self.p["fast_period"],
                   "slow_n": self.p["slow_period"]}
        key = {BUY: "why.ma.buy", SELL: "why.ma.sell"}.get(signal)
        if key is None:
            key = "why.ma.hold_up" if row["ma_fast"] > row["ma_slow"] else "why.ma.hold_down"
        return Msg(key, numbers)
