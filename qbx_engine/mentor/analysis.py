"""The mentor's reading of one trading day: patterns, emotions against results, risk, advice.

Rule-based and deterministic: every finding carries the numbers it is based on,
so the report can quote them and a trader can check them against the journal.
Thresholds follow what trading-journal tools commonly flag.
"""

from __future__ import annotations

import statistics
from datetime import date
from decimal import Decimal

from ..i18n import Msg
from ..money import D, cents
from .emotions import NEGATIVE

REVENGE_WINDOW = 15 * 60        # an entry this soon after a loss...
REVENGE_SIZE = Decimal("1.25")  # ...at this multiple of the losing lot or more
TILT_LOSSES, TILT_WINDOW = 3, 30 * 60
OVERTRADING_FACTOR, OVERTRADING_MIN_EXTRA, BASELINE_DAYS = 2, 3, 3
MAX_RISK_PERCENT = 2.0
LOT_SPREAD_LIMIT = 2.0          # largest lot / smallest lot on one symbol
MAX_RECOMMENDATIONS = 5

# Findings that break the trading plan; a day without any of them is a disciplined day.
DISCIPLINE_PENALTY = {"no_sl": 3, "high_risk": 2, "revenge": 2, "overtrading": 2, "tilt": 1,
                      "inconsistent_lot": 1}
# The order in which advice is given: the most costly habit first.
ADVICE_ORDER = ("tilt", "revenge", "no_sl", "high_risk", "overtrading", "negative_emotion_loss", "greed_win",
                "inconsistent_lot", "poor_rr", "no_tp", "worst_emotion", "no_emotion")


def finding(code: str, tone: str, **params) -> dict:
    return {"code": code, "tone": tone, "msg": Msg(f"mentor.find.{code}", params).to_json()}


def analyse_day(day: date, trades: list[dict], emotions: list[dict], history: list[dict],
                currency: str = "USD") -> dict:
    """The seed's structure for one day.

    ``trades``: the day's journal records; ``emotions``: the day's emotion entries;
    ``history``: earlier days as ``{"date", "total_trades", "total_profit", "emotions"}``
    (newest 30 are used for the trader's own baselines).
    """
    trades = sorted(trades, key=lambda x: (x["close_time"], x["position_id"]))
    net = [D(x["net_profit"]) for x in trades]
    total = cents(sum(net, D(0)))
    patterns = _patterns(trades, net, history)
    risk = _risk(trades, net)
    penalties = {f["code"] for f in patterns["findings"] + risk["findings"]} & set(DISCIPLINE_PENALTY)
    score = max(0, 10 - sum(DISCIPLINE_PENALTY[c] for c in penalties))
    disciplined = bool(trades) and not penalties
    feelings = _emotions(day, trades, total, emotions, history, disciplined)
    findings = patterns["findings"] + feelings["findings"] + risk["findings"]
    return {
        "date": day.isoformat(), "currency": currency,
        "summary": {"total_trades": len(trades), "net_profit": total,
                    "wins": sum(1 for n in net if n > 0), "losses": sum(1 for n in net if n < 0)},
        "pola_trading": patterns, "emosi_vs_performa": feelings, "manajemen_risiko": risk,
        "disiplin": {"disciplined": disciplined, "score": score if trades else None,
                     "broken": sorted(penalties, key=ADVICE_ORDER.index)},
        "rekomendasi": _advice(findings, disciplined),
        "motivasi": _motivation(trades, total, disciplined).to_json(),
    }


