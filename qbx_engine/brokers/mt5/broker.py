"""``MT5Broker``: the Broker interface over the ``MetaTrader5`` package.

The package is a thin client of a running terminal: every call can return
``None`` (then ``last_error()`` says why), records are read by attribute, and
times are the trade server's clock, which is often UTC+2/+3 rather than UTC.
The adapter converts all of that into the engine's records in UTC.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from typing import NoReturn

from ...core.errors import BrokerUnavailable, OrderRejected
from ...core.money import pip_size
from ...market.bars import Bars
from ...market.timeframes import seconds
from ..base import BUY, SELL, AccountInfo, Broker, CashFlow, ClosedPosition, Position, SymbolInfo, Tick
from . import retcodes
from .credentials import Credentials
from .doctor import Step, check_connection
from .rules import STALE_TICK, TRADE_MODES, category_of, server_offset, usual_open
from .symbols import resolve_symbol

log = logging.getLogger(__name__)

FILLING_FOK, FILLING_IOC = 1, 2   # bits of symbol_info().filling_mode (the package exports no names)
MAX_REPRICE = 3                   # fresh-price retries after a requote


class MT5Broker(Broker):
    kind = "mt5"

    def __init__(self, mt5, credentials: Credentials, clock, *, deviation: int = 20):
        self.mt5 = mt5
        self.credentials = credentials
        self.clock = clock
        self.deviation = deviation
        self.server_offset = 0.0  # server clock minus UTC, seconds
        self._lock = threading.RLock()
        self._connected = False
        self._resolved: dict[str, tuple[str, str]] = {}
        self.connect()

    @classmethod
    def from_environment(cls, clock) -> MT5Broker:
        """The real package with the login from the environment or .streamlit/secrets.toml.

        ImportError on a machine without the package (Linux, macOS): the caller falls back to paper.
        """
        import MetaTrader5  # noqa: N813 - the package's own name

        return cls(MetaTrader5, Credentials.from_environment(), clock)

    # -- connection ------------------------------------------------------------------
    def connect(self) -> None:
        with self._lock:
            kwargs = self.credentials.initialize_kwargs()
            ok = self.mt5.initialize(self.credentials.path, **kwargs) if self.credentials.path else \
                self.mt5.initialize(**kwargs)
            if not ok:
                code, detail = self._last_error()
                self._connected = False
                raise BrokerUnavailable("broker.mt5.init_failed", retcode=code, detail=detail)
            self._connected = True
            self._calibrate()
            account = self.mt5.account_info()
            log.info("connected to MetaTrader 5 server %s, account %s", getattr(account, "server", "?"),
                     self.credentials.masked_login())

    def reconnect(self) -> None:
        with self._lock:
            try:
                self.mt5.shutdown()
            finally:
                self._connected = False
            self.connect()

    def close(self) -> None:
        with self._lock:
            if self._connected:
                self.mt5.shutdown()
            self._connected = False

    def describe(self) -> dict:
        account = None
        if self._connected:
            try:
                account = self.mt5.account_info()
            except Exception:  # noqa: BLE001 - describe must never fail
                account = None
        return {"kind": self.kind, "connected": self._connected, "login": self.credentials.masked_login(),
                "server": getattr(account, "server", self.credentials.server),
                "server_offset_hours": round(self.server_offset / 3600, 1),
                "symbols": {wanted: {"symbol": symbol, "how": how} for wanted, (symbol, how) in self._resolved.items()}}

    def diagnose(self, symbol: str, tz: str) -> list[Step]:
        """The connection test (:mod:`.doctor`) on this broker's own connection, which stays open."""
        with self._lock:
            return check_connection(self.mt5, self.credentials, self.clock.now(), tz, symbol, keep_connection=True)

    def _last_error(self) -> tuple[int, str]:
        code, detail = self.mt5.last_error()
        return code, self.credentials.scrub(detail)

    def _call(self, name: str, *args, **kwargs):
        """Call the package; ``None`` becomes BrokerUnavailable (no terminal) or stays None (no data)."""
        if not self._connected:
            raise BrokerUnavailable("broker.mt5.disconnected", retcode=None, detail="")
        result = getattr(self.mt5, name)(*args, **kwargs)
        if result is None:
            code, detail = self._last_error()
            if code in retcodes.IPC_ERRORS:
                self._connected = False
                raise BrokerUnavailable("broker.mt5.disconnected", retcode=code, detail=detail)
            log.debug("%s returned None: %s %s", name, code, detail)
        return result

    # -- account and symbols -------------------------------------------------------------
    def account(self) -> AccountInfo:
        info = self._call("account_info")
        if info is None:
            raise BrokerUnavailable("broker.mt5.disconnected", retcode=None, detail="account_info")
        return AccountInfo(login=info.login, name=info.name, server=info.server, currency=info.currency,
                           balance=info.balance, equity=info.equity, margin=info.margin,
                           free_margin=info.margin_free, margin_level=info.margin_level if info.margin else None,
                           leverage=info.leverage, profit=info.profit,
                           trade_mode=TRADE_MODES.get(info.trade_mode, "real"))

    def _available(self) -> list[tuple[str, bool]]:
        found = self._call("symbols_get")
        return [(s.name, bool(s.visible)) for s in found or ()]

    def symbols(self) -> list[str]:
        return sorted(name for name, visible in self._available() if visible)

    def find_symbol(self, name: str) -> str | None:
        resolution = resolve_symbol(name, self._available())
        if resolution is None:
            return None
        if not self._call("symbol_select", resolution.symbol, True):
            return None
        if self._resolved.get(resolution.wanted) != (resolution.symbol, resolution.how):
            self._resolved[resolution.wanted] = (resolution.symbol, resolution.how)
            if resolution.how != "exact":
                log.info("market %s is the broker's %s (%s)", resolution.wanted, resolution.symbol, resolution.how)
        return resolution.symbol

    def _raw_symbol(self, symbol: str):
        info = self._call("symbol_info", symbol)
        if info is None:
            raise OrderRejected("unknown_symbol", "broker.unknown_symbol", symbol=symbol)
        return info

    def symbol_info(self, symbol: str) -> SymbolInfo:
        s = self._raw_symbol(symbol)
        category = category_of(s, self.mt5)
        return SymbolInfo(
            name=s.name, description=s.description, category=category, digits=s.digits, point=s.point,
            pip=pip_size(s.name, category, s.currency_profit, s.point), contract_size=s.trade_contract_size,
            volume_min=s.volume_min, volume_step=s.volume_step, volume_max=s.volume_max, spread=s.spread,
            tick_size=s.trade_tick_size, tick_value=s.trade_tick_value, currency_base=s.currency_base,
            currency_profit=s.currency_profit, currency_margin=s.currency_margin,
            stops_level=s.trade_stops_level, trade_allowed=s.trade_mode == self.mt5.SYMBOL_TRADE_MODE_FULL)

    def _raw_tick(self, symbol: str):
        tick = self._call("symbol_info_tick", symbol)
        if tick is None:
            raise OrderRejected("unknown_symbol", "broker.unknown_symbol", symbol=symbol)
        self._learn_offset(tick.time)
        return tick

    def tick(self, symbol: str) -> Tick:
        raw = self._raw_tick(symbol)
        return Tick(symbol, raw.time_msc / 1000 - self.server_offset, raw.bid, raw.ask)

    def _learn_offset(self, server_time: float) -> bool:
        """The server's clock offset, from a fresh tick (whole or half hours, as time zones are)."""
        found = server_offset(server_time, self.clock.now())
        if found is None:
            return False
        self.server_offset = found
        return True

    def _calibrate(self) -> None:
        """Learn the server's clock at connect from any symbol still quoting (crypto trades at weekends),
        so the first bars a bot sees already carry UTC times."""
        for symbol in (self.mt5.symbols_get() or ())[:200]:
            if symbol.visible:
                tick = self.mt5.symbol_info_tick(symbol.name)
                if tick is not None and self._learn_offset(tick.time):
                    return

    def is_market_open(self, symbol: str) -> bool:
        info = self._raw_symbol(symbol)
        if info.trade_mode == self.mt5.SYMBOL_TRADE_MODE_DISABLED:
            return False
        tick = self._raw_tick(symbol)
        return self.clock.now() - (tick.time - self.server_offset) < STALE_TICK

    def next_open(self, symbol: str) -> float | None:
        """The usual weekly open of the symbol's kind (forex and metals Sunday 17:00 New York; crypto always):
        the package does not give the session table. None for other kinds, and on a day the usual hours say is
        open (a holiday): then nobody here knows."""
        return usual_open(self.symbol_info(symbol).category, self.clock.now())

    def rates(self, symbol: str, timeframe: str, count: int) -> Bars:
        """Closed bars only: position 0 is the bar still forming, so start at 1. Times become UTC."""
        constant = getattr(self.mt5, f"TIMEFRAME_{timeframe}")
        bars = self._call("copy_rates_from_pos", symbol, constant, 1, count)
        if bars is None or len(bars) == 0:
            return Bars.empty()
        return Bars.from_arrays(bars["time"].astype("int64") - int(self.server_offset), bars["open"], bars["high"],
                                bars["low"], bars["close"], bars["tick_volume"])

    def history_rates(self, symbol: str, timeframe: str, since: float, until: float) -> Bars:
        """``copy_rates_range`` over [since, until) in the server's clock; the bar still forming is left out."""
        constant = getattr(self.mt5, f"TIMEFRAME_{timeframe}")
        length = seconds(timeframe)
        bars = self._call("copy_rates_range", symbol, constant, self._server_time(since),
                          self._server_time(until - 1))
        if bars is None or len(bars) == 0:
            return Bars.empty()
        times = bars["time"].astype("int64") - int(self.server_offset)
        closed = (times >= since) & (times < until) & (times + length <= self.clock.now())
        return Bars.from_arrays(times[closed], bars["open"][closed], bars["high"][closed], bars["low"][closed],
                                bars["close"][closed], bars["tick_volume"][closed])

    # -- positions -------------------------------------------------------------------
    def positions(self, magic: int | None = None, symbol: str | None = None) -> list[Position]:
        found = self._call("positions_get", symbol=symbol) if symbol else self._call("positions_get")
        if found is None:
            raise BrokerUnavailable("broker.mt5.disconnected", retcode=None, detail="positions_get")
        return [self._position(p) for p in found if magic is None or p.magic == magic]

    def _position(self, p) -> Position:
        return Position(ticket=p.ticket, symbol=p.symbol, side=BUY if p.type == self.mt5.POSITION_TYPE_BUY else SELL,
                        volume=p.volume, open_price=p.price_open, open_time=p.time_msc / 1000 - self.server_offset,
                        sl=p.sl, tp=p.tp, magic=p.magic, comment=p.comment, price_current=p.price_current,
                        profit=round(p.profit + p.swap, 2))

    def open_position(self, symbol: str, side: str, volume: float, *, sl: float, tp: float, magic: int,
                      comment: str) -> Position:
        order_type = self.mt5.ORDER_TYPE_BUY if side == BUY else self.mt5.ORDER_TYPE_SELL
        request = {"action": self.mt5.TRADE_ACTION_DEAL, "symbol": symbol, "volume": float(volume),
                   "type": order_type, "sl": float(sl), "tp": float(tp), "magic": int(magic), "comment": comment}
        result = self._send(request, symbol, buying=side == BUY)
        opened = self._call("positions_get", ticket=result.order) or ()
        if not opened:  # some servers number the position by the deal
            opened = [p for p in self._call("positions_get", symbol=symbol) or () if p.magic == magic]
        if not opened:
            raise BrokerUnavailable("broker.mt5.position_unconfirmed", retcode=result.retcode, detail=str(result.order))
        return self._position(max(opened, key=lambda p: p.time_msc))

    def close_position(self, ticket: int, *, comment: str = "") -> ClosedPosition:
        found = self._call("positions_get", ticket=ticket)
        if found is None:
            raise BrokerUnavailable("broker.mt5.disconnected", retcode=None, detail="positions_get")
        if not found:
            closed = self.closed_position(ticket)
            if closed is None:
                raise OrderRejected("position_gone", "broker.position_gone", ticket=ticket)
            return closed
        p = found[0]
        buying = p.type == self.mt5.POSITION_TYPE_SELL
        request = {"action": self.mt5.TRADE_ACTION_DEAL, "symbol": p.symbol, "volume": p.volume,
                   "type": self.mt5.ORDER_TYPE_BUY if buying else self.mt5.ORDER_TYPE_SELL, "position": ticket,
                   "magic": p.magic, "comment": comment[:31]}
        self._send(request, p.symbol, buying=buying)
        closed = self.closed_position(ticket)
        if closed is None:
            raise BrokerUnavailable("broker.mt5.position_unconfirmed", retcode=None, detail=str(ticket))
        return closed

    def _send(self, base: dict, symbol: str, *, buying: bool):
        """order_send with the price of this moment, an allowed filling mode, and bounded re-pricing."""
        info = self._raw_symbol(symbol)
        fillings = _fillings(info.filling_mode, self.mt5)
        attempt = 0
        while True:
            tick = self._raw_tick(symbol)
            request = {**base, "price": tick.ask if buying else tick.bid, "deviation": self.deviation,
                       "type_time": self.mt5.ORDER_TIME_GTC, "type_filling": fillings[0]}
            result = self._call("order_send", request)
            if result is None:
                code, detail = self._last_error()
                raise OrderRejected("invalid_request", "broker.mt5.invalid_request", retcode=code, detail=detail)
            code = result.retcode
            if code in retcodes.DONE:
                return result
            if code in retcodes.REPRICE and attempt < MAX_REPRICE:
                attempt += 1
                continue
            if code == retcodes.WRONG_FILLING and len(fillings) > 1:
                fillings = fillings[1:]
                continue
            if code in retcodes.REPRICE:
                raise OrderRejected("requote", "broker.mt5.requote", retcode=code, tries=attempt + 1)
            self._refused(result, symbol, info.trade_stops_level, base.get("position", ""))

    def _refused(self, result, symbol: str, stops_level: int, ticket) -> NoReturn:
        """Raise what a failed order_send means: the connection (fate unknown) or a refusal with its reason."""
        code = result.retcode
        if code in retcodes.CONNECTION:
            if code == retcodes.CONNECTION_LOST:
                self._connected = False
            raise BrokerUnavailable("broker.mt5.order_unknown", retcode=code,
                                    detail=self.credentials.scrub(result.comment))
        word, key = retcodes.REFUSALS.get(code, ("refused", "broker.mt5.refused"))
        raise OrderRejected(word, key, retcode=code, symbol=symbol, detail=self.credentials.scrub(result.comment),
                            stops_level=stops_level, ticket=ticket)

    def modify_position(self, ticket: int, *, sl: float, tp: float) -> Position:
        """TRADE_ACTION_SLTP for the position; "no changes" (10025) is success, the rest as for any order."""
        found = self._call("positions_get", ticket=ticket)
        if found is None:
            raise BrokerUnavailable("broker.mt5.disconnected", retcode=None, detail="positions_get")
        if not found:
            raise OrderRejected("position_closed", "broker.position_gone", ticket=ticket)
        p = found[0]
        request = {"action": self.mt5.TRADE_ACTION_SLTP, "symbol": p.symbol, "position": ticket,
                   "sl": float(sl or 0.0), "tp": float(tp or 0.0), "magic": p.magic}
        result = self._call("order_send", request)
        if result is None:
            code, detail = self._last_error()
            raise OrderRejected("invalid_request", "broker.mt5.invalid_request", retcode=code, detail=detail)
        if result.retcode not in retcodes.DONE and result.retcode != retcodes.NO_CHANGES:
            self._refused(result, p.symbol, self._raw_symbol(p.symbol).trade_stops_level, ticket)
        moved = self._call("positions_get", ticket=ticket)
        if not moved:
            raise OrderRejected("position_closed", "broker.position_gone", ticket=ticket)
        return self._position(moved[0])

    # -- history -------------------------------------------------------------------------
    def closed_position(self, ticket: int) -> ClosedPosition | None:
        deals = self._call("history_deals_get", position=ticket)
        if not deals:
            return None
        orders = self._call("history_orders_get", position=ticket) or ()
        return self._closed(ticket, deals, orders)

    def closed_positions(self, since: float, until: float, magic: int | None = None) -> list[ClosedPosition]:
        return [c for c in self.deal_history(since, until) if magic is None or c.magic == magic]

    def deal_history(self, since: float, until: float) -> list[ClosedPosition]:
        """Positions closed in [since, until), from one read of the period's deals and orders.

        Deals are paired by position id: the entry deal (``DEAL_ENTRY_IN``) and the exit deals
        (``DEAL_ENTRY_OUT``/``OUT_BY``). A position opened before ``since`` has its entry read on its own;
        balance operations (deposits) are not trades; a position only partly closed is still open.
        """
        mt5 = self.mt5
        deals = self._call("history_deals_get", self._server_time(since), self._server_time(until)) or ()
        trades = (mt5.DEAL_TYPE_BUY, mt5.DEAL_TYPE_SELL)
        by_position: dict[int, list] = {}
        for deal in deals:
            if deal.type in trades and deal.position_id:
                by_position.setdefault(deal.position_id, []).append(deal)
        exits = (mt5.DEAL_ENTRY_OUT, mt5.DEAL_ENTRY_OUT_BY)
        closing = {p: found for p, found in by_position.items() if any(d.entry in exits for d in found)}
        opened_before = [p for p, found in closing.items() if not any(d.entry == mt5.DEAL_ENTRY_IN for d in found)]
        for position in opened_before:
            closing[position] = list(self._call("history_deals_get", position=position) or closing[position])
        first_entry = min((d.time for found in closing.values() for d in found), default=None)
        orders = () if first_entry is None else self._call(
            "history_orders_get", datetime.fromtimestamp(first_entry, UTC), self._server_time(until)) or ()
        out = []
        for position, found in closing.items():
            closed = self._closed(position, found, orders)
            if closed is not None and since <= closed.close_time < until:
                out.append(closed)
        return sorted(out, key=lambda c: (c.close_time, c.ticket))

    def cash_flows(self, since: float, until: float) -> list[CashFlow]:
        """Balance deals (deposits, withdrawals) and credit deals of [since, until), from the deal history."""
        mt5 = self.mt5
        kinds = {mt5.DEAL_TYPE_BALANCE: "balance", mt5.DEAL_TYPE_CREDIT: "credit"}
        deals = self._call("history_deals_get", self._server_time(since), self._server_time(until)) or ()
        flows = [CashFlow(ticket=d.ticket, time=d.time_msc / 1000 - self.server_offset, amount=d.profit,
                          kind=kinds[d.type]) for d in deals if d.type in kinds]
        return sorted((f for f in flows if since <= f.time < until), key=lambda f: (f.time, f.ticket))

    def _server_time(self, ts: float) -> datetime:
        return datetime.fromtimestamp(ts + self.server_offset, UTC)

    def _closed(self, ticket: int, deals, orders) -> ClosedPosition | None:
        mt5 = self.mt5
        entries = [d for d in deals if d.entry == mt5.DEAL_ENTRY_IN]
        exits = [d for d in deals if d.entry in (mt5.DEAL_ENTRY_OUT, mt5.DEAL_ENTRY_OUT_BY)]
        if not entries or not exits:
            return None
        entry, last = entries[0], max(exits, key=lambda d: d.time_msc)
        volume = sum(d.volume for d in exits)
        if volume < sum(d.volume for d in entries) - 1e-9:
            return None  # partly closed: the rest of the position is still open
        close_price = round(sum(d.price * d.volume for d in exits) / volume, 10)
        opening = next((o for o in orders if o.ticket == entry.order), None)
        return ClosedPosition(
            ticket=ticket, symbol=entry.symbol, side=BUY if entry.type == mt5.DEAL_TYPE_BUY else SELL,
            volume=entry.volume, open_price=entry.price, open_time=entry.time_msc / 1000 - self.server_offset,
            close_price=close_price, close_time=last.time_msc / 1000 - self.server_offset,
            profit=round(sum(d.profit for d in deals), 2), reason=_reason(last.reason, mt5), magic=entry.magic,
            sl=getattr(opening, "sl", 0.0) or 0.0, tp=getattr(opening, "tp", 0.0) or 0.0,
            commission=round(sum(d.commission + getattr(d, "fee", 0.0) for d in deals), 2),
            swap=round(sum(d.swap for d in deals), 2), comment=entry.comment)


def _reason(deal_reason: int, mt5) -> str:
    return {mt5.DEAL_REASON_SL: "sl", mt5.DEAL_REASON_TP: "tp", mt5.DEAL_REASON_SO: "so",
            mt5.DEAL_REASON_EXPERT: "bot"}.get(deal_reason, "manual")


def _fillings(mask: int, mt5) -> list[int]:
    """Filling modes the symbol allows, best first; RETURN when neither FOK nor IOC is flagged."""
    modes = []
    if mask & FILLING_FOK:
        modes.append(mt5.ORDER_FILLING_FOK)
    if mask & FILLING_IOC:
        modes.append(mt5.ORDER_FILLING_IOC)
    return modes or [mt5.ORDER_FILLING_RETURN]
