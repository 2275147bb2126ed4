"""Every command end to end: a chat message into the fake Bot API, the real engine acting, the reply read back."""

from __future__ import annotations

from qbx_engine.core.i18n import number, render
from tests.engine.conftest import force, new_bot
from tests.remote.conftest import DASHBOARD, GROUP, TRADER, say, telegram_events, with_position


def test_the_reads_answer_with_the_engines_figures_in_the_chats_language(engine, clock, telegram, reader):
    bot_id, ticket = with_position(engine, clock, name="Gold <b>scalper</b>", market="XAUUSD")
    new_bot(engine, name="Idle EURUSD")
    reader()
    account = engine.account()

    status = say(telegram, "/status")
    assert status.startswith("<b>Status bot</b>\n2 bot: 1 aktif, 0 dijeda, 1 berhenti, 0 error")
    assert f"🟢 #{bot_id} Gold &lt;b&gt;scalper&lt;/b&gt; · Aktif · XAUUSD M1 · sinyal BUY · BUY" in status
    assert "⏹ #2 Idle EURUSD · Berhenti" in status

    one = say(telegram, f"/bot {bot_id}")
    assert f"<b>#{bot_id} Gold &lt;b&gt;scalper&lt;/b&gt;</b>" in one and f"#{ticket} XAUUSD BUY" in one
    assert say(telegram, f"/status {bot_id}") == one

    saldo = say(telegram, "/saldo")
    assert f"Saldo: {number(account['balance'], 2, 'id')} USD" in saldo
    assert f"Ekuitas: {number(account['equity'], 2, 'id')} USD" in saldo
    balance = say(telegram, "/balance")  # an English word: an English answer
    assert f"Balance: {number(account['balance'], 2, 'en')} USD" in balance

    positions = say(telegram, "/posisi")
    assert positions.startswith("<b>Posisi terbuka (1)</b>")
    assert f"#{ticket} XAUUSD BUY" in positions and f"bot #{bot_id} Gold &lt;b&gt;scalper&lt;/b&gt;" in positions
    assert say(telegram, "/positions").startswith("<b>Open positions (1)</b>")

    engine.close_position(bot_id)
    (trade,) = engine.trades(bot_id=bot_id)
    net = number(trade["net_profit"], 2, "en")
    net = net if trade["net_profit"] <= 0 else "+" + net
    assert f"1 trades (0 won, 1 lost, win rate 0%), net {net} USD" in say(telegram, "/daily")
    assert "1 trade (0 profit, 1 rugi" in say(telegram, "/hari")
    week = say(telegram, "/profit 7", lang="en")  # a word of both languages: the Telegram app's language
    assert week.startswith("<b>The last 7 days</b>\n1 trades") and f"2026-11-25: 1 trades, {net} USD" in week
    assert say(telegram, "/laba 30").startswith("<b>Hasil 30 hari terakhir</b>")

    report = say(telegram, "/laporan")
    assert report.startswith("<b>Laporan mentor 2026-11-25</b>\n1 trade (0 profit, 1 rugi)")
    assert f"Laporan lengkap di dashboard: {DASHBOARD}/mentor" in report
    weekly = say(telegram, "/weekly")
    assert weekly.startswith("<b>Weekly review 2026-11-23 – 2026-11-29</b>")
    assert "<b>Focus for next week</b>" in weekly and f"{DASHBOARD}/mentor" in weekly

    assert say(telegram, "/rem").startswith("✅ <b>Rem darurat tidak aktif</b>\nBelum ada batas")
    assert say(telegram, "/brake").startswith("✅ <b>Emergency brake off</b>")


def test_help_lists_the_commands_in_the_chats_language_and_every_word_in_it_works(engine, telegram, reader):
    reader()
    indonesian = say(telegram, "/bantuan")
    english = say(telegram, "/help")
    assert indonesian.startswith("<b>QuantumBotX — perintah</b>\nLihat:\n/status")
    assert english.startswith("<b>QuantumBotX — commands</b>\nLook:\n/status")
    assert say(telegram, "/start", lang="en") == english  # Telegram's own /start, when a chat first opens the bot
    from qbx_engine.remote.telegram.parse import LOOKUP

    for text in (indonesian, english):
        words = {w.strip(".,:()") for w in text.split() if w.startswith("/")}
        assert words and all(w[1:] in LOOKUP for w in words), words


