"""Per-bot entry gates: cooldown after a loss, trades per day, "entries off", the calendar.

Each gate holds back entries from its exact threshold (not one trade before), lifts at the time it states,
survives a restart, and never stands in the way of a close.
"""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from qbx_engine import Engine
from qbx_engine.core.errors import ValidationError
from qbx_engine.core.i18n import render
from tests.engine.conftest import force, new_bot

JAKARTA = ZoneInfo("Asia/Jakarta")


def signal_at(engine, clock, bot_id: int, signal: str, when: float | None = None) -> dict:
    """The bot sees ``signal`` on a new closed bar (the next minute, or the bar closing at ``when``)."""
    force(engine, signal)
    if when is None:
        clock.advance(60)
    else:
        clock.set(when)
    return engine.run_tick(bot_id)


def gate_events(engine, bot_id: int) -> list[dict]:
    return [e for e in engine.events(bot_id=bot_id) if e["action"] == "PROTECTION"]


def blocks(engine, bot_id: int) -> list[tuple[str, float | None]]:
    return [(b["kind"], b["lifts_at"]) for b in engine.safety.protections(bot_id)["blocks"]]


def note(engine, bot_id: int) -> str:
    return render(engine.get_bot(bot_id)["last_analysis"]["note"], "en")


def reopen(engine, data_dir, clock) -> Engine:
    engine.close()
    return Engine.open(data_dir, clock=clock)


def test_cooldown_after_a_loss_starts_at_its_close_and_lifts_n_minutes_later(engine, clock, data_dir):
    bot_id = new_bot(engine, status="active", cooldown_minutes=30)["id"]
    signal_at(engine, clock, bot_id, "BUY")
    closed = engine.close_position(bot_id)  # at once: the spread is lost
    assert closed["profit"] < 0
    lifts = closed["close_time"] + 30 * 60
    assert blocks(engine, bot_id) == [("cooldown", lifts)]

    bot = signal_at(engine, clock, bot_id, "BUY", lifts - 60)
    assert bot["position_ticket"] is None
    assert note(engine, bot_id).startswith("The BUY signal opened no position: a 30-minute cooldown after a losing")
    (event,) = gate_events(engine, bot_id)
    assert "entries resume at 2026-11-25 17:31" in render(event["msg"], "en")  # Jakarta time

    engine = reopen(engine, data_dir, clock)
    try:
        assert blocks(engine, bot_id) == [("cooldown", lifts)]
        assert signal_at(engine, clock, bot_id, "BUY", lifts)["position_ticket"] is not None
    finally:
        engine.close()


def test_a_winning_trade_starts_no_cooldown(engine, clock):
    bot_id = new_bot(engine, status="active", cooldown_minutes=30)["id"]
    opened = signal_at(engine, clock, bot_id, "BUY")["position_ticket"]
    (position,) = [p for p in engine.positions() if p["ticket"] == opened]
    market = engine.broker.market
    start = clock.now()
    winning = next(start + 60 * k for k in range(1, 600)
                   if position["open_price"] < market.bid("EURUSD", start + 60 * k) < position["tp"])
    clock.set(winning)
    assert engine.close_position(bot_id)["profit"] > 0
    assert blocks(engine, bot_id) == []
    assert signal_at(engine, clock, bot_id, "BUY")["position_ticket"] is not None


def test_trades_per_day_holds_the_next_entry_at_the_limit_until_midnight(engine, clock, data_dir):
    bot_id = new_bot(engine, status="active", max_trades_per_day=2)["id"]
    assert signal_at(engine, clock, bot_id, "BUY")["position_ticket"]
    engine.close_position(bot_id)
    assert blocks(engine, bot_id) == []  # one trade today: not one trade early
    assert signal_at(engine, clock, bot_id, "BUY")["position_ticket"]
    midnight = datetime(2026, 11, 26, tzinfo=JAKARTA).timestamp()  # 17:00 UTC on the 25th
    assert blocks(engine, bot_id) == [("max_trades", midnight)]  # the open one counts
    engine.close_position(bot_id)

    assert signal_at(engine, clock, bot_id, "BUY")["position_ticket"] is None
    assert "the limit of 2 trades a day is reached (2 today); entries resume at 2026-11-26 00:00." in note(
        engine, bot_id)
    engine = reopen(engine, data_dir, clock)
    try:
        assert signal_at(engine, clock, bot_id, "BUY", midnight - 60)["position_ticket"] is None
        assert blocks(engine, bot_id) == [("max_trades", midnight)]
        assert signal_at(engine, clock, bot_id, "BUY", midnight)["position_ticket"] is not None
    finally:
        engine.close()


