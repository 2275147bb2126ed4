"""The create and edit forms: strategies filtered by market, presets, strategy facts, stop modes, full editing."""

from __future__ import annotations

from qbx_engine.core.i18n import t
from qbx_engine.strategies import STRATEGIES


def choose(view, key: str, value):
    view.at.selectbox(key=key).select(value).run()
    view.assert_clean()
    return view


def test_the_strategy_picker_offers_what_suits_the_market_and_says_what_it_is(app):
    view = app("bots")
    choose(view, "qbx_create_market", "US500")
    offered = view.at.selectbox(key="qbx_create_strategy").options
    assert "Momentum Indeks · menengah" in offered and "Breakout Indeks · mahir" in offered
    choose(view, "qbx_create_market", "BTCUSD")  # RSI reversal is for ranging markets, not crypto
    assert not any(o.startswith("Pembalikan RSI") or o.startswith("Momentum Indeks")
                   for o in view.at.selectbox(key="qbx_create_strategy").options)
    choose(view, "qbx_create_market", "EURUSD")
    offered = view.at.selectbox(key="qbx_create_strategy").options
    assert not any(o.startswith("Momentum Indeks") or o.startswith("Breakout Indeks") for o in offered)
    assert len(offered) == sum("forex" in cls.markets for cls in STRATEGIES.values())
    choose(view, "qbx_create_strategy", "turtle_breakout")
    text = view.texts()
    assert STRATEGIES["turtle_breakout"].description["id"] in text
    assert t("form.facts", "id", level="pemula", markets="Forex, Emas & logam, Kripto, Indeks saham",
             timeframes="H1, H4, D1") in text


def test_a_preset_fills_the_parameters_and_the_bot_is_created_with_them(app):
    view = app("bots")
    choose(view, "qbx_create_market", "XAUUSD")
    choose(view, "qbx_create_strategy", "turtle_breakout")
    assert view.at.number_input(key="qbx_create_params.turtle_breakout.entry_period").value == 20
    choose(view, "qbx_create_params.turtle_breakout.preset", "conservative")
    assert view.at.number_input(key="qbx_create_params.turtle_breakout.entry_period").value == 55
    assert view.at.number_input(key="qbx_create_params.turtle_breakout.exit_period").value == 20
    guide = view.at.table[-1].value  # every parameter, its value per preset, and what it does
    assert list(guide["Parameter"]) == ["Channel masuk (bar)", "Channel keluar (bar)"]
    assert list(guide["Konservatif"]) == ["55", "20"] and list(guide["Agresif"]) == ["15", "8"]
    assert guide["Penjelasan"].str.len().min() > 20
    view.at.text_input(key="qbx_create_name").input("Gold turtle")
    view.click(t("ui.create_bot", "id"))
    (bot,) = view.engine.list_bots()
    assert (bot["market"], bot["strategy_name"], bot["strategy_params"]) == \
        ("XAUUSD", "turtle_breakout", {"entry_period": 55, "exit_period": 20})


def test_a_parameter_changed_after_a_preset_makes_it_custom_again(app):
    view = app("bots")
    choose(view, "qbx_create_params.ma_crossover.preset", "aggressive")
    assert view.at.number_input(key="qbx_create_params.ma_crossover.fast_period").value == 10
    view.at.number_input(key="qbx_create_params.ma_crossover.fast_period").set_value(12)
    view.click(t("ui.create_bot", "id"))  # refused (no name): the form's values are now what the picker sees
    assert view.engine.list_bots() == [] and t("bot.name_required", "id") in view.errors()
    assert view.at.selectbox(key="qbx_create_params.ma_crossover.preset").value == "custom"
    assert view.at.number_input(key="qbx_create_params.ma_crossover.fast_period").value == 12


