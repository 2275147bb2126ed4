"""Figures of a set of trades, and the same figures per bot, per strategy, per hour, session and market.

Money is summed in Decimal and rounded to cents once; R figures come from the
journal's risk at entry, counting only the trades that had one.
"""

from __future__ import annotations

import statistics
from decimal import ROUND_HALF_UP, Decimal

from ..core.money import D, cents
from .facts import SESSIONS, by_close, decider, local_hour, net, r_multiple, session_of, strategy_label


def figures(trades: list[dict]) -> dict:
    """Result, edge (win/loss size, profit factor, expectancy in R), hold times and runs of ``trades``."""
    ordered = by_close(trades)
    nets = [net(x) for x in ordered]
    wins: list[Decimal] = []
    losses: list[Decimal] = []
    holds: dict[str, list[float]] = {"all": [], "win": [], "loss": []}
    rs: list[Decimal] = []
    runs = {"win": 0, "loss": 0}
    longest_run = {"win": 0, "loss": 0}
    for trade, value in zip(ordered, nets, strict=True):
        hold = trade["close_time"] - trade["open_time"]
        holds["all"].append(hold)
        kind = "win" if value > 0 else "loss" if value < 0 else None
        if kind:
            (wins if kind == "win" else losses).append(value)
            holds[kind].append(hold)
        for name in runs:
            runs[name] = runs[name] + 1 if name == kind else 0
            longest_run[name] = max(longest_run[name], runs[name])
        r = r_multiple(trade)
        if r is not None:
            rs.append(r)
    gross_win, gross_loss = sum(wins, D(0)), -sum(losses, D(0))
    return {
        "trades": len(ordered), "wins": len(wins), "losses": len(losses),
        "net": cents(sum(nets, D(0))), "gross_win": cents(gross_win), "gross_loss": cents(gross_loss),
        "win_rate": pct(len(wins), len(ordered)),
        "avg_win": cents(gross_win / len(wins)) if wins else None,
        "avg_loss": cents(-gross_loss / len(losses)) if losses else None,
        "profit_factor": hundredths(gross_win / gross_loss) if gross_loss else None,
        "expectancy_r": hundredths(sum(rs, D(0)) / len(rs)) if rs else None, "r_trades": len(rs),
        "avg_hold": _mean(holds["all"]), "avg_hold_win": _mean(holds["win"]), "avg_hold_loss": _mean(holds["loss"]),
        "max_win_streak": longest_run["win"], "max_loss_streak": longest_run["loss"],
    }


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def per_decider(trades: list[dict]) -> list[dict]:
    """One row per bot, the trader's own trades and each other EA: who, strategy, figures; worst first."""
    groups: dict[str, list[dict]] = {}
    for trade in trades:
        groups.setdefault(decider(trade).key, []).append(trade)
    rows = []
    for members in groups.values():
        who = decider(members[-1])
        strategies = sorted({x.get("strategy") or "" for x in members})
        rows.append({"who": who.key, "kind": who.kind, "label": who.label(), "name": who.name,
                     "strategy": strategies[-1] or None,
                     "strategy_label": strategy_label(strategies[-1]) if strategies[-1] else None,
                     "timeframe": next((x.get("timeframe") for x in reversed(members) if x.get("timeframe")), None),
                     "symbols": sorted({x["symbol"] for x in members}), **figures(members)})
    return sorted(rows, key=lambda r: (r["net"], r["who"]))


def per_strategy(trades: list[dict]) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for trade in trades:
        groups.setdefault(trade.get("strategy") or "", []).append(trade)
    rows = [{"strategy": name or None, "strategy_label": strategy_label(name or None),
             "deciders": len({decider(x).key for x in members}), **figures(members)}
            for name, members in groups.items()]
    return sorted(rows, key=lambda r: (r["net"], r["strategy"] or ""))


def per_hour(trades: list[dict], tz: str) -> list[dict]:
    """By the local hour of entry (when the decision was made), in hour order."""
    groups: dict[int, list[dict]] = {}
    for trade in trades:
        groups.setdefault(local_hour(trade["open_time"], tz), []).append(trade)
    return [{"hour": hour, "trades": len(members), "net": _sum(members), "wins": _wins(members)}
            for hour, members in sorted(groups.items())]


def per_session(trades: list[dict]) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for trade in trades:
        groups.setdefault(session_of(trade["open_time"]), []).append(trade)
    return [{"session": name, "trades": len(groups[name]), "net": _sum(groups[name]), "wins": _wins(groups[name])}
            for name, _, _ in SESSIONS if name in groups]


def per_condition(trades: list[dict], condition_of) -> list[dict]:
    """By the market condition the trader logged for the trade's time (None: nothing logged)."""
    groups: dict[str | None, list[dict]] = {}
    for trade in trades:
        groups.setdefault(condition_of(trade), []).append(trade)
    rows = [{"condition": name, "trades": len(members), "net": _sum(members), "wins": _wins(members),
             "losses": sum(1 for x in members if net(x) < 0)} for name, members in groups.items()]
    return sorted(rows, key=lambda r: (r["condition"] is None, r["condition"] or ""))


def best_and_worst(rows: list[dict]) -> tuple[dict, dict] | None:
    """The best and the worst row by net result, when there are at least two to compare."""
    if len(rows) < 2:
        return None
    ranked = sorted(rows, key=lambda r: r["net"])
    return ranked[-1], ranked[0]


def hundredths(value: Decimal) -> float:
    """A ratio to two decimals, half away from zero like money (and never "-0.00")."""
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)) + 0.0


def pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _sum(trades: list[dict]) -> float:
    return cents(sum((net(x) for x in trades), Decimal(0)))


def _wins(trades: list[dict]) -> int:
    return sum(1 for x in trades if net(x) > 0)
