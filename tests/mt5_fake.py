"""A stand-in for the ``MetaTrader5`` package, for machines without Windows and a terminal.

It mirrors the real package's surface: module-level functions with the same
names and signatures, constants with the real values (pinned against the real
wheel in tests/brokers/test_mt5_constants.py), records read by attribute with
``_asdict()`` and no ``_fields``, ``None`` plus ``last_error()`` on failure,
and order results with real retcodes. Behind it, :class:`Terminal` simulates a
terminal and trade server over the paper market's prices, with the server clock
ahead of UTC and faults a test can script (requotes, disconnects, ...).
"""

from __future__ import annotations

import itertools
from datetime import datetime

import numpy as np

from qbx_engine.market.paper_market import PaperMarket
from qbx_engine.market.symbols import PAPER_SYMBOLS
from qbx_engine.market.timeframes import seconds

__version__ = "5.0.6231"

# -- constants (values as in the real package's __init__.py) ---------------------------
TIMEFRAME_M1, TIMEFRAME_M2, TIMEFRAME_M3, TIMEFRAME_M4, TIMEFRAME_M5, TIMEFRAME_M6 = 1, 2, 3, 4, 5, 6
TIMEFRAME_M10, TIMEFRAME_M12, TIMEFRAME_M15, TIMEFRAME_M20, TIMEFRAME_M30 = 10, 12, 15, 20, 30
TIMEFRAME_H1, TIMEFRAME_H2, TIMEFRAME_H3, TIMEFRAME_H4 = 1 | 0x4000, 2 | 0x4000, 3 | 0x4000, 4 | 0x4000
TIMEFRAME_H6, TIMEFRAME_H8, TIMEFRAME_H12, TIMEFRAME_D1 = 6 | 0x4000, 8 | 0x4000, 12 | 0x4000, 24 | 0x4000
TIMEFRAME_W1, TIMEFRAME_MN1 = 1 | 0x8000, 1 | 0xC000
POSITION_TYPE_BUY, POSITION_TYPE_SELL = 0, 1
POSITION_REASON_CLIENT, POSITION_REASON_MOBILE, POSITION_REASON_WEB, POSITION_REASON_EXPERT = 0, 1, 2, 3
ORDER_TYPE_BUY, ORDER_TYPE_SELL = 0, 1
ORDER_STATE_FILLED = 4
ORDER_FILLING_FOK, ORDER_FILLING_IOC, ORDER_FILLING_RETURN, ORDER_FILLING_BOC = 0, 1, 2, 3
ORDER_TIME_GTC, ORDER_TIME_DAY, ORDER_TIME_SPECIFIED, ORDER_TIME_SPECIFIED_DAY = 0, 1, 2, 3
ORDER_REASON_CLIENT, ORDER_REASON_EXPERT, ORDER_REASON_SL, ORDER_REASON_TP, ORDER_REASON_SO = 0, 3, 4, 5, 6
DEAL_TYPE_BUY, DEAL_TYPE_SELL, DEAL_TYPE_BALANCE, DEAL_TYPE_CREDIT = 0, 1, 2, 3
DEAL_ENTRY_IN, DEAL_ENTRY_OUT, DEAL_ENTRY_INOUT, DEAL_ENTRY_OUT_BY = 0, 1, 2, 3
DEAL_REASON_CLIENT, DEAL_REASON_MOBILE, DEAL_REASON_WEB, DEAL_REASON_EXPERT = 0, 1, 2, 3
DEAL_REASON_SL, DEAL_REASON_TP, DEAL_REASON_SO = 4, 5, 6
TRADE_ACTION_DEAL, TRADE_ACTION_PENDING, TRADE_ACTION_SLTP = 1, 5, 6
TRADE_ACTION_MODIFY, TRADE_ACTION_REMOVE, TRADE_ACTION_CLOSE_BY = 7, 8, 10
SYMBOL_CALC_MODE_FOREX, SYMBOL_CALC_MODE_FUTURES, SYMBOL_CALC_MODE_CFD = 0, 1, 2
SYMBOL_CALC_MODE_CFDINDEX, SYMBOL_CALC_MODE_CFDLEVERAGE, SYMBOL_CALC_MODE_FOREX_NO_LEVERAGE = 3, 4, 5
SYMBOL_TRADE_MODE_DISABLED, SYMBOL_TRADE_MODE_LONGONLY, SYMBOL_TRADE_MODE_SHORTONLY = 0, 1, 2
SYMBOL_TRADE_MODE_CLOSEONLY, SYMBOL_TRADE_MODE_FULL = 3, 4
SYMBOL_TRADE_EXECUTION_REQUEST, SYMBOL_TRADE_EXECUTION_INSTANT = 0, 1
SYMBOL_TRADE_EXECUTION_MARKET, SYMBOL_TRADE_EXECUTION_EXCHANGE = 2, 3
ACCOUNT_TRADE_MODE_DEMO, ACCOUNT_TRADE_MODE_CONTEST, ACCOUNT_TRADE_MODE_REAL = 0, 1, 2
TRADE_RETCODE_REQUOTE, TRADE_RETCODE_REJECT, TRADE_RETCODE_CANCEL = 10004, 10006, 10007
TRADE_RETCODE_PLACED, TRADE_RETCODE_DONE, TRADE_RETCODE_DONE_PARTIAL = 10008, 10009, 10010
TRADE_RETCODE_ERROR, TRADE_RETCODE_TIMEOUT, TRADE_RETCODE_INVALID = 10011, 10012, 10013
TRADE_RETCODE_INVALID_VOLUME, TRADE_RETCODE_INVALID_PRICE, TRADE_RETCODE_INVALID_STOPS = 10014, 10015, 10016
TRADE_RETCODE_TRADE_DISABLED, TRADE_RETCODE_MARKET_CLOSED, TRADE_RETCODE_NO_MONEY = 10017, 10018, 10019
TRADE_RETCODE_PRICE_CHANGED, TRADE_RETCODE_PRICE_OFF = 10020, 10021
TRADE_RETCODE_NO_CHANGES, TRADE_RETCODE_CLIENT_DISABLES_AT, TRADE_RETCODE_FROZEN = 10025, 10027, 10029
TRADE_RETCODE_SERVER_DISABLES_AT = 10026
TRADE_RETCODE_INVALID_FILL, TRADE_RETCODE_CONNECTION = 10030, 10031
TRADE_RETCODE_POSITION_CLOSED, TRADE_RETCODE_CLOSE_ONLY = 10036, 10044
RES_S_OK, RES_E_FAIL, RES_E_INVALID_PARAMS, RES_E_NOT_FOUND, RES_E_AUTH_FAILED = 1, -1, -2, -4, -6
RES_E_INVALID_VERSION, RES_E_AUTO_TRADING_DISABLED = -5, -8
RES_E_INTERNAL_FAIL_INIT, RES_E_INTERNAL_FAIL_CONNECT, RES_E_INTERNAL_FAIL_TIMEOUT = -10003, -10004, -10005


