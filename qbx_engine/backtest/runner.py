"""Replay a strategy over bars with the live bots' rules, fast.

Rules (the same as a bot's tick, and the same code where a rule is a formula):

* a signal is read on a *closed* bar and acted on at the *next bar's open*;
* BUY closes a SELL and opens a BUY, SELL mirrors, a signal in the direction
  already held does nothing, HOLD does nothing; an exit signal closes the
  position of its side without opening another;
* bars are bid prices, as MT5 charts them: a BUY fills at the ask (open + spread)
  and closes at the bid; a SELL fills at the bid and closes at the ask, so the
  spread is paid once per round trip;
* entry, SL, TP and lot come from :func:`qbx_engine.trading.plan.plan_entry` (its Planner), the very
  function a live bot calls, with that bar's bid and ask and the ATR of the
  signal bar; a plan the broker would refuse is skipped with its reason;
* SL and TP are checked within every bar's range from the entry bar on. A bar
  that opens beyond a stop fills at its open (a gap). A bar whose range touches
  both SL and TP is taken as a stop-loss: without ticks the order is unknown,
  and the pessimistic reading never flatters a strategy;
* break-even and trailing move the SL at each bar's close while a position is
  open, from that close, with :func:`qbx_engine.trading.trailing.trailed_sl` — the
  function a live bot calls on each new closed bar; the moved SL is checked from
  the next bar on. A trade's ``sl`` column keeps the SL it opened with (its risk);
  every move is listed in ``BacktestResult.sl_moves``;
* commission is money per lot per side, charged at entry and at exit;
* a position still open on the last bar is valued at the last close (``end``).

Signals come from the strategy's vectorised ``compute``; Python-level work is
done only on bars where a position opens or closes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from ..brokers.base import SymbolInfo
from ..brokers.paper import DEFAULT_LEVERAGE
from ..core.errors import ValidationError
from ..core.i18n import Msg, shown
from ..core.inputs import number
from ..core.money import cents, pip_size, r_multiple, rate_to_account, tick_value
from ..market.bars import Bars
from ..market.indicators import atr_simple
from ..market.paper_market import PaperMarket
from ..market.symbols import PAPER_SYMBOLS
from ..market.timeframes import seconds
from ..reports import performance
from ..strategies import build
from ..strategies.base import ENTRIES, EXITS, SIGNAL_CODES, Strategy
from ..trading.bots import LIMITS, Bot
from ..trading.plan import ATR, PIPS, STOP_MODES, Stops
from ..trading.trailing import Trailing
from .prices import BarPrices, PaperPrices, Quotes
from .replay import Replay, Seat, columns

YEAR = 365.25 * 86400
PAPER_MARKET = PaperMarket()  # the paper market the backtester prices paper history and conversions with
_ENTRY_CODES = {SIGNAL_CODES[name]: side for name, side in ENTRIES.items()}
_EXIT_CODES = {SIGNAL_CODES[name]: sides for name, sides in EXITS.items()}
# The side of a position each signal closes: an entry signal closes the other side, an exit signal its own.
_CLOSES = {**{code: ("sell" if side == "buy" else "buy",) for code, side in _ENTRY_CODES.items()}, **_EXIT_CODES}


@dataclass(frozen=True)
class Contract:
    """What a price move is worth: the symbol's contract facts (MT5's symbol properties)."""

    symbol: str
    digits: int
    contract_size: float
    currency_base: str
    currency_profit: str
    category: str
    volume_min: float = 0.01
    volume_step: float = 0.01
    volume_max: float = 100.0
    spread_points: int = 0
    stops_level: int = 0

    @property
    def point(self) -> float:
        return 10.0 ** -self.digits

    @property
    def pip(self) -> float:
        return pip_size(self.symbol, self.category, self.currency_profit, self.point)

    def symbol_info(self, rate: float, spread_points: int) -> SymbolInfo:
        """The symbol as a broker describes it, with a tick value at ``rate`` (profit currency -> account)."""
        return SymbolInfo(
            name=self.symbol, description=self.symbol, category=self.category, digits=self.digits, point=self.point,
            pip=self.pip, contract_size=self.contract_size, volume_min=self.volume_min, volume_step=self.volume_step,
            volume_max=self.volume_max, spread=spread_points, tick_size=self.point,
            tick_value=tick_value(self.point, self.contract_size, rate), currency_base=self.currency_base,
            currency_profit=self.currency_profit, currency_margin=self.currency_base, stops_level=self.stops_level,
            trade_allowed=True)

    @classmethod
    def paper(cls, symbol: str) -> Contract:
        spec = PAPER_SYMBOLS[symbol]
        return cls(spec.name, spec.digits, spec.contract_size, spec.currency_base, spec.currency_profit, spec.category,
                   spec.volume_min, spec.volume_step, spec.volume_max, spec.spread_points, spec.stops_level)

    @classmethod
    def from_info(cls, info: SymbolInfo) -> Contract:
        """A broker's symbol (MT5 or paper) as the backtester prices it, with its current spread."""
        return cls(info.name, info.digits, info.contract_size, info.currency_base, info.currency_profit, info.category,
                   info.volume_min, info.volume_step, info.volume_max, int(info.spread), info.stops_level)

    @classmethod
    def units(cls, digits: int = 5) -> Contract:
        """One unit per lot, profit in the account currency: the plain "price difference" view."""
        return cls("UNITS", digits, 1.0, "", "USD", "other", 1.0, 1.0, 1e12)


