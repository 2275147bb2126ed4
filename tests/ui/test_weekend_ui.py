"""On a Sunday the dashboard says when the market opens: the welcome card (with a market open now) and the
bot's entry-protections panel."""

from __future__ import annotations

import pytest

from qbx_engine.core.clock import ManualClock
from qbx_engine.core.i18n import t
from tests.engine.test_weekend import SUNDAY_10_WIB


@pytest.fixture
def sunday_app(app, monkeypatch):
    from qbx_ui import shell

    monkeypatch.setattr(shell, "CLOCK", ManualClock(SUNDAY_10_WIB))
    return app


def test_the_welcome_card_says_when_the_sample_trades_and_creates_one_on_an_open_market(sunday_app):
    view = sunday_app("overview")
    info = "\n".join(i.value for i in view.at.info).replace("\\", "")  # as Markdown shows it
    assert "Pasar EURUSD tutup sampai Senin 05:00 WIB" in info and "Senin 06:00 WIB" in info
    assert "BTCUSD buka saat ini" in view.texts()
    view.click(t("ui.create_sample_on", "id", symbol="BTCUSD"))
    (bot,) = view.engine.list_bots()
    assert (bot["market"], bot["stop_mode"], bot["status"]) == ("BTCUSD", "atr", "stopped")


def test_the_bot_page_lists_the_closed_market_among_what_holds_entries(sunday_app):
    view = sunday_app("overview")
    view.click(t("ui.create_sample", "id"))
    view.at.switch_page("pages/bot_detail.py").run()
    view.assert_clean()
    warnings = [w.value.replace("\\", "") for w in view.at.warning]
    assert "Pasar EURUSD tutup: tidak ada entry sampai pasar buka Senin 05:00 WIB." in warnings
    assert t("prot.ui.open_allowed", "id") not in view.texts()
