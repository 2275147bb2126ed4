"""The account's deal history as the trader reads it: every closed position, who opened it, filters and totals.

Rows come from the broker's own history (:meth:`Broker.deal_history`), so positions
opened by hand, by other EAs or before QuantumBotX ran are there too. Where the
journal knows a position (risk at entry, R multiple, the bot's name even after the
bot was deleted) its facts are joined by ticket.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np

from ..brokers.base import BUY, SELL, ClosedPosition
from ..core.errors import ValidationError
from ..core.i18n import Msg, shown, t
from ..core.inputs import showable
from ..core.money import cents
from . import performance

SOURCES = ("bot", "manual", "ea")
RESULTS = ("win", "loss", "even")
CSV_COLUMNS = ("ticket", "symbol", "side", "volume", "open_time", "open_price", "close_time", "close_price", "sl",
               "tp", "profit", "commission", "swap", "net_profit", "reason", "magic", "source", "bot_id", "bot_name",
               "risk_money", "r_multiple", "comment")


def deal_rows(closed: list[ClosedPosition], bots: dict[int, str], journal: dict[int, dict]) -> list[dict]:
    """One row per closed position, oldest first, with its bot (ours by magic or by the journal) and source."""
    rows = []
    for position in closed:
        noted = journal.get(position.ticket) or {}
        bot_id = noted.get("bot_id")
        if bot_id is None and position.magic in bots:
            bot_id = position.magic
        source = "bot" if bot_id is not None else "manual" if position.magic == 0 else "ea"
        rows.append({**position.to_json(), "comment": showable(position.comment, allowed=""),
                     "net_profit": position.net_profit, "source": source, "bot_id": bot_id,
                     "bot_name": bots.get(bot_id) or noted.get("bot_name") if bot_id is not None else None,
                     "risk_money": noted.get("risk_money"), "r_multiple": noted.get("r_multiple")})
    return rows


def result_of(row: dict) -> str:
    net = row["net_profit"]
    return "win" if net > 0 else "loss" if net < 0 else "even"


def filter_deals(rows: list[dict], *, symbol: str | None = None, bot: int | str | None = None,
                 side: str | None = None, result: str | None = None) -> list[dict]:
    """The rows matching every filter given; ``bot`` is a bot id or one of the sources (bot, manual, ea)."""
    errors = {}
    if side not in (None, BUY, SELL):
        errors["side"] = Msg("hist.bad_filter", {"value": shown(side)})
    if result not in (None, *RESULTS):
        errors["result"] = Msg("hist.bad_filter", {"value": shown(result)})
    if symbol is not None and not isinstance(symbol, str):
        errors["symbol"] = Msg("hist.bad_filter", {"value": shown(symbol)})
    if bot is not None and not (isinstance(bot, int) and not isinstance(bot, bool)) and bot not in SOURCES:
        errors["bot"] = Msg("hist.bad_filter", {"value": shown(bot)})
    if errors:
        raise ValidationError(errors)
    return [row for row in rows
            if (symbol is None or row["symbol"] == symbol)
            and (bot is None or (row["source"] == bot if isinstance(bot, str) else row["bot_id"] == bot))
            and (side is None or row["side"] == side)
            and (result is None or result_of(row) == result)]


def totals(rows: list[dict]) -> dict:
    """The figures of the rows shown: counts, net, win rate, profit factor, and the costs paid."""
    net = np.array([row["net_profit"] for row in rows], dtype=float)
    figures = performance.trade_figures(net, np.array(
        [np.nan if row.get("r_multiple") is None else row["r_multiple"] for row in rows], dtype=float))
    figures.update(volume=round(float(sum(row["volume"] for row in rows)), 2),
                   profit=cents(sum(row["profit"] for row in rows)),
                   commission=cents(sum(row["commission"] for row in rows)),
                   swap=cents(sum(row["swap"] for row in rows)))
    return figures


def deals_csv(rows: list[dict], tz: str, lang: str) -> str:
    """The rows as CSV, times in the trader's zone, the close reason in words."""
    zone = ZoneInfo(tz)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "open_time": datetime.fromtimestamp(row["open_time"], zone).isoformat(" "),
                         "close_time": datetime.fromtimestamp(row["close_time"], zone).isoformat(" "),
                         "reason": t(f"reason.{row['reason']}", lang), "bot_name": row["bot_name"] or ""})
    return out.getvalue()
