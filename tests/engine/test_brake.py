"""The emergency brake: daily loss and drawdown limits, reached exactly; on across restarts; re-armed or lifted.

The engines here run without the scheduler, so the brake looks at the account only where the engine says it
does (after closes, before entries, when its settings change, and through ``watch_account``) — the periodic
look is the same call, checked separately.
"""

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from qbx_engine import Engine
from qbx_engine.backtest.account import FixedSettings, MemoryTable, ReplayClock, ReplayEvents, ReplayJournal
from qbx_engine.brokers.paper import PaperBroker
from qbx_engine.core.clock import ManualClock
from qbx_engine.core.errors import OrderRejected, ValidationError
from qbx_engine.core.i18n import render
from qbx_engine.notify.categories import category_of
from qbx_engine.safety.brake import EmergencyBrake, Figures, breach
from qbx_engine.settings import DEFAULTS
from tests.conftest import WEDNESDAY_10H
from tests.engine.conftest import force, new_bot
from tests.fakes import HookedBroker

JAKARTA = ZoneInfo("Asia/Jakarta")
MIDNIGHT = datetime(2026, 11, 26, tzinfo=JAKARTA).timestamp()  # the next trading day, 17:00 UTC


@pytest.fixture
def quiet(data_dir, clock, scripted):
    opened = Engine.open(data_dir, clock=clock, start_scheduler=False)
    yield opened
    opened.close()


def losing_trade(engine, clock, bot_id: int) -> dict:
    """Open on the next bar, close by hand a minute later."""
    force(engine, "BUY")
    clock.advance(60)
    engine.run_tick(bot_id)
    clock.advance(60)
    return engine.close_position(bot_id)


def entry(engine, clock, bot_id: int) -> int | None:
    force(engine, "BUY")
    clock.advance(60)
    return engine.run_tick(bot_id)["position_ticket"]


def brake_events(engine) -> list[str]:
    return [render(e["msg"], "en") for e in reversed(engine.events(limit=50)) if e["action"] == "BRAKE"]


def rehearse(tmp_path, trades: int) -> list[float]:
    """The losses of the same trades on a scratch engine, same clock, same market (the paper market is
    deterministic): what a limit must equal to be reached exactly at the last of them."""
    with Engine.open(tmp_path / "rehearsal", clock=ManualClock(WEDNESDAY_10H), start_scheduler=False) as scratch:
        bot_id = new_bot(scratch, status="active")["id"]
        for _ in range(trades):
            losing_trade(scratch, scratch.clock, bot_id)
        return [t["net_profit"] for t in reversed(scratch.trades(bot_id=bot_id))]


def figures(loss: float, start: float = 10_000.0, peak: float = 10_000.0, equity: float | None = None) -> Figures:
    equity = start - loss if equity is None else equity
    return Figures("2026-11-25", start, start, equity, loss, loss / start * 100, peak, peak - equity,
                   (peak - equity) / peak * 100, "USD")


def test_a_limit_counts_as_reached_at_exactly_its_value():
    money = {**DEFAULTS, "brake_daily_loss": 100.0}
    assert breach(figures(99.99), money) is None
    assert breach(figures(100.0), money)[0] == "daily_loss"
    percent = {**DEFAULTS, "brake_daily_loss": 1.5, "brake_daily_loss_unit": "percent"}
    assert breach(figures(149.99), percent) is None
    assert breach(figures(150.0), percent)[0] == "daily_loss"
    drawdown = {**DEFAULTS, "brake_max_drawdown": 10.0}
    assert breach(figures(0.0, peak=11_000.0, equity=9_900.01), drawdown) is None
    assert breach(figures(0.0, peak=11_000.0, equity=9_900.0), drawdown)[0] == "drawdown"


def test_daily_loss_in_money_goes_on_at_the_trade_that_reaches_it(quiet, clock, tmp_path):
    first, second = rehearse(tmp_path, 2)
    assert first < 0 and second < 0
    limit = float(-(Decimal(str(first)) + Decimal(str(second))))
    quiet.update_settings(brake_daily_loss=limit)
    bot_id = new_bot(quiet, status="active")["id"]

    losing_trade(quiet, clock, bot_id)
    assert quiet.safety.brake()["on"] is False  # one losing trade: not one trade before
    losing_trade(quiet, clock, bot_id)
    state = quiet.safety.brake()
    assert state["on"] is True and state["cause"] == "daily_loss" and state["lifts_at"] is None
    assert state["figures"]["loss"] == limit and state["figures"]["start_balance"] == 10_000.0
    (message,) = brake_events(quiet)
    assert message.startswith(f"EMERGENCY BRAKE ON: today's loss of {limit:,.2f} USD (")
    assert "No bot opens a position until you re-arm it on the Settings page. Open positions stay" in message

    other = new_bot(quiet, status="active", name="Another", market="GBPUSD")["id"]
    assert entry(quiet, clock, bot_id) is None and entry(quiet, clock, other) is None
    assert render(quiet.get_bot(other)["last_analysis"]["note"], "en").startswith(
        "The BUY signal opened no position: the emergency brake is on: today's loss of")


