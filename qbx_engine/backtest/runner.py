"""Replay a strategy over bars with the live bots' rules, fast.

Rules (the same as a bot's tick, and the same code where a rule is a formula):

* a signal is read on a *closed* bar and acted on at the *next bar's open*;
* BUY closes a SELL and opens a BUY, SELL mirrors, a signal in the direction
  already held does nothing, HOLD does nothing; an exit signal closes the
  position of its side without opening another;
* bars are bid prices, as MT5 charts them: a BUY fills at the ask (open + spread)
  and closes at the bid; a SELL fills at the bid and closes at the ask, so the
  spread is paid once per round trip;
* entry, SL, TP and lot come from :func:`qbx_engine.plan.plan_entry`, the very
  function a live bot calls, with that bar's bid and ask and the ATR of the
  signal bar; a plan the broker would refuse is skipped with its reason;
* SL and TP are checked within every bar's range from the entry bar on. A bar
  that opens beyond a stop fills at its open (a gap). A bar whose range touches
  both SL and TP is taken as a stop-loss: without ticks the order is unknown,
  and the pessimistic reading never flatters a strategy;
* break-even and trailing move the SL at each bar's close while a position is
  open, from that close, with :func:`qbx_engine.trailing.trailed_sl` — the
  function a live bot calls on each new closed bar; the moved SL is checked from
  the next bar on. A trade's ``sl`` column keeps the SL it opened with (its risk);
  every move is listed in ``BacktestResult.sl_moves``;
* commission is money per lot per side, charged at entry and at exit;
* a position still open on the last bar is valued at the last close (``end``).

Signals come from the strategy's vectorised ``compute``; Python-level work is
done only on bars where a position opens or closes.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from ..bars import Bars
from ..brokers.base import SymbolInfo
from ..errors import ValidationError
from ..i18n import Msg, shown
from ..indicators import atr_simple
from ..market.paper_market import PaperMarket
from ..market.symbols import PAPER_SYMBOLS
from ..money import cents, pip_size, r_multiple, rate_to_account, round_price, tick_value
from ..plan import ATR, PIPS, STOP_MODES, Stops, plan_entry
from ..bots import LIMITS
from ..inputs import number
from ..strategies import build
from ..strategies.base import EXITS, SIGNAL_CODES
from ..trailing import Trailing, trailed_sl

YEAR = 365.25 * 86400
_rates = PaperMarket()
_EXIT_CODES = {SIGNAL_CODES[name]: sides for name, sides in EXITS.items()}


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
    def paper(cls, symbol: str) -> "Contract":
        spec = PAPER_SYMBOLS[symbol]
        return cls(spec.name, spec.digits, spec.contract_size, spec.currency_base, spec.currency_profit, spec.category,
                   spec.volume_min, spec.volume_step, spec.volume_max, spec.spread_points, spec.stops_level)

    @classmethod
    def units(cls, digits: int = 5) -> "Contract":
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
    sl_moves: list[dict] = field(default_factory=list)  # break-even/trailing: entry_bar, bar (its close), sl


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
_WHOLE = {"spread_points": (0, 100_000), "atr_period": LIMITS["atr_period"]}


def _check_types(config: BacktestConfig) -> None:
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
                 progress: Callable[[float], None] | None = None) -> BacktestResult:
    """Trades, equity per bar (open trades marked to market) and statistics."""
    _check_types(config)
    strategy = build(config.strategy_name, config.strategy_params)
    if isinstance(bars, pd.DataFrame):
        bars = Bars.from_frame(bars.reset_index(drop=True))
    _validate(config, bars, strategy)
    indicators = strategy.columns(bars)
    signal = indicators["signal"]
    o, h, low, c = bars.open, bars.high, bars.low, bars.close
    epoch = bars.time
    n = len(bars)
    spread_points = contract.spread_points if config.spread_points is None else int(config.spread_points)
    spread = spread_points * contract.point
    stops = config.stops
    atr = atr_simple(h, low, c, stops.atr_period) if stops.needs_atr else None
    trailing = config.trailing
    sl_moves: list[dict] = []

    trades: list[tuple] = []
    skipped: list[dict] = []
    balance = config.initial_balance
    per_lot = config.commission_per_lot
    position = None
    events = np.flatnonzero(signal[:-1] != 0)
    events = events[events >= strategy.bars_needed() - 1]  # a live bot has no verdict before its warm-up

    def close(pos: dict, bar: int, price: float, reason: str) -> None:
        nonlocal balance
        diff = (price - pos["entry_price"]) * (1 if pos["side"] == "buy" else -1)
        rate = _to_account(contract, price if pos["side"] == "buy" else price - spread, epoch[bar])  # at the bid
        gross = cents(diff * pos["volume"] * contract.contract_size * rate)
        balance = round(balance + gross - per_lot * pos["volume"], 2)
        trades.append((pos["entry_bar"], bar, pos["side"], pos["volume"], pos["entry_price"], price,
                       pos["initial_sl"], pos["tp"], diff, gross, reason, rate, pos["risk_money"], pos["risk_pct"]))

    def exit_price(pos: dict, bar: int) -> float:
        return o[bar] if pos["side"] == "buy" else o[bar] + spread

    for count, event in enumerate(events):
        bar = event + 1
        if position is not None:
            hit = _stops_until(position, int(bar), o, h, low, c, spread, trailing, atr, sl_moves)
            if hit is not None:
                close(position, *hit)
                position = None
        code = int(signal[event])
        if code in _EXIT_CODES:
            if position is not None and position["side"] in _EXIT_CODES[code]:
                close(position, bar, exit_price(position, bar), "exit")
                position = None
            continue
        side = "buy" if code == 1 else "sell"
        if position is not None and position["side"] == side:
            continue
        if position is not None:
            close(position, bar, exit_price(position, bar), "signal")
            position = None
        info = contract.symbol_info(_to_account(contract, o[bar], epoch[bar]), spread_points)
        plan = plan_entry(side, bid=o[bar], ask=round_price(o[bar] + spread, contract.digits), stops=stops, info=info,
                          balance=balance, risk_percent=config.risk_percent if config.size_mode == "risk" else None,
                          volume=config.volume if config.size_mode == "fixed" else None,
                          atr=None if atr is None else _finite(atr[event]))
        if not plan.ok:
            skipped.append({"time": pd.Timestamp(epoch[bar], unit="s", tz="UTC"), "side": side,
                            "reason": plan.refusal.to_json() if plan.refusal else None})
            continue
        position = {"side": side, "volume": plan.volume, "entry_price": plan.entry, "sl": plan.sl, "tp": plan.tp,
                    "initial_sl": plan.sl, "entry_bar": bar, "checked": bar, "risk_money": plan.risk_money,
                    "risk_pct": plan.risk_pct, "info": info}
        balance = round(balance - per_lot * position["volume"], 2)
        if progress is not None and count % 500 == 0:
            progress(count / max(1, len(events)))
    if position is not None:
        hit = _stops_until(position, n, o, h, low, c, spread, trailing, atr, sl_moves)
        if hit is not None:
            close(position, *hit)
        else:
            close(position, n - 1, c[-1] if position["side"] == "buy" else c[-1] + spread, "end")
    if progress is not None:
        progress(1.0)
    times = pd.Series(pd.to_datetime(epoch.astype(np.int64), unit="s", utc=True))
    frame = _trades_frame(trades, times, per_lot)
    equity = _equity(frame, config, contract, c, spread, times)
    stats = _stats(frame, equity, config, epoch, c)
    return BacktestResult(config, contract, bars, indicators, frame.drop(columns="rate"), equity, stats, skipped,
                          strategy.p, sl_moves)


def _finite(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def _trades_frame(trades: list[tuple], times: pd.Series, per_lot: float) -> pd.DataFrame:
    """One row per trade; times and money columns are filled for all trades at once."""
    names = ("entry_bar", "exit_bar", "side", "volume", "entry_price", "exit_price", "sl", "tp", "price_diff",
             "gross", "reason", "rate", "risk_money", "risk_pct")
    cols = dict(zip(names, (np.asarray(values) for values in zip(*trades)))) if trades else \
        {name: np.zeros(0, dtype=object if name in ("side", "reason", "risk_money", "risk_pct") else float)
         for name in names}
    entry_bar = cols["entry_bar"].astype(np.int64)
    exit_bar = cols["exit_bar"].astype(np.int64)
    volume = cols["volume"].astype(float)
    commission = -np.array([cents(2 * per_lot * v) for v in volume]) if per_lot else np.zeros(len(volume))
    gross = cols["gross"].astype(float)
    stamps = times.array
    return pd.DataFrame({
        "entry_time": stamps.take(entry_bar), "exit_time": stamps.take(exit_bar), "side": cols["side"],
        "volume": volume, "entry_price": cols["entry_price"].astype(float),
        "exit_price": cols["exit_price"].astype(float), "sl": cols["sl"].astype(float),
        "tp": cols["tp"].astype(float), "price_diff": cols["price_diff"].astype(float), "gross": gross,
        "commission": commission, "net": np.round(gross + commission, 2), "reason": cols["reason"],
        "entry_bar": entry_bar, "exit_bar": exit_bar, "risk_money": cols["risk_money"], "risk_pct": cols["risk_pct"],
        "r_multiple": [r_multiple(net, risk) for net, risk in zip(np.round(gross + commission, 2), cols["risk_money"],
                                                                   strict=True)],
        "rate": cols["rate"].astype(float)}, copy=False)


def _first_stop(pos: dict, start: int, end: int, o, h, low, spread) -> tuple[int, float, str] | None:
    """The first bar in [start, end) whose range reaches the SL or TP, its fill price and which one."""
    sl, tp = pos["sl"], pos["tp"]
    if (not sl and not tp) or start >= end:
        return None
    if pos["side"] == "buy":  # a long closes at the bid: the bar itself
        hit_sl = low[start:end] <= sl if sl else np.zeros(end - start, bool)
        hit_tp = h[start:end] >= tp if tp else np.zeros(end - start, bool)
    else:                     # a short closes at the ask: the bar plus the spread
        hit_sl = h[start:end] + spread >= sl if sl else np.zeros(end - start, bool)
        hit_tp = low[start:end] + spread <= tp if tp else np.zeros(end - start, bool)
    either = hit_sl | hit_tp
    if not either.any():
        return None
    k = int(np.argmax(either))
    bar = start + k
    opening = o[bar] if pos["side"] == "buy" else o[bar] + spread
    long = pos["side"] == "buy"
    if hit_sl[k]:
        gapped = (opening <= sl) if long else (opening >= sl)
        return bar, (opening if gapped and bar > pos["entry_bar"] else sl), "sl"
    gapped = (opening >= tp) if long else (opening <= tp)
    return bar, (opening if gapped and bar > pos["entry_bar"] else tp), "tp"


def _stops_until(pos: dict, end: int, o, h, low, c, spread: float, rule: Trailing, atr,
                 moves: list[dict]) -> tuple[int, float, str] | None:
    """The SL/TP hit in the bars not checked yet before ``end``; with break-even or trailing, bar by bar."""
    if rule.on:
        return _trail_through(pos, end, o, h, low, c, spread, rule, atr, moves)
    hit = _first_stop(pos, pos["checked"], end, o, h, low, spread)
    if hit is None:
        pos["checked"] = end
    return hit


def _trail_through(pos: dict, end: int, o, h, low, c, spread: float, rule: Trailing, atr,
                   moves: list[dict]) -> tuple[int, float, str] | None:
    """Up to ``end``: the SL/TP hit, the SL moving at each bar's close the position survives (checked from the
    next bar on), as a live bot moves it on each new closed bar. The hit is looked for over the whole stretch
    at once and again only after the SL moved."""
    bar = pos["checked"]
    hit = _first_stop(pos, bar, end, o, h, low, spread)
    last = hit[0] if hit is not None else end
    while bar < last:
        new_sl = trailed_sl(pos["side"], entry=pos["entry_price"], sl=pos["sl"], close=float(c[bar]), spread=spread,
                            rule=rule, info=pos["info"], atr=None if atr is None else _finite(atr[bar]))
        if new_sl is not None:
            pos["sl"] = new_sl
            moves.append({"entry_bar": pos["entry_bar"], "bar": bar, "sl": new_sl})
            hit = _first_stop(pos, bar + 1, end, o, h, low, spread)
            last = hit[0] if hit is not None else end
        bar += 1
    pos["checked"] = bar
    return hit


def _to_account(contract: Contract, price: float, when: float) -> float:
    """Account-currency (USD) value of one unit of the symbol's profit currency, as the paper broker converts it:
    the symbol's own bid where it is the conversion pair, else the paper market's bid at that time."""
    def quote(symbol: str) -> float | None:
        if symbol == contract.symbol:
            return price
        return _rates.bid(symbol, float(when)) if symbol in _rates.specs else None

    return rate_to_account(contract.currency_profit, "USD", quote) or 1.0


def _equity(trades: pd.DataFrame, config, contract, close, spread, times) -> pd.Series:
    """Balance plus the open trade's value at every bar's close (all trades at once, no Python loop)."""
    n = len(close)
    entry = trades["entry_bar"].to_numpy(dtype=np.int64)
    exit_ = trades["exit_bar"].to_numpy(dtype=np.int64)
    volume = trades["volume"].to_numpy(dtype=float)
    fee = config.commission_per_lot * volume
    realized = np.zeros(n)
    np.add.at(realized, entry, -fee)
    np.add.at(realized, exit_, trades["gross"].to_numpy(dtype=float) - fee)
    # Every bar a trade is held before its exit bar, with the trade it belongs to.
    lengths = exit_ - entry
    owner = np.repeat(np.arange(len(trades)), lengths)
    bars = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths) + np.repeat(entry, lengths)
    long = (trades["side"].to_numpy() == "buy")[owner]
    units = (volume * contract.contract_size * trades["rate"].to_numpy(dtype=float))[owner]
    opened = trades["entry_price"].to_numpy(dtype=float)[owner]
    value = np.where(long, close[bars] - opened, opened - (close[bars] + spread)) * units
    floating = np.zeros(n)
    np.add.at(floating, bars, value)
    return pd.Series(config.initial_balance + np.cumsum(realized) + floating, index=times, name="equity")


def _stats(trades: pd.DataFrame, equity: pd.Series, config, epoch, close) -> dict:
    values = equity.to_numpy()
    peak = np.maximum.accumulate(values)
    drawdown = (values - peak) / peak
    net = trades["net"].to_numpy() if len(trades) else np.zeros(0)
    wins, losses = net[net > 0], net[net < 0]
    marks = np.zeros(len(values) + 1)
    np.add.at(marks, trades["entry_bar"].to_numpy(dtype=np.int64), 1)
    np.add.at(marks, trades["exit_bar"].to_numpy(dtype=np.int64) + 1, -1)
    held = np.cumsum(marks)[:-1] > 0
    returns = np.diff(values) / values[:-1] if len(values) > 1 else np.zeros(0)
    span = max(float(epoch[-1] - epoch[0]), 1.0)
    per_year = (len(values) - 1) / (span / YEAR)
    sharpe = float(np.mean(returns) / np.std(returns) * math.sqrt(per_year)) if len(returns) > 1 and np.std(returns) > 0 \
        else None
    final = float(values[-1])
    return {
        "bars": len(values), "start": str(equity.index[0]), "end": str(equity.index[-1]),
        "initial_balance": config.initial_balance, "final_equity": cents(final),
        "net_profit": cents(final - config.initial_balance),
        "return_pct": round((final / config.initial_balance - 1) * 100, 2),
        "buy_hold_pct": round((close[-1] / close[0] - 1) * 100, 2),
        "max_drawdown_pct": round(float(drawdown.min()) * 100, 2) if len(values) else 0.0,
        "max_drawdown": cents(float((values - peak).min())) if len(values) else 0.0,
        "trades": int(len(net)), "win_rate": round(len(wins) / len(net) * 100, 2) if len(net) else None,
        "profit_factor": round(float(wins.sum() / -losses.sum()), 2) if len(losses) else None,
        "expectancy": cents(float(net.mean())) if len(net) else None,
        "avg_win": cents(float(wins.mean())) if len(wins) else None,
        "avg_loss": cents(float(losses.mean())) if len(losses) else None,
        "sharpe": round(sharpe, 2) if sharpe is not None else None,
        "exposure_pct": round(float(held.mean()) * 100, 2),
        "commission": cents(float(trades["commission"].sum())) if len(trades) else 0.0,
    }
