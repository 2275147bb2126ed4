"""Safety first: strangers get nothing, questions expire, chats are rate-limited, bad input changes nothing,
the brake is respected, and neither the token nor a stranger's words reach a log, an event or a reply."""

from __future__ import annotations

import json
import logging

import pytest

from qbx_engine.core.errors import BrokerUnavailable
from qbx_engine.core.i18n import render
from tests.engine.conftest import force, hooked_engine, new_bot  # noqa: F401 - fixture
from tests.remote.conftest import GROUP, STRANGER, TOKEN, TRADER, say, telegram_events, with_position


def stranger_lines(engine) -> list[str]:
    return [render(e["msg"], "en") for e in telegram_events(engine)
            if e["msg"]["key"] in ("tg.ev.stranger", "tg.ev.strangers")]


def test_a_strangers_chat_gets_no_reply_and_is_logged_without_its_content(engine, clock, telegram, reader, caplog):
    caplog.set_level(logging.DEBUG)
    bot_id, _ = with_position(engine, clock)
    reader()
    telegram.message(STRANGER, f"/tutup {bot_id} my-private-words")
    telegram.press(STRANGER, 1, "qbx:yes:0123456789abcdef")
    telegram.message(STRANGER, f"/tutup {bot_id} my-private-words")
    assert say(telegram, "/status").startswith("<b>Status bot</b>")  # read after the stranger's updates
    assert telegram.replies(STRANGER) == [] and not telegram.of("answerCallbackQuery")
    assert engine.positions() and engine.get_bot(bot_id)["status"] == "active"

    assert stranger_lines(engine) == [  # at once for the first; the two after it within the minute are counted
        f"Telegram: a message from chat {STRANGER}, which is not on the allow-list, was ignored without an answer "
        "(its content is not recorded)."]
    clock.advance(60)
    telegram.wait(lambda: len(stranger_lines(engine)) == 2, "the line counting the others, a minute later")
    assert stranger_lines(engine)[1] == (
        "Telegram: 2 updates from chats not on the allow-list were ignored without an answer since the last such "
        "line (at most one line a minute; their content is not recorded); the latest: a message from chat "
        f"{STRANGER}.")
    everything = json.dumps(engine.events(limit=None)) + caplog.text + (engine.data_dir / "remote" /
                                                                       "telegram.json").read_text()
    assert "my-private-words" not in everything
    assert f"from chat {STRANGER})" in caplog.text and "not on the allow-list" in caplog.text


def test_a_flood_of_strangers_writes_a_line_a_minute_and_never_reaches_the_desk(engine, clock, telegram, reader,
                                                                                caplog):
    bot_id, ticket = with_position(engine, clock)
    remote = reader()
    ran, real_run = [], remote.desk.run
    remote.desk.run = lambda command, *args, **kwargs: ran.append(command.text()) or real_run(command, *args, **kwargs)
    writes, real_add = [], engine.event_log.add
    engine.event_log.add = lambda bot, action, msg, **kwargs: writes.append(msg.key) or real_add(bot, action, msg,
                                                                                                  **kwargs)
    strangers = [STRANGER + n % 37 for n in range(1000)]  # several chats, commands, chatter and buttons
    for n, chat in enumerate(strangers):
        if n % 10 == 9:
            telegram.press(chat, 1, "qbx:yes:0123456789abcdef")
        else:
            telegram.message(chat, (f"/tutup {bot_id}", "/henti semua", "/lepasrem", "hello")[n % 4])
    assert say(telegram, "/status").startswith("<b>Status bot</b>")  # read after all 1,000
    clock.advance(60)
    telegram.wait(lambda: len(stranger_lines(engine)) == 2, "the line counting the flood, a minute later")

    assert [key for key in writes if key.startswith("tg.ev.stranger")] == ["tg.ev.stranger", "tg.ev.strangers"]
    assert stranger_lines(engine)[1].startswith("Telegram: 999 updates from chats not on the allow-list")
    assert [e["repeat"] for e in telegram_events(engine) if e["msg"]["key"].startswith("tg.ev.stranger")] == [1, 1]
    assert len([r for r in caplog.records if "not on the allow-list" in r.getMessage()]) == 2
    assert ran == ["/status"]  # no stranger's update reached the desk
    assert not any(telegram.replies(chat) for chat in set(strangers)) and not telegram.of("answerCallbackQuery")
    assert [p["ticket"] for p in engine.positions()] == [ticket] and engine.get_bot(bot_id)["status"] == "active"
    assert remote.status()["counts"]["strangers"] == 1000


