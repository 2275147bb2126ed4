"""The weekly review: Monday to Sunday in the trader's time zone.

The week's figures against the previous week and the average of the four weeks
before it, the habits of the week (each day judged as the daily report judges
it, then added up per habit and decider), the most costly of them with its cost,
and one focus for next week that answers it.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..core.i18n import Msg
from ..core.money import D, cents
from .advice import discipline, motivation, recommendations
from .context import Reading
from .facts import count, decider, money, session_of, total
from .feelings import emotion_findings, week_emotions
from .finding import finding
from .habits import losing_runs, market_fit, overtrading, revenge
from .patterns import pattern_findings, session_label
from .risk import open_positions, sizing, stops
from .stats import figures, per_decider, per_hour, per_session, per_strategy

# Habits judged day by day (a day's limit, a day's tilt); the rest are judged on the whole week at once.
DAILY_HABITS = (losing_runs, revenge, overtrading, stops, sizing)
HABITS = ("tilt", "revenge", "no_sl", "high_risk", "over_limit", "overtrading", "bot_wrong_market", "bot_streak",
          "ea_streak", "inconsistent_risk", "market_mismatch", "negative_emotion_loss")
COMPARED = ("trades", "win_rate", "net", "profit_factor", "expectancy_r", "max_loss_streak", "avg_hold")
RESTATES = frozenset({"inconsistent_risk"})
WORST_SESSION_MIN = 3  # trades in a session before the mentor advises trading it less
WEEK_RECOMMENDATIONS = 6


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def analyse_week(week: Reading, earlier: list[list[dict]], history: list[dict]) -> dict:
    """``week``: the week's reading (``first`` is its Monday); ``earlier``: the trades of each of the four weeks
    before it, the last week first; ``history``: day summaries from 30 days before the week through its Sunday
    (each day's overtrading is judged against the days before it)."""
    fig = figures(week.trades)
    habits = _week_habits(week, history)
    weekly = market_fit(week)
    findings_by_day = [f for group in habits for _, f in group["episodes"]]
    rules = discipline(findings_by_day, bool(week.trades))
    patterns = [f for f in pattern_findings(week, fig) if f["code"] != "result"] + _worst_session(week)
    risk_now = open_positions(week)
    risk = [f for f in stops(week) + sizing(week) if f["code"] not in HABITS] + risk_now
    emotions = week_emotions(week)
    if week.trades and not week.entries:
        emotions = emotion_findings(week, fig["net"], rules["disciplined"], []) + emotions
    costly = _most_costly(habits + [_single(f) for f in weekly], week.currency)
    advice_from = [_as_finding(group) for group in habits] + weekly + risk_now + \
        [f for f in patterns + emotions if f.get("rec")]
    return {
        "kind": "week", "week": {"start": week.first.isoformat(), "end": week.last.isoformat()},
        "date": week.first.isoformat(), "currency": week.currency, "tz": week.tz,
        "summary": {"total_trades": fig["trades"], "net_profit": fig["net"], "wins": fig["wins"],
                    "losses": fig["losses"]},
        "ringkasan_minggu": _summary(week, fig, earlier),
        "kebiasaan_termahal": costly,
        "fokus_minggu_depan": _focus(week, costly, patterns),
        "kebiasaan": _listed(habits + [_single(f) for f in weekly]),
        "pola_minggu": {"findings": patterns},
        "per_bot": per_decider(week.trades), "per_strategi": per_strategy(week.trades),
        "jam": per_hour(week.trades, week.tz), "sesi": per_session(week.trades),
        "emosi_minggu": {"findings": emotions},
        "risiko_minggu": {"findings": risk},
        "disiplin": rules,
        "rekomendasi": recommendations(advice_from, rules["disciplined"], limit=WEEK_RECOMMENDATIONS),
        "motivasi": _motivation(week, fig, rules),
    }


def _week_habits(week: Reading, history: list[dict]) -> list[dict]:
    """Each day judged on its own, the findings added up per (habit, decider), most costly first."""
    groups: dict[tuple, dict] = {}
    days = {d["date"]: d for d in history}
    for day, trades in week.days().items():
        before = [d for iso, d in sorted(days.items()) if iso < day.isoformat()][-30:]
        one_day = Reading(day, day, trades, [e for e in week.entries if week.day_of(e["ts"]) == day], week.tz,
                          week.currency, week.max_per_day, history=before)
        found = [f for detect in DAILY_HABITS for f in detect(one_day)]
        found += [f for f in emotion_findings(one_day, total(trades), False, [])
                  if f["code"] == "negative_emotion_loss"]
        for f in found:
            if f["code"] in HABITS:
                group = groups.setdefault((f["code"], f["who"]), {"code": f["code"], "who": f["who"], "cost": 0.0,
                                                                  "episodes": []})
                group["episodes"].append((day, f))
                group["cost"] = cents(D(group["cost"]) + D(f["cost"]))
    return sorted(groups.values(), key=_by_cost)


def _by_cost(group: dict) -> tuple:
    return group["cost"], HABITS.index(group["code"]) if group["code"] in HABITS else len(HABITS)


def _listed(groups: list[dict]) -> list[dict]:
    """The week's habits, most costly first; uneven risk is left out when it is about trades already listed
    (the larger risk of a revenge or high-risk trade)."""
    out: list[dict] = []
    listed: set[int] = set()
    for group in sorted(groups, key=_by_cost):
        tickets = {t for _, f in group["episodes"] for t in f["tickets"]}
        if group["code"] in RESTATES and tickets <= listed:
            continue
        listed |= tickets
        out.append(_group_json(group))
    return out


def _single(f: dict) -> dict:
    return {"code": f["code"], "who": f["who"], "cost": f["cost"], "episodes": [(None, f)]}


def _as_finding(group: dict) -> dict:
    """A habit of the week as one finding for the advice ranking: the costliest episode's advice, the week's cost
    and trades."""
    worst = min((f for _, f in group["episodes"]), key=lambda f: f["cost"])
    return {**worst, "cost": group["cost"], "tickets": [t for _, f in group["episodes"] for t in f["tickets"]]}


def _group_json(group: dict) -> dict:
    return {"code": group["code"], "who": group["who"], "cost": group["cost"],
            "episodes": [{"day": day.isoformat() if day else None,
                          "weekday": weekday(day) if day else None, "finding": f} for day, f in group["episodes"]]}


def _most_costly(groups: list[dict], currency: str) -> dict | None:
    costly = [g for g in groups if g["cost"] < 0]
    if not costly:
        return None
    group = min(costly, key=_by_cost)
    worst = _as_finding(group)
    days = [weekday(day) for day, _ in group["episodes"] if day]
    msg = Msg("mentor.week.costly", {"habit": Msg(f"mentor.habit.{group['code']}").to_json(),
                                     "times": count(len(group["episodes"]), "times"), "days": days,
                                     "cost": money(group["cost"]), "cur": currency})
    if not days:
        msg = Msg("mentor.week.costly_week", {"habit": Msg(f"mentor.habit.{group['code']}").to_json(),
                                              "cost": money(group["cost"]), "cur": currency})
    return {**_group_json(group), "msg": msg.to_json(), "rec": worst.get("rec")}


def _focus(week: Reading, costly: dict | None, patterns: list[dict]) -> dict:
    """One thing to work on next week: the answer to the most costly habit, else to the worst session."""
    if costly is not None:
        rec = costly.get("rec") or {"params": {}}
        return Msg(f"mentor.focus.{costly['code']}", {**rec["params"], "cost": money(costly["cost"]),
                                                      "cur": week.currency}).to_json()
    worst = next((f for f in patterns if f["code"] == "worst_session"), None)
    if worst is not None:
        return Msg("mentor.focus.worst_session", worst["msg"]["params"]).to_json()
    return Msg("mentor.focus.keep" if week.trades else "mentor.focus.rest").to_json()


def _worst_session(week: Reading) -> list[dict]:
    """The session that lost most, when the week traded in more than one and this one had a few trades."""
    rows = per_session(week.trades)
    worst = min(rows, key=lambda r: r["net"], default=None)
    if len(rows) < 2 or worst is None or worst["net"] >= 0 or worst["trades"] < WORST_SESSION_MIN:
        return []
    label = session_label(worst["session"], week.tz, week.trades[0]["open_time"])
    there = [x for x in week.trades if session_of(x["open_time"]) == worst["session"]]
    main = min(per_decider(there), key=lambda r: r["net"])
    rec = Msg("mentor.rec.worst_session_manual" if main["kind"] == "manual" else "mentor.rec.worst_session",
              {"session": label, "who": main["label"]})
    return [finding("worst_session", "warn", cost=worst["net"], about=there, rec=rec, session=label,
                    trades=count(worst["trades"], "trades"), net=worst["net"], who=main["label"], who_net=main["net"],
                    cur=week.currency)]


def _summary(week: Reading, fig: dict, earlier: list[list[dict]]) -> dict:
    previous = figures(earlier[0]) if earlier else figures([])
    active = [figures(trades) for trades in earlier if trades]
    average = _average(active)
    cur = week.currency
    found = []
    if fig["trades"]:
        found.append(finding("week_result", "good" if fig["net"] > 0 else "bad" if fig["net"] < 0 else "info",
                             trades=count(fig["trades"], "trades"), wins=count(fig["wins"], "winners"),
                             win_rate=fig["win_rate"], net=fig["net"], days=count(len(week.days()), "days"), cur=cur))
        found += _split(week)
    else:
        found.append(finding("week_empty", "info"))
    if previous["trades"]:
        delta = cents(D(fig["net"]) - D(previous["net"]))
        found.append(finding("week_vs_previous", "good" if delta > 0 else "warn" if delta < 0 else "info",
                             trades=count(previous["trades"], "trades"), net=previous["net"], delta=delta, cur=cur))
    else:
        found.append(finding("week_no_previous", "info"))
    if average:
        delta = cents(D(fig["net"]) - D(average["net"]))
        found.append(finding("week_vs_average", "good" if delta > 0 else "warn" if delta < 0 else "info",
                             weeks=count(len(active), "weeks"), trades=average["trades"], net=average["net"],
                             delta=delta, cur=cur))
    return {"this": _compared(fig), "previous": _compared(previous), "average_4w": average,
            "weeks_in_average": len(active), "findings": found}


def _motivation(week: Reading, fig: dict, rules: dict) -> dict:
    """The week's closing word; when the bots made money and the trader's own trades lost it, say exactly that."""
    bots = [x for x in week.trades if not decider(x).human]
    own = [x for x in week.trades if decider(x).human]
    if bots and own and total(own) < 0 <= total(bots) and not rules["disciplined"]:
        return Msg("mentor.motivation.week_hands", {"bots": total(bots), "own": abs(total(own)),
                                                    "cur": week.currency}).to_json()
    return motivation(bool(week.trades), fig["net"], rules["disciplined"], week.currency, period="week")


def _split(week: Reading) -> list[dict]:
    """What the bots made and what the trader's own trades made, when the week had both."""
    bots = [x for x in week.trades if not decider(x).human]
    own = [x for x in week.trades if decider(x).human]
    if not bots or not own:
        return []
    bots_net, own_net = total(bots), total(own)
    tone = "warn" if own_net < 0 <= bots_net else "good" if own_net >= 0 and bots_net >= 0 else "info"
    return [finding("week_split", tone, bots_net=bots_net, bots=count(len(bots), "trades"), own_net=own_net,
                    own=count(len(own), "trades"), cur=week.currency)]


def _compared(fig: dict) -> dict:
    return {k: fig[k] for k in COMPARED}


def _average(weeks: list[dict]) -> dict | None:
    """Each figure averaged over the earlier weeks that had trades (a figure missing in a week is left out)."""
    if not weeks:
        return None
    out: dict[str, float | None] = {}
    for key in COMPARED:
        values = [w[key] for w in weeks if w[key] is not None]
        if not values:
            out[key] = None
        elif key == "net":
            out[key] = cents(sum((D(v) for v in values), D(0)) / len(values))
        else:
            out[key] = round(sum(values) / len(values), 2 if key in ("profit_factor", "expectancy_r") else 1)
    return out


def weekday(day: date) -> dict:
    return Msg(f"mentor.weekday.{day.isoweekday()}").to_json()
