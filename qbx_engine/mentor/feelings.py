"""The trader's emotions against results: a sentence for every note they logged, then what the notes add up to."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..core.i18n import Msg
from ..core.money import D, cents
from .context import Reading
from .emotions import EMOTIONS, NEGATIVE
from .facts import clock, count, money, total
from .finding import finding

POSITIVE = frozenset({"tenang", "percaya_diri"})


def felt(entries: list[dict]) -> list[str]:
    """Every emotion named in the notes, in the order first logged."""
    out: list[str] = []
    for entry in entries:
        for name in (entry["emotion_before"], entry.get("emotion_after")):
            if name and name not in out:
                out.append(name)
    return out


def emotion_findings(reading: Reading, day_net: float, disciplined: bool, by_emotion: list[dict]) -> list[dict]:
    found = []
    if reading.trades and not reading.entries:
        found.append(finding("no_emotion", "warn", rec=Msg("mentor.rec.no_emotion")))
    found += [note_finding(reading, entry) for entry in reading.entries]
    names = felt(reading.entries)
    negative = [e for e in names if e in NEGATIVE]
    if reading.trades and negative and day_net < 0:
        # No cost of its own: the money is already counted by the habits it led to (tilt, revenge, ...).
        found.append(finding("negative_emotion_loss", "bad", rec=Msg("mentor.rec.negative_emotion_loss"),
                             emotions=labels(negative), loss=money(day_net), cur=reading.currency))
    if reading.trades and "serakah" in names and day_net > 0:
        found.append(finding("greed_win", "warn", rec=Msg("mentor.rec.greed_win"), net=day_net, cur=reading.currency))
    if names and not negative and disciplined:
        found.append(finding("calm_discipline", "good", emotions=labels(names)))
    judged = [row for row in by_emotion if row["days"] >= 2]
    if len(judged) >= 2 and judged[0]["avg_pnl"] < 0:
        worst, best = judged[0], judged[-1]
        found.append(finding(
            "worst_emotion", "warn", cost=worst["avg_pnl"], rec=Msg("mentor.rec.worst_emotion", {
                "emotion": label(worst["emotion"])}), emotion=label(worst["emotion"]), avg=worst["avg_pnl"],
            days=count(worst["days"], "days"), best=label(best["emotion"]), best_avg=best["avg_pnl"],
            cur=reading.currency))
    return found


def note_finding(reading: Reading, entry: dict) -> dict:
    """One sentence for one note: when, how the trader felt (before → after), the market, and the trades around it.

    A note with only "before" looks ahead (the trades opened after it that day); a note with "after"
    looks back (the trades closed before it that day).
    """
    before, after = entry["emotion_before"], entry.get("emotion_after")
    now = after or before
    day = reading.day_of(entry["ts"])
    same_day = [x for x in reading.trades if reading.day_of(x["close_time"]) == day]
    if after:
        around = [x for x in same_day if x["close_time"] <= entry["ts"]]
        key = "mentor.feel.before_note"
    else:
        around = [x for x in same_day if x["open_time"] >= entry["ts"]]
        key = "mentor.feel.after_note"
    context = Msg(key, {"trades": count(len(around), "trades"), "net": total(around), "cur": reading.currency}) \
        if around else Msg("mentor.feel.no_trades")
    tone = "warn" if now in NEGATIVE or before in NEGATIVE else "good" if now in POSITIVE else "info"
    params: dict[str, Any] = {"time": clock(entry["ts"], reading.tz), "before": label(before),
              "market": Msg(f"market.{entry['market_condition']}").to_json(),
              "coach": Msg(f"mentor.feel.{now}").to_json(), "around": context.to_json()}
    if after:
        return finding("feeling_change", tone, after=label(after), **params)
    return finding("feeling_start", tone, **params)


def by_emotion(days: list[dict]) -> list[dict]:
    """Average day result for each emotion logged on at least one trading day, worst first."""
    totals: dict[str, list[Decimal]] = {}
    for day in days:
        if not day["total_trades"]:
            continue
        for name in set(day.get("emotions") or ()):
            totals.setdefault(name, []).append(D(day["total_profit"]))
    rows = [{"emotion": name, "days": len(values), "avg_pnl": cents(sum(values, D(0)) / len(values))}
            for name, values in totals.items()]
    return sorted(rows, key=lambda r: (r["avg_pnl"], EMOTIONS.index(r["emotion"]) if r["emotion"] in EMOTIONS else 99))


def week_emotions(reading: Reading) -> list[dict]:
    """For a week: each emotion logged, on how many days, and how those days ended."""
    days_by_emotion: dict[str, set] = {}
    for entry in reading.entries:
        for name in (entry["emotion_before"], entry.get("emotion_after")):
            if name:
                days_by_emotion.setdefault(name, set()).add(reading.day_of(entry["ts"]))
    results = reading.days()
    found = []
    for name in sorted(days_by_emotion, key=lambda n: EMOTIONS.index(n) if n in EMOTIONS else 99):
        days = days_by_emotion[name]
        trades = [x for d in days for x in results.get(d, [])]
        day_net = total(trades)
        tone = "warn" if name in NEGATIVE and day_net < 0 else "good" if name in POSITIVE and day_net >= 0 else "info"
        result = Msg("mentor.feel.days_result", {"trades": count(len(trades), "trades"), "net": day_net,
                                                 "cur": reading.currency}) if trades else Msg("mentor.feel.days_idle")
        found.append(finding("week_emotion", tone, emotion=label(name), days=count(len(days), "days"),
                             result=result.to_json(), coach=Msg(f"mentor.feel.{name}").to_json()))
    return found


def label(name: str) -> dict:
    return Msg(f"emotion.{name}").to_json()


def labels(names: list[str]) -> dict | list[dict]:
    """ "takut, frustrasi dan lelah" / "fearful, frustrated and tired"."""
    items = [label(n) for n in names]
    if len(items) < 2:
        return items
    return Msg("mentor.and", {"a": items[:-1], "b": items[-1]}).to_json()

