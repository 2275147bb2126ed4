"""A new trader on a Sunday: every place that says the market is closed also says when it opens, in their zone.

The sample bot is EURUSD H1. On Sunday 10:00 in Jakarta forex is closed until Sunday 17:00 New York time,
which is Monday 05:00 WIB: the activity log, the bot's last analysis and the entry-protections panel say so.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from qbx_engine import Engine
from qbx_engine.core.clock import ManualClock
from qbx_engine.core.i18n import render
from qbx_engine.reports import views
from tests import mt5_fake

SUNDAY_10_WIB = datetime(2026, 11, 29, 3, 0, tzinfo=UTC).timestamp()
MONDAY_05_WIB = datetime(2026, 11, 29, 22, 0, tzinfo=UTC).timestamp()  # Sunday 17:00 in New York


@pytest.fixture
def sunday(data_dir):
    with Engine.open(data_dir, clock=ManualClock(SUNDAY_10_WIB), start_scheduler=False) as engine:
        yield engine


def test_the_market_closed_line_and_the_bots_note_say_when_it_opens(sunday):
    bot = views.sample_bot(sunday)
    sunday.start_bot(bot["id"])
    sunday.run_tick(bot["id"])
    (closed,) = sunday.events(bot_id=bot["id"], actions="MARKET CLOSED")
    assert render(closed["msg"], "id") == "Pasar EURUSD tutup; bot menunggu pasar buka (buka Senin 05:00 WIB)."
    assert render(closed["msg"], "en") == \
        "The EURUSD market is closed; the bot waits for it to open (Monday 05:00 WIB)."
    reason = sunday.get_bot(bot["id"])["last_analysis"]["reason"]
    assert render(reason, "en") == "The EURUSD market is closed; it opens Monday 05:00 WIB."
    sunday.update_settings(timezone="Europe/London")
    sunday.clock.advance(3600)
    sunday.run_tick(bot["id"])
    assert render(sunday.get_bot(bot["id"])["last_analysis"]["reason"], "id") == \
        "Pasar EURUSD tutup; buka Minggu 22:00 GMT."


def test_the_protections_panel_lists_the_closed_market_while_it_holds_entries(sunday):
    bot_id = views.sample_bot(sunday)["id"]
    (block,) = sunday.safety.protections(bot_id)["blocks"]
    assert (block["kind"], block["lifts_at"]) == ("market_closed", MONDAY_05_WIB)
    assert render(block["reason"], "id") == "Pasar EURUSD tutup: tidak ada entry sampai pasar buka Senin 05:00 WIB."
    sunday.clock.set(MONDAY_05_WIB)
    assert sunday.safety.protections(bot_id)["blocks"] == []


def test_the_welcome_card_says_when_the_sample_first_trades_and_offers_a_market_open_now(sunday):
    welcome = views.sample_welcome(sunday)
    assert render(welcome["first"], "id").startswith(
        "Pasar EURUSD tutup sampai Senin 05:00 WIB. Bot contoh menilai bar H1 pertamanya Senin 06:00 WIB")
    assert welcome["open_now"] == "BTCUSD"
    bot = views.sample_bot(sunday, welcome["open_now"])
    assert (bot["market"], bot["stop_mode"], bot["timeframe"]) == ("BTCUSD", "atr", "H1")
    sunday.start_bot(bot["id"])
    analysis = sunday.run_tick(bot["id"])["last_analysis"]
    assert analysis["signal"] in ("BUY", "SELL", "HOLD") and analysis["bar_time"] is not None  # it trades today


def test_mid_week_the_card_says_the_first_bar_and_offers_nothing_else(data_dir, clock):
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        welcome = views.sample_welcome(engine)
    assert welcome["open_now"] is None
    assert render(welcome["first"], "en").startswith(
        "The EURUSD market is open: once you start it, the sample bot judges its first H1 bar Wednesday 18:00 WIB")


def test_on_mt5_the_usual_weekly_open_is_said(data_dir, monkeypatch):
    clock = ManualClock(SUNDAY_10_WIB)
    mt5_fake.plug_in(monkeypatch, clock)
    with Engine.open(data_dir, broker="mt5", clock=clock, start_scheduler=False) as engine:
        assert engine.broker.next_open("EURUSD") == MONDAY_05_WIB
        assert engine.broker.next_open("BTCUSD") is None  # open now
        look = engine.market.first_look("EURUSD", "H1")
        assert (look["open"], look["opens_at"]) == (False, MONDAY_05_WIB)


def test_a_weekend_of_ticks_asks_the_broker_when_it_opens_once(sunday, monkeypatch):
    asked = []
    real = sunday.broker.next_open
    monkeypatch.setattr(sunday.broker, "next_open", lambda symbol: asked.append(symbol) or real(symbol))
    bot = views.sample_bot(sunday)
    sunday.start_bot(bot["id"])
    for _ in range(30):
        sunday.run_tick(bot["id"])
        sunday.clock.advance(60)
    assert asked == ["EURUSD"]
    assert render(sunday.get_bot(bot["id"])["last_analysis"]["reason"], "en").endswith("opens Monday 05:00 WIB.")
    assert len(sunday.events(bot_id=bot["id"], actions="MARKET CLOSED")) == 1
