"""Proof of parity: bots trading live on the paper broker, then the account backtest of the same bots over the same
span, agree trade by trade — entries, exits, lots, P/L, refusals by cause and brake trips.

The live side is the real engine with its real scheduler on an accelerated clock: the supervisor's journal sweep
and checkpoint run at every instant of their grids, the brake's periodic look at each M15 close and after a sweep
that journaled a close (the replay's own look instants: this test proves the rules agree; the brake looking every
5 s, and what it may then see that the replay cannot, is tests/backtest/test_account_parity_live_jobs.py), and each
bot's own job is run by the scheduler at each close, one after another in the order the live schedule fires them
(their tick offsets). No job fires on its own on real time while the test drives them. The backtest is told the
same timing ("close": each bot decides exactly at the bar close).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from qbx_engine import Engine
from qbx_engine.core.clock import ManualClock
from qbx_engine.notify import config
from qbx_engine.supervisor import jobs
from tests.backtest.account_drive import (
    at_closes,
    backtest,
    drive,
    live_refusals,
    live_trades,
    replayed_refusals,
    replayed_trades,
)

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


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        for name in ("WATCH_EVERY", "SWEEP_EVERY", "CHECKPOINT_EVERY"):  # not on real time: the drive runs them
            patch.setattr(jobs, name, 10**6)                             # on the accelerated clock
        for name in config.ENV_NAMES:  # never a developer's own notification channels
            patch.delenv(name, raising=False)
        folder = tmp_path_factory.mktemp("parity")
        patch.setattr(config, "SECRETS_FILE", folder / "no-secrets.toml")
        clock = ManualClock(START)
        engine = Engine.open(folder / "data", clock=clock)
        try:
            engine.update_settings(**SETTINGS)
            for bot in BOTS:
                engine.create_bot(_bot(bot))
            notes = drive(engine, clock, START, START + STEPS * STEP, at_closes(engine, START, STEP, STEPS),
                            scheduler=True, watch_every=STEP)
            yield engine, notes, backtest(engine, START, START + STEPS * STEP)
        finally:
            engine.close()


def test_live_bots_and_their_account_backtest_agree_trade_by_trade(live):
    engine, _, run = live
    journal = live_trades(engine)
    assert len(journal) >= 40 and {r[8] for r in journal} >= {"signal", "sl", "tp", "brake"}
    assert replayed_trades(run) == journal  # same bots, sides, lots, fills, times, money and causes
    trailing = next(b for b in run.bots if b["name"] == "Trailing XAUUSD")
    assert trailing["sl_moves"] > 0

    still_open = sorted((p["bot_id"], p["side"], p["volume"], p["open_time"], p["open_price"])
                        for p in engine.positions())
    ending = sorted((int(r.bot_id), r.side, float(r.volume), float(r.entry_time), float(r.entry_price))
                    for r in run.trades[run.trades["reason"] == "end"].itertuples())
    assert ending == still_open
    ended = sum(r.net for r in run.trades[run.trades["reason"] == "end"].itertuples())
    assert engine.account()["balance"] == pytest.approx(run.final_balance - ended, abs=0.005)


def test_refusals_by_cause_and_brake_trips_agree(live):
    engine, notes, run = live
    tested = replayed_refusals(run)
    assert tested == live_refusals(notes)
    assert {cause for _, _, cause in tested} >= {"cooldown", "max_trades", "sl_guard", "calendar", "brake"}
    trips = [(e["ts"], e["msg"]["key"]) for e in reversed(engine.events(actions=["BRAKE"], limit=None))
             if e["msg"]["key"] in ("brake.on", "brake.off")]
    assert ("brake.on" in {key for _, key in trips}) and ("brake.off" in {key for _, key in trips})
    assert [(b["time"], b["msg"]["key"]) for b in run.brake] == trips
