"""A finding: what the mentor saw, who did it, what it cost, and the advice that answers it.

Messages are stored as keys and parameters (rendered per language later). ``cost``
is money lost in the account currency (0 or negative), used to rank the advice;
``rec`` is the recommendation tied to this finding, if it calls for one.
"""

from __future__ import annotations

from ..core.i18n import Msg
from ..core.money import cents

TONES = ("good", "info", "warn", "bad")


def finding(code: str, tone: str, *, cost: float = 0.0, by: str | None = None, rec: Msg | None = None,
            about: list[dict] | None = None, **params) -> dict:
    """``by``: the decider's key ("bot:3", "manual", "ea:777") when one decider made the finding;
    ``about``: the journal records it is about (kept as their tickets, so each figure can be traced)."""
    assert tone in TONES, tone
    return {"code": code, "tone": tone, "cost": min(0.0, cents(cost)), "who": by,
            "tickets": [x["position_id"] for x in about or ()],
            "msg": Msg(f"mentor.find.{code}", params).to_json(), "rec": rec.to_json() if rec else None}
