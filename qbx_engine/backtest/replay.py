"""One replay for one bot and for an account: bots as they trade live, on one balance.

Each bot ticks where its live schedule would (:mod:`qbx_engine.trading.schedule`): the first
tick of its interval grid after a bar closed and the market is open; a bar that is no longer the
newest when that tick comes is never decided on. On its tick, as the live trader does, a bot
first notices positions that closed since its last tick (journaling them), moves its SL for
break-even or trailing (:func:`qbx_engine.trading.trailing.trailed_sl`), then acts once on the
bar's signal: BUY closes a SELL and opens a BUY, SELL mirrors, an exit signal closes its side,
HOLD does nothing. An entry first lets the emergency brake look at the account if a position
was journaled since its last look, then asks the entry gates — the live
:class:`~qbx_engine.safety.gates.Gates` and :class:`~qbx_engine.safety.brake.EmergencyBrake`,
fed the replay's clock, journal and account (:mod:`.account`) — then plans the entry with the
live Planner (:mod:`qbx_engine.trading.plan`) and checks the margin as the paper broker does.
Every refusal is kept with its cause.

Between ticks the market runs (:mod:`.prices`): an SL or TP closes the position on the shared
balance where it is touched, and the live journal sweep journals it at its next run (every
:data:`~qbx_engine.trading.schedule.SWEEP_EVERY` seconds), the brake looking then — unless its
bot's tick comes first and journals it. The brake also looks at
the account at bar closes — where a float estimate of the equity comes near a limit or passes
the equity peak, so that each look that can change something is taken — lifts at the next
trading day when set so, and closes every position when it goes on with "close all".
Several bots ticking at one instant tick in the order of their live schedule (tick offsets).
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..brokers.base import (
    BUY,
    STOP_OUT_LEVEL,
    Holding,
    SymbolInfo,
    float_account,
    margin_refusal,
    margin_unit,
    near_stop_out,
    stopped_out,
)
from ..core.i18n import Msg
from ..core.money import D, cents, margin_required, position_profit, round_price
from ..market.bars import Bars
from ..safety.brake import EmergencyBrake
from ..safety.gates import Gates
from ..strategies.base import ENTRIES, EXITS, SIGNAL_CODES
from ..trading.bots import Bot
from ..trading.journal import day_bounds, local_day
from ..trading.plan import Planner, Stops
from ..trading.schedule import SWEEP_EVERY, next_tick, next_ticks
from ..trading.trailing import Trailing, trailed_sl
from .account import FixedSettings, MemoryTable, ReplayAccount, ReplayClock, ReplayEvents, ReplayJournal
from .prices import BarPrices, PaperPrices

HIT, LOOK, TICK = 0, 1, 2  # at one instant: fills first (the broker applies them), then the brake, then bots
SWEEP = -2  # a LOOK event's index for the journal sweep (before the brake's look at the same instant)
MARGIN, PLAN = "margin", "plan"  # refusals that are not entry gates: the broker's margin, the trade plan
NEAR = 0.98  # how near a brake limit a float estimate of the equity must come for the brake's exact look
MARGIN_GROWTH = 2.0  # between exact looks, a position's margin is taken to be at most this times its margin at entry
# The trader's settings a replay without the account's rules runs with: no brake, no calendar, days in UTC.
RULES_OFF = {"timezone": "UTC", "calendar_on": False, "brake_daily_loss": 0.0, "brake_max_drawdown": 0.0}
_ENTRY_CODES = {SIGNAL_CODES[name]: side for name, side in ENTRIES.items()}
_EXIT_CODES = {SIGNAL_CODES[name]: sides for name, sides in EXITS.items()}
_CLOSES = {**{code: ("sell" if side == BUY else BUY,) for code, side in _ENTRY_CODES.items()}, **_EXIT_CODES}


@dataclass
class Seat:
    """One bot in the replay: what it trades with and, while replaying, its position and its trades."""

    bot: Bot
    symbol: str
    info: Callable[[float], SymbolInfo]  # the symbol as a broker describes it, at a rate to the account currency
    contract_size: float
    digits: int
    spread: float
    category: str
    currency_base: str
    currency_profit: str
    margin_rate: float
    bars: Bars
    signal: np.ndarray
    prices: BarPrices | PaperPrices
    length: float  # seconds per bar
    interval: float | None = None  # its check interval (None: it decides at each bar's close, no grid)
    single: bool = False  # a single-strategy run: it acts at the next bar's open, and the last bar has none
    offset: float = 0.0  # its ticks fire this long after each grid point
    ready: int = 0  # signals before this bar are its strategy's warm-up
    start: int = 0  # the first bar it may act in
    volume: float | None = None  # fixed lots; None: sized by the bot's risk %
    commission_per_lot: float = 0.0
    atr: np.ndarray | None = None
    planners: dict = field(default_factory=dict)  # Planner per conversion rate (shared by the optimiser's runs)
    trailing: Trailing = field(init=False)
    stops: Stops = field(init=False)
    order: tuple = field(init=False)  # its place among ticks at one instant: its live schedule's
    _times: list = field(init=False, repr=False)
    # -- while replaying ------------------------------------------------------------------------
    index: int = 0
    ticks: np.ndarray = field(default_factory=lambda: np.zeros(0))  # per bar: when it is decided (inf: never)
    times: list = field(default_factory=list)  # the same, as floats for the loop
    decided: list = field(default_factory=list)  # the bars it decides on
    signalled: list = field(default_factory=list)  # ... of them, those with a signal
    next_bar: int | None = None
    token: int = 0  # the version of its one pending tick
    position: dict | None = None
    unnoticed: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    refused: list = field(default_factory=list)
    sl_moves: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.trailing, self.stops = self.bot.trailing, self.bot.stops
        self.order = (self.offset, self.bot.id)
        self._times = self.bars.time.tolist()

    def bar_at(self, when: float) -> int:
        """The bar ``when`` falls in."""
        return max(0, bisect.bisect_right(self._times, when) - 1)

    @property
    def listens(self) -> bool:
        """Whether its entry gates read the journal (then a close must be noticed before the next entry)."""
        bot = self.bot
        return bool(bot.cooldown_minutes or bot.sl_guard_count or bot.max_trades_per_day)


@dataclass
class Replayed:
    """What a replay did: each seat's trades, refusals and SL moves, the brake's trips, the margin it used."""

    seats: list[Seat]
    balance: float
    brake_told: list[dict]
    margin_peak: float
    since: float
    until: float
    currency: str = "USD"  # the account's, which every money figure is in


class Replay:
    def __init__(self, seats: list[Seat], *, balance: float, since: float, until: float, leverage: int = 100,
                 settings: dict | None = None, progress: Callable[[float], None] | None = None,
                 currency: str = "USD"):
        """``settings``: the trader's settings the gates, the brake and the calendar read (all of them:
        :meth:`Engine.get_settings`); None runs without the account's rules (:data:`RULES_OFF`)."""
        self.seats = seats
        for k, seat in enumerate(seats):
            seat.index = k
        self.since, self.until = since, until
        self.clock = ReplayClock(since)
        self.account = ReplayAccount(balance, leverage, currency)
        self.journal = ReplayJournal()
        self.events = ReplayEvents(self.clock)
        self.settings = FixedSettings(RULES_OFF if settings is None else settings)
        self.brake = EmergencyBrake(MemoryTable(), self.journal, self.settings, self.clock, self.events)
        self.gates = Gates(self.journal, self.settings, self.brake)
        self.progress = progress
        cfg = self.settings.all()
        self.limits = bool(cfg["brake_daily_loss"] or cfg["brake_max_drawdown"])
        self.journaling = self.limits or any(seat.listens for seat in seats)
        self.closed_unwatched = False
        self.heap: list[tuple] = []
        self.seq = 0
        self.margin_peak = 0.0
        self.margins: dict[int, float] = {}  # open position id -> its margin at entry
        self.watched_to = since
        self._grid = np.unique(np.concatenate([s.bars.time + s.length for s in seats])) if seats else np.zeros(0)
        self._lift_looked: float | None = None
        self._sweep_at: float | None = None
        self._suffix: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    # -- the run ------------------------------------------------------------------------------
    def run(self) -> Replayed:
        for seat in self.seats:
            self._prepare(seat)
            self._schedule(seat, -1)
        span = max(1.0, self.until - self.since)
        steps = 0
        while self.heap:
            at, kind, _, _, index, token = heapq.heappop(self.heap)
            if at > self.until:
                break
            self._step(at, kind, index, token)
            steps += 1
            if self.progress is not None and steps % 2000 == 0:
                self.progress(min(1.0, (at - self.since) / span))
        self._looks_until(self.until, LOOK)
        self.clock.at = self.until
        for seat in self.seats:
            if seat.position is not None:
                self._finish(seat)
        if self.progress is not None:
            self.progress(1.0)
        return Replayed(self.seats, self.account.balance, self.events.told, self.margin_peak, self.since, self.until,
                        self.account.currency)

    def _step(self, at: float, kind: int, index: int, token: int) -> None:
        """One event: the brake's periodic looks up to it first, then the fill, look or tick itself (an event
        whose position closed or whose tick was replaced meanwhile is dropped)."""
        self._looks_until(at, kind)
        self.clock.at = at
        if kind == LOOK:
            if index == SWEEP:
                self._sweep()
            else:
                self._look()
            return
        seat = self.seats[index]
        if kind == HIT:
            if seat.position is not None and seat.position["id"] == token:
                self._hit(seat)
        elif seat.token == token and seat.next_bar is not None:
            self._tick(seat, seat.next_bar)

    def _push(self, at: float, kind: int, order: tuple, index: int, token: int) -> None:
        self.seq += 1
        heapq.heappush(self.heap, (at, kind, order, self.seq, index, token))

    # -- when each bot ticks ------------------------------------------------------------------------
    def _prepare(self, seat: Seat) -> None:
        """Per bar: when the bot decides on it (inf: never — warm-up, out of the span, or a newer bar closed
        before its tick came)."""
        time = seat.bars.time
        n = len(time)
        index = np.arange(n)
        if seat.single and isinstance(seat.prices, BarPrices):
            ticks = np.append(time[1:], np.inf)  # a single run on bars acts at the next bar's open
            newest = np.isfinite(ticks)
        else:
            closes = time + seat.length
            after = seat.prices.next_opens(closes)
            ticks = after if seat.interval is None else next_ticks(after, seat.interval, seat.offset)
            newest = ticks < np.append(closes[1:], np.inf)
            if seat.single:
                newest &= index < n - 1
        usable = newest & (index >= seat.ready) & (index >= seat.start - 1) & (ticks >= self.since) & \
            (ticks <= self.until)
        seat.ticks = np.where(usable, ticks, np.inf)
        decided = np.flatnonzero(usable)
        seat.decided = decided.tolist()
        seat.signalled = decided[seat.signal[decided] != 0].tolist()
        seat.times = seat.ticks.tolist()
        seat.prices.expect(seat.ticks[seat.signalled], (seat.currency_profit, seat.currency_base))

    def _schedule(self, seat: Seat, after_bar: int) -> None:
        """Queue the bot's next tick that can matter: its next signal, or every bar while it holds a position
        that trails, or while a close its gates must hear of waits; then look for its position's SL/TP hit
        before that tick."""
        every = (seat.position is not None and seat.trailing.on) or (seat.unnoticed and self._listening(seat))
        bars = seat.decided if every else seat.signalled
        k = bisect.bisect_right(bars, after_bar)
        seat.token += 1
        seat.next_bar = bars[k] if k < len(bars) else None
        if seat.next_bar is not None:
            self._push(seat.times[seat.next_bar], TICK, seat.order, seat.index, seat.token)
        self._watch_position(seat)

    def _listening(self, seat: Seat) -> bool:
        return self.limits or seat.listens

    def _watch_position(self, seat: Seat) -> None:
        position = seat.position
        if position is None or not (position["sl"] or position["tp"]):
            return
        upto = self.until if seat.next_bar is None else min(self.until, seat.times[seat.next_bar])
        hit = seat.prices.first_hit(position, upto)
        if hit is not None:
            position["hit"] = hit
            self._push(hit[0], HIT, seat.order, seat.index, position["id"])

    # -- a tick -----------------------------------------------------------------------------------
    def _tick(self, seat: Seat, bar: int) -> None:
        now = self.clock.at
        if seat.unnoticed:
            for record in seat.unnoticed:  # the bot's tick reconciles with the broker first
                self.journal.add(record)
            seat.unnoticed.clear()
            self.closed_unwatched = True
        code = int(seat.signal[bar])
        position = seat.position
        if position is not None and seat.trailing.on and not (code and position["side"] in _CLOSES[code]):
            self._trail(seat, position, bar, now)
        if code:
            self._act(seat, bar, code, now)
        self._settle()
        self._schedule(seat, bar)

    def _trail(self, seat: Seat, position: dict, bar: int, now: float) -> None:
        atr = None if seat.atr is None else _finite(seat.atr[bar])
        new_sl = trailed_sl(position["side"], entry=position["entry_price"], sl=position["sl"],
                            close=float(seat.bars.close[bar]), spread=seat.spread, rule=seat.trailing,
                            info=position["info"], atr=atr)
        if new_sl is None:
            return
        position["sl"] = new_sl
        seat.prices.moved_at(position, now)
        seat.sl_moves.append({"entry_bar": position["entry_bar"], "bar": bar, "sl": new_sl, "time": now})

    def _act(self, seat: Seat, bar: int, code: int, now: float) -> None:
        position = seat.position
        if position is not None and position["side"] in _CLOSES[code]:
            self._close(seat, now, self._closing_price(seat, now), "exit" if code in _EXIT_CODES else "signal",
                        journal=True, bar=bar + 1 if seat.single else None)
            position = None
        side = _ENTRY_CODES.get(code)
        if side is None or position is not None:
            return
        self._settle()
        block = self.gates.first(seat.bot, now)
        if block is not None:
            seat.refused.append({"time": now, "bar": bar, "side": side, "cause": block.kind,
                                 "reason": block.reason.to_json()})
            return
        risk_percent, _ = self.gates.risk_percent(seat.bot, now)
        self._enter(seat, bar, side, now, risk_percent)

    def _enter(self, seat: Seat, bar: int, side: str, now: float, risk_percent: float) -> None:
        bid = seat.prices.bid(now)
        ask = round_price(bid + seat.spread, seat.digits)
        rate = seat.prices.rate(seat.currency_profit, now)
        planner = seat.planners.get(rate)
        if planner is None:
            planner = seat.planners[rate] = Planner(seat.stops, seat.info(rate))
        atr = None if seat.atr is None else _finite(seat.atr[bar])
        plan = planner.plan(side, bid, ask, self.account.balance, None if seat.volume is not None else risk_percent,
                            seat.volume, atr)
        if plan.refusal is not None:
            seat.refused.append({"time": now, "bar": bar, "side": side, "cause": PLAN,
                                 "reason": plan.refusal.to_json()})
            return
        if self._open():
            seat.prices.prefetch(now)  # the open positions' quotes, rates and margins (its own: priced ahead)
        holdings = self._holdings(now)
        if near_stop_out(*float_account(self.account.balance, self.account.leverage, holdings.values())):
            self._stop_out(now)
            holdings = self._holdings(now)
        needed = self._margin_estimate(seat, plan.volume, now, bid)
        refusal = None if needed is None else self._margin_refusal(seat, plan.volume, needed, now, bid, holdings)
        if refusal is not None:
            seat.refused.append({"time": now, "bar": bar, "side": side, "cause": MARGIN, "reason": refusal.to_json()})
            return
        fee = seat.commission_per_lot * plan.volume
        if fee:
            self.account.credit(-fee)
        self.seq += 1
        ticket = self.seq
        entry_bar = bar + 1 if seat.single else seat.bar_at(now)
        seat.position = position = {
            "id": ticket, "side": side, "volume": plan.volume, "entry_price": plan.entry, "sl": plan.sl,
            "tp": plan.tp, "initial_sl": plan.sl, "entry_time": now, "entry_bar": entry_bar,
            "risk_money": plan.risk_money, "risk_pct": plan.risk_pct, "rate": rate, "fee": fee, "info": planner.info}
        seat.prices.start_watch(position, now)
        if needed is not None:
            self.margins[ticket] = needed
            self.margin_peak = max(self.margin_peak, cents(sum(self.margins.values())))

    # -- closes ---------------------------------------------------------------------------------
    def _hit(self, seat: Seat) -> None:
        position = seat.position
        assert position is not None
        when, price, reason, bar = position.pop("hit")
        self._market_close(seat, when, price, reason, bar)

    def _market_close(self, seat: Seat, when: float, price: float, reason: str, bar: int | None = None) -> None:
        """A close the market makes (SL, TP, stop-out): on the balance now, journaled by the sweep that follows
        (not before the event being replayed) or at the bot's next tick, whichever comes first."""
        self._close(seat, when, price, reason, journal=False, bar=bar)
        if seat.unnoticed:
            sweep = max(next_tick(when, SWEEP_EVERY, 0.0), self.watched_to)
            if sweep != self._sweep_at:
                self._sweep_at = sweep
                self._push(sweep, LOOK, (float(SWEEP), SWEEP), SWEEP, 0)
        if self._listening(seat):  # its next tick notices the close, even without a signal
            times = seat.times
            k = bisect.bisect_left(seat.decided, seat.bar_at(when) - 1)
            while k < len(seat.decided) and times[seat.decided[k]] < when:
                k += 1
            if k < len(seat.decided):
                bar_then = seat.decided[k]
                if seat.next_bar is None or bar_then < seat.next_bar:
                    seat.token += 1
                    seat.next_bar = bar_then
                    self._push(times[bar_then], TICK, seat.order, seat.index, seat.token)

    def _close(self, seat: Seat, when: float, price: float, reason: str, *, journal: bool,
               bar: int | None = None) -> None:
        """Close the bot's position at ``price`` (the bid for a long, the ask for a short) on the shared balance.
        A close the bot makes is journaled at once; one the market makes waits for the bot's next tick."""
        position = seat.position
        assert position is not None
        seat.position = None
        self.margins.pop(position["id"], None)
        side = position["side"]
        exit_bar = bar if bar is not None and bar >= 0 else seat.bar_at(when)
        bid = price if side == BUY else price - seat.spread
        rate = seat.prices.close_rate(seat.currency_profit, when, bid, exit_bar)
        gross = position_profit(side, position["volume"], position["entry_price"], price, seat.contract_size, rate)
        fee = seat.commission_per_lot * position["volume"]
        self.account.credit(gross - fee)
        net = cents(D(gross) - D(position["fee"]) - D(fee))
        diff = (price - position["entry_price"]) * (1 if side == BUY else -1)
        seat.rows.append((position["entry_bar"], exit_bar, side, position["volume"], position["entry_price"], price,
                          position["initial_sl"], position["tp"], diff, gross, reason, rate, position["risk_money"],
                          position["risk_pct"], position["entry_time"], when, net))
        if not self.journaling:  # nothing in this replay reads the journal: no gate, no brake limit
            return
        record = {"ts": when, "bot_id": seat.bot.id, "symbol": seat.symbol, "side": side,
                  "volume": position["volume"], "open_time": position["entry_time"], "close_time": when,
                  "profit": gross, "net_profit": net, "reason": reason, "currency": self.account.currency}
        if journal:
            self.journal.add(record)
            self.closed_unwatched = True
        else:
            seat.unnoticed.append(record)

    def _finish(self, seat: Seat) -> None:
        """A position still open at the end: a hit before the end, else valued at the last close."""
        position = seat.position
        assert position is not None
        hit = seat.prices.first_hit(position, self.until) if (position["sl"] or position["tp"]) else None
        if hit is not None:
            when, price, reason, bar = hit
            self._close(seat, when, price, reason, journal=False, bar=bar)
            return
        last = len(seat.bars) - 1 if seat.single else _last_closed(seat.bars.time, seat.length, self.until)
        close = float(seat.bars.close[last])
        price = close if position["side"] == BUY else close + seat.spread
        self._close(seat, self.until, price, "end", journal=False, bar=last)

    def _closing_price(self, seat: Seat, now: float) -> float:
        """What the bot's position closes at now: the bid for a long, the ask for a short."""
        bid = seat.prices.bid(now)
        assert seat.position is not None
        if seat.position["side"] == BUY:
            return bid
        return bid + seat.spread if isinstance(seat.prices, BarPrices) else round_price(bid + seat.spread, seat.digits)

    # -- the account and the brake ----------------------------------------------------------------
    def _margin(self, seat: Seat, volume: float, when: float, bid: float) -> float | None:
        """The margin a position needs, as the paper broker counts it (None: no rate to count it with)."""
        unit = margin_unit(seat.category, seat.currency_base, seat.currency_profit, bid,
                           lambda currency: seat.prices.rate(currency, when))
        return None if unit is None else margin_required(volume, seat.contract_size, self.account.leverage,
                                                         seat.margin_rate, unit)

    def _margin_estimate(self, seat: Seat, volume: float, when: float, bid: float) -> float | None:
        """:meth:`_margin` in float arithmetic: a filter for the exact check, and the margin peak's figure."""
        unit = margin_unit(seat.category, seat.currency_base, seat.currency_profit, bid,
                           lambda currency: seat.prices.rate(currency, when))
        return None if unit is None else volume * seat.contract_size / self.account.leverage * seat.margin_rate * unit

    def _holdings(self, when: float) -> dict[int, Holding]:
        """Each open position (by seat) at the quotes and rates of ``when``, for the broker's float estimates."""
        found = {}
        for seat in self.seats:
            position = seat.position
            if position is None:
                continue
            bid = seat.prices.bid(when)
            closing = bid if position["side"] == BUY else bid + seat.spread
            unit = margin_unit(seat.category, seat.currency_base, seat.currency_profit, bid,
                               lambda currency, seat=seat: seat.prices.rate(currency, when))
            found[seat.index] = Holding(position["side"], position["volume"], position["entry_price"], closing,
                                        seat.contract_size, seat.prices.rate(seat.currency_profit, when),
                                        seat.margin_rate * (unit or 0.0))
        return found

    def _margin_refusal(self, seat: Seat, volume: float, estimate_needed: float, when: float, bid: float,
                        holdings: dict[int, Holding]) -> Msg | None:
        """The paper broker's margin rule (:func:`margin_refusal`) for a new position of ``seat``."""
        equity, margin = float_account(self.account.balance, self.account.leverage, holdings.values())
        return margin_refusal(estimate_needed, equity - margin,
                              lambda: (self._margin(seat, volume, when, bid), self._account_now(when)))

    def _stop_out(self, now: float) -> None:
        """The paper broker's stop-out: while the margin level, to the cent, is under the stop-out level, the
        position losing most closes at its current price (the bot journals it at its next tick)."""
        while True:
            if not stopped_out(self._account_now(now)):
                return
            worst = min((self._profit_now(s, now), s.position["id"], s) for s in self.seats if s.position is not None)
            seat = worst[2]
            self._market_close(seat, now, self._closing_price(seat, now), "so")

    def _profit_now(self, seat: Seat, when: float) -> float:
        position = seat.position
        assert position is not None
        return position_profit(position["side"], position["volume"], position["entry_price"],
                               self._closing_price(seat, when), seat.contract_size,
                               seat.prices.rate(seat.currency_profit, when))

    def _account_now(self, when: float, margins: bool = True):
        """The account as the broker shows it at ``when``: open positions at their closing prices (the margin they
        hold counted only when asked: the brake reads the balance and the equity)."""
        profits, held = [], []
        for seat in self.seats:
            if seat.position is not None:
                seat.prices.prefetch(when)
                break
        for seat in self.seats:
            position = seat.position
            if position is None:
                continue
            bid = seat.prices.bid(when)
            current = bid if position["side"] == BUY else round_price(bid + seat.spread, seat.digits)
            profits.append(position_profit(position["side"], position["volume"], position["entry_price"], current,
                                           seat.contract_size, seat.prices.rate(seat.currency_profit, when)))
            if margins:
                held.append(self._margin(seat, position["volume"], when, bid) or 0.0)
        return self.account.info(profits, held)

    def _settle(self) -> None:
        """After a close was journaled (or once the brake's lift time came), the brake looks at the account.
        Without limits its looks change nothing the replay reads (only the peak a limit would be measured from);
        with them, a look far from every limit changes nothing either, and is spared (see :meth:`_near_limits`)."""
        if not self.limits or not (self.closed_unwatched or self.brake.lift_due(self.clock.at)):
            return
        self.closed_unwatched = False
        now = self.clock.at
        state = self.brake.state()
        if state["on"] or self._near_limits(np.array([now]), self._equity_at(now)):
            self._look()

    def _sweep(self) -> None:
        """The live journal sweep: every close the market made that no bot has journaled yet is journaled now;
        the brake looks at once (live, its look at the same instant)."""
        for seat in self.seats:
            if seat.unnoticed:
                for record in seat.unnoticed:
                    self.journal.add(record)
                seat.unnoticed.clear()
                self.closed_unwatched = True
        self._settle()

    def _look(self) -> None:
        """The live brake's look at the account; with "close all" it closes every bot's position now."""
        now = self.clock.at
        self.brake.watch(lambda: self._account_now(now, margins=False))
        if self.brake.closing():
            for seat in self.seats:
                if seat.position is not None:
                    self._close(seat, now, self._closing_price(seat, now), "brake", journal=True)
            self.brake.closed_all()
            self.closed_unwatched = True
        lifts = self.brake.state()["lifts_at"]
        if lifts is not None and lifts != self._lift_looked:
            self._lift_looked = lifts
            after = self._grid[self._grid >= lifts]
            if after.size:
                self._push(float(after[0]), LOOK, (-1.0, -1), -1, 0)

    def _looks_until(self, until: float, kind: int) -> None:
        """The broker's and the brake's looks at the bar closes in (watched_to, until) — before ``until`` itself
        for a fill or a look there, up to it for a tick — taken where a float estimate of the account comes near
        the stop-out level, near a brake limit or past the equity peak (elsewhere a look changes nothing). After
        a look that closed positions or put the brake on, the rest is estimated again."""
        start = self.watched_to
        if until <= start:
            return
        self.watched_to = until if kind == TICK else np.nextafter(until, -np.inf)
        grid = self._grid
        lo = int(np.searchsorted(grid, start, side="right"))
        hi = int(np.searchsorted(grid, until, side="left" if kind <= LOOK else "right"))
        while lo < hi and self._open() > 0:
            watching = self.limits and not self.brake.state()["on"]
            stops = self._stop_out_possible(float(grid[lo]))
            if not (watching or stops):
                return
            instants = grid[lo:hi]
            estimate = self._equity_on_grid(lo, hi)
            flagged = set(self._near_stop_out(instants, estimate)) if stops else set()
            if watching:
                flagged.update(self._near_limits(instants, estimate))
            changed = None
            for at in sorted(flagged):
                self.clock.at = at
                opened = self._open()
                self._stop_out(at)  # the look asks the broker for the account: the broker looks first
                if watching:
                    self._look()
                if self._open() < opened or (watching and self.brake.state()["on"]):
                    changed = at
                    break
            if changed is None:
                return
            lo = int(np.searchsorted(grid, changed, side="right"))

    def _open(self) -> int:
        return sum(seat.position is not None for seat in self.seats)

    def _stop_out_possible(self, since: float) -> bool:
        """Whether the open positions could lose enough, at the worst prices their bars reach from ``since`` to
        the end of the data, to take the margin level under the stop-out level (with each margin grown to
        :data:`MARGIN_GROWTH` times its margin at entry, and twice the conversion rate of the entry where the
        profit converts). Mostly they cannot, and the stop-out needs no look at all."""
        held = sum(self.margins.values())
        if held <= 0:
            return False
        room = self.account.balance - STOP_OUT_LEVEL / 100 * MARGIN_GROWTH * held
        for seat in self.seats:
            position = seat.position
            if position is None:
                continue
            lows, highs = self._extremes(seat)
            k = min(seat.bar_at(since), len(lows) - 1)
            adverse = position["entry_price"] - lows[k] if position["side"] == BUY else \
                highs[k] + seat.spread - position["entry_price"]
            rate = position["rate"] * (1 if seat.currency_profit == self.account.currency else 2)
            room -= max(adverse, 0.0) * position["volume"] * seat.contract_size * rate
            if room <= 0:
                return True
        return False

    def _extremes(self, seat: Seat) -> tuple[np.ndarray, np.ndarray]:
        """Per bar, the lowest low and the highest high from it to the end of the data."""
        found = self._suffix.get(seat.index)
        if found is None:
            found = self._suffix[seat.index] = (np.minimum.accumulate(seat.bars.low[::-1])[::-1],
                                                np.maximum.accumulate(seat.bars.high[::-1])[::-1])
        return found

    def _near_stop_out(self, instants: np.ndarray, estimate: tuple[np.ndarray, np.ndarray]) -> list[float]:
        """The instants where the margin level may be under the stop-out level: the equity's lower bound under
        it with each position's margin grown to :data:`MARGIN_GROWTH` times its margin at entry."""
        held = sum(self.margins.values())
        if held <= 0:
            return []
        equity, slack = estimate
        return instants[equity - slack < STOP_OUT_LEVEL / 100 * MARGIN_GROWTH * held].tolist()

    def _equity_on_grid(self, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """The account's equity at the bar closes ``grid[lo:hi]`` in float arithmetic (see :meth:`_estimate`)."""
        return self._estimate(hi - lo, lambda seat: (seat.prices.grid_bids(self._grid, lo, hi), 0.0))

    def _equity_at(self, when: float) -> tuple[np.ndarray, np.ndarray]:
        """The same at one instant, each quote bounded by its bar's range rather than priced on the path."""
        return self._estimate(1, lambda seat: seat.prices.bound(when))

    def _estimate(self, size: int, quotes) -> tuple[np.ndarray, np.ndarray]:
        """The account's equity at ``size`` instants in float arithmetic, each open position at ``quotes(seat)``
        (bids, and how far the true bid may be from them) and at its entry's conversion rate — a filter for
        the brake's exact looks, never a figure it judges by — and the money it may be off by: the quotes'
        own allowance, a few points a position (a quote rounded on a tie, the ask's rounding), what a conversion
        rate can have moved since the entry (2 % of a position's result where it converts), and the float
        arithmetic."""
        equity = np.full(size, self.account.balance, dtype=np.float64)
        slack = np.full(size, 0.01)
        for seat in self.seats:
            position = seat.position
            if position is None:
                continue
            marks, within = quotes(seat)
            closing = marks if position["side"] == BUY else marks + seat.spread
            size_money = position["volume"] * seat.contract_size * position["rate"]
            result = (closing - position["entry_price"]) * (1 if position["side"] == BUY else -1) * size_money
            equity += result
            slack += (within + 3 * 10.0 ** -seat.digits) * size_money
            if seat.currency_profit != self.account.currency:
                slack += 0.02 * (np.abs(result) + within * size_money)
        return equity, slack

    def _near_limits(self, instants: np.ndarray, estimate: tuple[np.ndarray, np.ndarray]) -> list[float]:
        """The instants where an exact look may change the brake: a new equity peak (with a drawdown limit),
        or a loss or drawdown within the estimate's slack of its limit."""
        cfg = self.settings.all()
        state = self.brake.state()
        equity, slack = estimate
        flagged: set[float] = set()
        if cfg["brake_max_drawdown"]:
            peak = state["peak"] if state["peak"] is not None else -math.inf
            upper, lower = equity + slack, equity - slack
            highest = np.maximum.accumulate(np.maximum(upper, peak))  # the most the peak may be by each instant
            near = highest - lower >= NEAR * cfg["brake_max_drawdown"] / 100 * highest
            flagged.update(instants[near].tolist())
            # Each of those looks (and the last, which leaves the peak for later) measures from the peak of the
            # looks before it: look wherever the peak may be — an instant whose upper bound reaches the highest
            # lower bound up to the next of those looks.
            ends = np.append(np.flatnonzero(near), len(instants) - 1)
            best = np.maximum.accumulate(lower)
            bar_for_peak = best[ends[np.searchsorted(ends, np.arange(len(instants)))]]
            flagged.update(instants[(upper >= bar_for_peak) & (upper > peak)].tolist())
        if cfg["brake_daily_loss"]:
            tz = cfg["timezone"]
            day = local_day(float(instants[0]), tz)
            first_day = instants < day_bounds(day, tz).end
            starts = np.where(first_day, self.brake.day_start(day.isoformat(), self.account.balance, tz),
                              self.account.balance)  # a later day starts from the balance
            limits = np.full(len(instants), float(cfg["brake_daily_loss"]))
            if cfg["brake_daily_loss_unit"] == "percent":
                limits = limits / 100 * starts
            flagged.update(instants[starts - equity + slack >= NEAR * limits].tolist())
        return sorted(flagged)


def _last_closed(times: np.ndarray, length: float, until: float) -> int:
    return max(0, int(np.searchsorted(times + length, until, side="right")) - 1)


def _finite(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


COLUMNS = ("entry_bar", "exit_bar", "side", "volume", "entry_price", "exit_price", "sl", "tp", "price_diff", "gross",
           "reason", "rate", "risk_money", "risk_pct", "entry_time", "exit_time", "net")
_OBJECTS = ("side", "reason", "risk_money", "risk_pct")


def columns(rows: list[tuple]) -> dict[str, np.ndarray]:
    """A seat's trades as typed columns."""
    if rows:
        cols = dict(zip(COLUMNS, (np.asarray(values) for values in zip(*rows, strict=True)), strict=True))
    else:
        cols = {name: np.zeros(0, dtype=object if name in _OBJECTS else float) for name in COLUMNS}
    for name in ("entry_bar", "exit_bar"):
        cols[name] = cols[name].astype(np.int64)
    for name in ("volume", "entry_price", "exit_price", "sl", "tp", "price_diff", "gross", "rate", "entry_time",
                 "exit_time", "net"):
        cols[name] = cols[name].astype(float)
    cols["long"] = cols["side"] == BUY
    return cols
