"""The habits the mentor looks for in one day, each naming who did it, when, and what it cost.

Habits are judged per decider: a bot has no emotions, so three quick losses are
tilt only for the trader's own trades; a bot's losing run is a question about
the bot and the market it runs in. Size is compared by the money at risk
(journal's risk at entry), falling back to lots only for records without it.
Thresholds follow what trading-journal tools commonly flag.
"""

from __future__ import annotations

import statistics
from decimal import Decimal

from ..core.i18n import Msg
from ..core.money import D, cents
from .context import Reading
from .facts import by_open, clock, count, decider, lots, money, net, risk_money, size, style, total, window
from .finding import finding

REVENGE_WINDOW = 15 * 60        # an entry this soon after the same trader's loss...
REVENGE_SIZE = Decimal("1.25")  # ...at this multiple of that loss's size or more
TILT_LOSSES, TILT_WINDOW = 3, 30 * 60
BOT_STREAK = 3
OVERTRADING_FACTOR, OVERTRADING_MIN_EXTRA, BASELINE_DAYS = 2, 3, 3
MAX_RISK_PERCENT = 2.0
RISK_SPREAD_LIMIT = 2.0         # one decider's largest / smallest risk per trade
MISMATCH = {"trend": "ranging", "reversion": "trending"}  # the market each style is weak in
SUITS = {"trend": "trending", "reversion": "ranging"}
PATTERN_MIN = 2                 # losses of one kind before the mentor calls it a pattern


def share(part: int, whole: int, noun: str = "trades") -> dict:
    """ "2 of 5 trades", "All 5 trades", "The only trade" (sentence start), in each language."""
    if part == whole:
        return Msg(f"mentor.share.{noun}.{'only' if whole == 1 else 'all'}", {"total": whole}).to_json()
    return Msg(f"mentor.share.{noun}.some", {"count": part, "total": whole}).to_json()


def who_counts(trades: list[dict]) -> list[dict]:
    """ "Manual trades: 2, Scalper EURUSD: 7" in the order the deciders first appear."""
    seen: dict[str, list] = {}
    for trade in trades:
        who = decider(trade)
        seen.setdefault(who.key, [who, 0])[1] += 1
    return [Msg("mentor.who_n", {"who": who.label(), "n": n}).to_json() for who, n in seen.values()]