def test_daily_loss_in_percent_of_the_days_starting_balance(quiet, clock, tmp_path):
    first, second = rehearse(tmp_path, 2)
    total = -(Decimal(str(first)) + Decimal(str(second)))
    limit = float((total / 100).quantize(Decimal("0.0001"), rounding="ROUND_DOWN"))  # % of 10,000
    assert Decimal(str(-first)) / 100 < Decimal(str(limit))
    quiet.update_settings(brake_daily_loss=limit, brake_daily_loss_unit="percent")
    bot_id = new_bot(quiet, status="active")["id"]
    losing_trade(quiet, clock, bot_id)
    assert quiet.safety.brake()["on"] is False
    losing_trade(quiet, clock, bot_id)
    assert quiet.safety.brake()["cause"] == "daily_loss"


def test_a_deposit_is_not_a_profit_and_a_withdrawal_not_a_loss(quiet, clock):
    quiet.update_settings(brake_daily_loss=50.0)
    quiet.set_paper_balance(9_000.0)
    assert quiet.safety.brake_figures()["loss"] == 0.0 and quiet.safety.brake()["on"] is False
    bot_id = new_bot(quiet, status="active")["id"]
    closed = losing_trade(quiet, clock, bot_id)
    assert quiet.safety.brake_figures()["start_balance"] == 9_000.0
    assert quiet.safety.brake_figures()["loss"] == -closed["profit"]


def test_open_positions_count_and_the_brake_never_closes_them_unless_asked(quiet, clock):
    bot_id = new_bot(quiet, status="active")["id"]
    ticket = entry(quiet, clock, bot_id)
    floating = -[p for p in quiet.positions() if p["ticket"] == ticket][0]["profit"]
    assert floating > 0
    quiet.update_settings(brake_daily_loss=floating)  # reached by the open position alone
    assert quiet.safety.brake()["on"] is True
    assert [p["ticket"] for p in quiet.positions()] == [ticket]  # kept, with its SL/TP


def test_close_all_closes_the_bots_positions_and_leaves_the_traders_own(quiet, clock):
    bot_id = new_bot(quiet, status="active")["id"]
    ticket = entry(quiet, clock, bot_id)
    manual = quiet.broker.open_position("GBPUSD", "buy", 0.01, sl=0.0, tp=0.0, magic=0, comment="mine")
    quiet.update_settings(brake_close_all=True, brake_max_drawdown=0.0001)
    assert quiet.safety.brake()["cause"] == "drawdown"
    (trade,) = quiet.trades(bot_id=bot_id)
    assert (trade["position_id"], trade["reason"]) == (ticket, "brake")
    assert [p["ticket"] for p in quiet.positions()] == [manual.ticket]
    assert "closed by the emergency brake" in render(quiet.events(bot_id=bot_id, limit=1)[0]["msg"], "en")
    assert "The bots' open positions are closed." in brake_events(quiet)[0]


def test_drawdown_from_the_equity_peak_the_peak_persisted(quiet, clock, data_dir):
    bot_id = new_bot(quiet, status="active")["id"]
    quiet.safety.watch_account()
    assert quiet.safety.brake()["peak"] == 10_000.0
    losing_trade(quiet, clock, bot_id)
    now = quiet.safety.brake_figures()
    exact = Decimal(str(now["drawdown"])) * 100 / Decimal(str(now["peak"]))
    quiet.update_settings(brake_max_drawdown=float(exact.quantize(Decimal("0.0001"), rounding="ROUND_UP")) + 0.0001)
    assert quiet.safety.brake()["on"] is False
    quiet.update_settings(brake_max_drawdown=float(exact.quantize(Decimal("0.0001"), rounding="ROUND_DOWN")))
    state = quiet.safety.brake()
    assert (state["on"], state["cause"], state["peak"]) == (True, "drawdown", 10_000.0)


def test_the_brake_stays_on_across_a_restart_until_re_armed(quiet, clock, data_dir):
    bot_id = new_bot(quiet, status="active")["id"]
    quiet.update_settings(brake_daily_loss=0.01)
    losing_trade(quiet, clock, bot_id)
    since = quiet.safety.brake()["since"]
    quiet.close()
    clock.advance(3 * 3600)
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as reopened:
        assert reopened.safety.brake()["on"] is True and reopened.safety.brake()["since"] == since
        assert entry(reopened, clock, bot_id) is None
        reopened.safety.rearm_brake()
        assert reopened.safety.brake()["on"] is False
        assert brake_events(reopened)[-1].startswith("The emergency brake is off (re-armed by the trader)")
        assert entry(reopened, clock, bot_id) is not None  # counting starts again from the equity at re-arm


