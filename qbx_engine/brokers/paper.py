"""The paper broker: a simulated MT5-like account over the deterministic synthetic market.

The account, open positions and history live in the data folder, so they
survive restarts: the book (account, positions) is a table log (``paper/book.json``
and its ``book.log``), the deal history an append-only history. A close is made
durable in two steps that a crash cannot split badly: one appended line of the
book (position gone, balance updated, the closed record parked in ``pending``),
then the record is appended to the history and un-parked (that last line needs no
fsync of its own: a crash before it is on disk leaves the record parked, and
start-up finishes it). Positions that close together (SL/TP found by one look
at the market) share each write.
"""

from __future__ import annotations

import threading
import time

from ..core.clock import SystemClock
from ..core.errors import OrderRejected, StoreCorrupted
from ..core.i18n import Msg
from ..core.inputs import number, shown_stored
from ..core.money import (
    D,
    cents,
    floor_to_step,
    margin_required,
    pip_size,
    position_profit,
    rate_to_account,
    round_price,
    tick_value,
)
from ..market.paper_market import PaperMarket
from ..market.symbols import SymbolSpec
from .base import (
    BUY,
    SELL,
    AccountInfo,
    Broker,
    CashFlow,
    ClosedPosition,
    Holding,
    Position,
    SymbolInfo,
    Tick,
    account_totals,
    float_account,
    margin_refusal,
    margin_unit,
    near_stop_out,
    stopped_out,
    stops_allowed,
)

ACCOUNT_CURRENCY = "USD"
DEFAULT_BALANCE = 10_000.0
DEFAULT_LEVERAGE = 100
SYNC_EVERY = 0.25  # seconds (market and real): how stale the SL/TP check may be before a call refreshes it
SYNC_JUMP = 5.0  # market seconds after which a call refreshes it however recently the last one ran
FIRST_TICKET = 100_001
FLOWS_KEPT = 500  # the newest deposits and withdrawals kept in the book (the brake reads them within seconds)


