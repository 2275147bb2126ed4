"""What each MT5 trade return code means for us: done, retry with a fresh price, or refuse (and why)."""

from __future__ import annotations

DONE = {10008, 10009, 10010}            # PLACED, DONE, DONE_PARTIAL
REPRICE = {10004, 10020, 10021}         # REQUOTE, PRICE_CHANGED, PRICE_OFF: ask again at the new price
WRONG_FILLING = 10030                   # INVALID_FILL: try the symbol's next allowed filling mode
NO_CHANGES = 10025                      # an SL/TP change asking for the levels the position already has
CONNECTION_LOST, TIMEOUT = 10031, 10012
CONNECTION = {CONNECTION_LOST, TIMEOUT}  # the order's fate is unknown: the next tick reconciles by magic

# retcode -> (stable code, message key). Unknown codes fall back to "refused".
REFUSALS = {
    10006: ("rejected", "broker.mt5.rejected"),
    10013: ("invalid_request", "broker.mt5.invalid_request"),
    10014: ("invalid_volume", "broker.mt5.invalid_volume"),
    10015: ("invalid_price", "broker.mt5.invalid_price"),
    10016: ("invalid_stops", "broker.mt5.invalid_stops"),
    10017: ("trade_disabled", "broker.mt5.trade_disabled"),
    10018: ("market_closed", "broker.mt5.market_closed"),
    10019: ("no_money", "broker.mt5.no_money"),
    10024: ("too_many_requests", "broker.mt5.too_many_requests"),
    10026: ("autotrading_server", "broker.mt5.autotrading_server"),
    10027: ("autotrading_client", "broker.mt5.autotrading_client"),
    10028: ("locked", "broker.mt5.refused"),
    10029: ("frozen", "broker.mt5.frozen"),
    10030: ("invalid_fill", "broker.mt5.invalid_fill"),
    10034: ("limit_volume", "broker.mt5.limit"),
    10036: ("position_closed", "broker.position_gone"),
    10040: ("limit_positions", "broker.mt5.limit"),
    10042: ("long_only", "broker.mt5.long_only"),
    10043: ("short_only", "broker.mt5.short_only"),
    10044: ("close_only", "broker.mt5.close_only"),
    10045: ("fifo_close", "broker.mt5.fifo_close"),
}

# last_error() codes that mean the terminal is not reachable (the package's RES_E_INTERNAL_FAIL_*).
IPC_ERRORS = {-10000, -10001, -10002, -10003, -10004, -10005}

# last_error() codes of initialize() and order_send() the connection check explains (the package's RES_E_*).
INVALID_VERSION = -5          # RES_E_INVALID_VERSION: the terminal is too old for this package
AUTH_FAILED = -6              # RES_E_AUTH_FAILED: login, password or server refused
API_TRADING_DISABLED = -8     # RES_E_AUTO_TRADING_DISABLED: "Disable automated trading via external Python API"
INIT_FAILED = -10003          # RES_E_INTERNAL_FAIL_INIT: no terminal found, or it could not be started
IPC_TIMEOUT = -10005          # RES_E_INTERNAL_FAIL_TIMEOUT: the terminal did not answer in time
