"""Ichimoku cloud: a Tenkan/Kijun cross, taken on the side of the cloud the price stands on."""

from __future__ import annotations

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from ..market.indicators import crossed_above, crossed_below, ichimoku, shift, warmup_window
from .base import BUY, SELL, Strategy, shorter_first, signals
from .params import Param, int_param


class IchimokuCloud(Strategy):
    name = "ichimoku_cloud"
    label = {"id": "Awan Ichimoku", "en": "Ichimoku Cloud"}
    description = {
        "id": "BUY saat Tenkan memotong ke atas Kijun dan harga di atas awan; SELL saat memotong ke bawah dan "
              "harga di bawah awan.",
        "en": "BUY when Tenkan crosses above Kijun with price above the cloud; SELL when it crosses below with "
              "price below the cloud."}
    difficulty = "intermediate"
    markets = ("forex", "metal", "crypto", "index")
    timeframes = ("H1", "H4", "D1")
    params = (
        int_param("tenkan_period", 9, 2, 100, {"id": "Periode Tenkan-sen", "en": "Tenkan-sen period"},
                  {"id": "Garis cepat: titik tengah tertinggi-terendah sekian bar (standar 9).",
                   "en": "The fast line: midpoint of the high-low range over this many bars (standard 9)."}),
        int_param("kijun_period", 26, 2, 200, {"id": "Periode Kijun-sen", "en": "Kijun-sen period"},
                  {"id": "Garis lambat (standar 26); awan juga digeser maju sejauh ini.",
                   "en": "The slow line (standard 26); the cloud is also drawn this many bars ahead."}),
        int_param("senkou_period", 52, 2, 300, {"id": "Periode Senkou span B", "en": "Senkou span B period"},
                  {"id": "Rentang untuk tepi awan yang paling lambat (standar 52).",
                   "en": "The range behind the slowest edge of the cloud (standard 52)."}),
        Param("cloud_filter", "bool", True, {"id": "Filter awan", "en": "Cloud filter"},
              {"id": "Aktif: BUY hanya di atas awan dan SELL hanya di bawah awan. Mati: setiap persilangan "
                     "Tenkan/Kijun jadi sinyal.",
               "en": "On: BUY only above the cloud and SELL only below it. Off: every Tenkan/Kijun cross is a "
                     "signal."}),
    )
    overlays = ("tenkan", "kijun", "cloud_a", "cloud_b")
    presets = {"conservative": {"tenkan_period": 20, "kijun_period": 60, "senkou_period": 120, "cloud_filter": True},
               "balanced": {"tenkan_period": 9, "kijun_period": 26, "senkou_period": 52, "cloud_filter": True},
               "aggressive": {"tenkan_period": 9, "kijun_period": 26, "senkou_period": 52, "cloud_filter": False}}

    @classmethod
    def cross_check(cls, params):
        return shorter_first(params, "tenkan_period", "kijun_period", "senkou_period")

    def warmup(self) -> int:
        return warmup_window(self.p["senkou_period"]) + self.p["kijun_period"]

    def compute(self, bars: Bars) -> dict:
        tenkan, kijun, span_a, span_b = ichimoku(bars.high, bars.low, self.p["tenkan_period"],
                                                 self.p["kijun_period"], self.p["senkou_period"])
        cloud_a, cloud_b = shift(span_a, self.p["kijun_period"]), shift(span_b, self.p["kijun_period"])
        close = bars.close
        buy = crossed_above(tenkan, kijun)
        sell = crossed_below(tenkan, kijun)
        if self.p["cloud_filter"]:
            with np.errstate(invalid="ignore"):
                buy &= close > np.fmax(cloud_a, cloud_b)
                sell &= close < np.fmin(cloud_a, cloud_b)
        return {"tenkan": tenkan, "kijun": kijun, "cloud_a": cloud_a, "cloud_b": cloud_b, "close": close,
                "signal": signals(buy, sell)}

    def explain(self, row, signal) -> Msg:
        top, bottom = max(row["cloud_a"], row["cloud_b"]), min(row["cloud_a"], row["cloud_b"])
        numbers = {"tenkan": row["tenkan"], "kijun": row["kijun"], "top": top, "bottom": bottom}
        if signal in (BUY, SELL):
            return Msg({BUY: "why.ichi.buy", SELL: "why.ichi.sell"}[signal], numbers)
        where = "above" if row["close"] > top else "below" if row["close"] < bottom else "inside"
        return Msg(f"why.ichi.hold_{where}", numbers)