class PaperBroker(Broker):
    kind = "paper"

    def __init__(self, store, clock=None, *, market: PaperMarket | None = None,
                 balance: float = DEFAULT_BALANCE, leverage: int = DEFAULT_LEVERAGE):
        self.clock = clock or SystemClock()
        self.market = market or PaperMarket()
        self.specs: dict[str, SymbolSpec] = self.market.specs
        self._book = store.tables("paper/book.json")
        self._history = store.log("paper/history", index_fields=("magic", "ticket", "symbol"))
        self._lock = threading.RLock()
        self._last_sync = float("-inf")
        self._last_sync_real = float("-inf")
        _check_book(self._book, self.specs)
        if self._book.peek("account", 1) is None:
            now = self.clock.now()
            account = {"login": 5_000_001, "name": "Paper trader", "currency": ACCOUNT_CURRENCY, "balance": balance,
                       "leverage": leverage, "created": now}
            self._book.change(lambda c: (c.put("account", 1, account), c.put("meta", 1, {"next_ticket": FIRST_TICKET})))
        self._finish_pending()
        rows = list(self._book.view("positions").values())
        self._checked_to = {p["ticket"]: p.get("checked_to", p["open_time"]) for p in rows}
        self._by_magic: dict[int, set[int]] = {}
        for row in rows:
            self._by_magic.setdefault(row["magic"], set()).add(row["ticket"])

    # -- account ---------------------------------------------------------------
    def account(self) -> AccountInfo:
        self._sync()
        return self._account_now(self.clock.now())

    def _account_now(self, now: float) -> AccountInfo:
        acct = self._book.get("account", 1)
        positions = [self._position(p, now) for p in self._book.all("positions")]
        equity, margin, free, level = account_totals(
            acct["balance"], [p.profit for p in positions],
            [self._margin(p.symbol, p.volume, now, acct["leverage"]) for p in positions])
        return AccountInfo(login=acct["login"], name=acct["name"], server="QuantumBotX-Paper",
                           currency=acct["currency"], balance=acct["balance"], equity=equity, margin=margin,
                           free_margin=free, margin_level=level, leverage=acct["leverage"],
                           profit=cents(D(equity) - D(acct["balance"])), trade_mode="paper")

    def balance(self) -> float:
        self._sync()
        return self._book.peek("account", 1)["balance"]

    def set_balance(self, balance: float) -> None:
        """Reset the paper account's balance (a deposit or withdrawal in the simulation). The difference is
        booked as a balance deal in the same write, as MT5 books one: the brake reads it from
        :meth:`cash_flows`, so a withdrawal is never a drawdown, even across a crash."""
        with self._lock:
            now = self.clock.now()

            def change(c):
                account = c.get("account", 1)
                amount = cents(D(cents(balance)) - D(account["balance"]))
                c.set("account", 1, {"balance": cents(balance)})
                if amount:
                    ticket = (c.get("meta", 1) or {}).get("next_flow", 1)
                    c.set("meta", 1, {"next_flow": ticket + 1})
                    c.put("flows", ticket, {"ticket": ticket, "time": now, "amount": amount, "kind": "balance"})
                    if ticket > FLOWS_KEPT:
                        c.delete("flows", ticket - FLOWS_KEPT)

            self._book.change(change)

    def cash_flows(self, since: float, until: float) -> list[CashFlow]:
        """The deposits and withdrawals :meth:`set_balance` booked in [since, until), oldest first."""
        rows = sorted(self._book.view("flows").values(), key=lambda row: row["ticket"])
        return [CashFlow(ticket=row["ticket"], time=row["time"], amount=row["amount"], kind=row["kind"])
                for row in rows if since <= row["time"] < until]

    # -- symbols and prices ----------------------------------------------------
    def symbols(self) -> list[str]:
        return list(self.specs)

    def find_symbol(self, name: str) -> str | None:
        wanted = "".join(ch for ch in str(name).upper() if ch.isalnum())
        return wanted if wanted in self.specs else None

    def symbol_info(self, symbol: str) -> SymbolInfo:
        spec = self._spec(symbol)
        now = self.clock.now()
        return SymbolInfo(
            name=spec.name, description=spec.description, category=spec.category, digits=spec.digits,
            point=spec.point, pip=pip_size(spec.name, spec.category, spec.currency_profit, spec.point),
            contract_size=spec.contract_size, volume_min=spec.volume_min, volume_step=spec.volume_step,
            volume_max=spec.volume_max, spread=spec.spread_points, tick_size=spec.point,
            tick_value=tick_value(spec.point, spec.contract_size, self._rate(spec.currency_profit, now)),
            currency_base=spec.currency_base, currency_profit=spec.currency_profit,
            currency_margin=spec.currency_base, stops_level=spec.stops_level, trade_allowed=True)

    def tick(self, symbol: str) -> Tick:
        spec = self._spec(symbol)
        now = self.clock.now()
        return Tick(spec.name, now, self.market.bid(spec.name, now), self.market.ask(spec.name, now))

    def rates(self, symbol: str, timeframe: str, count: int):
        return self.market.bars(self._spec(symbol).name, timeframe, count, self.clock.now())

    def last_closed_bar(self, symbol: str, timeframe: str) -> float | None:
        return self.market.last_closed(self._spec(symbol).name, timeframe, self.clock.now())

    def is_market_open(self, symbol: str) -> bool:
        return bool(self.market.is_open(self._spec(symbol).name, self.clock.now()))

    def next_open(self, symbol: str) -> float | None:
        return self.market.next_open(self._spec(symbol).name, self.clock.now())

    def _spec(self, symbol: str) -> SymbolSpec:
        spec = self.specs.get(symbol)
        if spec is None:
            raise OrderRejected("unknown_symbol", "broker.unknown_symbol", symbol=symbol)
        return spec

    def _rate(self, currency: str, ts: float) -> float:
        """How many account-currency units one unit of ``currency`` is worth at ``ts``."""
        rate = rate_to_account(currency, ACCOUNT_CURRENCY,
                               lambda symbol: self.market.bid(symbol, ts) if symbol in self.specs else None)
        if rate is None:
            raise OrderRejected("no_rate", "broker.no_rate", currency=currency)
        return rate

    def _margin(self, symbol: str, volume: float, ts: float, leverage: int | None = None) -> float:
        spec = self.specs[symbol]
        if leverage is None:
            leverage = self._book.peek("account", 1)["leverage"]
        return margin_required(volume, spec.contract_size, leverage, spec.margin_rate, self._margin_unit(spec, ts))

    def _margin_unit(self, spec: SymbolSpec, ts: float) -> float:
        unit = margin_unit(spec.category, spec.currency_base, spec.currency_profit, self.market.bid(spec.name, ts),
                           lambda currency: self._rate(currency, ts))
        assert unit is not None  # _rate raises where it has no rate
        return unit

    # -- positions -------------------------------------------------------------
    def positions(self, magic: int | None = None, symbol: str | None = None) -> list[Position]:
        self._sync()
        now = self.clock.now()
        if magic is not None:
            found = (self._book.peek("positions", t) for t in sorted(self._by_magic.get(magic, ())))
            rows = [r for r in found if r is not None]
        else:
            rows = sorted(self._book.view("positions").values(), key=lambda p: p["ticket"])
        return [self._position(p, now) for p in rows if symbol is None or p["symbol"] == symbol]

    def _position(self, row: dict, now: float) -> Position:
        spec = self.specs[row["symbol"]]
        current = self.market.bid(spec.name, now) if row["side"] == BUY else self.market.ask(spec.name, now)
        profit = position_profit(row["side"], row["volume"], row["open_price"], current, spec.contract_size,
                                 self._rate(spec.currency_profit, now))
        return Position(ticket=row["ticket"], symbol=row["symbol"], side=row["side"], volume=row["volume"],
                        open_price=row["open_price"], open_time=row["open_time"], sl=row["sl"], tp=row["tp"],
                        magic=row["magic"], comment=row["comment"], price_current=current, profit=profit,
                        initial_sl=row.get("initial_sl", row["sl"]))

    def open_position(self, symbol: str, side: str, volume: float, *, sl: float, tp: float, magic: int,
                      comment: str) -> Position:
        spec = self._spec(symbol)
        if side not in (BUY, SELL):
            raise ValueError(f"side must be buy or sell, not {side!r}")
        with self._lock:
            self._sync()
            now = self.clock.now()
            if not self.market.is_open(spec.name, now):
                raise OrderRejected("market_closed", "broker.market_closed", symbol=spec.name)
            self._check_volume(spec, volume)
            bid, ask = self.market.bid(spec.name, now), self.market.ask(spec.name, now)
            price = ask if side == BUY else bid
            sl, tp = round_price(sl or 0.0, spec.digits), round_price(tp or 0.0, spec.digits)
            self._check_stops(spec, side, sl, tp, bid, ask)
            needed = self._margin(spec.name, volume, now)
            equity, margin = self._estimate(now)
            refusal = margin_refusal(needed, equity - margin, lambda: (needed, self._account_now(now)))
            if refusal is not None:
                raise OrderRejected("no_money", refusal.key, **refusal.params)

            def change(c):
                ticket = c.get("meta", 1)["next_ticket"]
                c.set("meta", 1, {"next_ticket": ticket + 1})
                return c.put("positions", ticket, {
                    "ticket": ticket, "symbol": spec.name, "side": side, "volume": float(volume),
                    "open_price": price, "open_time": now, "sl": sl, "tp": tp, "initial_sl": sl,
                    "magic": int(magic), "comment": str(comment)[:31], "checked_to": now})

            row = self._book.change(change)
            self._checked_to[row["ticket"]] = now
            self._by_magic.setdefault(row["magic"], set()).add(row["ticket"])
            return self._position(row, now)

    @staticmethod
    def _check_volume(spec: SymbolSpec, volume: float) -> None:
        on_step = floor_to_step(volume, spec.volume_step) == D(volume)
        if not (spec.volume_min <= volume <= spec.volume_max) or not on_step:
            raise OrderRejected("invalid_volume", "broker.invalid_volume", volume=volume, symbol=spec.name,
                                volume_min=spec.volume_min, volume_max=spec.volume_max, step=spec.volume_step)

    @staticmethod
    def _check_stops(spec: SymbolSpec, side: str, sl: float, tp: float, bid: float, ask: float) -> None:
        if not stops_allowed(side, sl, tp, bid=bid, ask=ask, stops_level=spec.stops_level, point=spec.point):
            raise OrderRejected("invalid_stops", "broker.invalid_stops", side=side, sl=sl, tp=tp,
                                price=bid if side == BUY else ask, stops_level=spec.stops_level)

    def close_position(self, ticket: int, *, comment: str = "", reason: str = "bot") -> ClosedPosition:
        with self._lock:
            self._sync()
            row = self._book.peek("positions", ticket)
            if row is None:
                raise OrderRejected("position_closed", "broker.position_gone", ticket=ticket)
            now = self.clock.now()
            if not self.market.is_open(row["symbol"], now):
                raise OrderRejected("market_closed", "broker.market_closed", symbol=row["symbol"])
            current = self._position(row, now).price_current
            return self._close(row, now, current, reason, comment)

    def modify_position(self, ticket: int, *, sl: float, tp: float) -> Position:
        """New SL/TP for an open position, checked like MT5 does; SL/TP fills are settled up to now first, so
        the old levels apply until this moment and the new ones from it. ``initial_sl`` stays as it opened."""
        with self._lock:
            self._sync(force=True)
            row = self._book.peek("positions", ticket)
            if row is None:
                raise OrderRejected("position_closed", "broker.position_gone", ticket=ticket)
            spec = self.specs[row["symbol"]]
            now = self.clock.now()
            if not self.market.is_open(spec.name, now):
                raise OrderRejected("market_closed", "broker.market_closed", symbol=spec.name)
            sl, tp = round_price(sl or 0.0, spec.digits), round_price(tp or 0.0, spec.digits)
            if (sl, tp) != (row["sl"], row["tp"]):
                self._check_stops(spec, row["side"], sl, tp, self.market.bid(spec.name, now),
                                  self.market.ask(spec.name, now))
                self._book.update("positions", ticket, {"sl": sl, "tp": tp})
                row = {**row, "sl": sl, "tp": tp}
            return self._position(row, now)

    def close_by_hand(self, ticket: int) -> ClosedPosition:
        """What a trader closing the position in the terminal does (reason ``manual``)."""
        return self.close_position(ticket, comment="closed by hand", reason="manual")

    def _close(self, row: dict, when: float, price: float, reason: str, comment: str = "") -> ClosedPosition:
        return self._close_many([(row, when, price, reason, comment)])[0]

    def _close_many(self, closes: list[tuple[dict, float, float, str, str]]) -> list[ClosedPosition]:
        """Close positions (in this order) with one write of the book and one of the history for all of them."""
        done: list[tuple[dict, ClosedPosition, dict]] = []
        for row, when, price, reason, comment in closes:
            spec = self.specs[row["symbol"]]
            profit = position_profit(row["side"], row["volume"], row["open_price"], price, spec.contract_size,
                                     self._rate(spec.currency_profit, when))
            closed = ClosedPosition(ticket=row["ticket"], symbol=row["symbol"], side=row["side"],
                                    volume=row["volume"], open_price=row["open_price"], open_time=row["open_time"],
                                    close_price=price, close_time=when, profit=profit, reason=reason,
                                    magic=row["magic"], sl=row["sl"], tp=row["tp"],
                                    comment=comment or row["comment"], initial_sl=row.get("initial_sl", row["sl"]))
            done.append((row, closed, dict(closed.to_json(), ts=when)))

        def park(c):
            balance = c.get("account", 1)["balance"]
            for row, closed, record in done:
                c.delete("positions", row["ticket"])
                balance = cents(D(balance) + D(closed.profit))
                c.put("pending", row["ticket"], record)
            c.set("account", 1, {"balance": balance})

        self._book.change(park)
        for row, _, _ in done:
            self._checked_to.pop(row["ticket"], None)
            self._by_magic.get(row["magic"], set()).discard(row["ticket"])
        if len(done) == 1:
            self._history.append(done[0][2])
        else:
            commits = [self._history.stage(record)[1] for _, _, record in done]
            for commit in commits:
                commit()  # the first writes them all, with one fsync
        self._book.change(lambda c: [c.delete("pending", row["ticket"]) for row, _, _ in done], sync=False)
        return [closed for _, closed, _ in done]

    def _finish_pending(self) -> None:
        for ticket, record in sorted(self._book.view("pending").items()):
            if not self._history.query(match={"ticket": record["ticket"]}, limit=1):
                self._history.append(record)
            self._book.remove("pending", ticket)

    # -- history ---------------------------------------------------------------
    def closed_position(self, ticket: int) -> ClosedPosition | None:
        self._sync()
        parked = self._book.get("pending", ticket)  # closed, on its way into the history
        if parked is not None:
            parked.pop("doc_id", None)
            return _closed(parked)
        found = self._history.query(match={"ticket": ticket}, limit=1)
        return _closed(found[0]) if found else None

    def closed_positions(self, since: float, until: float, magic: int | None = None) -> list[ClosedPosition]:
        self._sync()
        match = {"magic": magic} if magic is not None else None
        return [_closed(r) for r in self._history.query(match=match, since=since, until=until, limit=None,
                                                        newest_first=False)]

    # -- the passage of time ---------------------------------------------------
    def _sync(self, force: bool = False) -> None:
        """Apply what the market did since the last look: SL/TP fills, then stop-out.

        Fills are exact whenever the look happens (each position is checked over the whole interval), so
        the look is throttled for cost alone: at most every quarter second of real time, unless the market
        clock jumped (a test, an accelerated clock). Most calls return without taking the broker lock, so
        a thousand bots asking at once do not queue here.
        """
        if not force and not self._sync_due():
            return
        with self._lock:
            if not force and not self._sync_due():
                return
            now = self.clock.now()
            self._last_sync, self._last_sync_real = now, time.monotonic()
            self._apply_market(now)

    def _sync_due(self) -> bool:
        moved = self.clock.now() - self._last_sync
        return moved >= SYNC_JUMP or (moved >= SYNC_EVERY and time.monotonic() - self._last_sync_real >= SYNC_EVERY)

    def _apply_market(self, now: float) -> None:
        """SL/TP fills since each position's last check (one price path per symbol and start), then stop-out."""
        groups: dict[tuple[str, float], list[tuple[int, str, float, float]]] = {}
        for row in self._book.view("positions").values():
            start = self._checked_to.get(row["ticket"], row["open_time"])
            groups.setdefault((row["symbol"], start), []).append((row["ticket"], row["side"], row["sl"], row["tp"]))
        touched: list[tuple[float, int, tuple[float, float, str]]] = []
        for (symbol, start), rows in groups.items():
            touches = self.market.first_touches(symbol, [order[1:] for order in rows], start, now)
            for (ticket, *_), touch in zip(rows, touches, strict=True):
                if touch is None:
                    self._checked_to[ticket] = now
                else:
                    touched.append((touch[0], ticket, touch))
        if touched:
            self._close_many([(self._book.peek("positions", ticket), when, price, reason, "")
                              for _, ticket, (when, price, reason) in sorted(touched)])
        self._stop_out(now)

    def _stop_out(self, now: float) -> None:
        """Close the worst position while the margin level is under the stop-out level.

        A quick float estimate skips the exact (Decimal) check while the level is far above it.
        """
        if not near_stop_out(*self._estimate(now)):
            return
        while True:
            if not stopped_out(self._account_now(now)):
                return
            rows = self._book.view("positions")
            worst = min((self._position(r, now) for r in rows.values()), key=lambda p: p.profit)
            self._close(rows[worst.ticket], now, worst.price_current, "so", "stop out")

    def _estimate(self, now: float) -> tuple[float, float]:
        """(equity, margin) in float arithmetic at the current prices (:func:`float_account`)."""
        acct = self._book.peek("account", 1)
        rates: dict[str, float] = {}
        quotes: dict[tuple[str, str], tuple[float, float]] = {}  # (symbol, side) -> (price, margin unit)

        def rate(currency: str) -> float:
            if currency not in rates:
                rates[currency] = self._rate(currency, now)
            return rates[currency]

        def holding(row: dict) -> Holding:
            spec = self.specs[row["symbol"]]
            quote = quotes.get((spec.name, row["side"]))
            if quote is None:  # one price and margin unit per symbol, however many positions it has
                price = self.market.bid(spec.name, now) if row["side"] == BUY else self.market.ask(spec.name, now)
                quote = quotes[(spec.name, row["side"])] = (price, self._margin_unit(spec, now))
            return Holding(row["side"], row["volume"], row["open_price"], quote[0], spec.contract_size,
                           rate(spec.currency_profit), spec.margin_rate * quote[1])

        return float_account(acct["balance"], acct["leverage"], map(holding, self._book.view("positions").values()))

    def advance_checks(self) -> None:
        """Check SL/TP right now, ignoring the throttle (tests, and before a report)."""
        with self._lock:
            self._sync(force=True)

    def close(self) -> None:
        with self._lock:
            def change(c):
                for ticket, checked in self._checked_to.items():
                    if c.get("positions", ticket) is not None:
                        c.set("positions", ticket, {"checked_to": checked})

            self._book.change(change)

    def describe(self) -> dict:
        return {"kind": self.kind, "server": "QuantumBotX-Paper", "symbols": len(self.specs)}


