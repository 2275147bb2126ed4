"""The Bots page creates a TradingView alert bot and shows its webhook URL and secret once; Settings shows the API
and the alert receiver (or how to turn the API on)."""

from __future__ import annotations

import httpx

from qbx_engine.core.i18n import t
from tests.http.conftest import TOKEN, body


def choose(view, key: str, value):
    view.at.selectbox(key=key).select(value).run()
    view.assert_clean()
    return view


def codes(view) -> list[str]:
    return [c.value for c in view.at.code]


def test_the_bots_page_creates_an_alert_bot_and_shows_its_webhook_once(app):
    view = app("bots")
    choose(view, "qbx_create_market", "EURUSD")
    choose(view, "qbx_create_strategy", "tradingview_alert")
    assert view.at.number_input(key="qbx_create_params.tradingview_alert.max_age").value == 300
    view.at.text_input(key="qbx_create_name").input("TV alerts")
    view.at.toggle(key="qbx_create_start").set_value(True)
    view.click(t("ui.create_bot", "id"))
    (bot,) = view.engine.list_bots()
    assert bot["strategy_name"] == "tradingview_alert" and bot["status"] == "active"

    from qbx_ui import shell

    receiver = shell.handle().http.status()["alerts"]
    assert receiver["running"]  # started with the first alert bot
    url = next(c for c in codes(view) if "/alerts/" in c)
    assert url.startswith(receiver["url"] + "/alerts/")
    secret = url.rsplit("/", 1)[1]
    assert secret in codes(view)  # the secret alone, for the body's "token"
    assert any('"signal": "{{strategy.market_position}}"' in c and '"price": {{close}}' in c for c in codes(view))
    assert httpx.post(url, content=body("buy", "from-page")).status_code == 202  # the URL shown works

    view.click(t("alerts.ui.saved_it", "id"))
    assert not any(secret in c for c in codes(view)) and secret not in view.texts()  # shown once
    view.at.run()
    assert not any(secret in c for c in codes(view))
    assert t("alerts.ui.secret_since", "id", when="")[:20] in view.texts()


def test_renewing_the_secret_shows_the_new_one_once_and_the_old_one_stops(app):
    view = app("bots")
    made = view.engine.alerts.create_bot({"name": "TV", "market": "EURUSD", "status": "active"})
    view.at.run()
    view.click(t("alerts.ui.rotate", "id"))
    fresh = next(c for c in codes(view) if "/alerts/" in c).rsplit("/", 1)[1]
    assert fresh != made["secret"]
    from qbx_ui import shell

    alerts = shell.handle().http.status()["alerts"]["url"]
    assert httpx.post(f"{alerts}/alerts/{made['secret']}", content=body("buy", "old")).status_code == 404
    assert httpx.post(f"{alerts}/alerts/{fresh}", content=body("buy", "new")).status_code == 202


def test_with_a_public_address_the_page_shows_the_whole_webhook_url(app):
    view = app("bots")
    view.engine.update_settings(alerts_public_url="https://qbx.example.trycloudflare.com")
    choose(view, "qbx_create_strategy", "tradingview_alert")
    view.at.text_input(key="qbx_create_name").input("TV")
    view.click(t("ui.create_bot", "id"))
    assert any(c.startswith("https://qbx.example.trycloudflare.com/alerts/") for c in codes(view))


def test_settings_say_how_to_turn_the_api_on(app):
    view = app("settings")
    assert "[api]" in view.texts() and "token =" in view.texts()
    assert t("api.ui.alerts_idle", "id") in view.texts()


def test_settings_show_the_running_api_masked_and_refuse_one_port_for_both(app, monkeypatch):
    monkeypatch.setenv("QBX_API_TOKEN", TOKEN)
    view = app("settings")
    from qbx_ui import shell

    status = shell.handle().http.status()["api"]
    assert status["running"]
    text = view.texts()
    assert status["url"] in text and "qb…08" in text and TOKEN not in text
    view.at.number_input(key="qbx_alerts_port").set_value(view.at.number_input(key="qbx_api_port").value)
    view.at.button(key="FormSubmitter:qbx_api_places-Simpan alamat server").click().run()
    assert t("settings.same_port", "id", value=8502) in view.errors()
    assert shell.handle().engine.get_settings()["alerts_port"] == 8503
    view.at.text_input(key="qbx_alerts_public_url").input("http://not-https.example.com")
    view.at.button(key="FormSubmitter:qbx_api_places-Simpan alamat server").click().run()
    assert any("https://" in e for e in view.errors())


def test_an_alert_bots_detail_page_shows_the_alert_it_acted_on(app):
    view = app("bots")
    made = view.engine.alerts.create_bot({"name": "TV", "market": "EURUSD", "timeframe": "M1", "status": "active"})
    view.engine.alerts.receive(made["secret"], body("buy", "detail-1", price=1.1))
    view.engine.run_tick(made["bot"]["id"])
    view.at.session_state["qbx_bot"] = made["bot"]["id"]
    view.at.switch_page("pages/bot_detail.py").run()
    view.assert_clean()
    assert "Alert TradingView: buy (id detail\\-1, harga 1,1)" in view.texts()  # Markdown-escaped
