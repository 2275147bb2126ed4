"""A TradingView alert bot in a real browser: `streamlit run app.py` with the API token set, the Bots page creates
the bot and shows its webhook once, an alert sent to that URL is traded by "check now", Settings shows both
servers. Screenshots land in test-artifacts/ (or $QBX_ARTIFACTS)."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime

import httpx

from qbx_engine.core.i18n import t
from tests.browser.test_dashboard_browser import (
    bot_file,
    browser,  # noqa: F401 - fixture
    click,
    select,
    settle,
    shot,
    start_streamlit,
    stop_streamlit,
    visit,
    wait_for,
)
from tests.http.conftest import TOKEN


def test_an_alert_bot_is_created_in_the_browser_and_trades_the_alert_sent_to_its_url(browser, tmp_path,  # noqa: F811
                                                                                        monkeypatch):
    monkeypatch.setenv("QBX_API_TOKEN", TOKEN)
    server = start_streamlit(tmp_path / "data", tmp_path / "streamlit.log")
    page = browser.new_page(viewport={"width": 1400, "height": 2000})
    try:
        visit(page, server, "/bots", t("nav.bots", "id"))
        select(page, t("ui.market", "id"), "BTCUSD")  # crypto trades every day, whatever day the test runs
        select(page, t("ui.strategy", "id"), "Alert TradingView · menengah")
        settle(page)
        name = page.locator(f'input[aria-label="{t("ui.bot_name", "id")}"]')
        name.fill("Browser TV")
        name.and_(page.locator('[value="Browser TV"]')).wait_for(timeout=30_000)
        for label, pips in (("ui.sl_pips", "4000"), ("ui.tp_pips", "8000")):  # BTCUSD: stops beyond its spread
            field = page.locator(f'input[aria-label="{t(label, "id")}"]')
            field.fill(pips)
            field.press("Tab")
        page.get_by_text(t("ui.start_now", "id"), exact=True).click()
        click(page, t("ui.create_bot", "id"))
        wait_for(lambda: bot_file(server)["strategy_name"] == "tradingview_alert", "the alert bot to be saved")
        page.get_by_text(t("alerts.ui.saved_it", "id"), exact=True).wait_for(timeout=30_000)
        shot(page, "alerts-1-webhook-once")
        url = re.search(r"http://127\.0\.0\.1:\d+/alerts/[A-Za-z0-9_-]+", page.content()).group(0)
        reply = httpx.post(url, content=json.dumps({"signal": "buy", "id": "browser-1", "ticker": "BTCUSD"}))
        assert reply.status_code == 202, reply.text

        click(page, t("alerts.ui.saved_it", "id"))
        page.get_by_text(t("alerts.ui.saved_it", "id"), exact=True).wait_for(state="detached", timeout=30_000)
        settle(page)
        assert url.rsplit("/", 1)[1] not in page.content()  # shown once
        click(page, t("ui.check_now", "id"))
        wait_for(lambda: bot_file(server)["position_ticket"], "the alert to be traded")
        shot(page, "alerts-2-traded")

        visit(page, server, "/settings", t("nav.settings", "id"))
        page.get_by_text(t("api.ui.title", "id")).first.wait_for(timeout=30_000)
        page.get_by_text("qb…08").first.wait_for(timeout=30_000)
        assert TOKEN not in page.content()
        page.get_by_text(t("api.ui.title", "id")).first.scroll_into_view_if_needed()
        shot(page, "alerts-3-settings")

        visit(page, server, "/backtest", t("nav.backtest", "id"))
        select(page, t("ui.strategy", "id"), "Alert TradingView · menengah")
        page.locator('input[type="file"]').set_input_files(str(past_alerts(tmp_path / "alerts.csv")))
        page.get_by_text("alerts.csv").first.wait_for(timeout=30_000)
        click(page, t("bt.run", "id"))
        page.get_by_role("heading", name=t("bt.results", "id", strategy="Alert TradingView", symbol="EURUSD")) \
            .first.wait_for(timeout=60_000)
        shot(page, "alerts-4-backtest")
    finally:
        page.close()
        stop_streamlit(server)


def past_alerts(path):
    """A CSV of alerts every three hours over the last ten days (buy, sell, close in turn), as a trader exports it."""
    now = time.time() // 3600 * 3600
    lines = [f"{datetime.fromtimestamp(now - k * 3 * 3600, UTC).isoformat()},{('buy', 'sell', 'close')[k % 3]},b{k}"
             for k in range(80, 0, -1)]
    path.write_text("time,signal,id\n" + "\n".join(lines) + "\n")
    return path
