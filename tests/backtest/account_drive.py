"""Drive bots live on the paper broker close by close, and backtest the same bots over the same span.

Each step sets the clock to the next bar close, lets the brake take its periodic look there, then ticks the bots in
the order their live schedule fires them (their tick offsets) — through the real scheduler or synchronously — and
keeps what each bot's page then says about the bar (its note: a refusal, if any).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from qbx_engine.backtest.account_run import CLOSE, History, run_account, warmup_bars
from qbx_engine.backtest.runner import Contract
from qbx_engine.market.paper_market import PaperMarket
from qbx_engine.supervisor import jobs
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


def drive(engine, clock, start: float, step: float, steps: int, *, scheduler: bool) -> list[tuple]:
    """Run the bots through ``steps`` closes; the notes each bot's page showed after each of its ticks."""
    order = schedule_order(engine)
    notes = []
    for k in range(steps + 1):
        clock.set(start + k * step)
        engine.safety.watch_account()
        for bot_id in order:
            if scheduler:
                tick_through_the_scheduler(engine, bot_id)
            else:
                engine.run_tick(bot_id)
            analysis = engine.get_bot(bot_id)["last_analysis"] or {}
            notes.append((clock.now(), bot_id, analysis.get("note")))
    return notes


def backtest(engine, start: float, until: float, bots: list[Bot] | None = None, settings: dict | None = None):
    """The account backtest of the engine's bots (or ``bots``) over the span, ticking at each bar close."""
    market = PaperMarket()

    def history(bot: Bot) -> History:
        count = int((until - start) / 60) + warmup_bars(bot) + 10  # enough of any timeframe down to M1
        return History(market.bars(bot.market, bot.timeframe, count, until), Contract.paper(bot.market), True)

    chosen = bots if bots is not None else [engine.book.get(b["id"]) for b in engine.list_bots()]
    return run_account(chosen, history, since=start, until=until, balance=10_000.0,
                       settings=settings if settings is not None else engine.get_settings(), timing=CLOSE)


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
