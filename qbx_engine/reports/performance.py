"""Trading statistics, written once: the backtester, the period views and live-vs-backtest all call these.

Every figure is computed from plain arrays (net result per trade, R multiple per
trade, an equity or balance curve), so a backtest's trades and the journal's
trades are judged by the same formulas:

* win rate = trades with a net result above 0 / all trades, in percent;
* profit factor = sum of winning nets / |sum of losing nets| (None without a loss);
* expectancy = mean net per trade (money); expectancy in R = mean R multiple of the
  trades that had money at risk (an SL); trades without risk are left out and counted;
* max drawdown = the deepest fall of the curve below its running peak, in money and
  in percent of that peak.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from ..core.money import cents

PERIODS = ("day", "week", "month")


# -- the formulas -------------------------------------------------------------------------------
def win_rate(net: np.ndarray) -> float | None:
    return round(int((net > 0).sum()) / len(net) * 100, 2) if len(net) else None


def profit_factor(net: np.ndarray) -> float | None:
    losses = net[net < 0]
    if not len(losses):
        return None
    return round(float(net[net > 0].sum() / -losses.sum()), 2)


def expectancy(net: np.ndarray) -> float | None:
    return cents(float(net.mean())) if len(net) else None


def average(values: np.ndarray) -> float | None:
    return cents(float(values.mean())) if len(values) else None


def drawdown(curve: np.ndarray) -> tuple[float, float]:
    """(deepest fall below the running peak in money, the same in percent of that peak); 0 for a flat curve."""
    if not len(curve):
        return 0.0, 0.0
    peak = np.maximum.accumulate(curve)
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(peak > 0, (curve - peak) / peak, 0.0)
    return cents(float((curve - peak).min())), round(float(relative.min()) * 100, 2)


def expectancy_r(r: np.ndarray) -> tuple[float | None, int, int]:
    """(mean R of the trades with risk, how many had risk, how many had none); ``r`` holds NaN for none."""
    known = r[~np.isnan(r)]
    mean = round(float(known.mean()), 2) if len(known) else None
    return mean, int(len(known)), int(len(r) - len(known))


def sharpe(curve: np.ndarray, span_seconds: float) -> float | None:
    """Annualised Sharpe ratio of the curve's step returns (no risk-free rate); None when it cannot be told."""
    if len(curve) < 3:
        return None
    returns = np.diff(curve) / curve[:-1]
    deviation = np.std(returns)
    if not deviation > 0:
        return None
    per_year = (len(curve) - 1) / (max(span_seconds, 1.0) / (365.25 * 86400))
    return round(float(np.mean(returns) / deviation * math.sqrt(per_year)), 2)


def trade_figures(net: np.ndarray, r: np.ndarray | None = None) -> dict:
    """What a list of trades shows whatever their source: counts, win rate, profit factor, expectancy."""
    wins, losses = net[net > 0], net[net < 0]
    figures = {"trades": int(len(net)), "wins": int(len(wins)), "losses": int(len(losses)),
               "win_rate": win_rate(net), "profit_factor": profit_factor(net), "expectancy": expectancy(net),
               "avg_win": average(wins), "avg_loss": average(losses),
               "gross_win": cents(float(wins.sum())), "gross_loss": cents(float(losses.sum())),
               "net": cents(float(net.sum()))}
    mean_r, with_risk, without = expectancy_r(np.full(len(net), np.nan) if r is None else r)
    figures.update(expectancy_r=mean_r, r_trades=with_risk, no_risk_trades=without)
    return figures


# -- closed trades (the journal's records, or a backtest's in the same shape) -------------------
def columns(trades: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(close times, net results, R multiples with NaN for none) of journal-shaped trades, oldest first."""
    ordered = sorted(trades, key=lambda x: x["close_time"])
    times = np.array([x["close_time"] for x in ordered], dtype=float)
    net = np.array([x["net_profit"] for x in ordered], dtype=float)
    r = np.array([np.nan if x.get("r_multiple") is None else x["r_multiple"] for x in ordered], dtype=float)
    return times, net, r


def summary(trades: list[dict], start_balance: float | None = None) -> dict:
    """Figures of a set of closed trades, with the drawdown of the balance they walked through.

    The curve starts at ``start_balance`` (the balance before the first trade; the
    first trade's balance at entry when not given; 0 when unknown, so the drawdown
    is that of the cumulative result).
    """
    times, net, r = columns(trades)
    base = _start_balance(trades, start_balance)
    curve = base + np.concatenate([[0.0], np.cumsum(net)])
    money, pct = drawdown(curve)
    figures = trade_figures(net, r)
    figures.update(max_drawdown=money, max_drawdown_pct=pct if base > 0 else None, start_balance=cents(base),
                   first=float(times[0]) if len(times) else None, last=float(times[-1]) if len(times) else None)
    return figures


def _start_balance(trades: list[dict], given: float | None) -> float:
    if given is not None:
        return float(given)
    first = min(trades, key=lambda x: x["close_time"]) if trades else None
    return float((first or {}).get("balance_at_entry") or 0.0)


def period_key(ts: float, period: str, tz: str) -> str:
    """The calendar period a time falls in, in the trader's zone: 2026-11-25, 2026-W48 (ISO week), 2026-11."""
    local = datetime.fromtimestamp(ts, ZoneInfo(tz))
    if period == "day":
        return local.date().isoformat()
    if period == "week":
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{local.year}-{local.month:02d}"
    raise ValueError(f"period must be one of {PERIODS}, not {period!r}")


def by_period(trades: list[dict], period: str, tz: str) -> list[dict]:
    """One row per day, week or month that had trades (oldest first), each with its own figures.

    A period's drawdown is measured from the balance at its start (its first trade's balance
    at entry, when the journal knows it).
    """
    groups: dict[str, list[dict]] = {}
    for trade in sorted(trades, key=lambda x: x["close_time"]):
        groups.setdefault(period_key(trade["close_time"], period, tz), []).append(trade)
    return [{"period": key, **summary(rows)} for key, rows in groups.items()]


def balance_curve(trades: list[dict], start_balance: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(times, balance after each trade), with a first point just before the first trade."""
    times, net, _ = columns(trades)
    base = _start_balance(trades, start_balance)
    if not len(times):
        return times, net
    return np.concatenate([[times[0] - 1.0], times]), base + np.concatenate([[0.0], np.cumsum(net)])


def local_window(days: int, now: float, tz: str) -> tuple[float, float]:
    """The last ``days`` calendar days in the trader's zone, today included, as epoch bounds."""
    zone = ZoneInfo(tz)
    today = datetime.fromtimestamp(now, zone).date()
    start = datetime.combine(today - timedelta(days=days - 1), datetime.min.time(), tzinfo=zone)
    return start.timestamp(), now + 1.0