@dataclass(frozen=True)
class BacktestConfig:
    strategy_name: str
    strategy_params: dict = field(default_factory=dict)
    initial_balance: float = 10_000.0
    size_mode: str = "risk"          # "risk": lot from risk_percent and the stop; "fixed": `volume` lots
    volume: float = 0.1
    risk_percent: float = 1.0
    sl_pips: float = 0.0             # 0: no stop loss
    tp_pips: float = 0.0             # 0: no take profit
    spread_points: int | None = None  # None: the symbol's typical spread
    commission_per_lot: float = 0.0  # account currency per lot, per side
    stop_mode: str = PIPS            # "pips" or "atr"
    sl_atr: float = 0.0              # SL in ATR multiples (stop_mode "atr")
    tp_atr: float = 0.0
    atr_period: int = 14
    breakeven_at: float = 0.0        # SL to the entry after this profit (pips, or ATR multiples); 0: off
    trail_distance: float = 0.0      # then trail the SL this far behind the close (same unit); 0: off
    cooldown_minutes: int = 0        # a bot's entry gates (qbx_engine.safety.gates); 0: off
    sl_guard_count: int = 0
    sl_guard_window: int = 60
    sl_guard_pause: int = 60
    max_trades_per_day: int = 0

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def trailing(self) -> Trailing:
        return Trailing(self.stop_mode, self.breakeven_at, self.trail_distance, self.atr_period)

    @property
    def stops(self) -> Stops:
        if self.stop_mode == ATR:
            return Stops(ATR, self.sl_atr, self.tp_atr, self.atr_period)
        return Stops(PIPS, self.sl_pips, self.tp_pips)

    def bot(self, symbol: str, timeframe: str = "") -> Bot:
        """The bot these settings describe, as the replay trades it (its entry gates read it)."""
        return Bot(id=0, name="backtest", market=symbol, timeframe=timeframe, strategy_name=self.strategy_name,
                   strategy_params=dict(self.strategy_params), risk_percent=self.risk_percent, sl_pips=self.sl_pips,
                   tp_pips=self.tp_pips, check_interval=60, status="active", stop_mode=self.stop_mode,
                   sl_atr=self.sl_atr, tp_atr=self.tp_atr, atr_period=self.atr_period,
                   cooldown_minutes=self.cooldown_minutes, sl_guard_count=self.sl_guard_count,
                   sl_guard_window=self.sl_guard_window, sl_guard_pause=self.sl_guard_pause,
                   max_trades_per_day=self.max_trades_per_day, breakeven_at=self.breakeven_at,
                   trail_distance=self.trail_distance)


@dataclass
class BacktestResult:
    config: BacktestConfig
    contract: Contract
    bars: Bars
    indicators: dict[str, np.ndarray]
    trades: pd.DataFrame
    equity: pd.Series
    stats: dict
    skipped: list[dict]
    params: dict  # the strategy's parameters as validated, defaults filled in
    ledger: Ledger | None = None  # the replay's own columns (saving a run, comparing it with live trades)
    run_id: str | None = None  # where the run is saved (None: not saved)

    @property
    def sl_moves(self) -> list[dict]:
        """Break-even/trailing SL moves: entry_bar, bar (its close), sl."""
        return [] if self.ledger is None else self.ledger.sl_moves


TRADE_COLUMNS = ["entry_time", "exit_time", "side", "volume", "entry_price", "exit_price", "sl", "tp", "price_diff",
                 "gross", "commission", "net", "reason", "entry_bar", "exit_bar", "risk_money", "risk_pct",
                 "r_multiple"]