# -- records: attribute access and _asdict(), like the package's structs ----------------------
def _record(name: str, fields: str):
    names = tuple(fields.split())

    def _asdict(self):
        return dict(zip(names, self, strict=True))

    attrs = {field: property(lambda self, i=i: tuple.__getitem__(self, i)) for i, field in enumerate(names)}

    def __new__(cls, **values):
        return tuple.__new__(cls, tuple(values.get(f, _DEFAULTS.get(f, 0)) for f in names))

    def __repr__(self):
        return f"{name}(" + ", ".join(f"{k}={v!r}" for k, v in zip(names, self, strict=True)) + ")"

    return type(name, (tuple,), {**attrs, "__new__": __new__, "_asdict": _asdict, "__repr__": __repr__,
                                 "__slots__": ()})


_DEFAULTS = {"comment": "", "external_id": "", "symbol": "", "name": "", "server": "", "currency": "",
             "company": "", "description": "", "path": "", "currency_base": "", "currency_profit": "",
             "currency_margin": "", "bank": "", "exchange": "", "formula": "", "isin": "", "page": "",
             "basis": "", "category": "", "country": "", "sector_name": "", "industry_name": ""}

AccountInfo = _record("AccountInfo", """login trade_mode leverage limit_orders margin_so_mode trade_allowed
    trade_expert margin_mode currency_digits fifo_close balance credit profit equity margin margin_free margin_level
    margin_so_call margin_so_so margin_initial margin_maintenance assets liabilities commission_blocked name server
    currency company""")
TerminalInfo = _record("TerminalInfo", """community_account community_connection connected dlls_allowed
    trade_allowed tradeapi_disabled email_enabled ftp_enabled notifications_enabled mqid build maxbars codepage
    ping_last community_balance retransmission company name language path data_path commondata_path""")
SymbolInfo = _record("SymbolInfo", """custom chart_mode select visible session_deals session_buy_orders
    session_sell_orders volume volumehigh volumelow time digits spread spread_float ticks_bookdepth trade_calc_mode
    trade_mode start_time expiration_time trade_stops_level trade_freeze_level trade_exemode swap_mode
    swap_rollover3days margin_hedged_use_leg expiration_mode filling_mode order_mode order_gtc_mode option_mode
    option_right bid bidhigh bidlow ask askhigh asklow last lasthigh lastlow volume_real volumehigh_real
    volumelow_real option_strike point trade_tick_value trade_tick_value_profit trade_tick_value_loss
    trade_tick_size trade_contract_size trade_accrued_interest trade_face_value trade_liquidity_rate volume_min
    volume_max volume_step volume_limit swap_long swap_short margin_initial margin_maintenance session_volume
    session_turnover session_interest session_buy_orders_volume session_sell_orders_volume session_open
    session_close session_aw session_price_settlement session_price_limit_min session_price_limit_max
    margin_hedged price_change price_volatility price_theoretical price_greeks_delta price_greeks_theta
    price_greeks_gamma price_greeks_vega price_greeks_rho price_greeks_omega price_sensitivity basis category
    currency_base currency_profit currency_margin bank description exchange formula isin name page path""")
Tick = _record("Tick", "time bid ask last volume time_msc flags volume_real")
TradePosition = _record("TradePosition", """ticket time time_msc time_update time_update_msc type magic
    identifier reason volume price_open sl tp price_current swap profit symbol comment external_id""")