def test_an_expired_confirmation_does_nothing(engine, clock, telegram, reader):
    bot_id, ticket = with_position(engine, clock)
    reader()
    question = say(telegram, f"/tutup {bot_id}")
    code = question.rsplit("/ya ", 1)[1][:6]
    message_id, _ = telegram.last_message(TRADER)
    clock.advance(60)  # the question lives 60 s, not one more
    telegram.press(TRADER, message_id, telegram.buttons(message_id)[0]["callback_data"])
    expired = telegram.wait_replies(TRADER, 2)[1]
    assert expired == (f"Konfirmasi untuk /tutup {bot_id} sudah kedaluwarsa; tidak ada yang dijalankan. Kirim "
                       "perintahnya lagi.")
    assert [p["ticket"] for p in engine.positions()] == [ticket]
    assert say(telegram, f"/ya {code}") == "Tidak ada yang menunggu konfirmasi; tidak ada yang dijalankan."
    assert [p["ticket"] for p in engine.positions()] == [ticket]
    assert "kedaluwarsa" in render(telegram_events(engine)[-2]["msg"], "id")

    question = say(telegram, f"/tutup {bot_id}")  # asked again, answered in time
    clock.advance(59)
    assert say(telegram, question.rsplit("/ya ", 1)[1][:6]).startswith(f"Posisi BUY #{ticket} EURUSD")
    assert engine.positions() == []


def test_a_restart_forgets_open_questions(engine, clock, telegram, reader):
    bot_id, ticket = with_position(engine, clock)
    first = reader()
    code = say(telegram, f"/tutup {bot_id}").rsplit("/ya ", 1)[1][:6]
    assert first.stop(10.0)
    reader()
    assert say(telegram, f"/ya {code}") == "Tidak ada yang menunggu konfirmasi; tidak ada yang dijalankan."
    assert [p["ticket"] for p in engine.positions()] == [ticket]


def test_each_chat_is_rate_limited_and_told_once_per_window(engine, clock, telegram, reader):
    reader(rate=(3, 60.0))
    for _ in range(6):
        telegram.message(TRADER, "/saldo")
    assert say(telegram, "/status", chat=GROUP).startswith("<b>Status bot</b>")  # another chat has its own count
    replies = telegram.wait_replies(TRADER, 4)
    assert [r.split("\n")[0] for r in replies[:3]] == ["<b>Akun (paper)</b>"] * 3
    assert replies[3] == "Terlalu banyak perintah; yang berikutnya diabaikan. Coba lagi dalam 60 detik."
    assert len(telegram.replies(TRADER)) == 4  # the 5th and 6th: silence
    clock.advance(60)
    assert say(telegram, "/saldo").startswith("<b>Akun (paper)</b>")
    status = telegram_events(engine)
    assert [e["repeat"] for e in status if e["msg"]["key"] == "tg.ev.limited"] == [3]


@pytest.mark.parametrize(("text", "answer"), [
    ("/bot abc", "⚠️ 'abc' bukan nomor bot. Tulis nomornya, mis. /bot 3 (nomor ada di /status)."),
    ("/profit -5", "⚠️ '-5' bukan jumlah hari: tulis angka bulat 1 sampai 3660, mis. /profit 7."),
    ("/profit 99999", "⚠️ '99999' bukan jumlah hari: tulis angka bulat 1 sampai 3660, mis. /profit 7."),
    ("/jeda", "⚠️ /jeda perlu argumen yang tepat, mis. /jeda 3."),
    ("/pause 1 2", "⚠️ /pause needs its arguments, e.g. /pause 3."),
    ("/entri 1 sebentar", "⚠️ 'sebentar' bukan hidup/mati. Tulis mis. /entri 3 mati atau /entri 3 hidup."),
    ("/saldo sekarang", "⚠️ /saldo tidak memakai argumen; kirim /saldo saja."),
    ("/ya 12ab", "⚠️ '12ab' bukan kode konfirmasi (6 angka dari pertanyaannya), mis. /ya 123456."),
    ("/bahasa jawa", "⚠️ 'jawa' bukan bahasa yang tersedia: /bahasa id atau /bahasa en."),
    ("/beli EURUSD", "⚠️ Perintah /beli tidak dikenal. Kirim /bantuan untuk daftar perintah."),
    ("/jeda 99", "Bot #99 tidak ada (mungkin sudah dihapus)."),
    ("/bot 99999999999", "⚠️ '99999999999' bukan nomor bot. Tulis nomornya, mis. /bot 3 (nomor ada di /status)."),
])
def test_bad_arguments_are_answered_with_a_clear_sentence_and_change_nothing(engine, telegram, reader, text, answer):
    bot_id = new_bot(engine, status="active")["id"]
    before = engine.get_bot(bot_id)
    reader()
    assert say(telegram, text) == answer
    assert engine.get_bot(bot_id) == before
    logged = telegram_events(engine)[-1]
    assert logged["msg"]["key"] == "tg.ev.command" and logged["bot_id"] is None


