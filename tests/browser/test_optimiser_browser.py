"""The optimiser's verdict in a real browser: a grid on the paper market, its overfitting verdict shown on the page
and again above "apply to bot", whose button waits for the trader's word."""

from __future__ import annotations

from playwright.sync_api import expect

from qbx_engine import Engine
from qbx_engine.core.i18n import t
from tests.browser.test_dashboard_browser import (  # noqa: F401 - the browser fixture and the page helpers
    bot_file,
    browser,
    click,
    settle,
    shot,
    start_streamlit,
    stop_streamlit,
    toast,
    visit,
)


def test_apply_to_bot_shows_the_verdict_first_and_waits_for_the_traders_word(tmp_path, browser):  # noqa: F811
    data = tmp_path / "data"
    with Engine.open(data, start_scheduler=False) as engine:
        bot_id = engine.create_bot({"name": "Sampel", "market": "EURUSD", "timeframe": "H1",
                                    "strategy_name": "ma_crossover", "strategy_params": {}})["id"]
    server = start_streamlit(data, tmp_path / "streamlit.log")
    tab = browser.new_page(viewport={"width": 1400, "height": 2600})
    try:
        visit(tab, server, "/optimise", t("nav.optimise", "id"))
        settle(tab)
        tab.locator(f'input[aria-label="{t("bt.bars", "id")}"]').fill("1000")
        for index, (low, high, step) in enumerate(((10, 20, 5), (30, 50, 10))):
            for label, value in ((t("opt.from", "id"), low), (t("opt.to", "id"), high), (t("opt.step", "id"), step)):
                field = tab.locator(f'input[aria-label="{label}"]').nth(index)
                field.fill(str(value))
                field.press("Tab")
        click(tab, t("opt.run", "id"))
        try:
            tab.get_by_role("heading", name=t("ovf.title", "id")).first.wait_for(timeout=120_000)
            settle(tab)
        except Exception:
            shot(tab, "failed-optimise-verdict")
            raise
        verdicts = tab.locator('[data-testid="stAlert"]').filter(has_text="Kemungkinan overfit tinggi")
        assert verdicts.count() == 2  # in the overfitting panel, and again above "apply to bot"
        apply = tab.get_by_role("button", name=t("bt.apply_button", "id"), exact=True)
        assert verdicts.nth(1).bounding_box()["y"] < apply.bounding_box()["y"]
        assert apply.is_disabled()
        tab.get_by_text(t("ovf.acknowledge", "id"), exact=True).click()
        expect(apply).to_be_enabled(timeout=30_000)  # after the rerun the tick starts, however late that is
        settle(tab)
        apply.click()
        toast(tab, t("bt.applied", "id", name="Sampel"), "optimise-apply")
        shot(tab, "10-optimise-verdict")
    finally:
        tab.close()
        stop_streamlit(server)
    params = bot_file({"data": data}, bot_id)["strategy_params"]
    assert params["fast_period"] in (10, 15, 20) and params["slow_period"] in (30, 40, 50)
