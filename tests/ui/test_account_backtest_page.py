"""The Backtest page's Account tab: the bots as saved, replayed together on one balance; saved and reopened."""

from __future__ import annotations

from qbx_engine.core.i18n import t
from tests.conftest import WEDNESDAY_10H

BOT = {"timeframe": "M15", "strategy_name": "ma_crossover", "strategy_params": {"fast_period": 3, "slow_period": 8},
       "sl_pips": 12, "tp_pips": 25, "risk_percent": 1.0}


def test_with_no_bots_the_tab_says_to_create_one(app):
    view = app("backtest")
    assert t("acct.no_bots_yet", "id") in view.texts()
    assert not [b for b in view.at.button if b.label == t("acct.run", "id")]


def test_the_account_backtest_runs_every_bot_with_the_brake_and_is_saved(app):
    view = app("backtest")
    engine = view.engine
    first = engine.create_bot({"name": "Satu", "market": "EURUSD", **BOT})["id"]
    second = engine.create_bot({"name": "Dua", "market": "GBPUSD", "cooldown_minutes": 60, **BOT})["id"]
    engine.update_settings(brake_daily_loss=120.0, brake_rearm="next_day")
    before = {b["id"]: engine.get_bot(b["id"]) for b in engine.list_bots()}
    view.at.run()
    assert sorted(view.at.multiselect(key="qbx_acct_bots").value) == [first, second]  # every bot by default
    view.click(t("acct.run", "id"))

    (record,) = engine.lab.runs()
    assert record["kind"] == "account" and {b["bot_id"] for b in record["bots"]} == {first, second}
    run = engine.lab.open_run(record["run_id"])
    assert run.until <= WEDNESDAY_10H and run.stats["trades"] > 0
    metrics = {m.label: m.value for m in view.at.metric}
    assert metrics[t("acct.trades", "id")] == str(run.stats["trades"])
    assert len(view.at.get("vega_lite_chart")) >= 1  # equity and drawdown, the brake's trips marked
    per_bot = next(d.value for d in view.at.dataframe if "refused" in d.value.columns)
    assert list(per_bot["trades"]) == [b["trades"] for b in run.bots]
    assert run.stats["brake_trips"] >= 1 and t("acct.trips", "id", n=run.stats["brake_trips"]) in view.texts()
    assert {b["id"]: engine.get_bot(b["id"]) for b in engine.list_bots()} == before  # nothing applied to a bot


def test_a_bad_period_is_refused_inline_and_nothing_is_saved(app):
    view = app("backtest")
    engine = view.engine
    engine.create_bot({"name": "Satu", "market": "EURUSD", **BOT})
    view.at.run()
    view.at.multiselect(key="qbx_acct_bots").set_value([])
    view.click(t("acct.run", "id"))
    assert t("acct.no_bots", "id") in view.errors()
    assert engine.lab.runs() == []


def test_the_history_page_compares_the_account_live_with_its_backtest(app):
    view = app("history")
    engine = view.engine
    bot_id = engine.create_bot({"name": "Satu", "market": "EURUSD", "status": "active", **BOT})["id"]
    for _ in range(12):
        engine.run_tick(bot_id)
        engine.clock.advance(15 * 60)
    view.at.run()
    view.click(t("acct.live_run", "id"))
    shown = view.texts()
    assert t("acct.live_title", "id") in shown
    rows = next(d.value for d in view.at.dataframe if "test_trades" in d.value.columns)
    assert list(rows["name"]) == ["Satu"]


def test_a_single_strategy_backtest_applies_the_bots_gates_and_carries_them_to_the_bot(app):
    view = app("backtest")
    engine = view.engine
    bot_id = engine.create_bot({"name": "Satu", "market": "EURUSD", **BOT})["id"]
    view.at.run()
    view.at.number_input(key="qbx_bt_count").set_value(1500)
    view.at.number_input(key="qbx_bt_params.ma_crossover.fast_period").set_value(3)
    view.at.number_input(key="qbx_bt_params.ma_crossover.slow_period").set_value(8)
    view.at.number_input(key="qbx_bt_gates.cooldown_minutes").set_value(240)
    view.click(t("bt.run", "id"))
    result = engine.lab.open_run(engine.lab.runs()[0]["run_id"])
    assert result.config.cooldown_minutes == 240
    assert any(s["cause"] == "cooldown" for s in view.at.session_state["qbx_bt_result"].skipped)
    view.click(t("bt.apply_button", "id"))
    assert engine.get_bot(bot_id)["cooldown_minutes"] == 240
