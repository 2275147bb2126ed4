"""The history, optimisation and saved-backtest views under AppTest: empty and busy stores, and their actions."""

from __future__ import annotations

import time

import pytest

from qbx_engine.core.i18n import render, t
from qbx_ui.shell import plain
from tests.fakes import unavailable

NEW_PAGES = ("history", "optimise")


@pytest.mark.parametrize("page", NEW_PAGES)
def test_the_new_pages_render_on_a_first_run(app, page):
    view = app(page)
    assert view.at.title[0].value == t(f"nav.{page}", "id")
    assert not view.errors()


@pytest.mark.parametrize("page", NEW_PAGES)
def test_the_new_pages_render_a_busy_store(app, busy_dir, page):
    view = app(page)
    assert not view.errors()


def test_history_lists_every_deal_and_filters_them(app, busy_dir):
    view = app("history")
    everything = view.engine.history.deals(days=30)
    table = view.at.dataframe[0].value
    assert len(table) == len(everything["deals"]) > 0
    metrics = {m.label: m.value for m in view.at.metric}
    assert metrics[t("perf.trades", "id")] == str(everything["totals"]["trades"])
    first = everything["deals"][0]
    view.at.selectbox(key="qbx_hist_symbol").select(first["symbol"]).run()
    view.assert_clean()
    shown = view.at.dataframe[0].value
    assert set(shown["symbol"]) == {first["symbol"]}
    assert len(shown) == sum(1 for d in everything["deals"] if d["symbol"] == first["symbol"])
    assert any(b.label == t("ui.download_csv", "id") for b in view.at.get("download_button"))


def test_history_shows_a_manual_deal_as_manual(app):
    view = app("history")
    broker = view.engine.broker
    opened = broker.open_position("EURUSD", "buy", 0.1, sl=0, tp=0, magic=0, comment="by hand")
    broker.close_by_hand(opened.ticket)
    view.at.run()
    table = view.at.dataframe[0].value
    assert list(table["who"]) == [t("hist.manual", "id")] and list(table["magic"]) == [0]


def test_performance_tab_and_the_bot_section(app, busy_dir):
    view = app("history")
    labels = [m.label for m in view.at.metric]
    assert t("perf.expectancy_r", "id") in labels and t("perf.max_dd", "id") in labels
    detail = app("bot_detail")
    assert t("perf.section", "id") in [e.label for e in detail.at.expander]
    assert not detail.errors()


def test_live_vs_backtest_from_the_page(app, busy_dir):
    view = app("history")
    trader = next(b for b in view.engine.list_bots() if view.engine.trades(bot_id=b["id"]))
    view.at.session_state["qbx_bot"] = trader["id"]
    view.at.run()
    view.click(t("live.run", "id"))
    compared = view.at.session_state["qbx_live_result"]
    assert compared["bot_id"] == trader["id"]
    said = t("live.identical", "id", n=compared["counts"]["same"]) if compared["identical"] else \
        t("live.different", "id", **compared["counts"])
    assert said in view.texts()
    rows = view.at.dataframe[-1].value
    assert len(rows) == len(compared["rows"]) and "status" in rows.columns
    assert len(view.at.get("vega_lite_chart")) >= 2  # the account curve, and live beside backtest


def test_history_says_so_when_the_broker_is_down(app, monkeypatch):
    view = app()
    monkeypatch.setattr(view.engine.broker, "closed_positions", unavailable)
    view.at.switch_page("pages/history.py").run()
    view.assert_clean()
    assert any("Broker" in error for error in view.errors())


def run_backtest(view, bars: int, fast: int):
    view.at.number_input(key="qbx_bt_count").set_value(bars)
    view.at.number_input(key="qbx_bt_params.ma_crossover.fast_period").set_value(fast)
    view.click(t("bt.run", "id"))


def test_saved_backtests_reopen_compare_and_delete(app):
    view = app("backtest")
    run_backtest(view, 800, 10)
    run_backtest(view, 800, 12)
    first, second = view.engine.lab.runs()[::-1]
    charts_after_run = len(view.at.get("vega_lite_chart"))
    view.at.selectbox(key="qbx_saved_run").select(first["run_id"]).run()
    view.assert_clean()
    assert len(view.at.get("vega_lite_chart")) == charts_after_run + 2  # its equity curve and its chart
    view.at.multiselect(key="qbx_saved_pair").select(first["run_id"]).select(second["run_id"]).run()
    view.assert_clean()
    compared = next(d.value for d in view.at.dataframe if "run_a" in d.value.columns)
    assert list(compared.columns) == ["metric", "run_a", "run_b"]
    view.click(t("ui.delete", "id"))
    assert [r["run_id"] for r in view.engine.lab.runs()] == [second["run_id"]]


def wait_for_optimisation(view, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while view.engine.lab.optimisation()["state"] == "running":
        assert time.monotonic() < deadline, "the optimisation did not finish"
        time.sleep(0.1)
    view.at.run()
    view.assert_clean()


def test_a_small_optimisation_shows_its_heatmap_and_applies_a_point(app):
    view = app("overview")
    view.click(t("ui.create_sample", "id"))
    bot_id = view.engine.list_bots()[0]["id"]
    view.at.switch_page("pages/optimise.py").run()
    view.at.number_input(key="qbx_opt_count").set_value(1000)
    for name, low, high, step in (("fast_period", 10, 20, 5), ("slow_period", 30, 50, 10)):
        view.at.number_input(key=f"qbx_opt_from.ma_crossover.{name}").set_value(low)
        view.at.number_input(key=f"qbx_opt_to.ma_crossover.{name}").set_value(high)
        view.at.number_input(key=f"qbx_opt_step.ma_crossover.{name}").set_value(step)
    view.click(t("opt.run", "id"))
    wait_for_optimisation(view)
    status = view.engine.lab.optimisation()
    assert status["state"] == "done" and status["result"]["combinations"] == 9
    assert len(view.at.get("vega_lite_chart")) == 1  # the heatmap
    ranking = view.at.dataframe[0].value
    assert len(ranking) == 9 and list(ranking["rank"]) == list(range(1, 10))
    # Nine moving-average crossovers on the paper market's random walk: the verdict says do not use them, on the
    # page and again above "apply", which needs the trader's word before it acts.
    verdict = status["result"]["overfit"]["verdict"]
    assert verdict["level"] == "high"
    headline = render(verdict["headline"], "id")
    assert sum(headline in text for text in view.errors()) == 2
    labels = [m.label for m in view.at.metric]
    assert t("ovf.pbo", "id") in labels and t("ovf.dsr", "id") in labels and t("ovf.wfe", "id") in labels
    assert view.at.button(key="qbx_opt_apply").disabled
    view.at.checkbox(key="qbx_opt_acknowledge").check().run()
    view.click(t("bt.apply_button", "id"))
    best = status["result"]["rows"][0]["params"]
    params = view.engine.get_bot(bot_id)["strategy_params"]
    assert (params["fast_period"], params["slow_period"]) == (best["fast_period"], best["slow_period"])


def test_optimisation_refusals_show_inline(app):
    view = app("optimise")
    view.at.number_input(key="qbx_opt_from.ma_crossover.fast_period").set_value(30)
    view.at.number_input(key="qbx_opt_to.ma_crossover.fast_period").set_value(20)
    view.click(t("opt.run", "id"))
    assert view.engine.lab.optimisation() is None
    assert t("opt.bad_range", "id", name=plain("fast_period")) in view.errors()  # a parameter is shown literally
