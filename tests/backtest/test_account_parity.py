"""Proof of parity: bots trading live on the paper broker, then the account backtest of the same bots over the same
span, agree trade by trade — entries, exits, lots, P/L, refusals by cause and brake trips.

The live side is the real engine with its real scheduler on an accelerated clock: time jumps from one M15 close to
the next, the brake takes its periodic look there (the call its periodic job makes), and each bot's own job is run
by the scheduler, one after another in the order the live schedule fires them (their tick offsets). The bots check
every hour of real time, so no job fires on its own while the test drives them. The backtest is told the same
timing ("close": each bot decides exactly at the bar close).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from qbx_engine import Engine
from qbx_engine.backtest.account_run import CLOSE, History, run_account, warmup_bars
from qbx_engine.backtest.runner import Contract
from qbx_engine.core.clock import ManualClock
from qbx_engine.market.paper_market import PaperMarket
from qbx_engine.notify import config
from qbx_engine.supervisor import jobs
from qbx_engine.trading.bots import Bot
from qbx_engine.trading.schedule import tick_offset

START = datetime(2026, 11, 24, 0, 0, tzinfo=UTC).timestamp()  # a Tuesday: forex open all span
STEP = 15 * 60
STEPS = 144  # 36 hours of M15 closes: across the brake's re-arm at the next trading day (Jakarta midnight)
SMA = {"fast_period": 3, "slow_period": 8, "ma_type": "sma"}
BOTS = [
    {"name": "Cooldown EURUSD", "market": "EURUSD", "cooldown_minutes": 45},
    {"name": "Capped GBPUSD", "market": "GBPUSD", "max_trades_per_day": 2},
    {"name": "Trailing XAUUSD", "market": "XAUUSD", "sl_pips": 60, "tp_pips": 150, "breakeven_at": 20,
     "trail_distance": 25},
    {"name": "Guarded USDJPY", "market": "USDJPY", "sl_guard_count": 2, "sl_guard_window": 240, "sl_guard_pause": 120},
    {"name": "Plain AUDUSD", "market": "AUDUSD"},
    {"name": "Donchian BTCUSD", "market": "BTCUSD", "strategy_name": "donchian_breakout", "strategy_params": {},
     "sl_pips": 400, "tp_pips": 900},
]
SETTINGS = {"brake_daily_loss": 250.0, "brake_close_all": True, "brake_rearm": "next_day",
            "calendar_on": True, "calendar_windows": ["03:00-04:30"]}  # Jakarta time: 20:00-21:30 UTC


def _bot(overrides: dict) -> dict:
    return {"timeframe": "M15", "strategy_name": "ma_crossover", "strategy_params": SMA, "risk_percent": 1.0,
            "sl_pips": 12, "tp_pips": 25, "check_interval": 3600, "status": "active", **overrides}


def _tick_through_the_scheduler(engine, bot_id: int) -> None:
    """Ask the scheduler to run the bot's job now, and wait for the bot to acknowledge the tick."""
    runtime = engine.book.runtime(bot_id)
    before = runtime.ticks
    engine.supervisor.scheduler.modify_job(jobs.job_id(bot_id), next_run_time=datetime.now(UTC))
    deadline = time.monotonic() + 60
    while runtime.ticks == before:
        assert time.monotonic() < deadline, f"bot {bot_id} never ticked"
        time.sleep(0.002)
    assert runtime.tick_lock.acquire(timeout=60), f"bot {bot_id}'s tick never finished"  # its brake look included
    runtime.tick_lock.release()


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        for name in ("WATCH_EVERY", "SWEEP_EVERY", "CHECKPOINT_EVERY"):  # the test takes the periodic looks itself
            patch.setattr(jobs, name, 10**6)
        for name in config.ENV_NAMES:  # never a developer's own notification channels
            patch.delenv(name, raising=False)
        folder = tmp_path_factory.mktemp("parity")
        patch.setattr(config, "SECRETS_FILE", folder / "no-secrets.toml")
        yield from _live_run(folder / "data")