# -- trading patterns -------------------------------------------------------------
def _patterns(trades: list[dict], net: list[Decimal], history: list[dict]) -> dict:
    wins = [n for n in net if n > 0]
    losses = [n for n in net if n < 0]
    gross_win, gross_loss = sum(wins, D(0)), -sum(losses, D(0))
    out = {
        "win_rate": _pct(len(wins), len(trades)),
        "avg_win": cents(gross_win / len(wins)) if wins else None,
        "avg_loss": cents(-gross_loss / len(losses)) if losses else None,
        "profit_factor": float(round(gross_win / gross_loss, 2)) if gross_loss else None,
        "max_win_streak": _longest(net, lambda n: n > 0), "max_loss_streak": _longest(net, lambda n: n < 0),
        "trades_per_hour": _per_hour(trades),
        "baseline_trades": None, "overtrading": False, "revenge_trades": [], "tilt": False, "findings": [],
    }
    if not trades:
        return out
    found = out["findings"]
    found.append(finding("result", "good" if gross_win >= gross_loss else "bad", trades=len(trades),
                         wins=len(wins), win_rate=out["win_rate"], net=cents(sum(net, D(0)))))
    if wins and losses:
        found.append(finding("win_loss_size", "good" if out["avg_win"] >= -out["avg_loss"] else "warn",
                             avg_win=out["avg_win"], avg_loss=-out["avg_loss"],
                             profit_factor=out["profit_factor"]))
    busy_days = [h["total_trades"] for h in history[-30:] if h["total_trades"] > 0]
    if len(busy_days) >= BASELINE_DAYS:
        baseline = round(statistics.fmean(busy_days), 1)
        out["baseline_trades"] = baseline
        if len(trades) >= max(OVERTRADING_FACTOR * baseline, baseline + OVERTRADING_MIN_EXTRA):
            out["overtrading"] = True
            found.append(finding("overtrading", "bad", trades=len(trades), baseline=baseline,
                                 days=len(busy_days)))
    revenge = _revenge(trades)
    if revenge:
        out["revenge_trades"] = [x["position_id"] for x, _ in revenge]
        first, loss = revenge[0]
        found.append(finding("revenge", "bad", count=len(revenge), minutes=round(
            (first["open_time"] - loss["close_time"]) / 60), lot=first["volume"], loss_lot=loss["volume"]))
    tilt = _tilt(trades, net)
    if tilt is not None:
        out["tilt"] = True
        found.append(finding("tilt", "bad", losses=TILT_LOSSES, minutes=tilt))
    return out


def _actor(trade: dict):
    """Who decided the trade: one bot, or the trader by hand (no bot). Habits are judged per decider."""
    return trade.get("bot_id")


def _revenge(trades: list[dict]) -> list[tuple[dict, dict]]:
    """Entries opened soon after the same decider's losing trade closed, at a clearly larger lot."""
    losing = [x for x in trades if D(x["net_profit"]) < 0]
    found = []
    for entry in sorted(trades, key=lambda x: x["open_time"]):
        for loss in losing:
            if loss is entry or _actor(loss) != _actor(entry):
                continue
            gap = entry["open_time"] - loss["close_time"]
            if 0 <= gap <= REVENGE_WINDOW and D(entry["volume"]) >= REVENGE_SIZE * D(loss["volume"]):
                found.append((entry, loss))
                break
    return found


def _tilt(trades: list[dict], net: list[Decimal]) -> int | None:
    """Minutes spanned by the first run of three losses in a row, inside half an hour, of one decider."""
    for actor in dict.fromkeys(_actor(x) for x in trades):
        mine = [(x, n) for x, n in zip(trades, net) if _actor(x) == actor]
        for i in range(len(mine) - TILT_LOSSES + 1):
            window = mine[i:i + TILT_LOSSES]
            if all(n < 0 for _, n in window):
                span = window[-1][0]["close_time"] - window[0][0]["close_time"]
                if span <= TILT_WINDOW:
                    return round(span / 60)
    return None


# -- emotions against results ------------------------------------------------------
def _emotions(day: date, trades: list[dict], total: float, entries: list[dict], history: list[dict],
              disciplined: bool) -> dict:
    felt = []
    for entry in sorted(entries, key=lambda e: e["ts"]):
        for name in (entry["emotion_before"], entry.get("emotion_after")):
            if name and name not in felt:
                felt.append(name)
    by_emotion = _by_emotion([*history[-30:], {"date": day.isoformat(), "total_trades": len(trades),
                                               "total_profit": total, "emotions": felt}])
    out = {"entries": entries, "felt": felt, "by_emotion_30d": by_emotion, "findings": []}
    found = out["findings"]
    if trades and not entries:
        found.append(finding("no_emotion", "warn"))
    negative = [e for e in felt if e in NEGATIVE]
    if negative and total < 0:
        found.append(finding("negative_emotion_loss", "bad", emotions=_emotion_list(negative), net=total))
    if "serakah" in felt and total > 0:
        found.append(finding("greed_win", "warn", net=total))
    if felt and not negative and disciplined:
        found.append(finding("calm_discipline", "good", emotions=_emotion_list(felt)))
    judged = [row for row in by_emotion if row["days"] >= 2]
    if len(judged) >= 2:
        worst, best = judged[0], judged[-1]
        if worst["avg_pnl"] < 0:
            found.append(finding("worst_emotion", "warn", emotion=_emotion_label(worst["emotion"]).to_json(),
                                 avg=worst["avg_pnl"], days=worst["days"], best=_emotion_label(best["emotion"]).to_json(),
                                 best_avg=best["avg_pnl"]))
    return out


