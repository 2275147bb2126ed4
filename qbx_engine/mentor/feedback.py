"""Advice for the emotion the trader feels right now, given how today has gone so far.

The day's state comes before the feeling: after a tilt, a revenge trade or the
trader's own daily limit, the answer is to stop, whether they say they feel calm
or not, so the advice never contradicts the day's report. A bot's losing run gets
its own line about that bot ("pause it"), never advice meant for a person; only
the trader's own losses count towards "stop for today".
"""

from __future__ import annotations

from ..core.i18n import Msg
from .context import Reading
from .emotions import NEGATIVE
from .facts import count, decider, net, total
from .habits import TILT_LOSSES, losing_runs, revenge

FEELINGS = {"frustrasi": "frustrated", "takut": "fearful", "lelah": "tired", "bosan": "bored"}


def instant_feedback(emotion: str, today: Reading) -> list[dict]:
    """The main advice first, then what the feeling and today's numbers add to it (messages as JSON)."""
    trades = today.trades
    cur = today.currency
    runs = losing_runs(today)
    state = [_stop_tilt(f) for f in runs if f["code"] == "tilt"]
    state += [Msg("mentor.now.revenge_today", {"count": f["msg"]["params"]["count"], "net": f["msg"]["params"]["net"],
                                                "cur": cur}) for f in revenge(today)]
    if today.max_per_day and len(trades) >= today.max_per_day:
        state.append(Msg("mentor.now.limit_reached", {"limit": today.max_per_day,
                                                      "trades": count(len(trades), "trades")}))
    own = [x for x in trades if decider(x).human]
    loss_run = _trailing_losses(own)
    if not state and emotion in NEGATIVE and loss_run >= TILT_LOSSES:
        state.append(Msg("mentor.now.stop_for_day", {"losses": count(loss_run, "losses"),
                                                     "loss": abs(total(own[-loss_run:])), "cur": cur}))
    state += [_bot_line(f) for f in runs if f["code"] in ("bot_wrong_market", "bot_streak", "ea_streak")]
    advice = state[:1] + [_feeling(emotion, trades, cur, overridden=bool(state))] + state[1:]
    if trades:
        advice.append(Msg("mentor.now.day_so_far", {"trades": count(len(trades), "trades"), "net": total(trades),
                                                    "cur": cur}))
    return [m.to_json() for m in advice]


def _stop_tilt(found: dict) -> Msg:
    p = found["msg"]["params"]
    return Msg("mentor.now.stop_tilt", {"losses": p["losses"], "window": p["window"], "loss": p["loss"],
                                        "cur": p["cur"]})


def _bot_line(found: dict) -> Msg:
    p = found["msg"]["params"]
    return Msg("mentor.now." + found["code"], {**found["rec"]["params"], "window": p["window"], "losses": p["losses"],
                                               "loss": p["loss"], "cur": p["cur"]})


def _feeling(emotion: str, trades: list[dict], cur: str, *, overridden: bool) -> Msg:
    day = total(trades)
    if overridden and emotion not in NEGATIVE:
        return Msg("mentor.now.calm_but", {"emotion": Msg(f"emotion.{emotion}")})
    if emotion in FEELINGS:
        return Msg(f"mentor.now.{FEELINGS[emotion]}")
    if emotion == "serakah":
        return Msg("mentor.now.greedy_profit", {"net": day, "cur": cur}) if day > 0 else Msg("mentor.now.greedy")
    win_run = _trailing_wins(trades)
    if emotion == "percaya_diri" and win_run >= 3:
        return Msg("mentor.now.overconfident", {"wins": count(win_run, "wins")})
    return Msg("mentor.now.steady")


def _trailing_losses(trades: list[dict]) -> int:
    run = 0
    for trade in reversed(trades):
        if net(trade) >= 0:
            break
        run += 1
    return run


def _trailing_wins(trades: list[dict]) -> int:
    run = 0
    for trade in reversed(trades):
        if net(trade) <= 0:
            break
        run += 1
    return run