# The sensible range of each number in a configuration (the bots' own limits where a bot has the field).
# None as the lowest: a negative value is refused by the rule on costs in _validate.
_RANGES = {"initial_balance": (0.01, 1e12), "volume": (0.0, 1_000.0), "risk_percent": (0.0, LIMITS["risk_percent"][1]),
           "sl_pips": (None, LIMITS["sl_pips"][1]), "tp_pips": (None, LIMITS["tp_pips"][1]),
           "sl_atr": (None, LIMITS["sl_atr"][1]), "tp_atr": (None, LIMITS["tp_atr"][1]),
           "breakeven_at": (None, LIMITS["breakeven_at"][1]), "trail_distance": (None, LIMITS["trail_distance"][1]),
           "commission_per_lot": (None, 1e6)}
_WHOLE = {"spread_points": (0, 100_000), "atr_period": LIMITS["atr_period"],
          **{name: LIMITS[name] for name in ("cooldown_minutes", "sl_guard_count", "sl_guard_window",
                                             "sl_guard_pause", "max_trades_per_day")}}


def check_config_types(config: BacktestConfig) -> None:
    """Each field of the configuration has its type and a sensible finite value (before anything uses it)."""
    errors: dict[str, Msg] = {}
    if not isinstance(config.strategy_params, dict):
        errors["strategy_params"] = Msg("input.not_mapping", {"name": "strategy_params",
                                                              "value": shown(config.strategy_params)})
    for name, (low, high) in _RANGES.items():
        value = getattr(config, name)
        amount = None if isinstance(value, str) else number(value)
        if amount is None or amount > high or (low is not None and amount < low):
            errors[name] = Msg("bt.bad_number", {"name": name, "value": shown(value), "min": low or 0, "max": high})
    for name, (lowest, highest) in _WHOLE.items():
        value = getattr(config, name)
        if value is None and name == "spread_points":
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
            errors[name] = Msg("input.whole_range", {"name": name, "value": shown(value), "low": lowest,
                                                     "high": highest})
    if errors:
        raise ValidationError(errors)


def _validate(config: BacktestConfig, bars: Bars, strategy) -> None:
    errors = {}
    if config.size_mode not in ("risk", "fixed"):
        errors["size_mode"] = Msg("bt.bad_size_mode", {"value": shown(config.size_mode)})
    if config.stop_mode not in STOP_MODES:
        errors["stop_mode"] = Msg("bot.bad_stop_mode", {"value": shown(config.stop_mode)})
    elif config.size_mode == "risk" and not config.stops.sl > 0:
        errors["sl_atr" if config.stop_mode == ATR else "sl_pips"] = Msg("lot.no_stop")
    if config.size_mode == "fixed" and not config.volume > 0:
        errors["volume"] = Msg("bt.bad_volume", {"value": config.volume})
    if not config.initial_balance > 0:
        errors["initial_balance"] = Msg("bt.bad_balance", {"value": config.initial_balance})
    if min(config.sl_pips, config.tp_pips, config.sl_atr, config.tp_atr, config.commission_per_lot,
           config.spread_points or 0, config.breakeven_at, config.trail_distance) < 0:
        errors["costs"] = Msg("bt.negative")
    if errors:
        raise ValidationError(errors)
    need = strategy.bars_needed() + 2
    if bars is None or len(bars) < need:
        raise ValidationError({"bars": Msg("bt.too_short", {"have": 0 if bars is None else len(bars), "need": need})})


def run_backtest(bars: Bars | pd.DataFrame, config: BacktestConfig, contract: Contract,
                 progress: Callable[[float], None] | None = None, *, paper: tuple[str, str] | None = None,
                 strategy: Strategy | None = None, conversion: Conversion | None = None) -> BacktestResult:
    """Trades, equity per bar (open trades marked to market) and statistics. ``paper`` (symbol, timeframe): the
    bars are the paper market's, and its price path gives the fills (as the live paper broker's). ``strategy``:
    the config's strategy already built with what it reads beside bars (a TradingView alert bot's alerts).
    ``conversion``: money into the account's currency (by default the paper account's, USD)."""
    check_config_types(config)
    strategy = strategy or build(config.strategy_name, config.strategy_params)
    if isinstance(bars, pd.DataFrame):
        bars = Bars.from_frame(bars)
    _validate(config, bars, strategy)
    indicators = strategy.columns(bars)
    ledger = replay(bars, indicators["signal"], config, contract, ready=strategy.bars_needed() - 1,
                    progress=progress, paper=paper, conversion=conversion)
    times = bar_times(bars.time)
    values = ledger.equity()
    stats = ledger.stats(values, str(times[0]), str(times[-1]))
    return BacktestResult(config, contract, bars, indicators, _trades_frame(ledger, times),
                          pd.Series(values, index=times, name="equity"), stats, ledger.skipped, strategy.p, ledger)