def test_a_command_while_the_brake_is_on(engine, clock, telegram, reader):
    bot_id, _ = with_position(engine, clock)
    engine.close_position(bot_id)
    idle = new_bot(engine, name="Idle")["id"]
    engine.update_settings(brake_daily_loss=0.01)
    assert engine.safety.brake()["on"]
    reader()

    status = say(telegram, "/status")
    assert "🛑 Rem darurat AKTIF: rugi hari ini " in status and "Bot tidak membuka posisi baru." in status
    brake = say(telegram, "/rem")
    assert brake.startswith("🛑 <b>Rem darurat AKTIF</b>\nSejak 2026-11-25 ")
    assert "sampai Anda mengaktifkannya lagi (/lepasrem)" in brake

    question = say(telegram, f"/mulai {idle}")
    assert "Rem darurat sedang AKTIF: bot tidak membuka posisi sampai diaktifkan lagi" in question
    started = say(telegram, question.rsplit("/ya ", 1)[1][:6])
    assert started.startswith(f"Bot #{idle} Idle dimulai.\n🛑 Rem darurat sedang AKTIF")
    force(engine, "BUY")
    clock.advance(60)
    assert engine.run_tick(idle)["position_ticket"] is None  # started, and still held back by the brake

    question = say(telegram, "/lepasrem")
    assert question.startswith("Aktifkan lagi setelah rem darurat (rugi hari ini ")
    assert engine.safety.brake()["on"]
    assert say(telegram, question.rsplit("/ya ", 1)[1][:6]).startswith("Rem darurat dilepas; bot boleh membuka")
    assert not engine.safety.brake()["on"]
    assert say(telegram, "/lepasrem") == "Rem darurat tidak sedang aktif; tidak ada yang perlu diaktifkan lagi."
    assert say(telegram, "/rem").startswith("✅ <b>Rem darurat tidak aktif</b>")


def test_no_secret_and_no_strangers_words_in_logs_events_or_replies(engine, clock, telegram, reader, caplog):
    caplog.set_level(logging.DEBUG)  # every library's debug lines too
    bot_id, _ = with_position(engine, clock)
    reader()
    telegram.message(STRANGER, "/status secret-plan-of-a-stranger")
    telegram.then("getUpdates", 500)  # an error line from the library
    for text in ("/status", f"/bot {bot_id}", "/saldo", f"/tutup {bot_id}", "/laporan"):
        say(telegram, text)
    records = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    stored = json.dumps(engine.events(limit=None)) + (engine.data_dir / "remote" / "telegram.json").read_text()
    replies = "\n".join(telegram.replies(TRADER))
    for secret in (TOKEN, TOKEN.split(":")[1], "secret-plan-of-a-stranger"):
        assert secret not in records and secret not in stored and secret not in replies
    assert "Telegram command reader" in records  # the 500 was logged, without the token


def test_with_the_broker_down_reads_say_so_and_nothing_half_happens(hooked_engine, clock, telegram, reader):  # noqa: F811
    engine = hooked_engine
    bot_id, ticket = with_position(engine, clock)
    reader(on=engine)
    question = say(telegram, f"/tutup {bot_id}")

    def down(*_args, **_kwargs):
        raise BrokerUnavailable("broker.mt5.disconnected", retcode=None, detail="positions_get")

    for name in ("positions", "account", "close_position"):
        engine.hooks.hooks[name] = down
    status = say(telegram, "/status")
    assert "Broker tidak bisa dihubungi sekarang: posisi dan P/L tidak ditampilkan." in status
    assert f"#{bot_id} Scripted EURUSD · Aktif" in status
    daily = say(telegram, "/hari")
    assert "Belum ada trade yang ditutup." in daily and "Broker tidak bisa dihubungi" in daily
    assert say(telegram, "/saldo").startswith("⚠️ ")
    assert say(telegram, question.rsplit("/ya ", 1)[1][:6]).startswith("⚠️ ")  # the close could not be checked
    engine.hooks.hooks.clear()
    clock.advance(5)  # the broker guard's own wait before it asks again
    assert [p["ticket"] for p in engine.positions()] == [ticket]
    assert say(telegram, f"/jeda {bot_id}") == f"Bot #{bot_id} Scripted EURUSD dijeda.\nPosisinya sekarang hanya " \
                                               "dilindungi SL/TP di broker."
