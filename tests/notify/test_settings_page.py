"""The Settings page's Notifications section in AppTest: masked credentials, switches, report time, test button."""

from __future__ import annotations

from qbx_engine.core.i18n import t
from qbx_ui.shell import plain
from tests.notify.conftest import SECRETS
from tests.ui.conftest import app  # noqa: F401 - fixture


def _everything_shown(view) -> str:
    """Every text, label and value the page sends to the browser."""
    at = view.at
    labels = [w.label for kind in (at.button, at.checkbox, at.text_input, at.number_input, at.radio) for w in kind]
    values = [str(w.value) for kind in (at.text_input, at.number_input, at.checkbox) for w in kind]
    helps = [str(getattr(w, "help", "") or "") for kind in (at.text_input, at.checkbox) for w in kind]
    shown = "\n".join([view.texts(), *labels, *values, *helps, *(str(c.value) for c in at.code)])
    return shown.replace("\\", "")  # Markdown escapes, as the browser shows the text


def test_configured_channels_show_masked_and_the_test_button_sends(app, configured):  # noqa: F811
    server = configured
    view = app("settings")
    shown = _everything_shown(view)
    assert "token 12…87, chat 98…21" in shown
    assert f"127.0.0.1:{server.port}/…" in shown and "header rahasia wh…ue" in shown
    assert not [secret for secret in SECRETS if secret in shown]
    view.click(t("notify.ui.test", "id", channel="Telegram"))
    test = server.wait_for(1, "telegram")[0].body
    assert test["text"].startswith("<b>🔔 Pesan uji QuantumBotX</b>")
    assert "Pesan uji terkirim lewat Telegram." in [toast.value for toast in view.at.toast]

    server.then("webhook", 500)
    view.click(t("notify.ui.test", "id", channel="Webhook"))
    assert "Pesan uji lewat Webhook gagal: ditolak dengan kode 500: Internal Server Error." in view.errors()
    view.at.run()
    warnings = [w.value for w in view.at.warning]
    assert any("ditolak dengan kode 500" in w and w.startswith("Error terakhir (2026-11-25 ") for w in warnings)
    assert "Webhook** · Terkirim 0 · gagal 1" in view.texts()
    assert not [secret for secret in SECRETS if secret in _everything_shown(view)]


def test_a_bad_report_time_is_shown_and_nothing_changes_then_switches_save(app, configured):  # noqa: F811
    view = app("settings")
    view.at.text_input(key="qbx_notify_report_time").input("25:61")
    view.at.checkbox(key="qbx_notify_telegram_trades").uncheck()
    view.click(t("notify.ui.save", "id"))
    assert t("settings.bad_report_time", "id", value=plain("25:61")) in view.errors()  # typed text shown literally
    status = view.engine.notifications.status()
    assert status["report_time"] == "21:00" and "trades" in status["channels"]["telegram"]["categories"]
    view.at.text_input(key="qbx_notify_report_time").input("07:30")
    view.at.checkbox(key="qbx_notify_telegram_trades").uncheck()
    view.at.checkbox(key="qbx_notify_webhook_reports").uncheck()
    view.click(t("notify.ui.save", "id"))
    assert not view.errors()
    status = view.engine.notifications.status()
    assert status["report_time"] == "07:30"
    assert status["channels"]["telegram"]["categories"] == ["errors", "protections", "broker", "reports"]
    assert status["channels"]["webhook"]["categories"] == ["trades", "errors", "protections", "broker"]
    view.at.run()
    assert view.at.checkbox(key="qbx_notify_telegram_trades").value is False


def test_without_credentials_the_section_says_where_to_put_them(app):  # noqa: F811
    view = app("settings")
    texts = view.texts()
    assert "Belum diatur. Isi tabel [telegram] di .streamlit/secrets.toml atau `QBX_TELEGRAM_TOKEN`" in texts
    assert not [b for b in view.at.button if b.label.startswith("Kirim pesan uji")]
