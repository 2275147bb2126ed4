"""Performance by period, checked by hand on six trades around a week and a month boundary (Jakarta time)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from qbx_engine.reports import performance

WIB = ZoneInfo("Asia/Jakarta")


def at(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=WIB).timestamp()


def trade(n: int, close: str, net: float, r: float | None, balance: float, bot_id: int | None = 1) -> dict:
    ts = at(close)
    return {"ts": ts, "position_id": n, "close_time": ts, "open_time": ts - 600, "net_profit": net, "r_multiple": r,
            "risk_money": None if r is None else round(abs(net / r), 2), "balance_at_entry": balance,
            "bot_id": bot_id, "bot_name": "MA" if bot_id else None, "symbol": "EURUSD", "side": "buy"}


TRADES = [
    trade(1, "2026-11-23 09:00", 100.0, 1.0, 10_000.0),
    trade(2, "2026-11-23 15:00", -50.0, -0.5, 10_100.0),
    trade(3, "2026-11-24 10:00", 30.0, None, 10_050.0),       # no stop loss: no R
    trade(4, "2026-11-29 23:30", -80.0, -0.8, 10_080.0),      # Sunday night: still ISO week 48
    trade(5, "2026-11-30 00:30", 20.0, 0.3, 10_000.0),        # Monday 00:30 in Jakarta, Sunday 17:30 UTC
    trade(6, "2026-12-01 08:00", -20.0, -0.2, 10_020.0),
]


def test_the_whole_window():
    figures = performance.summary(TRADES)
    assert (figures["trades"], figures["wins"], figures["losses"], figures["net"]) == (6, 3, 3, 0.0)
    assert (figures["win_rate"], figures["profit_factor"], figures["expectancy"]) == (50.0, 1.0, 0.0)
    assert (figures["avg_win"], figures["avg_loss"]) == (50.0, -50.0)
    # balance 10,000 -> 10,100 (peak) -> 10,050 -> 10,080 -> 10,000: 100 below the peak, 100 / 10,100 = 0.99 %
    assert (figures["max_drawdown"], figures["max_drawdown_pct"]) == (-100.0, -0.99)
    # R of the five trades with a stop: (1 - 0.5 - 0.8 + 0.3 - 0.2) / 5 = -0.04; one trade had no risk
    assert (figures["expectancy_r"], figures["r_trades"], figures["no_risk_trades"]) == (-0.04, 5, 1)


def rows(period):
    return {row["period"]: row for row in performance.by_period(TRADES, period, "Asia/Jakarta")}


def test_by_day():
    days = rows("day")
    assert list(days) == ["2026-11-23", "2026-11-24", "2026-11-29", "2026-11-30", "2026-12-01"]
    monday = days["2026-11-23"]
    assert (monday["trades"], monday["net"], monday["win_rate"], monday["profit_factor"]) == (2, 50.0, 50.0, 2.0)
    assert (monday["max_drawdown"], monday["max_drawdown_pct"], monday["expectancy_r"]) == (-50.0, -0.5, 0.25)
    tuesday = days["2026-11-24"]
    assert (tuesday["profit_factor"], tuesday["max_drawdown"], tuesday["expectancy_r"], tuesday["no_risk_trades"]) \
        == (None, 0.0, None, 1)
    sunday = days["2026-11-29"]
    assert (sunday["win_rate"], sunday["profit_factor"], sunday["max_drawdown_pct"]) == (0.0, 0.0, -0.79)  # 80/10,080


def test_by_week_follows_the_traders_calendar():
    weeks = rows("week")
    assert list(weeks) == ["2026-W48", "2026-W49"]
    first, second = weeks["2026-W48"], weeks["2026-W49"]
    assert (first["trades"], first["net"], first["win_rate"], first["profit_factor"]) == (4, 0.0, 50.0, 1.0)
    assert (first["max_drawdown"], first["max_drawdown_pct"], first["expectancy_r"]) == (-100.0, -0.99, -0.1)
    assert (second["trades"], second["net"], second["expectancy_r"]) == (2, 0.0, 0.05)
    assert (second["max_drawdown"], second["max_drawdown_pct"]) == (-20.0, -0.2)  # 20 / 10,020


def test_by_month():
    months = rows("month")
    november, december = months["2026-11"], months["2026-12"]
    assert (november["trades"], november["net"], november["win_rate"], november["profit_factor"]) == \
        (5, 20.0, 60.0, 1.15)  # 150 won / 130 lost
    assert (november["expectancy_r"], november["r_trades"]) == (0.0, 4)
    assert (december["trades"], december["net"], december["win_rate"], december["profit_factor"]) == \
        (1, -20.0, 0.0, 0.0)


def test_no_trades_and_unknown_balance():
    empty = performance.summary([])
    assert (empty["trades"], empty["win_rate"], empty["profit_factor"], empty["expectancy_r"]) == (0, None, None, None)
    unknown = performance.summary([{**TRADES[1], "balance_at_entry": None}])
    assert (unknown["max_drawdown"], unknown["max_drawdown_pct"]) == (-50.0, None)  # money only
    with pytest.raises(ValueError):
        performance.period_key(TRADES[0]["close_time"], "year", "UTC")


def test_the_backtesters_figures_are_these_formulas():
    net = np.array([100.0, -50.0, 30.0, -80.0, 20.0, -20.0])
    assert (performance.win_rate(net), performance.profit_factor(net)) == (50.0, 1.0)
    assert performance.drawdown(np.array([100.0, 120.0, 90.0, 130.0])) == (-30.0, -25.0)
