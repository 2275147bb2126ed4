"""Settings → "Tes koneksi" on the fake terminal: every step listed, a failure said with what to do."""

from __future__ import annotations

from qbx_engine.core.i18n import t
from tests import mt5_fake
from tests.conftest import WEDNESDAY_10H


def test_the_settings_page_walks_the_connection_and_says_what_to_do(app, monkeypatch):
    from qbx_engine.core.clock import ManualClock

    terminal = mt5_fake.plug_in(monkeypatch, ManualClock(WEDNESDAY_10H))
    view = app("settings")
    view.click(t("mt5c.ui.button", "id"))
    assert t("mt5c.ui.all_ok", "id") in [s.value for s in view.at.success]
    shown = view.texts().replace("\\", "")
    for step in ("terminal", "initialized", "login", "account", "autotrading_terminal", "autotrading_account",
                 "symbol", "offset"):
        assert f"**{t(f'mt5c.step.{step}', 'id')}**" in shown, step
    assert "Jam server UTC+2" in shown and terminal.password not in shown

    terminal.algo_trading = False
    view.click(t("mt5c.ui.button", "id"))
    errors = [e.replace("\\", "") for e in view.errors()]
    assert t("mt5c.ui.failed", "id", step=t("mt5c.step.autotrading_terminal", "id")) in errors
    (box,) = [e for e in errors if "10027" in e]
    assert "Yang perlu dilakukan: Tekan tombol Algo Trading" in box
    assert "(belum dicek)" in view.texts()
