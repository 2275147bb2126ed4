"""The Backtest page: run on paper history, inline errors, apply the parameters to a bot, history."""

from __future__ import annotations

from qbx_engine.core.i18n import t


def run(view):
    view.click(t("bt.run", "id"))


def test_backtest_runs_and_shows_results(app):
    view = app("backtest")
    view.at.number_input(key="qbx_bt_count").set_value(1500)
    run(view)
    (record,) = view.engine.lab.runs()
    assert (record["strategy"], record["symbol"], record["timeframe"], record["stats"]["bars"]) == \
        ("ma_crossover", "EURUSD", "H1", 1500)
    metrics = {m.label: m.value for m in view.at.metric}
    assert metrics[t("bt.trades", "id")] == str(record["stats"]["trades"])
    assert len(view.at.get("vega_lite_chart")) == 2  # equity curve and candles with trades
    history = view.at.dataframe[-1].value
    assert list(history["trades"]) == [record["stats"]["trades"]]


def test_bad_parameters_are_shown_inline_and_nothing_runs(app):
    view = app("backtest")
    view.at.number_input(key="qbx_bt_params.ma_crossover.fast_period").set_value(60)
    view.at.number_input(key="qbx_bt_params.ma_crossover.slow_period").set_value(30)
    run(view)
    assert view.engine.lab.runs() == []
    assert t("param.fast_below_slow", "id", fast=60, slow=30) in view.errors()
    view.at.radio(key="qbx_bt_size_mode").set_value("risk")
    view.at.number_input(key="qbx_bt_params.ma_crossover.fast_period").set_value(10)
    view.at.number_input(key="qbx_bt_sl").set_value(0.0)
    run(view)
    assert view.engine.lab.runs() == []
    assert t("lot.no_stop", "id") in view.errors()


def test_apply_the_tested_parameters_to_a_bot(app):
    view = app("overview")
    view.click(t("ui.create_sample", "id"))
    bot_id = view.engine.list_bots()[0]["id"]
    view.at.switch_page("pages/backtest.py").run()
    view.at.number_input(key="qbx_bt_params.ma_crossover.fast_period").set_value(8)
    view.at.number_input(key="qbx_bt_params.ma_crossover.slow_period").set_value(21)
    view.at.number_input(key="qbx_bt_count").set_value(800)
    run(view)
    view.click(t("bt.apply_button", "id"))
    bot = view.engine.get_bot(bot_id)
    assert (bot["strategy_params"]["fast_period"], bot["strategy_params"]["slow_period"]) == (8, 21)
    assert bot["sl_pips"] == 30.0 and bot["tp_pips"] == 60.0


def test_atr_stops_and_trailing_are_backtested_and_applied_to_a_bot(app):
    view = app("overview")
    view.click(t("ui.create_sample", "id"))
    bot_id = view.engine.list_bots()[0]["id"]
    view.at.switch_page("pages/backtest.py").run()
    view.at.radio(key="qbx_bt_stop_mode").set_value("atr").run()
    view.at.number_input(key="qbx_bt_sl_atr").set_value(2.0)
    view.at.number_input(key="qbx_bt_tp_atr").set_value(4.0)
    view.at.number_input(key="qbx_bt_atr_period").set_value(10)
    view.at.number_input(key="qbx_bt_trail_distance").set_value(1.5)
    view.at.number_input(key="qbx_bt_count").set_value(1500)
    run(view)
    (record,) = view.engine.lab.runs()
    config = record["config"]
    assert (config["stop_mode"], config["sl_atr"], config["tp_atr"], config["atr_period"]) == ("atr", 2.0, 4.0, 10)
    assert (config["breakeven_at"], config["trail_distance"]) == (0.0, 1.5)
    result = view.engine.lab.open_run(record["run_id"])
    assert len(result.trades) > 0 and (result.trades["sl"] > 0).all()  # every entry had its ATR stop
    view.click(t("bt.apply_button", "id"))
    bot = view.engine.get_bot(bot_id)
    assert (bot["stop_mode"], bot["sl_atr"], bot["tp_atr"], bot["atr_period"], bot["trail_distance"]) == \
        ("atr", 2.0, 4.0, 10, 1.5)


def test_an_alert_strategy_asks_for_its_past_alerts_and_runs_nothing_without_them(app):
    view = app("backtest")
    assert not [u for u in view.at.get("file_uploader") if "qbx_bt_alerts" in str(u.proto)]
    view.at.selectbox(key="qbx_bt_strategy").set_value("tradingview_alert").run()
    (uploader,) = [u for u in view.at.get("file_uploader") if "qbx_bt_alerts" in str(u.proto)]
    assert t("bt.alerts_upload", "id") in str(uploader.proto)
    run(view)
    assert view.engine.lab.runs() == []
    assert t("bt.alerts_need_csv", "id") in view.errors()
