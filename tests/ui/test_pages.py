"""Every page over an empty and a busy store, and every action button changing the engine."""

from __future__ import annotations

import pytest

from qbx_engine import Engine
from qbx_engine.core.errors import LifecycleError
from qbx_engine.core.i18n import t
from qbx_ui.shell import plain
from tests.fakes import unavailable

PAGES = ("overview", "bots", "bot_detail", "mentor", "backtest", "logs", "settings")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_a_first_run(app, page):
    view = app(page)
    assert view.at.title[0].value == t(f"nav.{page}", "id")
    assert not view.errors()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_a_busy_store(app, busy_dir, page):
    view = app(page)
    assert not view.errors()
    assert len(view.engine.list_bots()) == 50


def test_first_run_offers_one_click_sample_bot(app):
    view = app("overview")
    assert t("ui.welcome", "id") in view.texts()
    view.click(t("ui.create_sample", "id"))
    bots = view.engine.list_bots()
    assert [(b["market"], b["strategy_name"], b["status"]) for b in bots] == [("EURUSD", "ma_crossover", "stopped")]
    assert t("ui.welcome", "id") not in view.texts()


def test_busy_bots_page_lists_every_bot(app, busy_dir):
    view = app("bots")
    frame = view.at.dataframe[0].value
    assert len(frame) == 50
    assert set(frame["status"]) <= {"Aktif", "Dijeda", "Berhenti", "Error"}


def _create(view, name: str, **numbers):
    view.at.text_input(key="qbx_create_name").input(name)
    view.at.selectbox(key="qbx_create_market").select("GBPUSD")
    for key, value in numbers.items():
        view.at.number_input(key=key).set_value(value)
    view.click(t("ui.create_bot", "id"))


def test_create_form_saves_a_valid_bot_with_schema_parameters(app):
    view = app("bots")
    _create(view, "Cable trend", **{"qbx_create_params.ma_crossover.fast_period": 7, "qbx_create.sl": 25.0})
    (bot,) = view.engine.list_bots()
    assert (bot["name"], bot["market"], bot["strategy_params"]["fast_period"], bot["sl_pips"]) == \
        ("Cable trend", "GBPUSD", 7, 25.0)
    assert [toast.value for toast in view.at.toast] == [t("ui.created", "id", name="Cable trend")]


def test_create_form_shows_inline_messages_and_saves_nothing(app):
    view = app("bots")
    _create(view, "   ", **{"qbx_create_params.ma_crossover.fast_period": 60,
                             "qbx_create_params.ma_crossover.slow_period": 20, "qbx_create.interval": 0})
    assert view.engine.list_bots() == []
    errors = "\n".join(view.errors())
    assert t("bot.name_required", "id") in errors
    assert "MA cepat" in errors or "periode" in errors.lower()
    assert len(view.errors()) >= 3
    # The page is still usable: fixing the fields saves the bot.
    _create(view, "Fixed", **{"qbx_create_params.ma_crossover.fast_period": 10,
                               "qbx_create_params.ma_crossover.slow_period": 20, "qbx_create.interval": 30})
    assert [b["name"] for b in view.engine.list_bots()] == ["Fixed"]
    assert not view.errors()


def test_lifecycle_buttons_drive_the_engine(app):
    view = app("bots")
    _create(view, "Life", **{})
    bot_id = view.engine.list_bots()[0]["id"]
    status = lambda: view.engine.get_bot(bot_id)["status"]  # noqa: E731
    view.click(t("ui.start", "id"))
    assert status() == "active" and view.engine.verify_invariants() == []
    view.click(t("ui.pause", "id"))
    assert status() == "paused" and view.engine.verify_invariants() == []
    view.click(t("ui.resume", "id"))
    assert status() == "active"
    view.click(t("ui.stop", "id"))
    assert status() == "stopped" and view.engine.verify_invariants() == []
    ticks = view.engine.health()["bots"][bot_id]["ticks"]
    view.click(t("ui.check_now", "id"))
    assert view.engine.health()["bots"][bot_id]["ticks"] == ticks + 1


def test_start_all_and_stop_all(app, busy_dir):
    view = app("bots")
    view.click(t("ui.start_all", "id"))
    assert {b["status"] for b in view.engine.list_bots()} == {"active"}
    view.click(t("ui.stop_all", "id"))
    assert {b["status"] for b in view.engine.list_bots()} == {"stopped"}


def test_delete_asks_first_and_can_close_the_position(app, busy_dir):
    view = app("bots")
    engine = view.engine
    holder = next(b for b in engine.list_bots() if b.get("position_ticket"))
    view.at.selectbox(key="qbx_bots_choice").select(holder["id"]).run()
    view.click(t("ui.delete", "id"))
    assert engine.get_bot(holder["id"])  # nothing deleted before the confirmation
    assert t("ui.delete_confirm", "id", name=plain(holder["name"])) in view.texts()  # the name shown literally
    view.at.radio(key=f"qbx_bots.{holder['id']}.close_choice").set_value(True).run()
    view.click(t("ui.delete_yes", "id"))
    assert holder["id"] not in [b["id"] for b in engine.list_bots()]
    assert not [p for p in engine.positions() if p["magic"] == holder["id"]]


