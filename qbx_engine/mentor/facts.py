"""Facts about journaled trades the mentor reasons with: who decided, when (trader's clock), risk, R, sessions.

Everything is read from the journal record with ``.get``: records written before
risk was tracked lack ``risk_money``/``risk_pct``/``source``, and the mentor then
says the risk is unknown rather than inventing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from ..core.i18n import Msg
from ..core.money import D, cents
from ..strategies import STRATEGIES

# Which kind of market a strategy is built for: a trend follower loses in a ranging market, a reversion
# strategy in a strong trend. Strategies not listed here get no such verdict.
STRATEGY_STYLE = {
    "ma_crossover": "trend", "macd_crossover": "trend", "ema_rsi_pullback": "trend",
    "donchian_breakout": "trend", "bollinger_squeeze": "trend",
    "rsi_reversal": "reversion", "bollinger_reversion": "reversion", "stochastic": "reversion",
}

# Trading sessions as fixed UTC blocks that cover the day once (entry time decides): Asia (Sydney/Tokyo)
# 22:00-07:00, London 07:00-13:00, New York 13:00-22:00 (the London/New York overlap counts as New York).
SESSIONS = (("asia", 22, 7), ("london", 7, 13), ("new_york", 13, 22))


@dataclass(frozen=True)
class Decider:
    """Who opened a trade: one of our bots, the trader by hand, or another EA on the account."""

    kind: str  # "bot", "manual", "ea"
    bot_id: int | None = None
    name: str | None = None
    magic: int | None = None

    @property
    def key(self) -> str:
        return {"bot": f"bot:{self.bot_id}", "ea": f"ea:{self.magic}"}.get(self.kind, "manual")

    @property
    def human(self) -> bool:
        return self.kind == "manual"

    def label(self) -> dict:
        """The decider in the trader's words, as a message (a bot's name is shown as typed)."""
        if self.kind == "bot":
            return Msg("mentor.who.bot", {"name": self.name or f"#{self.bot_id}"}).to_json()
        if self.kind == "ea":
            return Msg("mentor.who.ea", {"magic": self.magic}).to_json()
        return Msg("mentor.who.manual").to_json()


def decider(trade: dict) -> Decider:
    return _decider(trade.get("bot_id"), trade.get("bot_name"), trade.get("source"), trade.get("magic"))


@lru_cache(maxsize=4096)
def _decider(bot_id: int | None, name: str | None, source: str | None, magic: int | None) -> Decider:
    if bot_id is not None:
        return Decider("bot", bot_id=bot_id, name=name)
    if source == "ea" or (source is None and magic):
        return Decider("ea", magic=magic)
    return Decider("manual")


def net(trade: dict) -> Decimal:
    return _exact(trade["net_profit"])


@lru_cache(maxsize=1 << 16)
def _exact(value: float) -> Decimal:
    """The exact decimal of an amount (money.D), remembered: the mentor sums the same trades many ways."""
    return D(value)


def total(trades: list[dict]) -> float:
    return cents(sum((net(x) for x in trades), D(0)))


def risk_money(trade: dict) -> Decimal | None:
    value = trade.get("risk_money")
    return D(value) if value else None


def r_multiple(trade: dict) -> Decimal | None:
    """The journal's R multiple; for a record that has the risk but not the R, net / risk."""
    if trade.get("r_multiple") is not None:
        return _exact(trade["r_multiple"])
    risk = risk_money(trade)
    return (net(trade) / risk).quantize(Decimal("0.01")) if risk else None


def size(trade: dict) -> Decimal:
    """What a trade put on the line: its money at risk when known, else its lot."""
    return risk_money(trade) or D(trade["volume"])


def style(trade: dict) -> str | None:
    return STRATEGY_STYLE.get(trade.get("strategy") or "")


def strategy_label(name: str | None) -> dict:
    """A strategy's name in both languages (the registry's label), "no bot strategy" for trades without one."""
    if not name:
        return Msg("mentor.strategy.none").to_json()
    cls = STRATEGIES.get(name)
    return dict(cls.label) if cls is not None else {"id": name, "en": name}


def by_close(trades: list[dict]) -> list[dict]:
    return sorted(trades, key=lambda x: (x["close_time"], x["position_id"]))


def by_open(trades: list[dict]) -> list[dict]:
    return sorted(trades, key=lambda x: (x["open_time"], x["position_id"]))


def clock(ts: float, tz: str) -> str:
    """The trader's local wall-clock time, HH:MM."""
    return datetime.fromtimestamp(ts, ZoneInfo(tz)).strftime("%H:%M")


def window(first: float, last: float, tz: str) -> str:
    start, end = clock(first, tz), clock(last, tz)
    return start if start == end else f"{start}–{end}"


def local_hour(ts: float, tz: str) -> int:
    return datetime.fromtimestamp(ts, ZoneInfo(tz)).hour


def session_of(ts: float) -> str:
    hour = datetime.fromtimestamp(ts, UTC).hour
    for name, start, end in SESSIONS:
        if (start <= hour < end) if start < end else (hour >= start or hour < end):
            return name
    raise AssertionError(hour)  # the blocks cover the day


def session_hours(name: str, tz: str, on: float) -> str:
    """A session's UTC block in the trader's clock on the day of ``on`` (e.g. "14:00–20:00")."""
    start, end = next((s, e) for n, s, e in SESSIONS if n == name)
    day = datetime.fromtimestamp(on, UTC).replace(minute=0, second=0, microsecond=0)
    return f"{clock(day.replace(hour=start).timestamp(), tz)}–{clock(day.replace(hour=end % 24).timestamp(), tz)}"


def count(n: int, noun: str) -> dict:
    """``n`` with its noun in the right number for each language ("1 trade", "2 trades"; "2 trade")."""
    return Msg(f"mentor.n.{noun}.{'one' if n == 1 else 'other'}", {"n": n}).to_json()


def lots(volume: float) -> dict:
    """A lot size with its noun ("1 lot", "0.5 lots"; "0,5 lot")."""
    return Msg(f"mentor.lots.{'one' if volume == 1 else 'other'}", {"n": volume}).to_json()


def duration(seconds: float | None) -> dict | None:
    """A hold time in the trader's words: minutes under two hours, else hours and minutes."""
    if seconds is None:
        return None
    minutes = round(seconds / 60)
    if minutes < 120:
        return Msg("mentor.dur.minutes", {"m": minutes}).to_json()
    return Msg("mentor.dur.hours", {"h": minutes // 60, "m": minutes % 60}).to_json()


def money(value) -> float:
    """An amount shown without a sign, for sentences that already say "lost" or "cost"."""
    return abs(cents(value))
