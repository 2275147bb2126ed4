"""How the period went: result, edge (win/loss size, profit factor, expectancy in R), runs, hold time, and
when the money was made or lost (best and worst hour and session) and in which market the trader logged."""

from __future__ import annotations

from ..core.i18n import Msg
from .context import Reading
from .facts import count, decider, duration, session_hours
from .finding import finding
from .stats import best_and_worst, figures, per_condition, per_hour, per_session

HOLD_LOSERS = 2.0  # a trader holding losers this many times longer than winners lets losses run
HOLD_MIN = 2       # wins and losses each, before the mentor compares their hold times


def pattern_findings(reading: Reading, fig: dict) -> list[dict]:
    if not fig["trades"]:
        return []
    cur = reading.currency
    found = [finding("result", "good" if fig["net"] > 0 else "bad" if fig["net"] < 0 else "info",
                     trades=count(fig["trades"], "trades"), wins=count(fig["wins"], "winners"),
                     win_rate=fig["win_rate"], net=fig["net"], cur=cur)]
    if fig["wins"] and fig["losses"]:
        edge_ok = fig["profit_factor"] >= 1
        found.append(finding("edge" if edge_ok else "edge_weak", "good" if edge_ok else "warn", avg_win=fig["avg_win"],
                             avg_loss=-fig["avg_loss"], profit_factor=fig["profit_factor"], cur=cur))
        found += _reward_to_risk(fig)
    if fig["expectancy_r"] is not None:
        found.append(finding("expectancy", "good" if fig["expectancy_r"] > 0 else
                             "warn" if fig["expectancy_r"] < 0 else "info",
                             r=fig["expectancy_r"], trades=count(fig["r_trades"], "trades")))
    if fig["trades"] >= 2:
        found.append(finding("streaks", "info", wins=count(fig["max_win_streak"], "wins"),
                             losses=count(fig["max_loss_streak"], "losses")))
    found += _hold(reading, fig)
    return found + timing_findings(reading) + condition_findings(reading)


def _reward_to_risk(fig: dict) -> list[dict]:
    """Break-even needs avg win / avg loss >= (1 - p) / p at win rate p; below that the edge lost money."""
    rr = round(fig["avg_win"] / -fig["avg_loss"], 2)
    p = fig["wins"] / fig["trades"]
    needed = round((1 - p) / p, 2)
    if rr >= needed:
        return []
    return [finding("poor_rr", "warn", rec=Msg("mentor.rec.poor_rr"), rr=rr, needed=needed, win_rate=fig["win_rate"])]


def _hold(reading: Reading, fig: dict) -> list[dict]:
    if fig["wins"] and fig["losses"]:
        found = [finding("hold", "info", all=duration(fig["avg_hold"]), win=duration(fig["avg_hold_win"]),
                         loss=duration(fig["avg_hold_loss"]))]
    else:
        found = [finding("hold_all", "info", all=duration(fig["avg_hold"]))]
    manual = [x for x in reading.trades if decider(x).human]
    mine = figures(manual) if manual else None
    if mine and mine["wins"] >= HOLD_MIN and mine["losses"] >= HOLD_MIN \
            and mine["avg_hold_loss"] > HOLD_LOSERS * max(mine["avg_hold_win"], 60.0):
        found.append(finding("hold_losers", "warn", rec=Msg("mentor.rec.hold_losers"),
                             loss=duration(mine["avg_hold_loss"]), win=duration(mine["avg_hold_win"])))
    return found


def timing_findings(reading: Reading) -> list[dict]:
    """Best and worst hour (local, by entry) and session (UTC blocks), when there are two or more to compare."""
    cur = reading.currency
    found = []
    hours = best_and_worst(per_hour(reading.trades, reading.tz))
    if hours:
        best, worst = hours
        found.append(finding("hours", "info", best=_hour(best["hour"]), best_net=best["net"],
                             best_trades=count(best["trades"], "trades"), worst=_hour(worst["hour"]),
                             worst_net=worst["net"], worst_trades=count(worst["trades"], "trades"), cur=cur))
    sessions = best_and_worst(per_session(reading.trades))
    if sessions:
        best, worst = sessions
        on = reading.trades[0]["open_time"]
        found.append(finding("sessions", "info", best=session_label(best["session"], reading.tz, on),
                             best_net=best["net"], best_trades=count(best["trades"], "trades"),
                             worst=session_label(worst["session"], reading.tz, on), worst_net=worst["net"],
                             worst_trades=count(worst["trades"], "trades"), cur=cur))
    return found


def condition_findings(reading: Reading) -> list[dict]:
    """The market the trader logged, against results (trades with no note count as "not logged")."""
    rows = per_condition(reading.trades, reading.condition_of)
    if not any(r["condition"] for r in rows):
        return []
    items = [Msg("mentor.cond_row", {"condition": condition_label(r["condition"]),
                                     "trades": count(r["trades"], "trades"), "net": r["net"],
                                     "cur": reading.currency}).to_json() for r in rows]
    return [finding("conditions", "info", rows=items)]


def session_label(name: str, tz: str, on: float) -> dict:
    return Msg(f"mentor.session.{name}", {"hours": session_hours(name, tz, on)}).to_json()


def condition_label(name: str | None) -> dict:
    return Msg(f"market.{name}").to_json() if name else Msg("mentor.cond.none").to_json()


def _hour(hour: int) -> str:
    return f"{hour:02d}:00–{(hour + 1) % 24:02d}:00"
