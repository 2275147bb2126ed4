"""The dashboard starts the command reader beside its engine when it is configured, and Settings shows its state:
running as which bot, the allowed chats masked, the last command; or why it is not running."""

from __future__ import annotations

from qbx_ui import shell
from tests.remote.conftest import GROUP, TOKEN, TRADER, say, wait_phase
from tests.ui.conftest import app  # noqa: F401 - fixture


def _shown(view) -> str:
    at = view.at
    return (view.texts() + "\n".join(str(w.value) for w in at.text_input)).replace("\\", "")


def _configure(monkeypatch, telegram, chats: str) -> None:
    monkeypatch.setenv("QBX_TELEGRAM_TOKEN", TOKEN)
    monkeypatch.setenv("QBX_TELEGRAM_API", telegram.base)
    monkeypatch.setenv("QBX_TELEGRAM_ALLOWED_CHATS", chats)


def test_the_dashboard_runs_the_reader_and_settings_shows_it_masked(app, telegram, monkeypatch):  # noqa: F811
    _configure(monkeypatch, telegram, f"{TRADER}, {GROUP}")
    view = app("settings")
    remote = shell.handle().remote
    assert remote is not None and remote.engine is view.engine  # beside the one engine, not another
    wait_phase(remote, "polling")
    assert say(telegram, "/status").startswith("<b>Status bot</b>")
    view.at.run()
    shown = _shown(view)
    assert "Perintah dari Telegram" in shown
    assert "Membaca perintah sebagai @qbx_test_bot" in shown
    assert "Chat yang diizinkan: -1…90, 98…21 · token 12…87" in shown
    assert "Perintah terakhir (2026-11-25 " in shown and "chat 98…21): /status → dijawab" in shown
    for secret in (TOKEN, str(TRADER), str(GROUP)):
        assert secret not in shown


def test_a_bad_allow_list_is_shown_and_no_reader_runs(app, telegram, monkeypatch):  # noqa: F811
    _configure(monkeypatch, telegram, "987654321, @my_channel")
    view = app("settings")
    assert shell.handle().remote is None
    assert "'allowed_chats' harus berisi 1 sampai 20 chat id berupa angka" in _shown(view)
    assert not telegram.of("getUpdates", None)


def test_without_an_allow_list_the_section_says_how_to_allow_a_chat(app, telegram, monkeypatch):  # noqa: F811
    monkeypatch.setenv("QBX_TELEGRAM_TOKEN", TOKEN)
    monkeypatch.setenv("QBX_TELEGRAM_CHAT_ID", str(TRADER))  # notifications only: commands are not read
    view = app("settings")
    assert shell.handle().remote is None
    assert "Belum diatur. Tambahkan allowed_chats = [chat id Anda] ke tabel [telegram]" in _shown(view)