def by_decider(trades: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for trade in trades:
        out.setdefault(decider(trade).key, []).append(trade)
    return out


# -- losing runs: tilt for the trader, the wrong market for a bot ----------------------
def losing_runs(reading: Reading) -> list[dict]:
    """The first losing run worth a word for each decider of the day."""
    found = []
    for mine in by_decider(reading.trades).values():
        who = decider(mine[0])
        for run in _runs(mine):
            made = _tilt(reading, who, mine, run) if who.human else _bot_run(reading, who, mine, run)
            if made is not None:
                found.append(made)
                break
    return found


def _runs(trades: list[dict]) -> list[list[dict]]:
    runs, current = [], []
    for trade in trades:
        if net(trade) < 0:
            current.append(trade)
        else:
            if current:
                runs.append(current)
            current = []
    return runs + ([current] if current else [])


def _episode(reading: Reading, who, mine: list[dict], run: list[dict]) -> dict:
    in_run = {x["position_id"] for x in run}
    after = [x for x in mine if x["position_id"] not in in_run and x["open_time"] >= run[-1]["close_time"]]
    streak_loss, after_net = total(run), total(after)
    then = Msg("mentor.then.after", {"trades": count(len(after), "trades"), "net": after_net,
                                     "cur": reading.currency}) if after else Msg("mentor.then.none")
    return {"who": who.label(), "window": window(run[0]["open_time"], run[-1]["close_time"], reading.tz),
            "losses": count(len(run), "losses"), "loss": money(streak_loss), "cur": reading.currency,
            "then": then.to_json(), "_cost": cents(D(streak_loss) + min(D(0), D(after_net))), "_trades": run + after}


def _tilt(reading: Reading, who, mine, run) -> dict | None:
    """From the first of three losses inside half an hour to the end of that losing run."""
    start = next((i for i in range(len(run) - TILT_LOSSES + 1)
                  if run[i + TILT_LOSSES - 1]["close_time"] - run[i]["close_time"] <= TILT_WINDOW), None)
    if start is None:
        return None
    run = run[start:]
    params = _episode(reading, who, mine, run)
    cost, trades = params.pop("_cost"), params.pop("_trades")
    return finding("tilt", "bad", cost=cost, by=who.key, about=trades, rec=Msg("mentor.rec.tilt", {"who": who.label()}),
                   **params)


def _bot_run(reading: Reading, who, mine, run) -> dict | None:
    if len(run) < BOT_STREAK:
        return None
    params = _episode(reading, who, mine, run)
    cost, trades = params.pop("_cost"), params.pop("_trades")
    kind = style(run[0])
    conditions = {reading.condition_of(x) for x in run}
    if who.kind == "bot" and kind in MISMATCH and conditions == {MISMATCH[kind]}:
        condition = Msg(f"market.{MISMATCH[kind]}").to_json()
        rec = Msg("mentor.rec.bot_wrong_market", {"name": who.name, "condition": condition,
                                                  "suits": Msg(f"market.{SUITS[kind]}").to_json()})
        return finding("bot_wrong_market", "bad", cost=cost, by=who.key, rec=rec, about=trades, condition=condition,
                       style=Msg(f"mentor.style.{kind}").to_json(), **params)
    if who.kind == "bot":
        rec = Msg("mentor.rec.bot_streak", {"name": who.name, "losses": params["losses"]})
        return finding("bot_streak", "warn", cost=cost, by=who.key, rec=rec, about=trades, **params)
    rec = Msg("mentor.rec.ea_streak", {"magic": who.magic, "losses": params["losses"]})
    return finding("ea_streak", "warn", cost=cost, by=who.key, rec=rec, about=trades, **params)


# -- revenge: a bigger entry soon after the trader's own loss ------------------------
def revenge(reading: Reading) -> list[dict]:
    found = []
    for mine in by_decider(reading.trades).values():
        who = decider(mine[0])
        if not who.human:
            continue
        pairs = revenge_pairs(mine)
        if not pairs:
            continue
        entry, loss = pairs[0]
        trades = [e for e, _ in pairs]
        found.append(finding(
            "revenge", "bad", cost=total(trades), by=who.key, about=trades,
            rec=Msg("mentor.rec.revenge", {"who": who.label()}),
            who_label=who.label(), time=clock(entry["open_time"], reading.tz),
            minutes=count(round((entry["open_time"] - loss["close_time"]) / 60), "minutes"),
            loss=money(net(loss)), size=_size_change(entry, loss, reading.currency).to_json(),
            count=count(len(pairs), "revenge"), net=total(trades), cur=reading.currency))
    return found


def revenge_pairs(trades: list[dict]) -> list[tuple[dict, dict]]:
    """(entry, the loss it answered) for entries opened soon after one of these trades lost, clearly bigger."""
    losing = [x for x in trades if net(x) < 0]
    pairs = []
    for entry in by_open(trades):
        for loss in losing:
            gap = entry["open_time"] - loss["close_time"]
            if loss is not entry and 0 <= gap <= REVENGE_WINDOW and _bigger(entry, loss):
                pairs.append((entry, loss))
                break
    return pairs


def _bigger(entry: dict, loss: dict) -> bool:
    entry_risk, loss_risk = risk_money(entry), risk_money(loss)
    if entry_risk and loss_risk:
        return entry_risk >= REVENGE_SIZE * loss_risk
    return D(entry["volume"]) >= REVENGE_SIZE * D(loss["volume"])


def _size_change(entry: dict, loss: dict, currency: str) -> Msg:
    if risk_money(entry) and risk_money(loss):
        return Msg("mentor.size.risk", {"ratio": float(round(size(entry) / size(loss), 1)),
                                        "size": cents(size(entry)), "before": cents(size(loss)), "cur": currency})
    return Msg("mentor.size.lot", {"ratio": float(round(D(entry["volume"]) / D(loss["volume"]), 1)),
                                   "size": lots(entry["volume"]), "before": lots(loss["volume"])})


# -- how much was traded ----------------------------------------------------------
def overtrading(reading: Reading) -> list[dict]:
    trades = by_open(reading.trades)
    n = len(trades)
    if reading.max_per_day > 0:
        if n <= reading.max_per_day:
            return []
        beyond = trades[reading.max_per_day:]
        return [finding("over_limit", "bad", cost=total(beyond), about=beyond, rec=Msg("mentor.rec.over_limit", {
            "limit": reading.max_per_day}), trades=count(n, "trades"), limit=reading.max_per_day,
            split=who_counts(trades), beyond=count(len(beyond), "trades"), net=total(beyond), cur=reading.currency)]
    baseline = usual_trades(reading.history)
    if baseline is None or n < max(OVERTRADING_FACTOR * baseline, baseline + OVERTRADING_MIN_EXTRA):
        return []
    beyond = trades[int(round(baseline)):]
    return [finding("overtrading", "bad", cost=total(beyond), about=beyond, rec=Msg("mentor.rec.overtrading", {
        "baseline": baseline}), trades=count(n, "trades"), baseline=baseline,
        days=count(_busy_days(reading.history), "days"),
        split=who_counts(trades), beyond=count(len(beyond), "trades"), net=total(beyond), cur=reading.currency)]


def usual_trades(history: list[dict]) -> float | None:
    """The trader's own average trades per active day (last 30 days), once there are enough such days."""
    busy = [h["total_trades"] for h in history[-30:] if h["total_trades"] > 0]
    return round(statistics.fmean(busy), 1) if len(busy) >= BASELINE_DAYS else None


def _busy_days(history: list[dict]) -> int:
    return sum(1 for h in history[-30:] if h["total_trades"] > 0)


# -- the market the trader logged ----------------------------------------------------
def market_fit(reading: Reading) -> list[dict]:
    """Losses taken in a market the trader marked as one the strategy is weak in (trend bots in ranging)."""
    losses = [x for x in reading.trades if net(x) < 0]
    found = []
    for kind, condition in MISMATCH.items():
        marked = [x for x in losses if reading.condition_of(x) == condition]
        wrong = [x for x in marked if style(x) == kind]
        if len(wrong) < PATTERN_MIN:
            continue
        names = sorted({x.get("bot_name") or "" for x in wrong} - {""})
        which = Msg("mentor.mismatch.all", {"style": Msg(f"mentor.style.{kind}")}) if len(wrong) == len(marked) \
            else Msg("mentor.mismatch.some", {"n": len(wrong), "style": Msg(f"mentor.style.{kind}")})
        label = Msg(f"market.{condition}").to_json()
        found.append(finding(
            "market_mismatch", "bad", cost=total(wrong), about=wrong, rec=Msg("mentor.rec.market_mismatch", {
                "condition": label, "style": Msg(f"mentor.style.{kind}").to_json(), "names": names}),
            losses=share(len(marked), len(losses), "losing"), condition=label, which=which.to_json(), names=names,
            loss=money(total(wrong)), cur=reading.currency))
    return found
