"""The broker interface the engine trades through, and the records it returns.

``PaperBroker`` and ``MT5Broker`` both implement :class:`Broker`; the engine
never knows which one it holds. Failures raise :class:`BrokerUnavailable`
(connection; retry later) or :class:`OrderRejected` (this order; with a reason).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from ..core.i18n import Msg
from ..core.money import D, cents

if TYPE_CHECKING:
    from ..market.bars import Bars

BUY, SELL = "buy", "sell"
CLOSE_REASONS = ("bot", "sl", "tp", "manual", "so", "brake")  # "brake": closed by the emergency brake


class Record:
    """A broker record the engine stores or shows as plain JSON."""

    __dataclass_fields__: ClassVar[dict[str, Any]]  # each record is a dataclass

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class AccountInfo(Record):
    login: int
    name: str
    server: str
    currency: str
    balance: float
    equity: float
    margin: float
    free_margin: float
    margin_level: float | None  # percent; None without open positions
    leverage: int
    profit: float
    trade_mode: str  # "demo", "real", "contest", or "paper"


@dataclass(frozen=True)
class SymbolInfo(Record):
    name: str
    description: str
    category: str  # forex, metal, crypto, index, other
    digits: int
    point: float
    pip: float
    contract_size: float
    volume_min: float
    volume_step: float
    volume_max: float
    spread: int  # points
    tick_size: float
    tick_value: float  # account currency per tick per lot
    currency_base: str
    currency_profit: str
    currency_margin: str
    stops_level: int  # points
    trade_allowed: bool


@dataclass(frozen=True)
class Tick(Record):
    symbol: str
    time: float
    bid: float
    ask: float


@dataclass(frozen=True)
class Position(Record):
    ticket: int
    symbol: str
    side: str
    volume: float
    open_price: float
    open_time: float
    sl: float
    tp: float
    magic: int
    comment: str
    price_current: float
    profit: float
    initial_sl: float | None = None  # the SL it opened with, where the broker knows it


@dataclass(frozen=True)
class ClosedPosition(Record):
    """A position's whole life, from its entry and exit deals."""

    ticket: int
    symbol: str
    side: str
    volume: float
    open_price: float
    open_time: float
    close_price: float
    close_time: float
    profit: float
    reason: str  # one of CLOSE_REASONS
    magic: int
    sl: float
    tp: float
    commission: float = 0.0
    swap: float = 0.0
    comment: str = ""
    initial_sl: float | None = None  # the SL it opened with, where the broker knows it

    @property
    def net_profit(self) -> float:
        return round(self.profit + self.commission + self.swap, 2)


@dataclass(frozen=True)
class CashFlow(Record):
    """Money moved into (+) or out of (−) the account that is not a trade's result: a deposit, a withdrawal,
    a credit."""

    ticket: int
    time: float
    amount: float
    kind: str  # "balance" or "credit"