def bar_times(epoch: np.ndarray) -> pd.DatetimeIndex:
    """Bar start times as UTC datetimes (whole seconds)."""
    return pd.DatetimeIndex(epoch.astype(np.int64).astype("datetime64[s]").astype("datetime64[us]")).tz_localize("UTC")


@dataclass
class Ledger:
    """What one replay did: its trades as columns (bar numbers are of the whole bar set), and what it skipped.

    Bars ``start`` to ``end`` (exclusive) are the window traded; the curve and statistics cover that window.
    """

    config: BacktestConfig
    contract: Contract
    bars: Bars
    start: int
    end: int
    spread: float
    trades: dict[str, np.ndarray]
    skipped: list[dict]
    sl_moves: list[dict] = field(default_factory=list)
    margin_peak: float = 0.0
    exact: bool = False  # fills found on the paper market's price path (else on bar ranges)

    def __len__(self) -> int:
        return len(self.trades["entry_bar"])

    def commission(self) -> np.ndarray:
        per_lot = self.config.commission_per_lot
        volume = self.trades["volume"]
        return -np.array([cents(2 * per_lot * v) for v in volume]) if per_lot else np.zeros(len(volume))

    def net(self) -> np.ndarray:
        return np.round(self.trades["gross"] + self.commission(), 2)

    def equity(self) -> np.ndarray:
        """Balance plus the open trade's value at every bar's close (all trades at once, no Python loop)."""
        t, start = self.trades, self.start
        size = self.end - start
        entry, exit_ = t["entry_bar"] - start, t["exit_bar"] - start
        fee = self.config.commission_per_lot * t["volume"]
        realized = np.zeros(size)
        np.add.at(realized, entry, -fee)
        np.add.at(realized, exit_, t["gross"] - fee)
        # Every bar a trade is held before its exit bar, with the trade it belongs to (trades never overlap).
        lengths = exit_ - entry
        owner = np.repeat(np.arange(len(entry)), lengths)
        held = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths) + np.repeat(entry, lengths)
        long = t["long"][owner]
        units = (t["volume"] * self.contract.contract_size * t["rate"])[owner]
        opened = t["entry_price"][owner]
        close = self.bars.close[start:self.end][held]
        floating = np.zeros(size)
        floating[held] = np.where(long, close - opened, opened - (close + self.spread)) * units
        return self.config.initial_balance + np.cumsum(realized) + floating

    def stats(self, values: np.ndarray, first: str, last: str) -> dict:
        """The run's statistics over its equity curve ``values`` (``first``/``last``: the window's times)."""
        config, start = self.config, self.start
        net = self.net()
        marks = np.zeros(len(values) + 1)
        np.add.at(marks, self.trades["entry_bar"] - start, 1)
        np.add.at(marks, self.trades["exit_bar"] - start + 1, -1)
        held = np.cumsum(marks)[:-1] > 0
        epoch, close = self.bars.time, self.bars.close
        money, pct = performance.drawdown(values)
        sharpe = performance.sharpe(values, float(epoch[self.end - 1] - epoch[start]))
        wins, losses = net[net > 0], net[net < 0]
        final = float(values[-1])
        return {
            "bars": len(values), "start": first, "end": last,
            "initial_balance": config.initial_balance, "final_equity": cents(final),
            "net_profit": cents(final - config.initial_balance),
            "return_pct": round((final / config.initial_balance - 1) * 100, 2),
            "buy_hold_pct": round((close[self.end - 1] / close[start] - 1) * 100, 2),
            "max_drawdown_pct": pct, "max_drawdown": money,
            "trades": len(net), "win_rate": performance.win_rate(net), "profit_factor": performance.profit_factor(net),
            "expectancy": performance.expectancy(net), "avg_win": performance.average(wins),
            "avg_loss": performance.average(losses),
            "sharpe": sharpe, "exposure_pct": round(float(held.mean()) * 100, 2),
            "commission": cents(float(self.commission().sum())) if len(net) else 0.0,
        }