TradeOrder = _record("TradeOrder", """ticket time_setup time_setup_msc time_done time_done_msc time_expiration
    type type_time type_filling state magic position_id position_by_id reason volume_initial volume_current
    price_open sl tp price_current price_stoplimit symbol comment external_id""")
TradeDeal = _record("TradeDeal", """ticket order time time_msc type entry magic position_id reason volume price
    commission swap profit fee symbol comment external_id""")
TradeRequest = _record("TradeRequest", """action magic order symbol volume price stoplimit sl tp deviation type
    type_filling type_time expiration comment position position_by""")
OrderSendResult = _record("OrderSendResult", """retcode deal order volume price bid ask comment request_id
    retcode_external request""")

RATES_DTYPE = np.dtype([("time", "<i8"), ("open", "<f8"), ("high", "<f8"), ("low", "<f8"), ("close", "<f8"),
                        ("tick_volume", "<u8"), ("spread", "<i4"), ("real_volume", "<u8")])
NO_IPC = (RES_E_INTERNAL_FAIL_CONNECT, "No IPC connection")
INSTALL_PATH = "C:\\Program Files\\MetaTrader 5\\terminal64.exe"


class BrokerSymbol:
    """One symbol as this broker lists it, priced by a paper-market symbol."""

    def __init__(self, name, base, *, visible=True, filling_mode=3, stops_level=None, trade_mode=SYMBOL_TRADE_MODE_FULL,
                 path=None, selectable=True):
        self.name, self.spec, self.visible = name, PAPER_SYMBOLS[base], visible
        self.selectable = selectable  # False: the account may not add it to Market Watch
        self.filling_mode, self.trade_mode = filling_mode, trade_mode
        self.stops_level = self.spec.stops_level if stops_level is None else stops_level
        self.path = path or {"forex": "Forex\\", "metal": "Metals\\", "crypto": "Crypto\\"}[self.spec.category] + name


DEFAULT_SYMBOLS = (
    BrokerSymbol("EURUSD", "EURUSD", filling_mode=3),
    BrokerSymbol("GBPUSD", "GBPUSD", filling_mode=0),  # neither FOK nor IOC flagged: RETURN only
    BrokerSymbol("USDJPY", "USDJPY", filling_mode=2),  # IOC only
    BrokerSymbol("XAUUSD.m", "XAUUSD", filling_mode=1, stops_level=50),
    BrokerSymbol("GOLD", "XAUUSD", visible=False),
    BrokerSymbol("BTCUSD", "BTCUSD"),
    BrokerSymbol("USDCHF", "USDCHF", trade_mode=SYMBOL_TRADE_MODE_DISABLED),
)


