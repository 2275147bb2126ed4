"""The account backtest in a real browser: choose the bots, run, see the equity and drawdown with the emergency
brake's trips marked, and nothing applied to any bot by accident. Screenshots land in test-artifacts/."""

from __future__ import annotations

import json
import time

import pytest

from qbx_engine import Engine
from qbx_engine.core.i18n import t
from tests.browser.test_dashboard_browser import (
    CHROMIUM,
    settle,
    shot,
    start_streamlit,
    stop_streamlit,
    sync_api,
    visit,
)

BOT = {"timeframe": "M15", "strategy_name": "ma_crossover", "strategy_params": {"fast_period": 3, "slow_period": 8},
       "sl_pips": 12, "tp_pips": 25, "risk_percent": 1.0}


@pytest.fixture
def prepared(tmp_path):
    data = tmp_path / "data"
    with Engine.open(data, start_scheduler=False) as engine:
        engine.create_bot({"name": "Satu EURUSD", "market": "EURUSD", **BOT})
        engine.create_bot({"name": "Dua GBPUSD", "market": "GBPUSD", "cooldown_minutes": 30, **BOT})
        engine.update_settings(brake_daily_loss=40.0, brake_rearm="next_day")
    return data


def _bots(data) -> dict:
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted((data / "bots").glob("bot-*"))}


def test_the_account_backtest_in_the_browser(prepared, tmp_path):
    before = _bots(prepared)
    server = start_streamlit(prepared, tmp_path / "streamlit.log")
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            page = browser.new_page(viewport={"width": 1400, "height": 2200})
            visit(page, server, "/backtest", t("nav.backtest", "id"))
            settle(page)
            page.get_by_role("tab", name=t("acct.tab", "id"), exact=True).click()
            settle(page)
            chosen = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Satu EURUSD")
            chosen.filter(has_text="Dua GBPUSD").first.wait_for(timeout=30_000)  # every bot by default
            page.get_by_role("button", name=t("acct.run", "id"), exact=True).click()
            try:
                page.get_by_text(t("acct.per_bot", "id")).first.wait_for(timeout=120_000)
            except Exception:
                shot(page, "failed-account-backtest")
                raise
            settle(page)
            page.get_by_text(t("acct.trips", "id", n="")[:-1]).first.wait_for(timeout=30_000)
            charts = page.locator('[data-testid="stVegaLiteChart"]')
            charts.first.wait_for(timeout=30_000)
            assert charts.count() >= 1
            shot(page, "9-account-backtest")
            browser.close()
    finally:
        stop_streamlit(server)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the server's exit releases the data folder's lock
        try:
            engine = Engine.open(prepared, start_scheduler=False)
            break
        except Exception:  # noqa: BLE001 - still held by the exiting server
            time.sleep(0.3)
    else:
        pytest.fail("the data folder stayed locked after the server stopped")
    with engine:
        (record,) = engine.lab.runs()
        assert record["kind"] == "account" and record["stats"]["brake_trips"] >= 1
    assert _bots(prepared) == before  # nothing applied to a bot by accident
