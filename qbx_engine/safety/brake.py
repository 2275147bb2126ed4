"""The emergency brake: an account-level stop on new entries after a bad day or a deep drawdown.

Figures (account currency, exact to the cent):

* the day's starting balance: the balance when the trading day began (midnight
  in the trader's time zone), derived as the balance now minus the net of the
  trades closed today (from the journal), so a deposit today is not a profit
  and a withdrawal not a loss; after the brake is re-armed or lifted, the day
  counts from the equity at that moment instead;
* today's loss: the day's starting balance minus the equity now (closed trades
  and open positions together), never below 0; as % of the starting balance;
* the drawdown: the equity peak minus the equity now, as % of the peak. The
  peak is tracked by a periodic job and at each close, and persisted. A deposit
  or a withdrawal (the paper balance set by the trader, an MT5 balance or credit
  deal) is not a trading result: the peak moves with it, and so does a re-armed
  day's starting point.

When a limit is reached (at the limit exactly, not only beyond it) the brake
goes on: no bot opens a position, positions keep their SL/TP (or are closed,
if the trader asked for that), and a BRAKE event says why with the figures.
The state is persisted, so the brake stays on across restarts until the
trader re-arms it, or — if the trader chose so — until the next trading day.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from ..brokers.base import AccountInfo, CashFlow
from ..core.i18n import Msg
from ..core.money import D, cents
from ..core.settings_view import SettingsView
from ..trading import events as ev
from ..trading.gates import BRAKE, Block, local_text
from ..trading.journal import day_bounds, local_day
from .sources import EventSink, StateTable, TradeLog

TABLE = "brake"
MONEY, PERCENT = "money", "percent"
MANUAL, NEXT_DAY = "manual", "next_day"
DAILY_LOSS, DRAWDOWN = "daily_loss", "drawdown"
EMPTY: dict = {"on": False, "since": None, "cause": None, "reason": None, "figures": None, "lifts_at": None,
         "peak": None, "peak_at": None, "baseline": None, "closing": False, "flows_to": None, "flows_seen": []}
FLOW_OVERLAP = 3600.0  # seconds each look re-reads before the last one (deals may be listed late)
FLOWS_KEPT = 200  # tickets of balance deals already applied, so a re-read never applies one twice

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Figures:
    day: str
    start_balance: float  # the day's starting balance (or the equity at the last re-arm today)
    balance: float
    equity: float
    loss: float
    loss_pct: float | None
    peak: float
    drawdown: float
    drawdown_pct: float | None
    currency: str

    def to_json(self) -> dict:
        return asdict(self)


def limits_set(cfg: dict) -> bool:
    return bool(cfg["brake_daily_loss"] or cfg["brake_max_drawdown"])


def breach(figures: Figures, cfg: dict) -> tuple[str, Msg] | None:
    """Which limit the figures reach (cause, why), or None. Reaching a limit exactly counts."""
    limit = cfg["brake_daily_loss"]
    if limit:
        percent = cfg["brake_daily_loss_unit"] == PERCENT
        reached = (D(figures.loss) * 100 >= D(limit) * D(figures.start_balance)) if percent else \
            D(figures.loss) >= D(limit)
        if reached and figures.loss > 0:
            return DAILY_LOSS, Msg("brake.why.daily_loss", {
                "loss": figures.loss, "pct": figures.loss_pct or 0.0, "start": figures.start_balance,
                "limit": Msg("brake.limit_pct" if percent else "brake.limit_money",
                             {"value": limit, "currency": figures.currency}),
                "currency": figures.currency})
    limit = cfg["brake_max_drawdown"]
    if limit and figures.drawdown > 0 and D(figures.drawdown) * 100 >= D(limit) * D(figures.peak):
        return DRAWDOWN, Msg("brake.why.drawdown", {
            "drawdown": figures.drawdown, "pct": figures.drawdown_pct or 0.0, "peak": figures.peak,
            "equity": figures.equity, "limit": limit, "currency": figures.currency})
    return None


class EmergencyBrake:
    def __init__(self, db: StateTable, journal: TradeLog, settings: SettingsView, clock, events: EventSink):
        self.db = db
        self.journal = journal
        self.settings = settings
        self.clock = clock
        self.events = events
        self._lock = threading.RLock()
        stored = db.get(TABLE, 1) or {}
        stored.pop("doc_id", None)
        self._state: dict = {**EMPTY, **stored}  # replaced whole on each change: readers need no lock
        self._start_cache: tuple[tuple, float] | None = None

    # -- reading --------------------------------------------------------------------------
    def state(self) -> dict:
        return dict(self._state)

    def block(self, now: float) -> Block | None:
        state = self._state
        if not state["on"]:
            return None
        lifts = state["lifts_at"]
        if lifts is not None and now >= lifts:
            return None
        return Block(BRAKE, Msg("gate.brake", {"why": state["reason"]}), lifts)

    def closing(self) -> bool:
        """The brake went on with "close all" and some bot's position may still be open (retried until done)."""
        return bool(self._state["on"] and self._state.get("closing"))

    def closed_all(self) -> None:
        with self._lock:
            if self._state.get("closing"):
                self._save({**self._state, "closing": False})

    def lift_due(self, now: float) -> bool:
        """On, and its time to lift has come (the next look at the account lifts it)."""
        state = self._state
        return bool(state["on"]) and state["lifts_at"] is not None and now >= state["lifts_at"]

    def figures(self, account: AccountInfo, now: float, cfg: dict | None = None) -> Figures:
        cfg = cfg or self.settings.all()
        tz = cfg["timezone"]
        day = local_day(now, tz)
        start = D(self.day_start(day.isoformat(), account.balance, tz))
        equity = D(account.equity)
        peak = max(D(self._state["peak"] if self._state["peak"] is not None else account.equity), equity)
        loss = max(start - equity, D(0))
        drawdown = max(peak - equity, D(0))
        return Figures(day=day.isoformat(), start_balance=cents(start), balance=account.balance,
                       equity=account.equity, loss=cents(loss),
                       loss_pct=round(float(loss / start * 100), 2) if start > 0 else None,
                       peak=cents(peak), drawdown=cents(drawdown),
                       drawdown_pct=round(float(drawdown / peak * 100), 2) if peak > 0 else None,
                       currency=account.currency)

    def day_start(self, day: str, balance: float, tz: str) -> float:
        """The day's starting balance the daily loss is measured from: the equity at a re-arm or lift today,
        else the balance now minus today's closed net."""
        baseline = self._state["baseline"]
        if baseline and baseline.get("day") == day:
            return float(baseline["start"])
        return self._day_start(day, balance, tz)

    def _day_start(self, day: str, balance: float, tz: str) -> float:
        """Balance now minus today's closed net (cached until the balance or the journal changes)."""
        key = (day, balance, self.journal.revision)
        if self._start_cache is not None and self._start_cache[0] == key:
            return self._start_cache[1]
        bounds = day_bounds(date.fromisoformat(day), tz)
        net = sum((D(t["net_profit"]) for t in self.journal.trades(since=bounds.start, until=bounds.end)), D(0))
        start = cents(D(balance) - net)
        self._start_cache = (key, start)
        return start

    # -- deposits and withdrawals ------------------------------------------------------------
    @contextmanager
    def between_looks(self) -> Iterator[None]:
        """No look at the account meanwhile: a change of balance and the deal that explains it land together
        between two looks, and the next look moves the peak by the deal before it reads the balance."""
        with self._lock:
            yield

    def _take_flows(self, flows_of: Callable[[float, float], list[CashFlow]], now: float) -> None:
        """Apply the broker's balance deals that appeared since the last look, each once."""
        state = self._state
        since = state["flows_to"]
        seen = list(state.get("flows_seen") or [])
        flows = flows_of((since if since is not None else now) - FLOW_OVERLAP, now + 1)
        moved = dict(state)
        new = [flow for flow in flows if flow.ticket not in seen]
        for flow in new:
            seen.append(flow.ticket)
            if since is not None:  # before the first look, the peak already holds every earlier deposit
                moved = _moved(moved, D(flow.amount), f"{flow.kind} #{flow.ticket}")
        moved.update(flows_to=now, flows_seen=seen[-FLOWS_KEPT:])
        if new or since is None:
            self._save(moved)
        else:
            self._state = moved  # only the time of the look: saved with the next change (re-reads are harmless)

    # -- watching the account ------------------------------------------------------------------
    def watch(self, account_of: Callable[[], AccountInfo],
              flows_of: Callable[[float, float], list[CashFlow]] | None = None) -> bool:
        """Look at the account: move the peak by new deposits and withdrawals (``flows_of``: the broker's
        balance deals in a period), track the peak, lift a brake whose day is over, put the brake on if a limit
        is reached. True when it went on just now (the caller closes positions if the trader asked)."""
        cfg = self.settings.all()
        now = self.clock.now()
        told: list[Msg] = []
        with self._lock:
            if flows_of is not None:
                self._take_flows(flows_of, now)
            state = self._state
            if state["on"]:
                if state["lifts_at"] is not None and now >= state["lifts_at"]:
                    told.append(self._lift(account_of(), now, Msg("brake.lifted_day")))
                tripped = False
            else:
                tripped = self._look(account_of(), now, cfg, told)
        for msg in told:
            self.events.add(None, ev.BRAKE, msg)
        return tripped

    def _look(self, account: AccountInfo, now: float, cfg: dict, told: list[Msg]) -> bool:
        state = dict(self._state)
        if state["peak"] is None or account.equity > state["peak"]:
            state.update(peak=account.equity, peak_at=now)
        found = breach(self.figures(account, now, cfg), cfg) if limits_set(cfg) else None
        if found is None:
            if state != self._state:
                self._save(state)
            return False
        cause, why = found
        lifts = day_bounds(local_day(now, cfg["timezone"]), cfg["timezone"]).end \
            if cfg["brake_rearm"] == NEXT_DAY else None
        state.update(on=True, since=now, cause=cause, reason=why.to_json(),
                     figures=self.figures(account, now, cfg).to_json(), lifts_at=lifts,
                     closing=bool(cfg["brake_close_all"]))
        self._save(state)
        until = Msg("brake.until_day", {"when": local_text(lifts, cfg["timezone"])}) if lifts else \
            Msg("brake.until_rearm")
        close = Msg("brake.closing_all") if cfg["brake_close_all"] else Msg("brake.keeping")
        told.append(Msg("brake.on", {"why": why, "until": until, "positions": close}))
        return True

    def rearm(self, account: AccountInfo) -> bool:
        """The trader re-arms the brake; False if it was not on. Counting starts again from the equity now."""
        with self._lock:
            if not self._state["on"]:
                return False
            msg = self._lift(account, self.clock.now(), Msg("brake.rearmed"))
        self.events.add(None, ev.BRAKE, msg)
        return True

    def _lift(self, account: AccountInfo, now: float, how: Msg) -> Msg:
        day = local_day(now, self.settings.get("timezone")).isoformat()
        self._save({**EMPTY, "peak": account.equity, "peak_at": now,
                    "baseline": {"day": day, "start": account.equity},
                    "flows_to": self._state["flows_to"], "flows_seen": self._state.get("flows_seen") or []})
        return Msg("brake.off", {"how": how, "equity": account.equity, "currency": account.currency})

    def _save(self, state: dict) -> None:
        self.db.upsert_doc(TABLE, 1, state)
        self._state = state


def _moved(state: dict, amount: Decimal, what: str) -> dict:
    """``state`` with the peak and a re-armed day's starting point moved by a deposit (+) or withdrawal (−)."""
    moved = dict(state)
    if moved["peak"] is not None:
        moved["peak"] = cents(max(D(moved["peak"]) + amount, D(0)))
    baseline = moved["baseline"]
    if baseline:
        moved["baseline"] = {**baseline, "start": cents(D(baseline["start"]) + amount)}
    log.info("%s of %s: the emergency brake's equity peak is now %s", what, amount, moved["peak"])
    return moved
