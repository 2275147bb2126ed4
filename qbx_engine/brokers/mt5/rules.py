"""What the adapter reads into the terminal's records: account modes, symbol kinds, stale ticks, the server's
clock and the usual weekly hours (shared by the broker and the connection check)."""

from __future__ import annotations

from ...market.hours import ALWAYS, FOREX

TRADE_MODES = {0: "demo", 1: "contest", 2: "real"}
STALE_TICK = 3600                 # a market whose last tick is older than this is treated as closed
MAX_OFFSET_HOURS = 14


def server_offset(server_time: float, now: float) -> float | None:
    """Server clock minus UTC (seconds) from a fresh tick's time, or None if the tick is not fresh: offsets are
    whole or half hours, within 14 hours, and a fresh tick lies within two minutes of one."""
    gap = server_time - now
    half_hours = round(gap / 1800)
    if abs(half_hours) <= 2 * MAX_OFFSET_HOURS and abs(gap - half_hours * 1800) < 120:
        return half_hours * 1800.0
    return None


def usual_open(category: str, now: float) -> float | None:
    """When a market of this kind usually opens next, if it is closed now (forex and metals Sunday 17:00 New
    York; crypto always): the package gives no session table. None for other kinds and when the usual hours say
    it is open (a holiday: nobody here knows)."""
    sessions = {"forex": FOREX, "metal": FOREX, "crypto": ALWAYS}.get(category)
    opens = sessions.next_open(now) if sessions is not None else None
    return opens if opens is not None and opens > now else None


def category_of(s, mt5) -> str:
    name, path = s.name.upper(), (getattr(s, "path", "") or "").upper()
    if any(word in name or word in path for word in ("XAU", "XAG", "GOLD", "SILVER", "METAL")):
        return "metal"
    if "CRYPTO" in path or s.currency_base in ("BTC", "ETH", "LTC", "XRP", "SOL"):
        return "crypto"
    if s.trade_calc_mode in (mt5.SYMBOL_CALC_MODE_FOREX, mt5.SYMBOL_CALC_MODE_FOREX_NO_LEVERAGE):
        return "forex"
    return "other"
