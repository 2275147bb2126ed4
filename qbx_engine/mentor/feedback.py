"""Advice for the emotion the trader feels right now, given how today has gone so far."""

from __future__ import annotations

from ..i18n import Msg
from ..money import D, cents
from .analysis import TILT_LOSSES


def instant_feedback(emotion: str, trades_today: list[dict]) -> list[dict]:
    """The main advice first, then what today's numbers add to it (messages as JSON)."""
    ordered = sorted(trades_today, key=lambda x: (x["close_time"], x["position_id"]))
    net = [D(x["net_profit"]) for x in ordered]
    day = cents(sum(net, D(0)))
    loss_run = _trailing(net, lambda n: n < 0)
    win_run = _trailing(net, lambda n: n > 0)
    facts = {"losses": loss_run, "wins": win_run, "net": day, "trades": len(ordered)}
    advice = []
    if emotion in ("frustrasi", "takut", "lelah") and loss_run >= TILT_LOSSES:
        advice.append(Msg("mentor.now.stop_for_day", facts))
    elif emotion == "frustrasi":
        advice.append(Msg("mentor.now.frustrated", facts))
    elif emotion == "takut":
        advice.append(Msg("mentor.now.fearful", facts))
    elif emotion == "lelah":
        advice.append(Msg("mentor.now.tired", facts))
    elif emotion == "serakah":
        advice.append(Msg("mentor.now.greedy_profit" if day > 0 else "mentor.now.greedy", facts))
    elif emotion == "bosan":
        advice.append(Msg("mentor.now.bored", facts))
    elif emotion == "percaya_diri" and win_run >= 3:
        advice.append(Msg("mentor.now.overconfident", facts))
    else:
        advice.append(Msg("mentor.now.steady", facts))
    if ordered:
        advice.append(Msg("mentor.now.day_so_far", facts))
    return [m.to_json() for m in advice]


def _trailing(values, test) -> int:
    run = 0
    for value in reversed(values):
        if not test(value):
            break
        run += 1
    return run