def _by_emotion(days: list[dict]) -> list[dict]:
    """Average day result for each emotion logged on at least one trading day, worst first."""
    totals: dict[str, list[Decimal]] = {}
    for day in days:
        if not day["total_trades"]:
            continue
        for name in set(day.get("emotions") or ()):
            totals.setdefault(name, []).append(D(day["total_profit"]))
    rows = [{"emotion": name, "days": len(values), "avg_pnl": cents(sum(values, D(0)) / len(values))}
            for name, values in totals.items()]
    return sorted(rows, key=lambda r: (r["avg_pnl"], r["emotion"]))


def _emotion_label(name: str) -> Msg:
    return Msg(f"emotion.{name}")


def _emotion_list(names: list[str]) -> list[dict]:
    return [Msg(f"emotion.{n}").to_json() for n in names]


# -- risk management --------------------------------------------------------------
def _risk(trades: list[dict], net: list[Decimal]) -> dict:
    n = len(trades)
    without_sl = [x for x in trades if not x.get("sl_used")]
    without_tp = [x for x in trades if not x.get("tp_used")]
    risky = [x for x in trades if (x.get("risk_percent") or 0) > MAX_RISK_PERCENT]
    wins = [v for v in net if v > 0]
    losses = [v for v in net if v < 0]
    rr = float(round((sum(wins, D(0)) / len(wins)) / (-sum(losses, D(0)) / len(losses)), 2)) \
        if wins and losses else None
    spread = _lot_spread(trades)
    out = {"sl_share": _pct(n - len(without_sl), n), "tp_share": _pct(n - len(without_tp), n),
           "high_risk_trades": len(risky), "max_risk_percent": max((x.get("risk_percent") or 0 for x in trades),
                                                                   default=None),
           "lot_spread": spread["ratio"] if spread else None, "reward_to_risk": rr, "findings": []}
    if not trades:
        return out
    found = out["findings"]
    if without_sl:
        found.append(finding("no_sl", "bad", count=len(without_sl), trades=n, share=out["sl_share"]))
    else:
        found.append(finding("all_sl", "good", trades=n))
    if without_tp:
        found.append(finding("no_tp", "warn", count=len(without_tp), trades=n))
    if risky:
        found.append(finding("high_risk", "bad", count=len(risky), max=out["max_risk_percent"],
                             limit=MAX_RISK_PERCENT))
    if spread and spread["ratio"] >= LOT_SPREAD_LIMIT:
        found.append(finding("inconsistent_lot", "warn", symbol=spread["symbol"], low=spread["low"],
                             high=spread["high"]))
    if rr is not None:
        win_rate = len(wins) / n
        # Break-even needs rr >= (1 - p) / p; below that the day's edge was negative.
        needed = round((1 - win_rate) / win_rate, 2) if win_rate else None
        if needed is not None and rr < needed:
            found.append(finding("poor_rr", "warn", rr=rr, needed=needed, win_rate=_pct(len(wins), n)))
    return out


def _lot_spread(trades: list[dict]) -> dict | None:
    """The symbol on which lot sizes differed most (largest / smallest)."""
    worst = None
    for symbol in sorted({x["symbol"] for x in trades}):
        lots = [D(x["volume"]) for x in trades if x["symbol"] == symbol]
        ratio = float(round(max(lots) / min(lots), 2))
        if worst is None or ratio > worst["ratio"]:
            worst = {"symbol": symbol, "ratio": ratio, "low": float(min(lots)), "high": float(max(lots))}
    return worst


# -- advice and motivation --------------------------------------------------------
def _advice(findings: list[dict], disciplined: bool) -> list[dict]:
    codes = {f["code"] for f in findings}
    ranked = [code for code in ADVICE_ORDER if code in codes]
    advice = [{"finding": code, "msg": Msg(f"mentor.rec.{code}").to_json()} for code in ranked]
    if disciplined and not advice:
        advice.append({"finding": "calm_discipline" if "calm_discipline" in codes else "all_sl",
                       "msg": Msg("mentor.rec.keep_plan").to_json()})
    return advice[:MAX_RECOMMENDATIONS]


def _motivation(trades: list[dict], total: float, disciplined: bool) -> Msg:
    if not trades:
        return Msg("mentor.motivation.rest")
    if disciplined:
        return Msg("mentor.motivation.discipline_loss" if total < 0 else "mentor.motivation.discipline_win",
                   {"net": total})
    return Msg("mentor.motivation.lucky_win" if total > 0 else "mentor.motivation.reset", {"net": total})


# -- small helpers ----------------------------------------------------------------
def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _longest(values, test) -> int:
    best = run = 0
    for value in values:
        run = run + 1 if test(value) else 0
        best = max(best, run)
    return best


def _per_hour(trades: list[dict]) -> float | None:
    if not trades:
        return None
    span = max(x["close_time"] for x in trades) - min(x["open_time"] for x in trades)
    return round(len(trades) / max(1.0, span / 3600), 2)
