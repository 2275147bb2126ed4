"""Drive bots live on the paper broker on an accelerated clock, and backtest the same bots over the same span.

The clock visits every instant the live engine acts at: the supervisor's periodic jobs on their grids (the sweep
every 15 s, the brake's look every 5 s, the checkpoint every 10 s) and each bot's ticks — run through the real
scheduler or synchronously — keeping what each bot's page then says about the bar (its note: a refusal, if any).
"""

from __future__ import annotations

import math
import time
from datetime import UTC, datetime

from qbx_engine.backtest.account_run import CLOSE, History, run_account, warmup_bars
from qbx_engine.backtest.runner import Contract
from qbx_engine.market.paper_market import PaperMarket
from qbx_engine.supervisor import jobs
from qbx_engine.trading import schedule
from qbx_engine.trading.bots import Bot
from qbx_engine.trading.schedule import tick_offset

GATE_CAUSES = {"gate.cooldown": "cooldown", "gate.max_trades": "max_trades", "gate.sl_guard": "sl_guard",
               "gate.calendar": "calendar", "gate.brake": "brake", "gate.entries_off": "entries_off"}


def schedule_order(engine) -> list[int]:
    return sorted((b["id"] for b in engine.list_bots()), key=lambda i: (tick_offset(i, engine.get_bot(i)[
        "check_interval"]), i))


def tick_through_the_scheduler(engine, bot_id: int) -> None:
    """Ask the scheduler to run the bot's job now, and wait until its tick (its brake look included) is done."""
    runtime = engine.book.runtime(bot_id)
    before = runtime.ticks
    engine.supervisor.scheduler.modify_job(jobs.job_id(bot_id), next_run_time=datetime.now(UTC))
    deadline = time.monotonic() + 60
    while runtime.ticks == before:
        assert time.monotonic() < deadline, f"bot {bot_id} never ticked"
        time.sleep(0.002)
    assert runtime.tick_lock.acquire(timeout=60), f"bot {bot_id}'s tick never finished"
    runtime.tick_lock.release()


def at_closes(engine, start: float, step: float, steps: int) -> dict[int, list[float]]:
    """Every bot ticking exactly at each of ``steps`` bar closes after ``start`` (the backtest's "close" timing)."""
    return {b["id"]: [start + k * step for k in range(steps + 1)] for b in engine.list_bots()}


def drive(engine, clock, start: float, until: float, ticks: dict[int, list[float]], *, scheduler: bool,
          watch_every: float = schedule.WATCH_EVERY) -> list[tuple]:
    """Run the engine from ``start`` to ``until`` on the accelerated clock: the supervisor's periodic jobs (journal
    sweep, the brake's look — every ``watch_every`` seconds — and checkpoint) at every instant of their grids, each
    bot's tick at the instants in ``ticks``. At one instant the sweep runs first, then the brake's look, the
    checkpoint, and the bots in the order of their live schedule (tick offsets). Returns the notes each bot's page
    showed after each tick.

    With the brake's periodic look slower than live (``watch_every`` above :data:`schedule.WATCH_EVERY`: at bar
    closes only, the replay's own look instants), a sweep that journaled a close is followed by the brake's look
    at once, as in the replay (live, the next 5-second look takes it)."""
    rank = {bot_id: k for k, bot_id in enumerate(schedule_order(engine))}
    supervisor = engine.supervisor
    events = []
    for k, (every, job) in enumerate(((schedule.SWEEP_EVERY, supervisor.sweep), (watch_every, supervisor.watch),
                                      (schedule.CHECKPOINT_EVERY, supervisor.checkpoint))):
        first = math.ceil(start / every) * every
        events += [(first + n * every, k, job) for n in range(int((until - first) // every) + 1)]
    events += [(when, 3 + rank[bot_id], bot_id) for bot_id, instants in ticks.items() for when in instants
               if start <= when <= until]
    notes = []
    for when, _, what in sorted(events, key=lambda e: (e[0], e[1])):
        clock.set(when)
        if callable(what):
            what()
            if what == supervisor.sweep and watch_every > schedule.WATCH_EVERY:
                engine.trader.settle()
            continue
        if scheduler:
            tick_through_the_scheduler(engine, what)
        else:
            engine.run_tick(what)
        analysis = engine.get_bot(what)["last_analysis"] or {}
        if analysis.get("tick_time") == when:  # a tick within a bar already decided on keeps that bar's note
            notes.append((when, what, analysis.get("note")))
    return notes


def backtest(engine, start: float, until: float, bots: list[Bot] | None = None, settings: dict | None = None,
             timing: str = CLOSE):
    """The account backtest of the engine's bots (or ``bots``) over the span (by default ticking at each bar
    close)."""
    market = PaperMarket()

    def history(bot: Bot) -> History:
        count = int((until - start) / 60) + warmup_bars(bot) + 10  # enough of any timeframe down to M1
        return History(market.bars(bot.market, bot.timeframe, count, until), Contract.paper(bot.market), True)

    chosen = bots if bots is not None else [engine.book.get(b["id"]) for b in engine.list_bots()]
    return run_account(chosen, history, since=start, until=until, balance=10_000.0,
                       settings=settings if settings is not None else engine.get_settings(), timing=timing)


def live_trades(engine) -> list[tuple]:
    rows = [(t["bot_id"], t["side"], t["volume"], t["open_time"], t["open_price"], t["close_time"], t["close_price"],
             t["net_profit"], {"bot": "signal"}.get(t["reason"], t["reason"])) for t in engine.trades()]
    return sorted(rows, key=lambda r: (r[3], r[0]))


def replayed_trades(run) -> list[tuple]:
    closed = run.trades[run.trades["reason"] != "end"]
    return sorted(((int(r.bot_id), r.side, float(r.volume), float(r.entry_time), float(r.entry_price),
                    float(r.exit_time), float(r.exit_price), float(r.net), r.reason) for r in closed.itertuples()),
                  key=lambda r: (r[3], r[0]))


def live_refusals(notes: list[tuple]) -> list[tuple]:
    found = []
    for when, bot_id, note in notes:
        if note is None:
            continue
        if note["key"] == "ev.gated":
            found.append((when, bot_id, GATE_CAUSES[note["params"]["reason"]["key"]]))
        elif note["key"] == "ev.rejected":
            found.append((when, bot_id, "margin"))
        elif note["key"] == "ev.no_trade":
            found.append((when, bot_id, "plan"))
    return sorted(found)


def replayed_refusals(run) -> list[tuple]:
    return sorted((r["time"], r["bot_id"], r["cause"]) for r in run.refusals)