class Terminal:
    """The simulated terminal and trade server behind the module's functions."""

    def __init__(self, clock, *, login=5550123, password="s3cr3t-P@ss", server="QBX-Demo", server_offset=7200,
                 balance=10_000.0, leverage=100, symbols=DEFAULT_SYMBOLS, commission_per_lot=3.5, currency="USD"):
        self.clock, self.login, self.password, self.server = clock, login, password, server
        # The currency account_info() reports. The fake's own deals and margins are worked out in USD: another
        # currency serves tests of what reads the account's currency (backtests of the broker's history).
        self.currency = currency
        self.offset = server_offset
        self.balance, self.leverage, self.commission_per_lot = balance, leverage, commission_per_lot
        self.credit = 0.0  # the broker's credit: part of the equity, not of the balance
        self.symbols = {s.name: s for s in symbols}
        self.market = PaperMarket()
        self.running = True          # the terminal process (False: every call fails as "No IPC")
        self.algo_trading = True     # the terminal's "Algo Trading" button
        # What a first connection can meet (each a failure a test can inject):
        self.installed = True        # False: no terminal on this computer
        self.install_path = INSTALL_PATH  # where terminal64.exe is; initialize(path=...) elsewhere cannot start it
        self.ipc_timeout = False     # the terminal does not answer initialize() in time
        self.build = 5120            # the terminal's build
        self.outdated = False        # the terminal is older than the package supports
        self.connected = True        # the terminal's link to the trade server
        self.api_trading = True      # False: "Disable automated trading via external Python API" is ticked
        self.account_trading = True  # False: the login may not trade (investor password, disabled account)
        self.experts_allowed = True  # False: the server allows no automated trading on the account
        self.initialized = False
        self.error = (RES_S_OK, "Success")
        self.positions: dict[int, dict] = {}
        self.deals: list = []
        self.orders: list = []
        self.tickets = itertools.count(50_000_001)
        self.scripted: list[int] = []   # retcodes the next order_send calls return, in order
        self.requests: list[dict] = []  # every order_send request, as sent
        self.calls: list[tuple] = []    # every function call with its arguments (for leak checks)

    # -- scripting --------------------------------------------------------------------------
    def script(self, *retcodes: int) -> None:
        self.scripted.extend(retcodes)

    def crash(self) -> None:
        self.running, self.initialized = False, False

    def restart(self) -> None:
        self.running = True

    def trigger(self, ticket: int, reason: int) -> None:
        """The server closes a position at its SL or TP price (or a trader closes it by hand)."""
        pos = self.positions[ticket]
        price = {DEAL_REASON_SL: pos["sl"], DEAL_REASON_TP: pos["tp"]}.get(reason) or self._close_price(pos)
        self._close(ticket, price, reason, "[sl]" if reason == DEAL_REASON_SL else
                    "[tp]" if reason == DEAL_REASON_TP else "")

    def trade_by_hand(self, symbol: str, kind: int, volume: float, *, sl: float = 0.0, tp: float = 0.0,
                      magic: int = 0, reason: int = DEAL_REASON_CLIENT, comment: str = "") -> int:
        """A position opened outside the Python API: by the trader in the terminal (magic 0, reason CLIENT),
        or by another EA attached to a chart (its own magic, reason EXPERT). Returns the position ticket."""
        found = self.symbols[symbol]
        price = self.ask(found) if kind == ORDER_TYPE_BUY else self.bid(found)
        ticket, now = next(self.tickets), self.now_server()
        spec = found.spec
        self.positions[ticket] = {"ticket": ticket, "time": int(now), "time_msc": int(now * 1000), "type": kind,
                                  "magic": magic, "volume": volume, "price_open": price, "sl": sl, "tp": tp,
                                  "symbol": symbol, "comment": comment[:31],
                                  "margin": volume * spec.contract_size * self._usd(spec.currency_base)
                                  / self.leverage * spec.margin_rate}
        self.orders.append(TradeOrder(ticket=ticket, time_setup=int(now), time_setup_msc=int(now * 1000),
                                      time_done=int(now), time_done_msc=int(now * 1000), type=kind,
                                      state=ORDER_STATE_FILLED, magic=magic, position_id=ticket,
                                      reason=ORDER_REASON_CLIENT if reason == DEAL_REASON_CLIENT else
                                      ORDER_REASON_EXPERT, volume_initial=volume, price_open=price, sl=sl, tp=tp,
                                      price_current=price, symbol=symbol, comment=comment))
        self._deal(ticket, ticket, kind, DEAL_ENTRY_IN, reason, volume, price, 0.0, magic, symbol, comment)
        return ticket

    def deposit(self, amount: float, *, kind: int = DEAL_TYPE_BALANCE) -> int:
        """A balance operation (a withdrawal when ``amount`` is negative; ``kind`` DEAL_TYPE_CREDIT for a credit):
        a deal with no symbol and no position, as the real history lists it. Returns the deal's ticket."""
        now = self.now_server()
        if kind == DEAL_TYPE_BALANCE:
            self.balance = round(self.balance + amount, 2)
        else:
            self.credit = round(self.credit + amount, 2)
        ticket = next(self.tickets)
        comment = "Credit" if kind == DEAL_TYPE_CREDIT else "Deposit" if amount >= 0 else "Withdrawal"
        self.deals.append(TradeDeal(ticket=ticket, order=0, time=int(now), time_msc=int(now * 1000),
                                    type=kind, entry=DEAL_ENTRY_IN, magic=0, position_id=0,
                                    reason=DEAL_REASON_CLIENT, volume=0.0, price=0.0, commission=0.0, swap=0.0,
                                    profit=amount, fee=0.0, symbol="", comment=comment))
        return ticket

    # -- prices ------------------------------------------------------------------------------
    def now_server(self) -> float:
        return self.clock.now() + self.offset

    def bid(self, symbol: BrokerSymbol) -> float:
        return self.market.bid(symbol.spec.name, self.clock.now())

    def ask(self, symbol: BrokerSymbol) -> float:
        return self.market.ask(symbol.spec.name, self.clock.now())

    def _usd(self, currency: str) -> float:
        """USD per one unit of ``currency`` (the account is in USD)."""
        if currency == "USD":
            return 1.0
        direct, inverse = PAPER_SYMBOLS.get(currency + "USD"), PAPER_SYMBOLS.get("USD" + currency)
        if direct:
            return self.market.bid(direct.name, self.clock.now())
        return 1.0 / self.market.bid(inverse.name, self.clock.now())

    def profit(self, pos: dict, price: float) -> float:
        """(close - open) x direction x volume x contract size, converted from the quote currency to USD."""
        spec = self.symbols[pos["symbol"]].spec
        direction = 1 if pos["type"] == POSITION_TYPE_BUY else -1
        raw = (price - pos["price_open"]) * direction * pos["volume"] * spec.contract_size
        return round(raw * self._usd(spec.currency_profit), 2)

    def _close_price(self, pos: dict) -> float:
        symbol = self.symbols[pos["symbol"]]
        return self.bid(symbol) if pos["type"] == POSITION_TYPE_BUY else self.ask(symbol)

    # -- the trade server ----------------------------------------------------------------------
    def send(self, request: dict):
        self.requests.append(dict(request))
        try:
            action, symbol_name, volume, kind = (request["action"], request["symbol"], float(request["volume"]),
                                                 request["type"])
        except (KeyError, TypeError, ValueError):
            self.error = (RES_E_INVALID_PARAMS, "Invalid arguments")
            return None
        symbol = self.symbols.get(symbol_name)
        if action != TRADE_ACTION_DEAL or symbol is None or kind not in (ORDER_TYPE_BUY, ORDER_TYPE_SELL):
            return self._result(TRADE_RETCODE_INVALID, request)
        if self.scripted:
            return self._result(self.scripted.pop(0), request)
        refused = self._refused_by_setup(request)
        if refused is not None:
            return refused
        closing = request.get("position")
        if symbol.trade_mode == SYMBOL_TRADE_MODE_DISABLED:
            return self._result(TRADE_RETCODE_TRADE_DISABLED, request)
        if symbol.trade_mode == SYMBOL_TRADE_MODE_CLOSEONLY and not closing:
            return self._result(TRADE_RETCODE_CLOSE_ONLY, request)
        if not self.market.is_open(symbol.spec.name, self.clock.now()):
            return self._result(TRADE_RETCODE_MARKET_CLOSED, request, "Market closed")
        if not _filling_allowed(request.get("type_filling", ORDER_FILLING_FOK), symbol.filling_mode):
            return self._result(TRADE_RETCODE_INVALID_FILL, request, "Unsupported filling mode")
        price = self.ask(symbol) if kind == ORDER_TYPE_BUY else self.bid(symbol)
        point = symbol.spec.point
        if abs(float(request.get("price", 0)) - price) > request.get("deviation", 0) * point + 1e-12:
            return self._result(TRADE_RETCODE_REQUOTE, request, "Requote")
        if closing:
            pos = self.positions.get(closing)
            if pos is None:
                return self._result(TRADE_RETCODE_POSITION_CLOSED, request, "Position doesn't exist")
            deal = self._close(closing, price, DEAL_REASON_EXPERT, request.get("comment", ""))
            return self._result(TRADE_RETCODE_DONE, request, "Request executed", deal=deal, order=deal, price=price,
                                volume=volume)
        return self._open(request, symbol, kind, volume, price)

    def _open(self, request: dict, symbol, kind: int, volume: float, price: float):
        """The opening deal of ``send``, once the common checks passed: volume, stops and margin, then the fill."""
        spec = symbol.spec
        steps = round((volume - spec.volume_min) / spec.volume_step, 6)
        if volume < spec.volume_min or volume > spec.volume_max or abs(steps - round(steps)) > 1e-6:
            return self._result(TRADE_RETCODE_INVALID_VOLUME, request, "Invalid volume")
        sl, tp = float(request.get("sl", 0) or 0), float(request.get("tp", 0) or 0)
        if not self._stops_ok(symbol, kind, sl, tp):
            return self._result(TRADE_RETCODE_INVALID_STOPS, request, "Invalid stops")
        margin = volume * spec.contract_size * self._usd(spec.currency_base) / self.leverage * spec.margin_rate
        if margin > self._account()["margin_free"]:
            return self._result(TRADE_RETCODE_NO_MONEY, request, "No money")
        ticket = next(self.tickets)
        now = self.now_server()
        self.positions[ticket] = {"ticket": ticket, "time": int(now), "time_msc": int(now * 1000), "type": kind,
                                  "magic": request.get("magic", 0), "volume": volume, "price_open": price, "sl": sl,
                                  "tp": tp, "symbol": symbol.name, "comment": request.get("comment", "")[:31],
                                  "margin": margin}
        self.orders.append(TradeOrder(ticket=ticket, time_setup=int(now), time_setup_msc=int(now * 1000),
                                      time_done=int(now), time_done_msc=int(now * 1000), type=kind,
                                      type_filling=request.get("type_filling", 0), state=ORDER_STATE_FILLED,
                                      magic=request.get("magic", 0), position_id=ticket, reason=ORDER_REASON_EXPERT,
                                      volume_initial=volume, price_open=price, sl=sl, tp=tp, price_current=price,
                                      symbol=symbol.name, comment=request.get("comment", "")))
        self._deal(ticket, ticket, kind, DEAL_ENTRY_IN, DEAL_REASON_EXPERT, volume, price, 0.0,
                   request.get("magic", 0), symbol.name, request.get("comment", ""))
        return self._result(TRADE_RETCODE_DONE, request, "Request executed", deal=self.deals[-1].ticket, order=ticket,
                            price=price, volume=volume)

    def modify(self, request: dict):
        """TRADE_ACTION_SLTP: new SL/TP for an open position (``position`` = its ticket, ``symbol`` its symbol)."""
        self.requests.append(dict(request))
        symbol = self.symbols.get(request.get("symbol"))
        ticket = request.get("position")
        if symbol is None or not ticket:
            return self._result(TRADE_RETCODE_INVALID, request, "Invalid request")
        if self.scripted:
            return self._result(self.scripted.pop(0), request)
        refused = self._refused_by_setup(request)
        if refused is not None:
            return refused
        pos = self.positions.get(ticket)
        if pos is None or pos["symbol"] != symbol.name:
            return self._result(TRADE_RETCODE_POSITION_CLOSED, request, "Position doesn't exist")
        if not self.market.is_open(symbol.spec.name, self.clock.now()):
            return self._result(TRADE_RETCODE_MARKET_CLOSED, request, "Market closed")
        sl, tp = float(request.get("sl", 0) or 0), float(request.get("tp", 0) or 0)
        if (sl, tp) == (pos["sl"], pos["tp"]):
            return self._result(TRADE_RETCODE_NO_CHANGES, request, "No changes")
        if not self._stops_ok(symbol, pos["type"], sl, tp):
            return self._result(TRADE_RETCODE_INVALID_STOPS, request, "Invalid stops")
        now = self.now_server()
        pos.update(sl=sl, tp=tp, time_update=int(now), time_update_msc=int(now * 1000))
        return self._result(TRADE_RETCODE_DONE, request, "Request executed")

    def _refused_by_setup(self, request: dict):
        """An order the terminal's or the account's setup refuses before the market is asked."""
        if not self.algo_trading:
            return self._result(TRADE_RETCODE_CLIENT_DISABLES_AT, request, "AutoTrading disabled by client")
        if not self.experts_allowed:
            return self._result(TRADE_RETCODE_SERVER_DISABLES_AT, request, "AutoTrading disabled by server")
        if not self.account_trading:
            return self._result(TRADE_RETCODE_TRADE_DISABLED, request, "Trade disabled")
        return None

    def _stops_ok(self, symbol: BrokerSymbol, kind: int, sl: float, tp: float) -> bool:
        """MT5's rule: stops at least trade_stops_level points from the price the position closes at."""
        reference = self.bid(symbol) if kind == ORDER_TYPE_BUY else self.ask(symbol)
        gap = symbol.stops_level * symbol.spec.point
        below, above = (sl, tp) if kind == ORDER_TYPE_BUY else (tp, sl)
        return (not below or below <= reference - gap) and (not above or above >= reference + gap)

    def _close(self, ticket: int, price: float, reason: int, comment: str) -> int:
        pos = self.positions.pop(ticket)
        profit = self.profit(pos, price)
        self.balance = round(self.balance + profit, 2)
        opposite = DEAL_TYPE_SELL if pos["type"] == POSITION_TYPE_BUY else DEAL_TYPE_BUY
        return self._deal(next(self.tickets), ticket, opposite, DEAL_ENTRY_OUT, reason, pos["volume"], price, profit,
                          pos["magic"], pos["symbol"], comment)

    def _deal(self, order, position, kind, entry, reason, volume, price, profit, magic, symbol, comment) -> int:
        """A deal; its commission (per lot, charged on entry and on exit) is taken from the balance at once."""
        now = self.now_server()
        ticket = next(self.tickets)
        commission = round(-self.commission_per_lot * volume, 2)
        self.balance = round(self.balance + commission, 2)
        self.deals.append(TradeDeal(ticket=ticket, order=order, time=int(now), time_msc=int(now * 1000), type=kind,
                                    entry=entry, magic=magic, position_id=position, reason=reason, volume=volume,
                                    price=price, commission=commission, swap=0.0, profit=profit, fee=0.0,
                                    symbol=symbol, comment=comment))
        return ticket

    def _result(self, retcode, request, comment="", **values):
        symbol = self.symbols.get(request.get("symbol"))
        quote = {"bid": self.bid(symbol), "ask": self.ask(symbol)} if symbol else {}
        fields = {k: request.get(k, _DEFAULTS.get(k, 0)) for k in _REQUEST_FIELDS}
        return OrderSendResult(retcode=retcode, comment=comment, request_id=len(self.requests),
                               request=TradeRequest(**fields), **quote, **values)

    def _account(self) -> dict:
        floating = sum(self.profit(p, self._close_price(p)) for p in self.positions.values())
        margin = round(sum(p["margin"] for p in self.positions.values()), 2)
        equity = round(self.balance + self.credit + floating, 2)
        return {"balance": self.balance, "credit": self.credit, "profit": round(floating, 2), "equity": equity,
                "margin": margin,
                "margin_free": round(equity - margin, 2),
                "margin_level": round(equity / margin * 100, 2) if margin else 0.0}


