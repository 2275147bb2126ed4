"""``engine.history``: the account's closed deals, performance by period, a bot live vs its backtest."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..backtest import live
from ..backtest.runner import Contract
from ..core import inputs
from ..core.errors import BrokerUnavailable, ValidationError
from ..core.money import cents
from ..reports import history, performance
from ..trading import events as ev

if TYPE_CHECKING:
    from ..engine import Engine


class History:
    def __init__(self, engine: Engine):
        self._engine = engine

    def deals(self, *, days: int = 30, symbol: str | None = None, bot: int | str | None = None,
              side: str | None = None, result: str | None = None) -> dict:
        """Every position of the account closed in the last ``days`` calendar days, from the broker's history
        (bots', manual and other EAs' alike), filtered; with the period's symbols and bots for the filters."""
        engine = self._engine
        since, until = self._window(days)
        closed = engine.guard.call(engine.broker.deal_history, since, until)
        noted = {x["position_id"]: x for x in engine.journal.trades(since=since, until=until)}
        rows = history.deal_rows(closed, {b.id: b.name for b in engine.book}, noted)
        shown = history.filter_deals(rows, symbol=symbol, bot=bot, side=side, result=result)
        return {"since": since, "until": until, "deals": shown, "totals": history.totals(shown),
                "symbols": sorted({r["symbol"] for r in rows}),
                "bots": sorted({(r["bot_id"], r["bot_name"]) for r in rows if r["bot_id"] is not None})}

    def performance(self, bot_id: int | None = None, *, period: str = "day", days: int = 90) -> dict:
        """A bot's (or the whole account's) closed trades of the last ``days`` days: figures for the window and
        per day, week or month, and the balance curve they walked (the journal: R multiples need its risk)."""
        engine = self._engine
        if period not in performance.PERIODS:
            raise ValidationError.one("period", "perf.bad_period", value=inputs.shown(period))
        since, until = self._window(days)
        if bot_id is not None:
            with engine.book.lock:
                engine.book.get(bot_id)
        trades = engine.journal.trades(bot_id=bot_id, since=since, until=until, newest_first=False)
        start = None
        if bot_id is None and not engine.guard.is_down:
            try:
                since_then = sum(x["net_profit"] for x in trades)  # the window ends today: no trade closed later
                start = cents(engine.account()["balance"] - since_then)
            except BrokerUnavailable:
                start = None
        times, curve = performance.balance_curve(trades, start)
        return {"since": since, "until": until, "period": period, "summary": performance.summary(trades, start),
                "periods": performance.by_period(trades, period, engine.settings.get("timezone")),
                "curve": {"time": times.tolist(), "balance": curve.tolist()}}

    def live_vs_backtest(self, bot_id: int) -> dict:
        """The backtest of the bot's exact settings over the period it has run (from its first start), trade by
        trade against what it really did; see :mod:`qbx_engine.backtest.live`."""
        engine = self._engine
        call = engine.guard.call
        with engine.book.lock:
            bot = engine.book.get(bot_id)
        trades = engine.journal.trades(bot_id=bot_id, newest_first=False)
        starts = engine.event_log.query(bot_id=bot_id, actions=[ev.START], limit=None)
        begun = [e["ts"] for e in starts] + [x["open_time"] for x in trades[:1]]
        if not begun:
            raise ValidationError.one("bot", "live.never_ran", name=bot.name)
        started, now = min(begun), engine.now()
        symbol = call(engine.broker.find_symbol, bot.market)
        if symbol is None:
            raise ValidationError.one("market", "bot.unknown_market", market=bot.market)
        info = call(engine.broker.symbol_info, symbol)
        bars = call(engine.broker.rates, symbol, bot.timeframe, live.bars_to_fetch(bot, started, now))
        if len(bars) < 3:
            raise ValidationError.one("bot", "live.no_bars", market=bot.market)
        trades = [x for x in trades if x["open_time"] >= bars.time[0]]
        balance = next((x["balance_at_entry"] for x in trades if x.get("balance_at_entry")), None)
        if balance is None:
            balance = call(engine.broker.balance)
        conversion = engine.lab.conversion([Contract.from_info(info)], float(bars.time[0]), now)
        return live.compare(bot, trades, call(engine.broker.positions, bot_id), bars, info, started, balance,
                            engine.alerts.taken(bot_id) if engine.alerts.is_alert_bot(bot_id) else None,
                            conversion=conversion)

    def account_live_vs_backtest(self) -> dict:
        """The account backtest of the bots that ran, from the first start to now (the starting balance: the
        balance then), against what those bots really did: per bot and for the account, with both curves."""
        engine = self._engine
        with engine.book.lock:
            names = {bot.id: bot.name for bot in engine.book}
        starts = engine.event_log.query(actions=[ev.START], limit=None)
        ran = {e["bot_id"] for e in starts if e["bot_id"] in names}
        journal = [x for x in engine.journal.trades(newest_first=False) if x.get("bot_id") in names]
        ran |= {x["bot_id"] for x in journal}
        begun = [e["ts"] for e in starts if e["bot_id"] in ran] + [x["open_time"] for x in journal]
        if not begun:
            raise ValidationError.one("bots", "acct.never_ran")
        since, until = min(begun), engine.now()
        closed_since = sum(x["net_profit"] for x in engine.journal.trades(since=since, until=until + 1))
        balance = cents(engine.guard.call(engine.broker.balance) - closed_since)
        run = engine.lab.account_backtest(sorted(ran), since=since, until=until, balance=balance, keep=False)
        live = [x for x in journal if x["close_time"] >= since]
        closed = run.trades[run.trades["reason"] != "end"]  # still open at the end: compared as open, not as closed
        tested = closed.groupby("bot_id")["net"].agg(["count", "sum"])
        ending = run.trades[run.trades["reason"] == "end"]["bot_id"].value_counts()
        holding = Counter(p.magic for p in engine.guard.call(engine.broker.positions))
        rows = [{"bot_id": bot_id, "name": names[bot_id],
                 "live_trades": sum(1 for x in live if x["bot_id"] == bot_id),
                 "live_net": cents(sum(x["net_profit"] for x in live if x["bot_id"] == bot_id)),
                 "test_trades": int(tested["count"].get(bot_id, 0)),
                 "test_net": cents(float(tested["sum"].get(bot_id, 0.0))),
                 "live_open": holding.get(bot_id, 0), "test_open": int(ending.get(bot_id, 0))}
                for bot_id in sorted(ran)]
        times, curve = performance.balance_curve(live, balance)
        return {"since": since, "until": until, "balance": balance, "rows": rows, "run": run,
                "live_net": cents(sum(x["net_profit"] for x in live)), "live_trades": len(live),
                "live_curve": {"time": times.tolist(), "equity": curve.tolist()}}

    def _window(self, days) -> tuple[float, float]:
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 3660:
            raise ValidationError.one("days", "hist.bad_days", value=inputs.shown(days))
        return performance.local_window(days, self._engine.now(), self._engine.settings.get("timezone"))