def test_a_reversal_counts_as_one_entry(engine, clock):
    bot_id = new_bot(engine, status="active", max_trades_per_day=2)["id"]
    first = signal_at(engine, clock, bot_id, "BUY")["position_ticket"]
    second = signal_at(engine, clock, bot_id, "SELL")["position_ticket"]  # closes the BUY, opens a SELL
    assert first and second and second != first
    third = signal_at(engine, clock, bot_id, "BUY")  # closes the SELL; a third entry would be one too many
    assert third["position_ticket"] is None
    assert [t["position_id"] for t in engine.trades(bot_id=bot_id)] == [second, first]


def test_entries_off_opens_nothing_but_exits_and_is_its_own_kind_of_pause(engine, clock, data_dir):
    bot_id = new_bot(engine, status="active")["id"]
    assert signal_at(engine, clock, bot_id, "BUY")["position_ticket"]
    bot = engine.safety.set_entries_off(bot_id, True)
    assert (bot["status"], bot["entries_off"]) == ("active", True)
    assert blocks(engine, bot_id) == [("entries_off", None)]

    assert signal_at(engine, clock, bot_id, "SELL")["position_ticket"] is None  # the BUY closed, no SELL opened
    (trade,) = engine.trades(bot_id=bot_id)
    assert trade["reason"] == "bot"
    assert note(engine, bot_id) == ("The SELL signal opened no position: entries are off — the bot only manages "
                                    "its position (exit signals, SL/TP, trailing).")
    engine = reopen(engine, data_dir, clock)
    try:
        assert engine.get_bot(bot_id)["entries_off"] is True
        assert signal_at(engine, clock, bot_id, "BUY")["position_ticket"] is None
        engine.safety.set_entries_off(bot_id, False)
        assert signal_at(engine, clock, bot_id, "BUY")["position_ticket"] is not None
    finally:
        engine.close()


def test_one_protection_event_per_pause_however_many_signals(engine, clock):
    bot_id = new_bot(engine, status="active", entries_off=True)["id"]
    for _ in range(5):
        signal_at(engine, clock, bot_id, "BUY")
    (event,) = gate_events(engine, bot_id)
    assert event["repeat"] == 5 and event["notification"] is True


def test_the_calendar_pauses_entries_until_the_stated_time(engine, clock, data_dir):
    bot_id = new_bot(engine, status="active")["id"]
    engine.update_settings(calendar_on=True, calendar_windows=["17:00-17:10"])  # 10:00 UTC is 17:00 in Jakarta
    lifts = datetime(2026, 11, 25, 17, 10, tzinfo=JAKARTA).timestamp()
    assert signal_at(engine, clock, bot_id, "BUY")["position_ticket"] is None
    assert note(engine, bot_id).endswith("paused by the calendar until 2026-11-25 17:10: 17:00-17:10 every day is "
                                         "a no-entry window (your time).")
    engine = reopen(engine, data_dir, clock)
    try:
        assert blocks(engine, bot_id) == [("calendar", lifts)]
        assert signal_at(engine, clock, bot_id, "BUY", lifts - 60)["position_ticket"] is None
        assert signal_at(engine, clock, bot_id, "BUY", lifts)["position_ticket"] is not None
    finally:
        engine.close()


def test_a_careful_day_lowers_the_risk_of_an_entry(engine, clock):
    bot_id = new_bot(engine, status="active", risk_percent=2.0)["id"]
    engine.update_settings(calendar_on=True, calendar_careful_dates=["2026-11-25"], calendar_careful_risk=0.5)
    signal_at(engine, clock, bot_id, "BUY")
    engine.close_position(bot_id)
    (trade,) = engine.trades(bot_id=bot_id)
    assert 0.45 <= trade["risk_pct"] <= 0.5
    assert note(engine, bot_id).startswith("A day marked careful: the entry's risk was lowered to 0.5%")


def gate_on(kind: str, engine, bot_id: int) -> None:
    if kind == "entries_off":
        engine.safety.set_entries_off(bot_id, True)
    elif kind == "brake":
        engine.update_settings(brake_daily_loss=0.01)  # the open position's spread is already a loss
    elif kind == "calendar":
        engine.update_settings(calendar_on=True, calendar_dates=["2026-11-25"])