_REQUEST_FIELDS = ("action", "magic", "order", "symbol", "volume", "price", "stoplimit", "sl", "tp", "deviation",
                   "type", "type_filling", "type_time", "expiration", "comment", "position", "position_by")


def _filling_allowed(filling: int, mask: int) -> bool:
    if filling == ORDER_FILLING_FOK:
        return bool(mask & 1)
    if filling == ORDER_FILLING_IOC:
        return bool(mask & 2)
    return filling == ORDER_FILLING_RETURN and mask == 0


# -- the module's functions ---------------------------------------------------------------------
_terminal: Terminal | None = None


def install(terminal: Terminal) -> None:
    global _terminal
    _terminal = terminal


def _live(name: str, args) -> Terminal | None:
    """The terminal if a call can reach it now; otherwise None with last_error set, as the package does."""
    term = _terminal
    term.calls.append((name, args))
    if not term.running or not term.initialized:
        term.error = NO_IPC
        return None
    term.error = (RES_S_OK, "Success")
    return term


def initialize(path=None, *, login=None, password=None, server=None, timeout=60_000, portable=False):
    term = _terminal
    term.calls.append(("initialize", (path, login, password, server)))
    if path is not None and (not term.installed or path != term.install_path):
        term.error = (RES_E_INTERNAL_FAIL_INIT, f"IPC initialize failed, Process create failed '{path}'")
        return False
    if not term.running or not term.installed:
        term.error = (RES_E_INTERNAL_FAIL_INIT, "IPC initialize failed, MetaTrader 5 x64 not found")
        return False
    if term.ipc_timeout:
        term.error = (RES_E_INTERNAL_FAIL_TIMEOUT, "IPC timeout")
        return False
    if term.outdated:
        term.error = (RES_E_INVALID_VERSION, "Terminal: Incompatible versions, please install the latest version of "
                                             "Terminal and Python module")
        return False
    if login is not None and (login != term.login or password != term.password or
                              (server is not None and server != term.server)):
        term.error = (RES_E_AUTH_FAILED, "Terminal: Authorization failed")
        return False
    term.initialized, term.error = True, (RES_S_OK, "Success")
    return True


