"""Risk as it really was: the journal's money and % of balance at risk at entry, stops, open positions.

A trade's risk is never taken from its bot's settings: the journal records what
the position risked when it opened (lot × stop distance × tick value, and that
as % of the balance then). A trade without that record had no stop at entry, or
was journaled before risk was recorded; the mentor says so instead of guessing.
"""

from __future__ import annotations

from decimal import ROUND_DOWN

from ..core.i18n import Msg
from ..core.money import D, cents
from .context import Reading
from .facts import Decider, clock, count, decider, lots, net, risk_money, total
from .finding import finding
from .habits import MAX_RISK_PERCENT, RISK_SPREAD_LIMIT, by_decider, share, who_counts


def stops(reading: Reading) -> list[dict]:
    trades = reading.trades
    n = len(trades)
    naked = [x for x in trades if not x.get("sl_used")]
    found = []
    if naked:
        who = decider(naked[0]).key if len({decider(x).key for x in naked}) == 1 else None
        found.append(finding("no_sl", "bad", cost=_losses(naked), by=who, about=naked, rec=Msg("mentor.rec.no_sl", {
            "who": list({decider(x).key: decider(x).label() for x in naked}.values())}), share=share(len(naked), n),
            split=who_counts(naked), net=total(naked), cur=reading.currency))
    elif trades:
        found.append(finding("all_sl", "good", share=share(n, n)))
    unknown = [x for x in trades if x.get("sl_used") and risk_money(x) is None]
    if unknown:
        found.append(finding("unknown_risk", "info", share=share(len(unknown), n)))
    no_tp = [x for x in trades if not x.get("tp_used")]
    if no_tp:
        found.append(finding("no_tp", "warn", rec=Msg("mentor.rec.no_tp"), share=share(len(no_tp), n)))
    return found


def sizing(reading: Reading) -> list[dict]:
    """Risk per trade: above the limit, uneven for one decider, or steady (said so, with the range)."""
    trades = reading.trades
    known = [x for x in trades if x.get("risk_pct") is not None]
    if not known:
        return []
    found = []
    risky = [x for x in known if x["risk_pct"] > MAX_RISK_PERCENT]
    if risky:
        found.append(_high_risk(reading, risky))
    uneven = [f for f in (_uneven(reading, mine) for mine in by_decider(known).values()) if f]
    found += uneven
    if not risky and not uneven:
        low, high = min(x["risk_pct"] for x in known), max(x["risk_pct"] for x in known)
        if low == high:
            found.append(finding("risk_same", "good", share=share(len(known), len(trades)), pct=low))
        else:
            found.append(finding("risk_steady", "good", low=low, high=high, trades=count(len(known), "trades")))
    return found


def _high_risk(reading: Reading, risky: list[dict]) -> dict:
    worst = max(risky, key=lambda x: (x["risk_pct"], x["position_id"]))
    who = decider(worst)
    fit = (D(worst["volume"]) * D(MAX_RISK_PERCENT) / D(worst["risk_pct"])).quantize(D("0.01"), rounding=ROUND_DOWN)
    details = {"who": who.label(), "symbol": worst["symbol"], "time": clock(worst["open_time"], reading.tz),
               "lot": lots(worst["volume"]), "sl_pips": worst.get("sl_pips") or 0.0, "pct": worst["risk_pct"],
               "limit": MAX_RISK_PERCENT}
    rec = Msg("mentor.rec.high_risk", {**details, "fit_lot": lots(float(fit))})
    return finding("high_risk", "bad", cost=_losses(risky), about=risky, by=who.key if all(
        decider(x).key == who.key for x in risky) else None, rec=rec, share=share(len(risky), len(reading.trades)),
        risk=cents(worst["risk_money"]), net=total(risky), cur=reading.currency, **details)


def _uneven(reading: Reading, mine: list[dict]) -> dict | None:
    if len(mine) < 2:
        return None
    low = min(mine, key=lambda x: x["risk_pct"])
    high = max(mine, key=lambda x: x["risk_pct"])
    if high["risk_pct"] < RISK_SPREAD_LIMIT * low["risk_pct"]:
        return None
    above = [x for x in mine if x["risk_pct"] >= RISK_SPREAD_LIMIT * low["risk_pct"]]
    who: Decider = decider(mine[0])
    return finding("inconsistent_risk", "warn", cost=_losses(above), by=who.key, about=above, rec=Msg(
        "mentor.rec.inconsistent_risk", {"who": who.label(), "usual": low["risk_pct"]}), who_label=who.label(),
        low=low["risk_pct"], high=high["risk_pct"], low_money=cents(low["risk_money"]),
        high_money=cents(high["risk_money"]), above=count(len(above), "trades"), net=total(above), cur=reading.currency)


def open_positions(reading: Reading) -> list[dict]:
    """Positions still open when the report was made: who holds them, floating result, and any without a stop."""
    if not reading.positions:
        return []
    items, naked = [], []
    for position in sorted(reading.positions, key=lambda p: p["ticket"]):
        who = _holder(position)
        has_sl = bool(position.get("sl"))
        if not has_sl:
            naked.append(position)
        items.append(Msg("mentor.open.item", {
            "who": who.label(), "side": position["side"].upper(), "lot": lots(position["volume"]),
            "symbol": position["symbol"], "profit": position["profit"], "cur": reading.currency,
            "stop": Msg("mentor.open.with_sl" if has_sl else "mentor.open.no_sl")}).to_json())
    floating = cents(sum((D(p["profit"]) for p in reading.positions), D(0)))
    if naked:
        exposed = cents(sum((D(p["profit"]) for p in naked), D(0)))
        return [finding("open_no_sl", "bad", cost=exposed, rec=Msg("mentor.rec.open_no_sl", {
            "tickets": [p["ticket"] for p in naked]}), open=count(len(reading.positions), "positions"), items=items,
            floating=floating, cur=reading.currency)]
    return [finding("open", "info", open=count(len(reading.positions), "positions"), items=items, floating=floating,
                    cur=reading.currency)]


def _holder(position: dict) -> Decider:
    if position.get("bot_id") is not None:
        return Decider("bot", bot_id=position["bot_id"], name=position.get("bot_name"))
    return Decider("manual") if not position.get("magic") else Decider("ea", magic=position["magic"])


def _losses(trades: list[dict]) -> float:
    return cents(sum((net(x) for x in trades if net(x) < 0), D(0)))