def test_delete_can_be_cancelled(app):
    view = app("overview")
    view.click(t("ui.create_sample", "id"))
    view.at.switch_page("pages/bots.py").run()
    view.click(t("ui.delete", "id")).click(t("ui.cancel", "id"))
    assert len(view.engine.list_bots()) == 1


def test_quick_edit_applies_parameters_and_rejects_bad_ones(app):
    view = app("overview")
    view.click(t("ui.create_sample", "id"))
    bot_id = view.engine.list_bots()[0]["id"]
    view.at.switch_page("pages/bot_detail.py").run()
    key = f"qbx_edit.{bot_id}"
    view.at.number_input(key=f"{key}.params.ma_crossover.fast_period").set_value(12)
    view.click(t("ui.save_changes", "id"))
    assert view.engine.get_bot(bot_id)["strategy_params"]["fast_period"] == 12
    view.at.number_input(key=f"{key}.params.ma_crossover.fast_period").set_value(80)
    view.click(t("ui.save_changes", "id"))
    assert view.engine.get_bot(bot_id)["strategy_params"]["fast_period"] == 12
    assert view.errors()


def test_bot_detail_shows_chart_analysis_position_and_trades(app, busy_dir):
    view = app()
    engine = view.engine
    holder = next(b for b in engine.list_bots() if b.get("position_ticket") and engine.trades(bot_id=b["id"]))
    view.at.session_state["qbx_bot"] = holder["id"]
    view.at.switch_page("pages/bot_detail.py").run()
    text = view.texts()
    assert holder["last_analysis"]["signal"] in text
    assert f"#{holder['position_ticket']}" in text
    trades = view.at.dataframe[-2].value
    assert len(trades) == len(engine.trades(bot_id=holder["id"], limit=200))
    assert view.at.get("vega_lite_chart")


def test_logs_filters_and_pages(app, busy_dir):
    view = app("logs")
    engine = view.engine
    total = engine.count_events()
    assert t("ui.showing", "id", first=1, last=50, total=total) in view.texts()
    assert len(view.at.dataframe[0].value) == 50
    view.at.toggle(key="qbx_logs_notes").set_value(True).run()
    notes = engine.count_events(notifications_only=True)
    assert 0 < notes < total
    assert t("ui.showing", "id", first=1, last=min(50, notes), total=notes) in view.texts()
    assert view.at.dataframe[0].value["notify"].all()
    view.at.multiselect(key="qbx_logs_actions").select("ERROR").run()
    errors = engine.count_events(notifications_only=True, actions=["ERROR"])
    assert set(view.at.dataframe[0].value["action"]) <= {"ERROR"}
    assert f"dari {errors}" in view.texts()


def test_settings_validate_and_save(app):
    view = app("settings")
    view.at.text_input(key="qbx_settings_tz").input("Mars/Olympus")
    view.click(t("ui.save_changes", "id"))
    assert view.engine.settings.get("timezone") == "Asia/Jakarta"
    assert view.errors()
    view.at.text_input(key="qbx_settings_tz").input("Europe/London")
    view.at.number_input(key="qbx_settings_streak").set_value(9)
    view.click(t("ui.save_changes", "id"))
    assert view.engine.settings.get("timezone") == "Europe/London"
    assert view.engine.settings.get("error_streak_limit") == 9
    assert not view.errors()


def test_paper_balance_reset(app):
    view = app("settings")
    view.at.number_input(key="qbx_paper_balance").set_value(2500.0)
    view.click(t("ui.paper_reset", "id"))
    assert view.engine.account()["balance"] == 2500.0


def test_language_switch_turns_the_dashboard_english(app):
    view = app("bots")
    view.at.segmented_control(key="qbx_language").set_value("en").run()
    assert view.engine.settings.get("language") == "en"
    view.at.run()
    assert view.at.title[0].value == t("nav.bots", "en")
    assert view.button(t("ui.start_all", "en"))


def test_password_gate(app):
    view = app(secrets={"password": "rahasia"})
    view.at.run()
    assert not view.at.dataframe and view.at.title[0].value == "QuantumBotX"
    view.at.text_input(key="qbx_password").input("salah")
    view.click(t("ui.login", "id"))
    assert t("ui.wrong_password", "id") in view.errors()
    view.at.text_input(key="qbx_password").input("rahasia")
    view.click(t("ui.login", "id"))
    assert view.at.title[0].value == t("nav.overview", "id")


def test_a_bot_deleted_in_another_tab_leaves_this_tab_usable(app):
    view = app("overview")
    view.click(t("ui.create_sample", "id"))
    view.at.switch_page("pages/bots.py").run()
    bot_id = view.engine.list_bots()[0]["id"]
    view.engine.delete_bot(bot_id)
    view.click(t("ui.start", "id"))  # the rerun no longer shows the bot, so nothing is started
    assert view.engine.list_bots() == []
    assert t("ui.no_bots", "id") in view.texts()