def login(login, *, password=None, server=None, timeout=60_000):
    return initialize(login=login, password=password, server=server, timeout=timeout)


def shutdown():
    _terminal.calls.append(("shutdown", ()))
    _terminal.initialized = False


def last_error():
    return _terminal.error


def version():
    term = _live("version", ())
    return None if term is None else (500, term.build, "20 Nov 2026")


def terminal_info():
    term = _live("terminal_info", ())
    if term is None:
        return None
    return TerminalInfo(connected=term.connected, trade_allowed=term.algo_trading,
                        tradeapi_disabled=not term.api_trading, build=term.build, company="QBX Fake Broker",
                        name="MetaTrader 5", language="English", path=term.install_path.rsplit("\\", 1)[0])


def account_info():
    term = _live("account_info", ())
    if term is None:
        return None
    money = term._account()
    return AccountInfo(login=term.login, trade_mode=ACCOUNT_TRADE_MODE_DEMO, leverage=term.leverage,
                       limit_orders=200, trade_allowed=term.account_trading, trade_expert=term.experts_allowed,
                       currency_digits=2,
                       margin_so_call=50.0, margin_so_so=30.0, name="Demo Trader", server=term.server,
                       currency=term.currency, company="QBX Fake Broker", **money)


def symbols_total():
    term = _live("symbols_total", ())
    return None if term is None else len(term.symbols)