def replay(bars: Bars, signal: np.ndarray, config: BacktestConfig, contract: Contract, *, start: int = 0,
           end: int | None = None, ready: int = 0, atr: np.ndarray | None = None,
           progress: Callable[[float], None] | None = None, shared: dict | None = None,
           paper: tuple[str, str] | None = None, bot: Bot | None = None,
           conversion: Conversion | None = None) -> Ledger:
    """Trade ``signal`` over bars ``start`` to ``end`` with the live rules: the one-bot case of
    :class:`qbx_engine.backtest.replay.Replay`. Bars before ``start`` only warm up.

    A signal on bar ``start - 1`` is acted on at ``start``'s open; a position still open at ``end`` is valued
    at the close of bar ``end - 1``. Signals before bar ``ready`` are ignored: a live bot has no verdict before
    its strategy's warm-up. ``paper`` (symbol, timeframe): the bars are the paper market's, whose price path
    then gives the fills. ``bot``: a saved bot whose entry gates apply (else the config's). ``shared`` (planners
    per stop rule and conversion rate) may be shared by runs over the same bars and contract, so each quote is
    worked out once (an optimisation).
    """
    n = len(bars) if end is None else end
    if n < len(bars):
        bars = bars.slice(0, n)
        signal = signal[:n]
    spread_points = contract.spread_points if config.spread_points is None else int(config.spread_points)
    stops = config.stops
    if (stops.needs_atr or config.trailing.needs_atr) and atr is None:
        atr = atr_simple(bars.high, bars.low, bars.close, max(stops.atr_period, config.atr_period))
    conversion = conversion or PAPER_CONVERSION
    seat = seat_for(bars, signal, config, contract, spread_points, paper=paper, ready=ready, start=start, atr=atr,
                    shared=shared, bot=bot, single=True, conversion=conversion)
    since = float(bars.time[min(start, n - 1)])
    until = float(bars.time[n - 1]) + seat.length
    done = Replay([seat], balance=config.initial_balance, since=since, until=until,
                  leverage=DEFAULT_LEVERAGE, progress=progress, currency=conversion.currency).run()
    skipped = [{"time": pd.Timestamp(r["time"], unit="s", tz="UTC"), "side": r["side"], "reason": r["reason"],
                "cause": r["cause"]} for r in seat.refused]
    return Ledger(config, contract, bars, start, n, spread_points * contract.point, columns(seat.rows), skipped,
                  seat.sl_moves, done.margin_peak, exact=seat.prices.exact)


def seat_for(bars: Bars, signal: np.ndarray, config: BacktestConfig, contract: Contract, spread_points: int, *,
             paper: tuple[str, str] | None = None, ready: int = 0, start: int = 0, atr: np.ndarray | None = None,
             shared: dict | None = None, bot: Bot | None = None, interval: float | None = None,
             offset: float = 0.0, length: float | None = None, single: bool = False,
             quotes: Quotes | None = None, conversion: Conversion | None = None) -> Seat:
    """One bot's seat in a replay: ``bot`` (its settings; a stand-in from ``config`` when None) on these bars of
    ``length`` seconds each (read from the bars when not given). ``single``: a single-strategy run (it acts at the
    next bar's open) rather than a bot on its schedule. ``quotes``: the paper quotes the replay's seats share.
    ``conversion``: into the account's currency (paper history: :data:`PAPER_CONVERSION`)."""
    conversion = conversion or PAPER_CONVERSION
    spread = spread_points * contract.point
    if paper is not None:
        symbol, timeframe = paper
        prices: BarPrices | PaperPrices = PaperPrices(PAPER_MARKET, symbol, bars, timeframe, spread, quotes)
        length = float(seconds(timeframe))
    else:
        length = _bar_length(bars) if length is None else length
        prices = BarPrices(bars, length, spread,
                           lambda currency, bid, when: conversion.rate(contract, currency, bid, when))
    spec = PAPER_SYMBOLS.get(contract.symbol)
    planners = {} if shared is None else shared.setdefault(("planners", config.stops, spread_points), {})
    return Seat(bot=bot or config.bot(contract.symbol), symbol=contract.symbol,
                info=lambda rate: contract.symbol_info(rate, spread_points), contract_size=contract.contract_size,
                digits=contract.digits, spread=spread, category=contract.category,
                currency_base=contract.currency_base, currency_profit=contract.currency_profit,
                margin_rate=spec.margin_rate if spec is not None else 1.0, bars=bars, signal=signal, prices=prices,
                length=length, interval=interval, offset=offset, single=single, ready=ready, start=start,
                volume=config.volume if config.size_mode == "fixed" else None,
                commission_per_lot=config.commission_per_lot, atr=atr, planners=planners)