def _live_run(data_dir):
    clock = ManualClock(START)
    engine = Engine.open(data_dir, clock=clock)
    engine.update_settings(**SETTINGS)
    ids = [engine.create_bot(_bot(b))["id"] for b in BOTS]
    order = sorted(ids, key=lambda i: (tick_offset(i, 3600), i))
    notes: list[tuple[float, int, dict | None]] = []
    for step in range(STEPS + 1):
        clock.set(START + step * STEP)
        engine.safety.watch_account()
        for bot_id in order:
            _tick_through_the_scheduler(engine, bot_id)
            analysis = engine.get_bot(bot_id)["last_analysis"] or {}
            notes.append((clock.now(), bot_id, analysis.get("note")))
    yield engine, notes
    engine.close()


def _live_trades(engine) -> list[tuple]:
    rows = [(t["bot_id"], t["side"], t["volume"], t["open_time"], t["open_price"], t["close_time"], t["close_price"],
             t["net_profit"], {"bot": "signal"}.get(t["reason"], t["reason"])) for t in engine.trades()]
    return sorted(rows, key=lambda r: (r[3], r[0]))


def _backtest(engine):
    market = PaperMarket()
    until = START + STEPS * STEP

    def history(bot: Bot) -> History:
        count = STEPS + warmup_bars(bot) + 10
        return History(market.bars(bot.market, bot.timeframe, count, until), Contract.paper(bot.market), True)

    bots = [engine.book.get(b["id"]) for b in engine.list_bots()]
    return run_account(bots, history, since=START, until=until, balance=10_000.0, settings=engine.get_settings(),
                       timing=CLOSE)


def test_live_bots_and_their_account_backtest_agree_trade_by_trade(live):
    engine, notes = live
    run = _backtest(engine)
    tested = run.trades
    closed = tested[tested["reason"] != "end"]
    replayed = sorted(((int(r.bot_id), r.side, float(r.volume), float(r.entry_time), float(r.entry_price),
                        float(r.exit_time), float(r.exit_price), float(r.net), r.reason)
                       for r in closed.itertuples()), key=lambda r: (r[3], r[0]))
    journal = _live_trades(engine)
    assert len(journal) >= 20 and {r[8] for r in journal} >= {"signal", "sl", "tp", "brake"}
    assert replayed == journal  # same bots, sides, lots, fills, times, money and causes

    still_open = sorted((p["bot_id"], p["side"], p["volume"], p["open_time"], p["open_price"])
                        for p in engine.positions())
    ending = sorted((int(r.bot_id), r.side, float(r.volume), float(r.entry_time), float(r.entry_price))
                    for r in tested[tested["reason"] == "end"].itertuples())
    assert ending == still_open

    assert engine.account()["balance"] == pytest.approx(run.final_balance - sum(
        r.net for r in tested[tested["reason"] == "end"].itertuples()), abs=0.005)


def test_refusals_by_cause_and_brake_trips_agree(live):
    engine, notes = live
    run = _backtest(engine)
    causes = {"gate.cooldown": "cooldown", "gate.max_trades": "max_trades", "gate.sl_guard": "sl_guard",
              "gate.calendar": "calendar", "gate.brake": "brake", "gate.entries_off": "entries_off"}
    live_refusals = []
    for when, bot_id, note in notes:
        if note is None:
            continue
        if note["key"] == "ev.gated":
            live_refusals.append((when, bot_id, causes[note["params"]["reason"]["key"]]))
        elif note["key"] == "ev.rejected":
            live_refusals.append((when, bot_id, "margin"))
        elif note["key"] == "ev.no_trade":
            live_refusals.append((when, bot_id, "plan"))
    tested = sorted((r["time"], r["bot_id"], r["cause"]) for r in run.refusals)
    assert tested == sorted(live_refusals)
    assert {cause for _, _, cause in tested} >= {"cooldown", "max_trades", "calendar", "brake"}

    trips = [(e["ts"], e["msg"]["key"]) for e in reversed(engine.events(actions=["BRAKE"], limit=None))
             if e["msg"]["key"] in ("brake.on", "brake.off")]
    assert trips and [(b["time"], b["msg"]["key"]) for b in run.brake] == trips