def symbols_get(group=None):
    term = _live("symbols_get", (group,))
    if term is None:
        return None
    return tuple(_symbol_info(term, s) for s in term.symbols.values())


def symbol_info(symbol):
    term = _live("symbol_info", (symbol,))
    if term is None:
        return None
    found = term.symbols.get(symbol)
    if found is None:
        term.error = (RES_E_NOT_FOUND, "Terminal: Not found")
        return None
    return _symbol_info(term, found)


def _symbol_info(term: Terminal, s: BrokerSymbol):
    spec = s.spec
    bid, ask = term.bid(s), term.ask(s)
    tick_size = spec.point
    tick_value = tick_size * spec.contract_size * term._usd(spec.currency_profit)
    calc = {"forex": SYMBOL_CALC_MODE_FOREX}.get(spec.category, SYMBOL_CALC_MODE_CFDLEVERAGE)
    return SymbolInfo(select=s.visible, visible=s.visible, time=int(term.now_server()), digits=spec.digits,
                      spread=round((ask - bid) / spec.point), spread_float=True, trade_calc_mode=calc,
                      trade_mode=s.trade_mode, trade_stops_level=s.stops_level,
                      trade_exemode=SYMBOL_TRADE_EXECUTION_MARKET, filling_mode=s.filling_mode, order_mode=127,
                      bid=bid, ask=ask, point=spec.point, trade_tick_value=tick_value,
                      trade_tick_value_profit=tick_value, trade_tick_value_loss=tick_value,
                      trade_tick_size=tick_size, trade_contract_size=spec.contract_size, volume_min=spec.volume_min,
                      volume_max=spec.volume_max, volume_step=spec.volume_step, currency_base=spec.currency_base,
                      currency_profit=spec.currency_profit, currency_margin=spec.currency_base,
                      description=spec.description, name=s.name, path=s.path)


def symbol_select(symbol, enable=True):
    term = _live("symbol_select", (symbol, enable))
    if term is None:
        return False
    found = term.symbols.get(symbol)
    if found is None or (enable and not found.selectable):
        term.error = (RES_E_NOT_FOUND, "Terminal: Not found")
        return False
    found.visible = bool(enable)
    return True


def symbol_info_tick(symbol):
    term = _live("symbol_info_tick", (symbol,))
    if term is None:
        return None
    found = term.symbols.get(symbol)
    if found is None:
        return None
    now = term.now_server()
    if not term.market.is_open(found.spec.name, term.clock.now()):
        now = term.market.next_open(found.spec.name, term.clock.now()) - 3 * 86400 + term.offset  # a stale tick
    return Tick(time=int(now), bid=term.bid(found), ask=term.ask(found), last=0.0, volume=0,
                time_msc=int(now * 1000), flags=6, volume_real=0.0)


