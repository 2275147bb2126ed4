"""Protections in the dashboard (AppTest): Settings sections with validation, bot forms, the bot page, the banner."""

from __future__ import annotations

import pytest

from qbx_engine.core.i18n import t
from qbx_ui.shell import plain
from tests.ui.test_pages import PAGES


def _bot(engine, **fields) -> dict:
    data = {"name": "Guarded", "market": "EURUSD", "timeframe": "M1", "strategy_name": "ma_crossover",
            "sl_pips": 20, "tp_pips": 40, "check_interval": 60, **fields}
    return engine.create_bot(data)


def test_settings_show_the_brake_and_refuse_a_bad_limit(app):
    view = app("settings")
    assert t("prot.ui.brake", "id") in [s.value for s in view.at.subheader]
    assert t("prot.ui.calendar", "id") in [s.value for s in view.at.subheader]
    view.at.number_input(key="qbx_brake_loss").set_value(150.0)
    view.at.radio(key="qbx_brake_unit").set_value("percent")
    view.click(t("prot.ui.save_brake", "id"))
    assert t("settings.bad_loss_pct", "id", value=150.0) in view.errors()
    assert view.engine.get_settings()["brake_daily_loss"] == 0.0  # nothing saved

    view.at.number_input(key="qbx_brake_loss").set_value(2.5)
    view.at.radio(key="qbx_brake_rearm_mode").set_value("next_day")
    view.at.toggle(key="qbx_brake_close_all").set_value(True)
    view.click(t("prot.ui.save_brake", "id"))
    assert not view.errors()
    saved = view.engine.get_settings()
    assert (saved["brake_daily_loss"], saved["brake_daily_loss_unit"], saved["brake_rearm"],
            saved["brake_close_all"]) == (2.5, "percent", "next_day", True)
    assert "Rem siap. Saldo awal hari 10.000,00 USD" in view.texts()


def test_settings_calendar_names_the_bad_line_then_saves(app):
    view = app("settings")
    view.at.toggle(key="qbx_cal_on").set_value(True)
    view.at.text_area(key="qbx_cal_dates").input("2026-12-24\n2026-12-32")
    view.at.text_area(key="qbx_cal_windows").input("21:25-21:45")
    view.click(t("prot.ui.save_calendar", "id"))
    assert t("cal.err.date", "id", value=plain("2026-12-32")) in view.errors()
    assert view.engine.get_settings()["calendar_on"] is False

    view.at.text_area(key="qbx_cal_dates").input("2026-12-24\n\n 2026-12-31 ")
    view.at.multiselect(key="qbx_cal_presets").select("idx").select("ramadan")
    view.at.number_input(key="qbx_cal_risk").set_value(0.5)
    view.at.text_area(key="qbx_cal_careful_dates").input("2026-11-27")
    view.click(t("prot.ui.save_calendar", "id"))
    assert not view.errors()
    saved = view.engine.get_settings()
    assert (saved["calendar_on"], saved["calendar_dates"], saved["calendar_windows"], saved["calendar_presets"],
            saved["calendar_careful_dates"], saved["calendar_careful_risk"]) == (
        True, ["2026-12-24", "2026-12-31"], ["21:25-21:45"], ["idx", "ramadan"], ["2026-11-27"], 0.5)
    shown = view.texts()
    assert "2026-12-24, 2026-12-25, 2026-12-31" in shown and "2027-02-08 – 2027-03-09*" in shown