def test_pause_resume_stop_one_and_all_change_the_bots_and_each_lands_in_the_activity_log(engine, telegram, reader):
    first = new_bot(engine, status="active")["id"]
    second = new_bot(engine, status="active", name="Second")["id"]
    reader()

    assert say(telegram, f"/jeda {first}") == f"Bot #{first} Scripted EURUSD dijeda."
    assert engine.get_bot(first)["status"] == "paused"
    assert say(telegram, f"/jeda {first}") == f"Bot #{first} Scripted EURUSD sudah Dijeda; tidak ada yang berubah."
    assert say(telegram, "/pause all") == f"1 bots paused: #{second}."
    assert [b["status"] for b in engine.list_bots()] == ["paused", "paused"]
    assert say(telegram, "/lanjut semua") == f"2 bot berjalan lagi: #{first}, #{second}."
    assert say(telegram, f"/henti {second}") == f"Bot #{second} Second dihentikan."
    assert say(telegram, f"/resume {second}") == f"⚠️ Bot #{second} is Stopped, not paused; use Start."
    assert [b["status"] for b in engine.list_bots()] == ["active", "stopped"]

    logged = [render(e["msg"], "en") for e in telegram_events(engine)]
    assert logged[0] == f"Telegram (chat 98…21): /jeda {first} → Bot #{first} Scripted EURUSD is paused."
    assert logged[2] == f"Telegram (chat 98…21): /pause all → 1 bots paused: #{second}."
    assert logged[-1] == f"Telegram (chat 98…21): /resume {second} → Bot #{second} is Stopped, not paused; use Start."
    assert len(logged) == 6
    pauses = [e for e in engine.events(bot_id=first, limit=None) if e["action"] == "PAUSE"]
    assert len(pauses) == 1  # the repeated /jeda changed nothing


def test_close_asks_first_then_closes_the_very_position_it_showed(engine, clock, telegram, reader):
    bot_id, ticket = with_position(engine, clock)
    reader()
    question = say(telegram, f"/tutup {bot_id}")
    assert question.startswith(f"Tutup posisi bot #{bot_id} Scripted EURUSD: BUY ")
    assert f"EURUSD #{ticket}, P/L " in question and "Tekan Ya, atau kirim /ya " in question
    assert [p["ticket"] for p in engine.positions()] == [ticket]  # nothing happens before the yes
    message_id, _ = telegram.last_message(TRADER)
    yes, no = telegram.buttons(message_id)
    assert (yes["text"], no["text"]) == ("✅ Ya", "✖ Batal")

    telegram.press(TRADER, message_id, yes["callback_data"])
    done = telegram.wait_replies(TRADER, 2)[1]
    assert done.startswith(f"Posisi BUY #{ticket} EURUSD bot #{bot_id} Scripted EURUSD ditutup di ")
    assert engine.positions() == []
    (trade,) = engine.trades(bot_id=bot_id)
    assert (trade["position_id"], trade["reason"]) == (ticket, "manual")
    assert telegram.of("answerCallbackQuery")
    assert telegram.buttons(message_id) == []  # the question's buttons are gone
    logged = render(telegram_events(engine)[-1]["msg"], "en")
    assert logged.startswith(f"Telegram (chat 98…21): /tutup {bot_id} (confirmed) → Bot #{bot_id} Scripted "
                             f"EURUSD's BUY #{ticket} EURUSD closed at ")

    telegram.press(TRADER, message_id, yes["callback_data"])  # the same button again: nothing to confirm
    assert telegram.wait_replies(TRADER, 3)[2] == "Tidak ada yang menunggu konfirmasi; tidak ada yang dijalankan."
    assert len(engine.trades(bot_id=bot_id)) == 1


def test_close_by_code_a_wrong_code_and_cancel(engine, clock, telegram, reader):
    bot_id, ticket = with_position(engine, clock)
    reader()
    question = say(telegram, f"/close {bot_id}")
    code = question.rsplit("/yes ", 1)[1][:6]
    wrong = "000000" if code != "000000" else "111111"
    assert say(telegram, f"/yes {wrong}") == f"That code is wrong for /close {bot_id}; nothing was done."
    assert engine.positions()
    assert say(telegram, "/cancel") == f"Cancelled: /close {bot_id}."
    assert say(telegram, f"/yes {code}") == "Nothing is waiting for a confirmation; nothing was done."
    assert engine.positions()

    question = say(telegram, f"/close {bot_id}")
    code = question.rsplit("/yes ", 1)[1][:6]
    assert say(telegram, code).startswith(f"Bot #{bot_id} Scripted EURUSD's BUY #{ticket} EURUSD closed at ")
    assert engine.positions() == []


def test_a_confirmed_close_never_closes_a_newer_position_of_the_bot(engine, clock, telegram, reader):
    bot_id, ticket = with_position(engine, clock)
    reader(confirm_seconds=300)  # the bot's next bar comes within the question's life
    question = say(telegram, f"/close {bot_id}")
    code = question.rsplit("/yes ", 1)[1][:6]
    engine.close_position(bot_id)  # closed from the dashboard meanwhile, and the bot opens another
    force(engine, "BUY")
    clock.advance(60)
    newer = engine.run_tick(bot_id)["position_ticket"]
    assert newer and newer != ticket
    assert say(telegram, f"/yes {code}") == (f"Position #{ticket} of bot #{bot_id} Scripted EURUSD is no longer "
                                             "open; nothing was closed.")
    assert [p["ticket"] for p in engine.positions()] == [newer]