def test_atr_stop_mode_shows_its_fields_and_their_messages(app):
    view = app("bots")
    assert view.at.number_input(key="qbx_create.sl").value == 30.0
    view.at.radio(key="qbx_create_stop_mode").set_value("atr").run()
    keys = {n.key for n in view.at.number_input}
    assert {"qbx_create.sl_atr", "qbx_create.tp_atr", "qbx_create.atr_period"} <= keys
    assert "qbx_create.sl" not in keys and "qbx_create.tp" not in keys
    view.at.text_input(key="qbx_create_name").input("ATR bot")
    view.at.number_input(key="qbx_create.sl_atr").set_value(0.0)
    view.at.number_input(key="qbx_create.atr_period").set_value(1)
    view.click(t("ui.create_bot", "id"))
    assert view.engine.list_bots() == []
    errors = view.errors()
    assert t("bot.sl_atr_range", "id", min=0.1, max=50.0, value=0.0) in errors
    assert t("bot.atr_period_range", "id", min=2, max=500, value=1.0) in errors
    view.at.number_input(key="qbx_create.sl_atr").set_value(1.5)
    view.at.number_input(key="qbx_create.atr_period").set_value(10)
    view.click(t("ui.create_bot", "id"))
    (bot,) = view.engine.list_bots()
    assert (bot["stop_mode"], bot["sl_atr"], bot["tp_atr"], bot["atr_period"]) == ("atr", 1.5, 3.0, 10)


def sample_on_detail(view) -> int:
    view.click(t("ui.create_sample", "id"))
    bot_id = view.engine.list_bots()[0]["id"]
    view.at.switch_page("pages/bot_detail.py").run()
    return bot_id


def test_a_stopped_bot_changes_market_timeframe_strategy_and_stop_mode(app):
    view = app("overview")
    bot_id = sample_on_detail(view)
    key = f"qbx_edit.{bot_id}"
    choose(view, f"{key}.market", "US30")
    choose(view, f"{key}.strategy", "index_breakout")
    choose(view, f"{key}.params.index_breakout.preset", "aggressive")
    view.at.radio(key=f"{key}.stop_mode").set_value("atr").run()
    view.at.selectbox(key=f"{key}.timeframe").select("M15")
    view.at.text_input(key=f"{key}.name").input("Dow breakout")
    view.click(t("ui.save_changes", "id"))
    bot = view.engine.get_bot(bot_id)
    assert (bot["name"], bot["market"], bot["timeframe"], bot["strategy_name"], bot["stop_mode"]) == \
        ("Dow breakout", "US30", "M15", "index_breakout", "atr")
    assert bot["strategy_params"] == STRATEGIES["index_breakout"].presets["aggressive"]
    assert not view.errors()


def test_an_active_bot_shows_its_structure_locked_and_still_takes_parameters(app):
    view = app("overview")
    bot_id = sample_on_detail(view)
    view.click(t("ui.start", "id"))
    key = f"qbx_edit.{bot_id}"
    assert t("form.locked_active", "id") in view.texts()
    assert view.at.selectbox(key=f"{key}.market").disabled and view.at.selectbox(key=f"{key}.strategy").disabled
    assert view.at.selectbox(key=f"{key}.timeframe").disabled and view.at.radio(key=f"{key}.stop_mode").disabled
    view.at.number_input(key=f"{key}.params.ma_crossover.fast_period").set_value(15)
    view.at.number_input(key=f"{key}.risk").set_value(0.5)
    view.click(t("ui.save_changes", "id"))
    bot = view.engine.get_bot(bot_id)
    assert (bot["strategy_params"]["fast_period"], bot["risk_percent"], bot["status"]) == (15, 0.5, "active")


def test_a_market_change_with_an_open_position_is_refused_next_to_the_market(app, busy_dir):
    view = app()
    engine = view.engine
    holder = next(b for b in engine.list_bots() if b.get("position_ticket") and b["status"] == "active")
    engine.pause_bot(holder["id"])
    view.at.session_state["qbx_bot"] = holder["id"]
    view.at.switch_page("pages/bot_detail.py").run()
    key = f"qbx_edit.{holder['id']}"
    note = t("form.position_note", "id", ticket=holder["position_ticket"], market=holder["market"])
    assert note in view.texts()
    other = next(s for s in engine.market.symbols() if s != holder["market"] and s in ("EURUSD", "GBPUSD"))
    choose(view, f"{key}.market", other)
    view.click(t("ui.save_changes", "id"))
    assert t("bot.market_with_position", "id", market=holder["market"], ticket=holder["position_ticket"]) in \
        view.errors()
    assert engine.get_bot(holder["id"])["market"] == holder["market"]