def copy_rates_from_pos(symbol, timeframe, start_pos, count):
    """Bars newest-last; position 0 is the bar still forming, as in the terminal."""
    term = _live("copy_rates_from_pos", (symbol, timeframe, start_pos, count))
    if term is None:
        return None
    found = term.symbols.get(symbol)
    name = _TIMEFRAMES.get(timeframe)
    if found is None or name is None:
        term.error = (RES_E_INVALID_PARAMS, "Invalid params")
        return None
    length = seconds(name)
    closed = term.market.bars(found.spec.name, name, start_pos + count, term.clock.now())
    forming_start = int(term.clock.now() // length * length)
    spread = found.spec.spread_points
    rows = [(int(t) + term.offset, o, h, low, c, v, spread, 0) for t, o, h, low, c, v in zip(
        closed.time, closed.open, closed.high, closed.low, closed.close, closed.tick_volume, strict=True)]
    bid = term.bid(found)
    rows.append((forming_start + term.offset, bid, bid, bid, bid, 1, spread, 0))
    end = len(rows) - start_pos
    return np.array(rows[max(0, end - count):end], dtype=RATES_DTYPE)


def copy_rates_range(symbol, timeframe, date_from, date_to):
    """Bars whose open time (server clock) lies in [date_from, date_to], oldest first; the bar still forming
    is included when the range reaches it, as in the terminal."""
    term = _live("copy_rates_range", (symbol, timeframe, date_from, date_to))
    if term is None:
        return None
    found = term.symbols.get(symbol)
    name = _TIMEFRAMES.get(timeframe)
    if found is None or name is None:
        term.error = (RES_E_INVALID_PARAMS, "Invalid params")
        return None
    start = (date_from.timestamp() if isinstance(date_from, datetime) else float(date_from)) - term.offset
    end = (date_to.timestamp() if isinstance(date_to, datetime) else float(date_to)) - term.offset
    length = seconds(name)
    now = term.clock.now()
    count = int(max(0.0, now - start) // length) + 2
    closed = term.market.bars(found.spec.name, name, count, now)
    spread = found.spec.spread_points
    rows = [(int(t) + term.offset, o, h, low, c, v, spread, 0) for t, o, h, low, c, v in zip(
        closed.time, closed.open, closed.high, closed.low, closed.close, closed.tick_volume, strict=True)
        if start <= t <= end]
    forming = now // length * length
    if start <= forming <= end:
        bid = term.bid(found)
        rows.append((int(forming) + term.offset, bid, bid, bid, bid, 1, spread, 0))
    return np.array(rows, dtype=RATES_DTYPE)


_TIMEFRAMES = {TIMEFRAME_M1: "M1", TIMEFRAME_M5: "M5", TIMEFRAME_M15: "M15", TIMEFRAME_M30: "M30",
               TIMEFRAME_H1: "H1", TIMEFRAME_H4: "H4", TIMEFRAME_D1: "D1"}


def positions_total():
    term = _live("positions_total", ())
    return None if term is None else len(term.positions)


def positions_get(symbol=None, group=None, ticket=None):
    term = _live("positions_get", (symbol, group, ticket))
    if term is None:
        return None
    out = []
    for pos in term.positions.values():
        if (symbol is not None and pos["symbol"] != symbol) or (ticket is not None and pos["ticket"] != ticket):
            continue
        current = term._close_price(pos)
        out.append(TradePosition(ticket=pos["ticket"], time=pos["time"], time_msc=pos["time_msc"],
                                 time_update=pos.get("time_update", pos["time"]),
                                 time_update_msc=pos.get("time_update_msc", pos["time_msc"]), type=pos["type"],
                                 magic=pos["magic"], identifier=pos["ticket"], reason=POSITION_REASON_EXPERT,
                                 volume=pos["volume"], price_open=pos["price_open"], sl=pos["sl"], tp=pos["tp"],
                                 price_current=current, swap=0.0, profit=term.profit(pos, current),
                                 symbol=pos["symbol"], comment=pos["comment"]))
    return tuple(out)


def order_send(request):
    term = _live("order_send", (request,))
    if term is None:
        return None
    if not term.api_trading:
        term.error = (RES_E_AUTO_TRADING_DISABLED, "Auto-Trading using Python API disabled in Terminal")
        return None
    return term.modify(request) if request.get("action") == TRADE_ACTION_SLTP else term.send(request)


def order_check(request):
    term = _live("order_check", (request,))
    return None if term is None else term._result(0, request, "Done")


def history_deals_get(date_from=None, date_to=None, group=None, ticket=None, position=None):
    term = _live("history_deals_get", (date_from, date_to, group, ticket, position))
    if term is None:
        return None
    return tuple(d for d in term.deals
                 if _wanted(d.time, d.ticket, d.position_id, date_from, date_to, ticket, position))


def history_orders_get(date_from=None, date_to=None, group=None, ticket=None, position=None):
    term = _live("history_orders_get", (date_from, date_to, group, ticket, position))
    if term is None:
        return None
    return tuple(o for o in term.orders
                 if _wanted(o.time_setup, o.ticket, o.position_id, date_from, date_to, ticket, position))


def _wanted(when, own_ticket, position_id, date_from, date_to, ticket, position) -> bool:
    if ticket is not None:
        return own_ticket == ticket
    if position is not None:
        return position_id == position
    start = date_from.timestamp() if isinstance(date_from, datetime) else date_from
    end = date_to.timestamp() if isinstance(date_to, datetime) else date_to
    return (start is None or when >= start) and (end is None or when <= end)


def plug_in(monkeypatch, clock, **options) -> Terminal:
    """A test's terminal: ``import MetaTrader5`` finds this module, logged in through the environment."""
    import sys

    term = Terminal(clock, **options)
    install(term)
    monkeypatch.setitem(sys.modules, "MetaTrader5", sys.modules[__name__])
    monkeypatch.setenv("QBX_MT5_LOGIN", str(term.login))
    monkeypatch.setenv("QBX_MT5_PASSWORD", term.password)
    monkeypatch.setenv("QBX_MT5_SERVER", term.server)
    return term