_ACCOUNT = {"balance": "money", "leverage": "count", "currency": "text", "login": "int", "name": "text"}
_POSITION = {"ticket": "count", "symbol": "symbol", "side": "side", "volume": "positive", "open_price": "positive",
             "open_time": "number", "sl": "number", "tp": "number", "magic": "int", "comment": "text"}


def _check_book(book, specs) -> None:
    """The paper account as stored, checked before it is used: StoreCorrupted names the record and field.

    A book without an account is a fresh one (a new folder, or a trader who replaced a lost book with
    ``{}``), unless it still holds positions: those are evidence of an account that went missing.
    """
    account = book.get("account", 1)
    rows = [("positions", row) for row in book.all("positions")] + [("pending", row) for row in book.all("pending")]
    if account is None:
        if rows:
            raise StoreCorrupted(book.path, Msg("store.no_record", {"what": "account"}), key="err.store_invalid")
        return
    _check_fields(book.path, "account", account, _ACCOUNT, specs)
    meta = book.get("meta", 1) or {}
    _check_fields(book.path, "meta", meta, {"next_ticket": "count"}, specs)
    for table, row in rows:
        _check_fields(book.path, f"{table}[{row['doc_id']}]", row, _POSITION, specs)


def _check_fields(path, where: str, record: dict, rules: dict[str, str], specs) -> None:
    for name, rule in rules.items():
        value = record.get(name)
        fine = {"money": lambda v: number(v) is not None and not isinstance(v, str) and abs(v) < 1e15,
                "number": lambda v: number(v) is not None and not isinstance(v, str),
                "positive": lambda v: number(v) is not None and not isinstance(v, str) and v > 0,
                "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
                "count": lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0,
                "text": lambda v: isinstance(v, str),
                "symbol": lambda v: isinstance(v, str) and v in specs,
                "side": lambda v: v in (BUY, SELL)}[rule](value)
        if not fine:
            problem = Msg("store.field_missing") if name not in record else Msg("store.bad_value", {
                "value": shown_stored(value)})
            raise StoreCorrupted(path, Msg("store.field", {"field": f"{where}.{name}", "problem": problem}),
                                 key="err.store_invalid")


def _closed(record: dict) -> ClosedPosition:
    fields = {k: record[k] for k in ClosedPosition.__dataclass_fields__ if k in record}
    return ClosedPosition(**fields)

