"""The engine's notifications end to end: real engine, paper broker, scheduler, the fake Telegram and webhook."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime

import pytest

from qbx_engine import Engine, ValidationError
from qbx_engine.brokers.paper import PaperBroker
from qbx_engine.notify.notifier import NotificationFailed
from tests.engine.conftest import force, new_bot, next_bar, scripted  # noqa: F401 - fixture
from tests.fakes import HookedBroker, unavailable
from tests.notify.conftest import SECRETS, env_for
from tests.notify.fake_server import closed_port


@pytest.fixture
def engine(data_dir, clock, scripted, configured):  # noqa: F811 - the scripted fixture
    holder = {}

    def factory(store, clk):
        holder["broker"] = HookedBroker(PaperBroker(store, clk))
        return holder["broker"]

    opened = Engine.open(data_dir, broker=factory, clock=clock)
    opened.hooks = holder["broker"]
    yield opened
    opened.close()


def _titles(server, kind):
    if kind == "telegram":
        return [r.body["text"].split("\n")[0] for r in server.delivered(kind)]
    return [r.body["title"] for r in server.delivered(kind)]


def test_trades_reach_both_channels_with_profit_in_the_traders_language(engine, clock, configured):
    server = configured
    bot_id = new_bot(engine, name="Trend EURUSD", status="active")["id"]
    force(engine, "BUY")
    engine.run_tick(bot_id)
    server.wait_for(1, "telegram")
    hook = server.wait_for(1, "webhook")[0].body
    assert hook["action"] == "OPEN BUY" and hook["bot_id"] == bot_id and hook["bot_name"] == "Trend EURUSD"
    closed = engine.close_position(bot_id)
    server.wait_for(2, "telegram")
    manual = server.wait_for(2, "webhook")[1].body
    assert manual["action"] == "CLOSED MANUALLY" and manual["category"] == "trades"
    net = round(closed["profit"] + closed["commission"] + closed["swap"], 2)
    profit = f"{net:+,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    assert f"{profit} USD" in manual["text"]  # Indonesian number format, the broker's real profit
    assert _titles(server, "telegram") == [f"<b>🟢 Posisi BUY dibuka · Trend EURUSD (#{bot_id})</b>",
                                           f"<b>✋ Posisi ditutup manual · Trend EURUSD (#{bot_id})</b>"]
    engine.update_settings(language="en")
    force(engine, "SELL")
    next_bar(clock, engine, bot_id)
    server.wait_for(3, "telegram")
    assert _titles(server, "telegram")[2] == f"<b>🔴 SELL position opened · Trend EURUSD (#{bot_id})</b>"


def test_each_channel_sends_only_the_categories_switched_on(engine, clock, configured):
    server = configured
    engine.update_settings(notify_telegram=["errors"], notify_webhook=["trades"])
    bot_id = new_bot(engine, status="active")["id"]
    force(engine, "BUY")
    engine.run_tick(bot_id)
    server.wait_for(1, "webhook")
    from tests.fakes import Scripted

    Scripted.fail_with = RuntimeError("indicator blew up")
    next_bar(clock, engine, bot_id)
    server.wait_for(1, "telegram")
    time.sleep(0.2)  # nothing else may follow
    assert [r.body["action"] for r in server.delivered("webhook")] == ["OPEN BUY"]
    assert _titles(server, "telegram") == [f"<b>⚠️ Bot mengalami error · Scripted EURUSD (#{bot_id})</b>"]


def test_a_bot_error_is_sent_once_per_streak_and_the_halt_is_sent_too(engine, clock, configured):
    from tests.fakes import Scripted

    server = configured
    engine.update_settings(error_streak_limit=3, notify_webhook=[])
    bot_id = new_bot(engine, status="active")["id"]
    for n in range(3):
        Scripted.fail_with = RuntimeError(f"failure number {n}")  # each one a new event, not a collapsed repeat
        next_bar(clock, engine, bot_id)
    assert engine.get_bot(bot_id)["status"] == "error"
    assert len(engine.events(bot_id, actions=["ERROR"], limit=None)) == 3
    server.wait_for(2, "telegram")
    engine.start_bot(bot_id)  # a new streak starts
    next_bar(clock, engine, bot_id)
    server.wait_for(3, "telegram")
    time.sleep(0.2)
    titles = [title.split(" · ")[0] for title in _titles(server, "telegram")]
    assert titles == ["<b>⚠️ Bot mengalami error", "<b>🚨 Bot berhenti karena error", "<b>⚠️ Bot mengalami error"]
    assert "failure number 0" in server.delivered("telegram")[0].body["text"]


def test_broker_down_and_up_are_sent(engine, clock, configured):
    server = configured
    bot_id = new_bot(engine, status="active")["id"]
    engine.hooks.hooks["positions"] = unavailable
    engine.run_tick(bot_id)
    del engine.hooks.hooks["positions"]
    clock.advance(2)
    engine.run_tick(bot_id)
    server.wait_for(2, "webhook")
    assert [r.body["action"] for r in server.delivered("webhook")] == ["BROKER DOWN", "BROKER UP"]
    assert [r.body["category"] for r in server.delivered("webhook")] == ["broker", "broker"]


def test_lifecycle_events_are_not_sent(engine, configured):
    bot_id = new_bot(engine)["id"]
    engine.start_bot(bot_id)
    engine.pause_bot(bot_id)
    engine.stop_bot(bot_id)
    time.sleep(0.2)
    assert configured.received() == [] and engine.notifications.status()["channels"]["telegram"]["queued"] == 0


def test_the_daily_report_goes_once_at_the_chosen_local_time(engine, clock, configured, data_dir):
    server = configured
    engine.update_settings(notify_report_time="18:30", notify_telegram=["reports"], notify_webhook=["reports"])
    assert engine.supervisor.scheduler.get_job("notify-reports") is not None
    bot_id = new_bot(engine, status="active")["id"]
    force(engine, "BUY")
    engine.run_tick(bot_id)
    engine.close_position(bot_id)
    clock.set(datetime(2026, 11, 25, 11, 29, tzinfo=UTC))  # 18:29 in Jakarta
    assert engine.notifications.notifier.check_reports() == []
    clock.advance(60)
    assert engine.notifications.notifier.check_reports() == ["daily"]
    assert engine.notifications.notifier.check_reports() == []
    report = server.wait_for(1, "telegram")[0].body["text"]
    assert report.startswith("<b>📒 Laporan mentor 2026-11-25</b>\n")
    assert "1 trade (0 profit, 1 rugi)" in report and "<b>Rekomendasi</b>\n1. " in report
    assert report.endswith("<i>2026-11-25 18:30 WIB</i>")
    hook = server.wait_for(1, "webhook")[0].body
    assert hook["category"] == "reports" and hook["title"] == "Laporan mentor 2026-11-25"
    engine.close()
    again = Engine.open(data_dir, clock=clock)
    try:
        assert again.notifications.notifier.check_reports() == []  # the day is remembered across a restart
        clock.advance(86400)  # the next day: no trades, nothing to report
        assert again.notifications.notifier.check_reports() == []
    finally:
        again.close()
    assert len(server.delivered()) == 2


def test_messages_queued_while_a_channel_is_down_go_out_once_after_a_restart(data_dir, clock, scripted,  # noqa: F811
                                                                             configured, monkeypatch):
    server = configured
    monkeypatch.setenv("QBX_TELEGRAM_API", f"http://127.0.0.1:{closed_port()}")
    engine = Engine.open(data_dir, clock=clock)
    bot_id = new_bot(engine, status="active")["id"]
    for signal in ("BUY", "SELL", "BUY"):
        force(engine, signal)
        next_bar(clock, engine, bot_id)
    server.wait_for(5, "webhook")  # the webhook was up all along
    engine.close()
    monkeypatch.setenv("QBX_TELEGRAM_API", server.base)
    engine = Engine.open(data_dir, clock=clock)
    try:
        server.wait_for(5, "telegram")
        deadline = time.monotonic() + 10
        while engine.notifications.status()["channels"]["telegram"]["queued"] and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        engine.close()
    engine = Engine.open(data_dir, clock=clock)
    engine.close()
    titles = [title.split(" · ")[0] for title in _titles(server, "telegram")]
    assert titles == ["<b>🟢 Posisi BUY dibuka", "<b>🏁 Posisi BUY ditutup oleh sinyal", "<b>🔴 Posisi SELL dibuka",
                      "<b>🏁 Posisi SELL ditutup oleh sinyal", "<b>🟢 Posisi BUY dibuka"]  # each once, in order
    assert len(server.received("webhook")) == 5


def test_send_a_test_message_and_the_reasons_it_can_fail(engine, configured, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    engine.notifications.send_test("telegram")
    test = configured.wait_for(1, "telegram")[0].body["text"]
    assert test.startswith("<b>🔔 Pesan uji QuantumBotX</b>")
    engine.notifications.send_test("webhook")
    assert configured.wait_for(1, "webhook")[0].body["category"] == "test"
    with pytest.raises(ValidationError):
        engine.notifications.send_test("sms")
    configured.then("telegram", 500)
    with pytest.raises(NotificationFailed) as failed:
        engine.notifications.send_test("telegram")
    assert failed.value.message("id") == ("Pesan uji lewat Telegram gagal: ditolak dengan kode 500: "
                                          "Internal Server Error.")
    status = engine.notifications.status()["channels"]["telegram"]
    assert status["failures"] == 1 and status["sent"] == 0  # tests are not queued messages
    assert status["masked"] == {"token": "12…87", "chat_id": "98…21"}
    text = caplog.text + json.dumps(engine.notifications.status(), ensure_ascii=False) + str(failed.value) + \
        json.dumps(engine.events(limit=None), ensure_ascii=False)
    assert not [secret for secret in SECRETS if secret in text]


def test_a_channel_that_is_not_set_up_says_so(data_dir, clock, server, monkeypatch):
    for name, value in env_for(server, telegram=False).items():
        monkeypatch.setenv(name, value)
    with Engine.open(data_dir, clock=clock) as engine:
        with pytest.raises(NotificationFailed, match="Telegram is not set up"):
            engine.notifications.send_test("telegram")
        status = engine.notifications.status()["channels"]
        assert not status["telegram"]["configured"] and status["webhook"]["configured"]


def test_bad_notification_settings_are_refused_and_change_nothing(engine):
    before = engine.notifications.status()
    for change in ({"notify_report_time": "25:00"}, {"notify_report_time": "9.30"}, {"notify_report_time": 930},
                   {"notify_telegram": ["trades", "gossip"]}, {"notify_webhook": "trades"}):
        with pytest.raises(ValidationError) as refused:
            engine.update_settings(**change)
        assert refused.value.message("id")
    assert engine.notifications.status() == before
    engine.update_settings(notify_report_time="7:05", notify_webhook=[])
    status = engine.notifications.status()
    assert status["report_time"] == "7:05" and status["channels"]["webhook"]["categories"] == []


def test_a_full_disk_for_the_outbox_never_fails_a_tick(engine, clock, configured, caplog):
    outbox_db = engine.notifications.notifier.outbox.db

    def disk_full(path, text):
        raise OSError(28, "No space left on device")

    outbox_db._write_hook = disk_full
    bot_id = new_bot(engine, status="active")["id"]
    force(engine, "BUY")
    bot = engine.run_tick(bot_id)
    assert bot["error_streak"] == 0 and bot["position_ticket"] is not None  # the trade happened and is recorded
    assert [e["action"] for e in engine.events(bot_id, actions=["OPEN BUY"])] == ["OPEN BUY"]
    assert "could not queue a notification" in caplog.text
    outbox_db._write_hook = None  # space again: the next trade is sent
    force(engine, "SELL")
    next_bar(clock, engine, bot_id)
    configured.wait_for(2, "telegram")
    titles = [title.split(" · ")[0] for title in _titles(configured, "telegram")]
    assert titles == ["<b>🏁 Posisi BUY ditutup oleh sinyal", "<b>🔴 Posisi SELL dibuka"]