def _bar_length(bars: Bars) -> float:
    """Seconds per bar, from the bars themselves (their most common spacing)."""
    if len(bars) < 2:
        return 60.0
    gaps = np.diff(bars.time)
    gaps = gaps[gaps > 0]
    if not gaps.size:
        return 60.0
    values, counts = np.unique(gaps, return_counts=True)
    return float(values[counts.argmax()])


_SIDES = pd.array(["buy", "sell"], dtype="str")
_REASONS = ("signal", "exit", "sl", "tp", "end", "so", "brake")
_REASON_TEXTS = pd.array(_REASONS, dtype="str")
_REASON_INDEX = {reason: k for k, reason in enumerate(_REASONS)}


def _trades_frame(ledger: Ledger, times: pd.DatetimeIndex) -> pd.DataFrame:
    """One row per trade; times and money columns are filled for all trades at once."""
    cols = ledger.trades
    commission = ledger.commission()
    net = np.round(cols["gross"] + commission, 2)
    side, reason = cols["side"], cols["reason"]
    if len(side):  # text columns from two small tables (a tenth of the cost of converting each string)
        side = _SIDES.take((~cols["long"]).astype(np.intp))
        reason = _REASON_TEXTS.take(np.fromiter((_REASON_INDEX[r] for r in reason.tolist()), np.intp, len(reason)))
    return pd.DataFrame({
        "entry_time": times.take(cols["entry_bar"]), "exit_time": times.take(cols["exit_bar"]),
        "side": side, "volume": cols["volume"], "entry_price": cols["entry_price"],
        "exit_price": cols["exit_price"], "sl": cols["sl"], "tp": cols["tp"], "price_diff": cols["price_diff"],
        "gross": cols["gross"], "commission": commission, "net": net, "reason": reason,
        "entry_bar": cols["entry_bar"], "exit_bar": cols["exit_bar"], "risk_money": cols["risk_money"],
        "risk_pct": cols["risk_pct"],
        "r_multiple": [r_multiple(value, risk) for value, risk in zip(net, cols["risk_money"], strict=True)]},
        copy=False)


@dataclass(frozen=True)
class Conversion:
    """How money in a symbol's currencies becomes the account's: the account currency and where the price of a
    conversion pair at an instant comes from (``quote(symbol, when)``: a bid, None where there is no such pair).
    Paper history converts to USD at the paper market's quotes; a broker's history at the broker's own bars of
    the pairs (:meth:`from_bars`), in the account's currency."""

    currency: str
    quote: Callable[[str, float], float | None]
    names: dict[str, str] = field(default_factory=dict)  # a pair's plain name -> the broker's (EURJPY -> EURJPY.m)

    def rate(self, contract: Contract, currency: str, price: float, when: float) -> float | None:
        """Account-currency value of one unit of ``currency``: the symbol's own bid where it is the conversion
        pair, else the pair's price at ``when`` (None: no such rate)."""
        def quote(symbol: str) -> float | None:
            own = symbol == contract.symbol or self.names.get(symbol) == contract.symbol
            return price if own else self.quote(symbol, when)

        found = rate_to_account(currency, self.currency, quote)
        if found is None and currency == contract.currency_profit:
            return 1.0  # a contract in an unknown currency: its prices are taken as the account currency's
        return found

    @classmethod
    def from_bars(cls, currency: str, pairs: dict[str, Bars], names: dict[str, str]) -> Conversion:
        """Conversion at the open of the pair's bar an instant falls in (after the last bar, its close), as the
        replay prices a symbol from bars alone. ``pairs``: bars by plain name; ``names``: each pair's name at the
        broker (a pair that is the traded symbol itself is priced at its own bid and needs no bars)."""
        prices = {symbol: BarPrices(bars, _bar_length(bars), 0.0, None) for symbol, bars in pairs.items() if len(bars)}
        return cls(currency, _BarQuotes(prices), names)


@dataclass
class _BarQuotes:
    """A pair's bid from its bars (a class, not a closure: a conversion travels to optimiser workers)."""

    prices: dict[str, BarPrices]

    def __call__(self, symbol: str, when: float) -> float | None:
        found = self.prices.get(symbol)
        return None if found is None else found.bid(when)


def _paper_quote(symbol: str, when: float) -> float | None:
    return PAPER_MARKET.bid(symbol, float(when)) if symbol in PAPER_MARKET.specs else None


PAPER_CONVERSION = Conversion("USD", _paper_quote)