@pytest.mark.parametrize("page", PAGES)
def test_broker_down_shows_a_message_on_every_page(app, busy_dir, monkeypatch, page):
    view = app()
    broker = view.engine.broker
    for name in ("account", "positions", "tick", "rates", "symbols", "symbol_info"):
        monkeypatch.setattr(broker, name, unavailable)
    view.at.session_state["qbx_bot"] = view.engine.list_bots()[0]["id"]
    view.at.switch_page(f"pages/{page}.py").run()
    view.assert_clean()
    if page in ("overview", "bot_detail", "bots"):
        assert any("Broker tidak terhubung" in error for error in view.errors()), view.errors()


def test_engine_error_during_an_action_shows_a_message(app, busy_dir, monkeypatch):
    view = app()
    holder = next(b for b in view.engine.list_bots() if b["status"] == "active")
    view.at.session_state["qbx_bot"] = holder["id"]
    view.at.switch_page("pages/bots.py").run()

    def refuse(*_args, **_kwargs):
        raise LifecycleError("err.engine_closed")

    monkeypatch.setattr(view.engine, "pause_bot", refuse)
    view.click(t("ui.pause", "id"))
    assert t("err.engine_closed", "id") in view.errors()
    assert view.engine.get_bot(holder["id"])["status"] == "active"


def test_released_engine_frees_the_data_folder(app, data_dir):
    import streamlit as st

    app("overview")
    st.cache_resource.clear()
    with Engine.open(data_dir, start_scheduler=False) as engine:
        assert engine.list_bots() == []


def test_mt5_without_the_package_says_so_and_stays_on_paper(app, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "MetaTrader5", None)  # what Linux and macOS have: no such package
    monkeypatch.setenv("QBX_BROKER", "mt5")
    view = app("overview")
    assert view.engine.broker.kind == "paper"
    assert t("ui.mt5_not_installed", "id") in "\n".join(w.value for w in view.at.sidebar.warning)


def test_switching_to_mt5_in_settings_reopens_the_engine_on_the_terminal(app, monkeypatch):
    from qbx_engine.core.clock import SystemClock
    from tests import mt5_fake

    terminal = mt5_fake.plug_in(monkeypatch, SystemClock())
    view = app("settings")
    view.at.radio(key="qbx_settings_broker").set_value("mt5")
    view.click(t("ui.save_changes", "id"))
    assert view.engine.broker.kind == "mt5" and view.engine.settings.get("broker") == "mt5"
    assert terminal.initialized
    view.at.run()
    assert not view.at.sidebar.warning


def test_notifications_can_be_marked_read(app, busy_dir):
    view = app("overview")
    assert view.engine.notifications.unread()
    view.click(t("ui.mark_read", "id"))
    assert view.engine.notifications.unread() == []
    assert t("ui.mark_read", "id") not in [b.label for b in view.at.button]


def test_open_detail_goes_to_the_chosen_bot(app, busy_dir):
    view = app("bots")
    second = view.engine.list_bots()[1]
    view.at.selectbox(key="qbx_bots_choice").select(second["id"]).run()
    view.click(t("ui.open_detail", "id"))
    assert view.at.title[0].value == t("nav.bot_detail", "id")
    assert view.at.selectbox(key="qbx_detail_choice").value == second["id"]


def test_close_the_bots_position_from_its_page(app, busy_dir):
    view = app()
    holder = next(b for b in view.engine.list_bots() if b.get("position_ticket"))
    ticket = holder["position_ticket"]
    view.at.session_state["qbx_bot"] = holder["id"]
    view.at.switch_page("pages/bot_detail.py").run()
    view.click(t("ui.close_now", "id"))
    assert not [p for p in view.engine.positions() if p["magic"] == holder["id"]]
    (trade,) = view.engine.trades(bot_id=holder["id"], limit=1)
    assert (trade["position_id"], trade["reason"]) == (ticket, "manual")
    assert view.engine.get_bot(holder["id"])["position_ticket"] is None


def test_the_bots_tables_pl_is_blank_without_a_position_never_none(app):
    """A missing number reached the browser as null, which the table draws as "None"."""
    view = app("bots")
    engine = view.engine
    idle = engine.create_bot({"name": "Idle", "market": "EURUSD", "timeframe": "H1", "strategy_name": "ma_crossover",
                              "risk_percent": 1.0, "sl_pips": 30, "tp_pips": 60, "check_interval": 60})
    trading = engine.create_bot({**{k: idle[k] for k in ("market", "timeframe", "strategy_name", "risk_percent",
                                                          "sl_pips", "tp_pips", "check_interval")},
                                 "name": "Trading", "market": "GBPUSD"})
    engine.broker.open_position("GBPUSD", "buy", 0.1, sl=0.0, tp=0.0, magic=trading["id"], comment="test")
    view.at.run()
    frame = view.at.dataframe[0].value.set_index("name")
    assert not frame.isna().any().any()
    assert frame.loc["Idle", "pnl"] == "-"
    profit = engine.positions()[0]["profit"]
    assert frame.loc["Trading", "pnl"] == ("+" if profit > 0 else "") + f"{profit:,.2f}".translate(
        str.maketrans(",.", ".,"))
