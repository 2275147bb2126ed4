"""Recommendations, most costly first, each answering one finding; and the closing word of motivation."""

from __future__ import annotations

from ..core.i18n import Msg
from ..core.money import cents

MAX_RECOMMENDATIONS = 5

# Findings that break the trader's own plan; a day without any of them is a disciplined day. A bot's losing run
# is not on this list: it asks something of the bot, not of the trader's discipline.
DISCIPLINE_PENALTY = {"no_sl": 3, "high_risk": 2, "revenge": 2, "over_limit": 2, "overtrading": 2, "tilt": 1,
                      "inconsistent_risk": 1, "open_no_sl": 2}
# Findings that restate trades another habit already answers (the larger risk of a revenge trade, the losses of a
# bot already paused for the market): no second advice for the same trades. BROAD findings (a whole session)
# answer nothing on their own.
COVERED = frozenset({"inconsistent_risk", "market_mismatch", "bot_wrong_market", "over_limit", "overtrading"})
BROAD = frozenset({"worst_session"})
# Among findings that cost the same (often nothing), the order in which advice is given.
ADVICE_ORDER = ("tilt", "revenge", "no_sl", "open_no_sl", "high_risk", "over_limit", "overtrading",
                "bot_wrong_market", "market_mismatch", "bot_streak", "ea_streak", "negative_emotion_loss",
                "inconsistent_risk", "hold_losers", "greed_win", "poor_rr", "no_tp", "worst_emotion", "worst_session",
                "no_emotion")


def recommendations(findings: list[dict], disciplined: bool, limit: int = MAX_RECOMMENDATIONS) -> list[dict]:
    """The advice of the findings that carry one, ranked by what the finding cost (most first). A finding that
    only restates trades already answered by a habit ranked above it (see COVERED) gives no second advice."""
    advised = [f for f in findings if f.get("rec")]
    advised.sort(key=lambda f: (f["cost"], ADVICE_ORDER.index(f["code"]) if f["code"] in ADVICE_ORDER else 99))
    seen: set[tuple] = set()
    answered: set[int] = set()
    out: list[dict] = []
    for f in advised:
        tickets = set(f.get("tickets") or ())
        if (f["code"], f["who"]) in seen or (f["code"] in COVERED and tickets and tickets <= answered):
            continue
        seen.add((f["code"], f["who"]))
        if f["code"] not in BROAD:
            answered |= tickets
        out.append({"finding": f["code"], "who": f["who"], "cost": f["cost"], "tickets": sorted(tickets),
                    "msg": f["rec"]})
    if disciplined and not out:
        codes = {f["code"] for f in findings}
        out.append({"finding": "calm_discipline" if "calm_discipline" in codes else "all_sl", "who": None,
                    "cost": 0.0, "tickets": [], "msg": Msg("mentor.rec.keep_plan").to_json()})
    return out[:limit]


def discipline(findings: list[dict], traded: bool) -> dict:
    broken = {f["code"] for f in findings} & set(DISCIPLINE_PENALTY)
    score = max(0, 10 - sum(DISCIPLINE_PENALTY[c] for c in broken))
    return {"disciplined": traded and not broken, "score": score if traded else None,
            "broken": sorted(broken, key=ADVICE_ORDER.index)}


def motivation(traded: bool, net: float, disciplined: bool, currency: str, period: str = "day") -> dict:
    """One closing word: praise for process on a disciplined day whatever its result, a warning on a lucky one.
    Amounts are shown unsigned next to "lost"/"profit" (never "lost -41.03")."""
    prefix = "mentor.motivation." + ("week_" if period == "week" else "")
    if not traded:
        return Msg(prefix + "rest").to_json()
    params = {"amount": abs(cents(net)), "cur": currency}
    if disciplined:
        kind = "discipline_loss" if net < 0 else "discipline_flat" if net == 0 else "discipline_win"
    else:
        kind = "reset" if net < 0 else "reset_flat" if net == 0 else "lucky_win"
    return Msg(prefix + kind, params).to_json()