def test_the_brake_banner_shows_on_every_page_and_re_arming_clears_it(app):
    view = app("settings")
    view.engine.safety.watch_account()  # the equity peak: 10,000
    view.engine.broker.open_position("EURUSD", "buy", 1.0, sl=0.0, tp=0.0, magic=0, comment="mine")  # the spread
    view.engine.update_settings(brake_max_drawdown=0.0001)
    drawdown = view.engine.safety.brake()["figures"]["drawdown"]
    assert drawdown > 0
    for page in PAGES:
        view.at.switch_page(f"pages/{page}.py").run()
        view.assert_clean()
        banner = [e.value for e in view.at.error if e.value.startswith("**Rem darurat aktif** sejak 2026-11-25 17:00")]
        shown = f"drawdown {drawdown:,.2f} USD (".translate(str.maketrans(",.", ".,"))
        assert banner and shown in banner[0] and "dari puncak ekuitas 10.000,00" in banner[0], page
    view.click(t("prot.ui.rearm", "id"))
    assert view.engine.safety.brake()["on"] is False
    assert not [e for e in view.at.error if "Rem darurat aktif" in e.value]


def test_the_create_form_saves_protections_and_refuses_out_of_range_ones(app):
    view = app("bots")
    view.at.text_input(key="qbx_create_name").input("Guarded")
    view.at.number_input(key="qbx_create.protect.cooldown_minutes").set_value(20_000)
    view.at.number_input(key="qbx_create.protect.sl_guard_count").set_value(3)
    view.click(t("ui.create_bot", "id"))
    assert t("bot.cooldown_minutes_range", "id", min=0, max=10080, value=20_000.0) in view.errors()
    assert view.engine.list_bots() == []

    view.at.number_input(key="qbx_create.protect.cooldown_minutes").set_value(15)
    view.at.number_input(key="qbx_create.protect.max_trades_per_day").set_value(4)
    view.at.number_input(key="qbx_create.protect.trail_distance").set_value(12.5)
    view.at.toggle(key="qbx_create.protect.entries_off").set_value(True)
    view.click(t("ui.create_bot", "id"))
    (bot,) = view.engine.list_bots()
    assert (bot["cooldown_minutes"], bot["sl_guard_count"], bot["max_trades_per_day"], bot["trail_distance"],
            bot["entries_off"]) == (15, 3, 4, 12.5, True)


def test_the_bot_page_shows_what_holds_entries_back_and_switches_entries_off(app):
    view = app()
    bot = _bot(view.engine, cooldown_minutes=10, breakeven_at=8, trail_distance=5)
    view.at.switch_page("pages/bot_detail.py").run()
    assert t("prot.ui.open_allowed", "id") in view.texts()
    assert "masa tenang 10 mnt · break-even di 8,0 pip · trailing 5,0 pip" in view.texts()
    view.click(t("prot.ui.entries_off_button", "id"))
    assert view.engine.get_bot(bot["id"])["entries_off"] is True
    warnings = [w.value for w in view.at.warning]
    assert any(w.startswith("mode tanpa entry baru aktif") for w in warnings)
    view.click(t("prot.ui.entries_on_button", "id"))
    assert view.engine.get_bot(bot["id"])["entries_off"] is False


def test_quick_edit_changes_protections(app):
    view = app()
    bot = _bot(view.engine)
    view.at.switch_page("pages/bot_detail.py").run()
    key = f"qbx_edit.{bot['id']}.protect"
    view.at.number_input(key=f"{key}.sl_guard_count").set_value(2)
    view.at.number_input(key=f"{key}.sl_guard_pause").set_value(0)
    view.click(t("ui.save_changes", "id"))
    assert t("bot.sl_guard_pause_range", "id", min=1, max=10080, value=0.0) in view.errors()
    assert view.engine.get_bot(bot["id"])["sl_guard_count"] == 0
    view.at.number_input(key=f"{key}.sl_guard_pause").set_value(45)
    view.click(t("ui.save_changes", "id"))
    saved = view.engine.get_bot(bot["id"])
    assert (saved["sl_guard_count"], saved["sl_guard_pause"]) == (2, 45)


@pytest.mark.parametrize("page", ["settings", "bot_detail"])
def test_pages_with_protections_render_a_busy_store(app, busy_dir, page):
    view = app(page)
    assert not view.errors()
