"""Parity with every periodic job live: bots on mixed timeframes, checking more often than their bars close, ticked
where their live schedule puts them, while the supervisor's journal sweep (15 s), the brake's look (5 s) and the
checkpoint (10 s) run at every instant of their grids on the accelerated clock; a daily-loss brake with close-all
trips during the day. Then the account backtest with the schedule timing (the product's) over the same span.

What the design allows to agree exactly, does: up to the instant the live brake goes on, the same trades (bot,
side, lot, fill, times, money, cause), the same refusals (instant, bot, cause), and an SL/TP hit counted in the
daily loss from the same sweep. The brake's look every 5 s can see a loss between two bar closes that the replay,
looking at bar closes, at each sweep and at each bot's close, cannot: it trips there or later, never earlier.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from qbx_engine import Engine
from qbx_engine.backtest.account_run import SCHEDULE
from qbx_engine.core.clock import ManualClock
from qbx_engine.notify import config
from qbx_engine.trading.schedule import tick_offset
from tests.backtest.account_drive import backtest, drive, live_refusals, live_trades, replayed_refusals, replayed_trades

START = datetime(2026, 11, 25, 0, 0, tzinfo=UTC).timestamp()  # a Wednesday, 07:00 in Jakarta
UNTIL = START + 9 * 3600  # 16:00 in Jakarta: one trading day, so the brake stays on once it trips
FAST = {"fast_period": 2, "slow_period": 5, "ma_type": "sma"}
BOTS = [
    {"name": "M1 EURUSD", "market": "EURUSD", "timeframe": "M1", "check_interval": 60, "sl_pips": 10, "tp_pips": 15,
     "risk_percent": 0.5},
    {"name": "M5 GBPUSD", "market": "GBPUSD", "timeframe": "M5", "check_interval": 60, "cooldown_minutes": 20},
    {"name": "M15 XAUUSD", "market": "XAUUSD", "timeframe": "M15", "check_interval": 60, "sl_pips": 60,
     "tp_pips": 150, "breakeven_at": 20, "trail_distance": 25},
    {"name": "M5 USDJPY", "market": "USDJPY", "timeframe": "M5", "check_interval": 300, "max_trades_per_day": 4},
]
SETTINGS = {"brake_daily_loss": 150.0, "brake_close_all": True, "brake_rearm": "next_day"}


def _bot(overrides: dict) -> dict:
    return {"strategy_name": "ma_crossover", "strategy_params": FAST, "risk_percent": 1.0, "sl_pips": 6,
            "tp_pips": 12, "status": "active", **overrides}


def _schedule(bot: dict) -> list[float]:
    """The bot's live ticks: its interval's UTC grid at its own offset."""
    interval = float(bot["check_interval"])
    offset = tick_offset(bot["id"], interval)
    return [START + k * interval + offset for k in range(int((UNTIL - START) // interval))]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        for name in config.ENV_NAMES:  # never a developer's own notification channels
            patch.delenv(name, raising=False)
        folder = tmp_path_factory.mktemp("parity-jobs")
        patch.setattr(config, "SECRETS_FILE", folder / "no-secrets.toml")
        clock = ManualClock(START)
        with Engine.open(folder / "data", clock=clock, start_scheduler=False) as engine:
            engine.update_settings(**SETTINGS)
            for bot in BOTS:
                engine.create_bot(_bot(bot))
            ticks = {b["id"]: _schedule(b) for b in engine.list_bots()}
            notes = drive(engine, clock, START, UNTIL, ticks, scheduler=False)
            yield engine, notes, backtest(engine, START, UNTIL, timing=SCHEDULE)


def _trips(events: list[tuple[float, str]]) -> list[float]:
    return [when for when, key in events if key == "brake.on"]


def test_with_every_periodic_job_live_the_backtest_agrees_up_to_the_live_trip(live):
    engine, notes, run = live
    live_on = _trips([(e["ts"], e["msg"]["key"]) for e in engine.events(actions=["BRAKE"], limit=None)])
    replay_on = _trips([(b["time"], b["msg"]["key"]) for b in run.brake])
    assert len(live_on) == 1 and len(replay_on) == 1
    tripped = live_on[0]
    assert replay_on[0] >= tripped  # the replay's looks are among the live ones: it never trips earlier

    journal, replayed = live_trades(engine), replayed_trades(run)
    assert [t for t in replayed if t[5] < tripped] == [t for t in journal if t[5] < tripped]
    assert [t[:5] for t in replayed if t[3] < tripped <= t[5]] == [t[:5] for t in journal if t[3] < tripped <= t[5]]
    assert {t[8] for t in journal if t[5] < tripped} >= {"signal", "sl", "tp"}
    refused = [r for r in replayed_refusals(run) if r[0] < tripped]
    assert refused == [r for r in live_refusals(notes) if r[0] < tripped] and {c for _, _, c in refused} >= {"cooldown"}
    assert len([t for t in journal if t[5] < tripped]) >= 20

    # After the live trip: live closes every position then and opens none for the rest of the day; the replay
    # closes the same positions for the brake at its own trip, and may only enter between the two trips.
    assert {t[8] for t in journal if t[3] < tripped <= t[5]} == {"brake"}
    assert {t[5] for t in replayed if t[3] < tripped <= t[5] and t[8] == "brake"} <= {replay_on[0]}
    assert [t for t in journal if t[3] >= tripped] == []
    assert all(t[3] < replay_on[0] for t in replayed if t[3] >= tripped)
