"""Entry gates: the rules that may stop a bot from *opening* a position, each with its reason and lift time.

Closing is never gated: exit signals, SL/TP, trailing and closes by hand go on
whatever these say. Each rule is a pure function of the bot's settings, facts
from the journal, the clock (and, for the account brake and the calendar, the
account and the trader's settings), returning None ("open allowed") or a
:class:`Block`. :class:`Gates` gathers the facts and asks every rule; the
trader's tick asks it once per entry, just before planning the entry.

What each per-bot rule reads from the journal (the bot's closed trades, so
the state survives a restart by construction):

* cooldown after a loss: the bot's last closed trade, its net result and close time;
* stop-loss guard: the bot's trades closed at their SL with a loss (gross profit < 0),
  so a trailed stop that locked in a profit never counts;
* trades per day: the bot's trades opened since the trading day began (midnight in
  the trader's time zone), plus the position it holds if that opened today.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.i18n import Msg
from ..trading.gates import CALENDAR, COOLDOWN, ENTRIES_OFF, MAX_TRADES, SL_GUARD, Block, local_text
from ..trading.journal import day_bounds, local_day
from .calendar import calendar_block, careful_risk

if TYPE_CHECKING:
    from ..core.settings_view import SettingsView
    from ..trading.bots import Bot
    from .brake import EmergencyBrake
    from .sources import TradeLog

MINUTE = 60.0


# -- the rules ------------------------------------------------------------------------------
def entries_off(bot: Bot) -> Block | None:
    return Block(ENTRIES_OFF, Msg("gate.entries_off")) if bot.entries_off else None


def cooldown(bot: Bot, last_trade: dict | None, now: float, tz: str) -> Block | None:
    """N minutes without entries after a losing trade (its close time plus N)."""
    if not bot.cooldown_minutes or last_trade is None or not (last_trade.get("net_profit") or 0) < 0:
        return None
    lifts = float(last_trade["close_time"]) + bot.cooldown_minutes * MINUTE
    if now >= lifts:
        return None
    return Block(COOLDOWN, Msg("gate.cooldown", {"minutes": bot.cooldown_minutes, "loss": last_trade["net_profit"],
                                                 "currency": last_trade.get("currency") or "",
                                                 "until": local_text(lifts, tz)}), lifts)


def stoploss_guard(bot: Bot, stop_outs: list[float], now: float, tz: str) -> Block | None:
    """K losing stop-outs within T minutes pause entries for P minutes after the K-th.

    ``stop_outs``: close times of the bot's losing SL exits, oldest first.
    """
    count, window, pause = bot.sl_guard_count, bot.sl_guard_window * MINUTE, bot.sl_guard_pause * MINUTE
    if not count or len(stop_outs) < count:
        return None
    lifts = None
    for last in range(count - 1, len(stop_outs)):
        if stop_outs[last] - stop_outs[last - count + 1] <= window:
            lifts = stop_outs[last] + pause
    if lifts is None or now >= lifts:
        return None
    return Block(SL_GUARD, Msg("gate.sl_guard", {"count": count, "window": bot.sl_guard_window,
                                                 "pause": bot.sl_guard_pause, "until": local_text(lifts, tz)}), lifts)


def max_trades(bot: Bot, opened_today: int, day_end: float, tz: str) -> Block | None:
    if not bot.max_trades_per_day or opened_today < bot.max_trades_per_day:
        return None
    return Block(MAX_TRADES, Msg("gate.max_trades", {"count": opened_today, "max": bot.max_trades_per_day,
                                                     "until": local_text(day_end, tz)}), day_end)


def calendar(cfg: dict, now: float) -> Block | None:
    found = calendar_block(cfg, now)
    if found is None:
        return None
    why, until = found
    return Block(CALENDAR, Msg("gate.calendar", {"why": why, "until": local_text(until, cfg["timezone"])}), until)


# -- asking all of them -------------------------------------------------------------------------
class Gates:
    """Asks every rule for one bot, with the facts they need."""

    def __init__(self, journal: TradeLog, settings: SettingsView, brake: EmergencyBrake):
        self.journal = journal
        self.settings = settings
        self.brake = brake

    def first(self, bot: Bot, now: float, holding_since: float | None = None) -> Block | None:
        """The first rule that bars an entry now (cheapest first), or None."""
        found = entries_off(bot) or self.brake.block(now)
        if found is not None:
            return found
        cfg = self.settings.all()
        return calendar(cfg, now) or next(iter(self._journal_blocks(bot, now, cfg, holding_since)), None)

    def all(self, bot: Bot, now: float, holding_since: float | None = None) -> list[Block]:
        """Every rule that bars an entry now: what the bot's page shows."""
        cfg = self.settings.all()
        found = [entries_off(bot), self.brake.block(now), calendar(cfg, now)]
        return [b for b in found if b is not None] + self._journal_blocks(bot, now, cfg, holding_since)

    def risk_percent(self, bot: Bot, now: float) -> tuple[float, float | None]:
        """The risk % to size an entry with, and the calendar's cap when it lowered the bot's own."""
        cap = careful_risk(self.settings.all(), now)
        if cap is not None and cap < bot.risk_percent:
            return cap, cap
        return bot.risk_percent, None

    def _journal_blocks(self, bot: Bot, now: float, cfg: dict[str, Any], holding_since: float | None) -> list[Block]:
        if not (bot.cooldown_minutes or bot.sl_guard_count or bot.max_trades_per_day):
            return []
        tz = cfg["timezone"]
        day = day_bounds(local_day(now, tz), tz)
        since = min(now - bot.cooldown_minutes * MINUTE, day.start,
                    now - (bot.sl_guard_window + bot.sl_guard_pause) * MINUTE if bot.sl_guard_count else now)
        trades = self.journal.trades(bot_id=bot.id, since=since, until=now + 1, newest_first=False)
        last = trades[-1] if trades else None
        stop_outs = [float(t["close_time"]) for t in trades if t.get("reason") == "sl" and (t.get("profit") or 0) < 0]
        opened = sum(1 for t in trades if float(t.get("open_time") or 0) >= day.start)
        opened += 1 if holding_since is not None and holding_since >= day.start else 0
        found = [stoploss_guard(bot, stop_outs, now, tz), cooldown(bot, last, now, tz),
                 max_trades(bot, opened, day.end, tz)]
        return [b for b in found if b is not None]