@pytest.mark.parametrize("how", ["exit signal", "reversal", "by hand", "stop loss"])
@pytest.mark.parametrize("kind", ["entries_off", "brake", "calendar", "max_trades"])
def test_no_gate_ever_blocks_a_close_or_the_trailing_stop(engine, clock, kind, how):
    bot_id = new_bot(engine, status="active", sl_pips=20, tp_pips=0, trail_distance=5,
                     max_trades_per_day=1 if kind == "max_trades" else 0)["id"]
    opened = signal_at(engine, clock, bot_id, "BUY")["position_ticket"]
    gate_on(kind, engine, bot_id)
    assert kind in [k for k, _ in blocks(engine, bot_id)]
    first_sl = [p for p in engine.positions() if p["ticket"] == opened][0]["sl"]

    signal_at(engine, clock, bot_id, "HOLD")  # the bar closed: the SL trails 5 pips behind the bid
    (position,) = [p for p in engine.positions() if p["ticket"] == opened]
    assert position["sl"] > first_sl
    assert [e["action"] for e in engine.events(bot_id=bot_id, limit=1)] == ["SL MOVED"]

    if how == "exit signal":
        signal_at(engine, clock, bot_id, "EXIT")
    elif how == "reversal":
        signal_at(engine, clock, bot_id, "SELL")
    elif how == "by hand":
        engine.close_position(bot_id)
    else:
        for _ in range(240):
            if not signal_at(engine, clock, bot_id, "HOLD")["position_ticket"]:
                break
    (trade,) = engine.trades(bot_id=bot_id)
    assert trade["position_id"] == opened
    assert trade["reason"] == {"exit signal": "bot", "reversal": "bot", "by hand": "manual", "stop loss": "sl"}[how]
    assert trade["initial_sl"] == first_sl and trade["sl"] >= position["sl"]
    assert engine.get_bot(bot_id)["position_ticket"] is None
    assert [p for p in engine.positions() if p["bot_id"] == bot_id] == []


def test_protection_settings_are_validated_and_old_bots_load_with_them_off(engine, data_dir, clock):
    with pytest.raises(ValidationError) as caught:
        new_bot(engine, cooldown_minutes=-5, sl_guard_count=2.5, max_trades_per_day="many", entries_off="yes",
                trail_distance=-1)
    errors = caught.value.field_errors
    assert set(errors) == {"cooldown_minutes", "sl_guard_count", "max_trades_per_day", "entries_off",
                           "trail_distance"}
    assert render(errors["cooldown_minutes"], "id") == ("Masa tenang harus antara 0 dan 10080 menit; 0 berarti mati "
                                                        "(diberi -5,0).")
    assert engine.list_bots() == []

    bot_id = new_bot(engine)["id"]
    with pytest.raises(ValidationError):
        engine.update_bot(bot_id, sl_guard_window=0)
    assert engine.get_bot(bot_id)["sl_guard_window"] == 60
    path = data_dir / "bots" / f"bot-{bot_id}.json"
    engine.close()
    raw = json.loads(path.read_text(encoding="utf-8"))
    for name in ("cooldown_minutes", "sl_guard_count", "sl_guard_window", "sl_guard_pause", "max_trades_per_day",
                 "entries_off", "breakeven_at", "trail_distance"):
        raw["bot"][str(bot_id)].pop(name)
    path.write_text(json.dumps(raw), encoding="utf-8")  # a bot saved before protections existed
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as reopened:
        bot = reopened.get_bot(bot_id)
        assert (bot["cooldown_minutes"], bot["entries_off"], bot["trail_distance"]) == (0, False, 0.0)
        assert reopened.safety.protections(bot_id)["blocks"] == []


def test_a_reversal_closes_at_a_loss_and_the_cooldown_it_starts_holds_only_the_new_entry(engine, clock):
    bot_id = new_bot(engine, status="active", cooldown_minutes=15)["id"]
    sell = signal_at(engine, clock, bot_id, "SELL")["position_ticket"]
    assert signal_at(engine, clock, bot_id, "BUY")["position_ticket"] is None  # the SELL closed, no BUY
    (trade,) = engine.trades(bot_id=bot_id)
    assert (trade["position_id"], trade["reason"]) == (sell, "bot") and trade["net_profit"] < 0
    assert blocks(engine, bot_id) == [("cooldown", trade["close_time"] + 15 * 60)]