class Broker(ABC):
    """What a bot needs from a broker; every method may raise BrokerUnavailable."""

    kind: str = "abstract"

    @abstractmethod
    def account(self) -> AccountInfo: ...

    @abstractmethod
    def symbols(self) -> list[str]: ...

    @abstractmethod
    def find_symbol(self, name: str) -> str | None:
        """The broker's own name for ``name`` (``"eurusd"`` → ``"EURUSD"``), or None."""

    def balance(self) -> float:
        """The account balance (cheaper than :meth:`account` where the broker can tell it alone)."""
        return self.account().balance

    @abstractmethod
    def symbol_info(self, symbol: str) -> SymbolInfo: ...

    @abstractmethod
    def tick(self, symbol: str) -> Tick: ...

    @abstractmethod
    def rates(self, symbol: str, timeframe: str, count: int) -> Bars:
        """The last ``count`` *closed* bars, oldest first, times in UTC."""

    def history_rates(self, symbol: str, timeframe: str, since: float, until: float) -> Bars:
        """The *closed* bars that opened in [since, until), oldest first, times in UTC (for backtests).

        This default reads back from the newest bar; a broker that can ask for a range overrides it.
        """
        from ..market.timeframes import seconds

        count = int((min(until, self._now()) - since) // seconds(timeframe)) + 2
        bars = self.rates(symbol, timeframe, max(count, 1))
        keep = (bars.time >= since) & (bars.time < until)
        first = int(keep.argmax()) if keep.any() else len(bars)
        return bars.slice(first, first + int(keep.sum()))

    def _now(self) -> float:
        clock = getattr(self, "clock", None)
        return clock.now() if clock is not None else float("inf")

    def last_closed_bar(self, symbol: str, timeframe: str) -> float | None:
        """Start (UTC epoch seconds) of the newest closed bar; None if there is none."""
        return self.rates(symbol, timeframe, 1).last_time

    @abstractmethod
    def is_market_open(self, symbol: str) -> bool: ...

    def next_open(self, symbol: str) -> float | None:
        """When a closed market opens next (epoch seconds), or None when the broker cannot tell."""
        return None

    @abstractmethod
    def positions(self, magic: int | None = None, symbol: str | None = None) -> list[Position]: ...

    @abstractmethod
    def open_position(self, symbol: str, side: str, volume: float, *, sl: float, tp: float, magic: int,
                      comment: str) -> Position: ...

    @abstractmethod
    def close_position(self, ticket: int, *, comment: str = "") -> ClosedPosition: ...

    @abstractmethod
    def modify_position(self, ticket: int, *, sl: float, tp: float) -> Position:
        """Move an open position's SL and TP (0: none); the position as it is afterwards.

        OrderRejected if the position is gone, the market is closed, or a level is too close to the price.
        """

    @abstractmethod
    def closed_position(self, ticket: int) -> ClosedPosition | None:
        """How a position ended (profit, reason), or None while it is open or unknown."""

    @abstractmethod
    def closed_positions(self, since: float, until: float, magic: int | None = None) -> list[ClosedPosition]: ...

    def deal_history(self, since: float, until: float) -> list[ClosedPosition]:
        """Every position of the account closed in [since, until), whatever opened it (our bots, the trader
        by hand, other EAs), oldest first, from the broker's own deal history."""
        return sorted(self.closed_positions(since, until), key=lambda c: (c.close_time, c.ticket))

    def cash_flows(self, since: float, until: float) -> list[CashFlow]:
        """Deposits, withdrawals and credits booked in [since, until), oldest first. None by default: a
        simulated account is told of its own (see ``Engine.set_paper_balance``)."""
        return []

    def reconnect(self) -> None:  # noqa: B027 - a no-op by default: only a broker with a connection has one
        """Try to restore the connection; raise BrokerUnavailable if it is still down."""

    def close(self) -> None:  # noqa: B027 - a no-op by default: only a broker with a connection has one
        """Release the connection; the broker is not used afterwards."""

    def describe(self) -> dict:
        """What the dashboard shows about the connection (never a secret)."""
        return {"kind": self.kind}


def stops_allowed(side: str, sl: float, tp: float, *, bid: float, ask: float, stops_level: int,
                  point: float) -> bool:
    """MT5's rule: an SL/TP lies beyond the closing price (bid for a BUY, ask for a SELL) by
    at least ``stops_level`` points, and never on it or on the wrong side."""
    if not sl and not tp:
        return True
    closing = D(bid) if side == BUY else D(ask)
    direction = 1 if side == BUY else -1
    gap = D(stops_level) * D(point)
    rooms = [(closing - D(sl)) * direction] if sl else []
    rooms += [(D(tp) - closing) * direction] if tp else []
    return all(room > 0 and room >= gap for room in rooms)


def margin_unit(category: str, currency_base: str, currency_profit: str, bid: float, rate) -> float | None:
    """Account currency per unit of contract a position's margin is counted in, as the paper broker counts it:
    the base currency's rate (forex, metals, crypto), or for an index CFD (a contract on a price) the price in
    the account currency. ``rate(currency)`` is the rate to the account currency (None: unknown)."""
    if category == "index":
        found = rate(currency_profit)
        return None if found is None else float(D(bid) * D(found))
    return rate(currency_base)


def account_totals(balance: float, profits: list[float], margins: list[float]) -> tuple[float, float, float,
                                                                                        float | None]:
    """(equity, margin, free margin, margin level %) of a balance and its open positions' profits and margins,
    to the cent as MT5 shows them."""
    profit = cents(sum((D(p) for p in profits), D(0)))
    margin = cents(sum((D(m) for m in margins), D(0)))
    equity = cents(D(balance) + D(profit))
    return equity, margin, cents(D(equity) - D(margin)), round(equity / margin * 100, 2) if margin else None


# -- the broker's margin rules, as the paper broker applies them live and the account replay applies them ------------
STOP_OUT_LEVEL = 50.0  # percent margin level at which the worst position is closed
MARGIN_FILTER = 0.9  # a float estimate this far inside the limit needs no exact count (float error is far smaller)


class Holding(NamedTuple):
    """An open position as the float estimates read it, at the current prices."""

    side: str
    volume: float
    open_price: float
    closing: float  # what it would close at now: the bid for a buy, the ask for a sell
    contract_size: float
    profit_rate: float  # its profit currency to the account currency, now
    margin_per_unit: float  # margin rate x margin unit (see margin_unit), now


def float_account(balance: float, leverage: float, holdings: Iterable[Holding]) -> tuple[float, float]:
    """(equity, margin) in float arithmetic: the filter before the exact checks, never a figure shown."""
    equity, margin = float(balance), 0.0
    for h in holdings:
        move = (h.closing - h.open_price) * (1 if h.side == BUY else -1)
        equity += move * h.contract_size * h.volume * h.profit_rate
        margin += h.volume * h.contract_size / leverage * h.margin_per_unit
    return equity, margin


def margin_refusal(needed_estimate: float, free_estimate: float,
                   exact: Callable[[], tuple[float | None, AccountInfo]]) -> Msg | None:
    """A new position's margin must fit in the free margin. Far inside it (float estimates) it does; near it
    ``exact()`` — (the margin needed, the account), to the cent — decides. None: the order may go."""
    if needed_estimate <= free_estimate * MARGIN_FILTER:
        return None
    needed, account = exact()
    if needed is None or needed <= account.free_margin:
        return None
    return Msg("broker.no_money", {"needed": needed, "free": account.free_margin, "currency": account.currency})


def near_stop_out(equity: float, margin: float) -> bool:
    """Whether float estimates come near enough to the stop-out level for the exact check."""
    return margin > 0 and equity / margin * 100 < STOP_OUT_LEVEL * 1.5


def stopped_out(account: AccountInfo) -> bool:
    """Whether the broker closes a position now: the margin level, to the cent, is under the stop-out level."""
    return account.margin_level is not None and account.margin_level < STOP_OUT_LEVEL