def test_next_day_mode_lifts_at_the_start_of_the_next_trading_day(quiet, clock):
    bot_id = new_bot(quiet, status="active")["id"]
    quiet.update_settings(brake_daily_loss=0.01, brake_rearm="next_day")
    losing_trade(quiet, clock, bot_id)
    state = quiet.safety.brake()
    assert state["lifts_at"] == MIDNIGHT
    assert "until the next trading day (2026-11-26 00:00) or until you re-arm it" in brake_events(quiet)[0]
    assert entry(quiet, clock, bot_id) is None
    force(quiet, "BUY")
    clock.set(MIDNIGHT - 60)
    assert quiet.run_tick(bot_id)["position_ticket"] is None
    clock.set(MIDNIGHT)
    assert quiet.run_tick(bot_id)["position_ticket"] is not None  # lifted at that instant
    assert quiet.safety.brake()["on"] is False
    assert brake_events(quiet)[-1].startswith("The emergency brake is off (a new trading day)")


def test_re_arming_a_brake_that_is_off_changes_nothing(quiet):
    before = quiet.safety.brake()
    quiet.safety.rearm_brake()
    assert quiet.safety.brake() == before and brake_events(quiet) == []


@pytest.mark.parametrize("changes, field", [
    ({"brake_daily_loss": -1}, "brake_daily_loss"),
    ({"brake_daily_loss": 150.0, "brake_daily_loss_unit": "percent"}, "brake_daily_loss"),
    ({"brake_daily_loss_unit": "pips"}, "brake_daily_loss_unit"),
    ({"brake_max_drawdown": 101}, "brake_max_drawdown"),
    ({"brake_rearm": "never"}, "brake_rearm"),
    ({"brake_close_all": "yes"}, "brake_close_all"),
    ({"calendar_windows": ["25:00-26:00"]}, "calendar_windows"),
    ({"calendar_presets": ["moon"]}, "calendar_presets"),
])
def test_bad_settings_are_refused_and_nothing_changes(quiet, changes, field):
    before = quiet.get_settings()
    with pytest.raises(ValidationError) as caught:
        quiet.update_settings(**changes)
    assert set(caught.value.field_errors) == {field}
    assert quiet.get_settings() == before


def test_the_brake_tells_the_trader_through_notifications(quiet, clock):
    assert category_of("BRAKE") == category_of("PROTECTION") == "protections"
    quiet.update_settings(brake_max_drawdown=0.0001)
    losing_trade(quiet, clock, new_bot(quiet, status="active")["id"])
    (event,) = [e for e in quiet.events() if e["action"] == "BRAKE"]
    assert event["notification"] is True and event["bot_id"] is None


def test_the_periodic_look_is_scheduled(engine):
    job = engine.supervisor.scheduler.get_job("account-watch")
    assert job is not None and job.trigger.interval.total_seconds() == 5.0


def test_close_all_is_retried_until_every_position_is_closed(data_dir, clock, scripted):
    holder = {}

    def factory(store, clk):
        holder["broker"] = HookedBroker(PaperBroker(store, clk))
        return holder["broker"]

    with Engine.open(data_dir, broker=factory, clock=clock, start_scheduler=False) as engine:
        bot_id = new_bot(engine, status="active")["id"]
        ticket = entry(engine, clock, bot_id)

        def refuse(*_args, **_kwargs):
            raise OrderRejected("requote", "broker.mt5.requote", retcode=10004, tries=4)

        holder["broker"].hooks["close_position"] = refuse
        engine.update_settings(brake_close_all=True, brake_daily_loss=0.01)
        assert engine.safety.brake()["closing"] is True
        assert [p["ticket"] for p in engine.positions()] == [ticket]
        engine.safety.watch_account()  # still refused: one event, bumped
        failed = [e for e in engine.events(bot_id=bot_id) if e["action"] == "BRAKE"]
        assert len(failed) == 1 and failed[0]["repeat"] == 2
        del holder["broker"].hooks["close_position"]
        engine.close()
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as reopened:  # the first look closes it
        assert reopened.positions() == [] and reopened.safety.brake()["closing"] is False
        assert reopened.trades(bot_id=bot_id)[0]["reason"] == "brake"


def test_a_days_start_is_that_days_whatever_the_clock_says():
    """The account replay asks for the next day's start while its clock still reads the evening before: the day
    asked for decides which closed trades count, not the clock (day 1 lost 250; day 2 starts from 9,750)."""
    evening = datetime(2026, 11, 24, 23, 50, tzinfo=UTC).timestamp()
    clock, journal = ReplayClock(evening), ReplayJournal()
    journal.add({"ts": evening - 600, "bot_id": 1, "net_profit": -250.0, "profit": -250.0})
    settings = FixedSettings({**DEFAULTS, "timezone": "UTC", "brake_daily_loss": 300.0})
    brake = EmergencyBrake(MemoryTable(), journal, settings, clock, ReplayEvents(clock))
    assert brake.day_start("2026-11-25", 9_750.0, "UTC") == 9_750.0
    assert brake.day_start("2026-11-24", 9_750.0, "UTC") == 10_000.0
