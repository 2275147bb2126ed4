"""What each event is, for notifications: its category (switchable per channel) and its priority.

This is the one place that decides which actions leave the machine. An action
that is not listed here is never sent.
"""

from __future__ import annotations

from ..trading import events as ev

TRADES, ERRORS, PROTECTIONS, BROKER, REPORTS = "trades", "errors", "protections", "broker", "reports"
CATEGORIES = (TRADES, ERRORS, PROTECTIONS, BROKER, REPORTS)

ACTION_CATEGORY: dict[str, str] = {
    ev.OPEN_BUY: TRADES, ev.OPEN_SELL: TRADES, ev.CLOSE_BUY: TRADES, ev.CLOSE_SELL: TRADES,
    ev.SL_HIT: TRADES, ev.TP_HIT: TRADES, ev.CLOSED_MANUALLY: TRADES, ev.STOP_OUT: TRADES,
    ev.HALTED: ERRORS, ev.ERROR: ERRORS,
    ev.BROKER_DOWN: BROKER, ev.BROKER_UP: BROKER,
    ev.BRAKE: PROTECTIONS, ev.PROTECTION: PROTECTIONS,
    ev.ALERT_REFUSED: ERRORS,  # the trader's own TradingView alert traded nothing: they expected a trade
}

# When the outbox is full, the oldest message of the lowest priority goes first.
LOW, HIGH = 0, 1
PRIORITY: dict[str, int] = {TRADES: HIGH, ERRORS: HIGH, PROTECTIONS: HIGH, BROKER: LOW, REPORTS: LOW}
TEST = "test"  # the "send a test message" button; never queued


def category_of(action: str) -> str | None:
    return ACTION_CATEGORY.get(action)