def test_start_and_stop_all_ask_first_then_act(engine, telegram, reader):
    first = new_bot(engine)["id"]
    second = new_bot(engine, name="Second")["id"]
    reader()
    question = say(telegram, f"/mulai {first}")
    assert question.startswith(f"Mulai bot #{first} Scripted EURUSD (EURUSD M1)? Bot akan membuka posisi sendiri.")
    assert engine.get_bot(first)["status"] == "stopped"
    message_id, _ = telegram.last_message(TRADER)
    telegram.press(TRADER, message_id, telegram.buttons(message_id)[0]["callback_data"])
    assert telegram.wait_replies(TRADER, 2)[1] == f"Bot #{first} Scripted EURUSD dimulai."
    assert engine.get_bot(first)["status"] == "active"

    question = say(telegram, "/start all")
    assert question.startswith(f"Start 1 bots (#{second})?")
    message_id, _ = telegram.last_message(TRADER)
    telegram.press(TRADER, message_id, telegram.buttons(message_id)[1]["callback_data"])  # Cancel
    assert telegram.wait_replies(TRADER, 4)[3] == "Cancelled: /start all."
    assert engine.get_bot(second)["status"] == "stopped"
    code = say(telegram, "/mulai semua").rsplit("/ya ", 1)[1][:6]
    assert say(telegram, f"/ya {code}") == f"1 bot dimulai: #{second}."
    assert engine.get_bot(second)["status"] == "active"
    assert say(telegram, f"/henti {second}") == f"Bot #{second} Second dihentikan."

    question = say(telegram, "/stop all")
    assert question.startswith(f"Stop 1 bots (#{first})? Their open positions stay")
    code = question.rsplit("/yes ", 1)[1][:6]
    assert say(telegram, f"/yes {code}") == f"1 bots stopped: #{first}."
    assert [b["status"] for b in engine.list_bots()] == ["stopped", "stopped"]
    assert say(telegram, "/stop all") == "No bot needed a change."  # nothing to ask about
    assert say(telegram, f"/stop {second}") == f"Bot #{second} Second is already Stopped; nothing changed."


def test_entries_off_and_on_keep_the_bot_running(engine, telegram, reader):
    bot_id = new_bot(engine, status="active")["id"]
    reader()
    assert say(telegram, f"/entri {bot_id} mati") == (f"Entri baru bot #{bot_id} Scripted EURUSD dimatikan; posisinya "
                                                      "tetap dikelola.")
    bot = engine.get_bot(bot_id)
    assert (bot["status"], bot["entries_off"]) == ("active", True)
    assert "entri mati" in say(telegram, "/status")
    assert say(telegram, "/entries all on") == "New entries of 1 bots are on."
    assert engine.get_bot(bot_id)["entries_off"] is False


def test_the_chat_chooses_its_language_and_keeps_it(engine, telegram, reader):
    reader()
    assert say(telegram, "/bahasa en") == "This chat now speaks English."
    assert say(telegram, "/saldo").startswith("<b>Account (paper)</b>\nBalance: ")  # an Indonesian word, English
    assert say(telegram, "/language id") == "Chat ini sekarang berbahasa Indonesia."
    assert say(telegram, "/balance").startswith("<b>Akun (paper)</b>\nSaldo: ")


def test_in_a_group_only_the_member_who_asked_can_confirm(engine, clock, telegram, reader):
    bot_id, ticket = with_position(engine, clock)
    reader()
    alice, bob = 1111, 2222  # two members of the allowed group
    question = say(telegram, f"/close {bot_id}", chat=GROUP, user_id=alice, lang="en")
    code = question.rsplit("/yes ", 1)[1][:6]
    message_id, _ = telegram.last_message(GROUP)
    yes = telegram.buttons(message_id)[0]["callback_data"]

    refused = f"Only the person who sent /close {bot_id} can confirm it; nothing was done."
    assert say(telegram, f"/yes {code}", chat=GROUP, user_id=bob, lang="en") == refused
    assert say(telegram, code, chat=GROUP, user_id=bob, lang="en") == refused
    telegram.press(GROUP, message_id, yes, user_id=bob, lang="en")
    assert telegram.wait_replies(GROUP, 4)[3] == refused
    assert say(telegram, f"/yes {code}", chat=TRADER, user_id=alice, lang="en") == \
        "Nothing is waiting for a confirmation; nothing was done."  # the group's question, not her private chat's
    assert [p["ticket"] for p in engine.positions()] == [ticket]
    assert telegram.buttons(message_id)  # still open: three tries by another member cost it nothing

    telegram.press(GROUP, message_id, yes, user_id=alice, lang="en")
    assert telegram.wait_replies(GROUP, 5)[4].startswith(f"Bot #{bot_id} Scripted EURUSD's BUY #{ticket} EURUSD "
                                                         "closed at ")
    assert engine.positions() == []
    logged = [render(e["msg"], "en") for e in telegram_events(engine)]
    assert sum(refused in line for line in logged) == 3


def test_a_group_answers_its_own_bot_only_and_ignores_chatter(engine, telegram, reader):
    reader()
    telegram.message(GROUP, "/status@someone_elses_bot")
    telegram.message(GROUP, "good morning everyone")
    reply = say(telegram, "/status@qbx_test_bot", chat=GROUP)
    assert reply.startswith("<b>Status bot</b>")
    assert len(telegram.replies(GROUP)) == 1
    assert say(telegram, "hello") == "Saya hanya mengerti perintah. Kirim /bantuan untuk daftarnya."  # a private chat
