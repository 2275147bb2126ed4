"""TradingView alerts as a strategy kind: the signal is whatever the trader's alert said.

Live, a bot of this kind does not read its signal from the bars: each alert TradingView sends is queued
(:mod:`qbx_engine.trading.alerts`) and the bot's next tick acts on it through the same trade plan, stop rule,
lot rule, entry gates, brake and calendar as any other signal. In a backtest there is no queue, so the
strategy is handed a table of past alerts (:class:`AlertTape`, from a CSV: :func:`qbx_engine.backtest.data.
load_alerts_csv`) and maps each alert onto the bar it arrived in: bars in, signals out, like every strategy.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..core.i18n import Msg
from ..market.bars import Bars
from .base import BUY, EXIT, HOLD, SELL, SIGNAL_CODES, Strategy
from .params import int_param

NAME = "tradingview_alert"
# What an alert may say, and the signal each word is (TradingView's {{strategy.order.action}} gives buy/sell,
# {{strategy.market_position}} long/short/flat).
WORDS = {"buy": BUY, "long": BUY, "sell": SELL, "short": SELL, "close": EXIT, "exit": EXIT, "flat": EXIT}
MAX_AGE_LIMITS = (10, 86_400)


@dataclass(frozen=True)
class AlertTape:
    """Past alerts, oldest first: when each arrived (epoch seconds) and its signal code (BUY, SELL or EXIT)."""

    times: np.ndarray
    codes: np.ndarray

    @classmethod
    def of(cls, rows: Iterable[tuple[float, str]]) -> AlertTape:
        """From (time, signal name) pairs in any order; the order of equal times is kept."""
        ordered = sorted(((float(t), SIGNAL_CODES[s]) for t, s in rows), key=lambda row: row[0])
        return cls(np.array([t for t, _ in ordered], dtype=np.float64),
                   np.array([c for _, c in ordered], dtype=np.int8))

    def __len__(self) -> int:
        return len(self.times)


class TradingViewAlert(Strategy):
    name = NAME
    label = {"id": "Alert TradingView", "en": "TradingView alerts"}
    description = {
        "id": "Sinyal dari alert TradingView Anda (webhook): buy, sell atau close. Bot tetap memakai aturan "
              "risiko, SL/TP, proteksi, rem darurat dan kalender-nya. Backtest memutar ulang CSV alert lama.",
        "en": "Signals from your TradingView alerts (webhook): buy, sell or close. The bot still applies its "
              "risk, SL/TP, protections, emergency brake and calendar. A backtest replays a CSV of past alerts."}
    difficulty = "intermediate"
    params = (
        int_param("max_age", 300, *MAX_AGE_LIMITS, {"id": "Umur alert maksimum (detik)", "en": "Max alert age (s)"},
                  {"id": "Alert yang lebih tua dari ini (sejak dikirim TradingView, atau sejak diterima bila "
                         "tanpa waktu) ditolak dan dicatat, tidak dieksekusi terlambat.",
                   "en": "An alert older than this (since TradingView sent it, or since it arrived when it "
                         "carries no time) is refused and logged, never acted on late."}, step=10),
    )
    presets = {"conservative": {"max_age": 60}, "balanced": {"max_age": 300}, "aggressive": {"max_age": 900}}
    from_alerts = True

    def __init__(self, params=None, tape: AlertTape | None = None, bar_seconds: float | None = None):
        super().__init__(params)
        self.tape = tape
        self.bar_seconds = bar_seconds

    def with_alerts(self, tape: AlertTape, bar_seconds: float | None = None) -> TradingViewAlert:
        """This strategy replaying ``tape`` (a backtest); ``bar_seconds`` is the bars' timeframe (else the
        shortest step between two bars)."""
        return TradingViewAlert(self.p, tape, bar_seconds)

    def warmup(self) -> int:
        return 0

    def compute(self, bars: Bars) -> dict[str, np.ndarray]:
        """Each alert on the bar it arrived in (acted on at that bar's close, as a backtest acts on any signal);
        when several arrive in one bar the last one counts, as live the newest alert supersedes the ones
        before it. An alert that arrived while no bar was forming (the market closed) is not acted on."""
        signal = np.zeros(len(bars), dtype=np.int8)
        tape = self.tape
        if tape is None or not len(tape) or not len(bars):
            return {"signal": signal}
        starts = np.asarray(bars.time, dtype=np.float64)
        index = np.searchsorted(starts, tape.times, side="right") - 1
        inside = (index >= 0) & (tape.times < starts[np.clip(index, 0, None)] + self._bar_length(starts))
        hit, codes = index[inside], tape.codes[inside]
        if len(hit):
            last = len(hit) - 1 - np.unique(hit[::-1], return_index=True)[1]  # the last alert of each bar
            signal[hit[last]] = codes[last]
        return {"signal": signal}

    def _bar_length(self, starts: np.ndarray) -> float:
        if self.bar_seconds:
            return float(self.bar_seconds)
        steps = np.diff(starts)
        steps = steps[steps > 0]
        return float(steps.min()) if len(steps) else math.inf

    def explain(self, row: dict[str, float], signal: str) -> Msg:
        return Msg("why.alert_none") if signal == HOLD else Msg("why.alert_bar", {"signal": signal})
