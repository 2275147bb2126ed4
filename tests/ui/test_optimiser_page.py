"""The optimiser's page under AppTest: a search with its overfitting verdict, saved optimisations reopened and
deleted, and the Dask scheduler's section in Settings."""

from __future__ import annotations

from distributed import LocalCluster

from qbx_engine.backtest import cluster as dask_cluster
from qbx_engine.core.i18n import render, t
from tests.ui.test_history_pages import wait_for_optimisation


def run_search(view, budget: int = 24, seed: int = 3) -> dict:
    view.at.radio(key="qbx_opt_method").set_value("search").run()
    view.at.number_input(key="qbx_opt_count").set_value(1000)
    for name, low, high, step in (("fast_period", 4, 30, 2), ("slow_period", 40, 120, 5)):
        view.at.number_input(key=f"qbx_opt_from.ma_crossover.{name}").set_value(low)
        view.at.number_input(key=f"qbx_opt_to.ma_crossover.{name}").set_value(high)
        view.at.number_input(key=f"qbx_opt_step.ma_crossover.{name}").set_value(step)
    view.at.number_input(key="qbx_opt_budget").set_value(budget)
    view.at.number_input(key="qbx_opt_seed").set_value(seed)
    view.click(t("opt.run", "id"))
    wait_for_optimisation(view)
    return view.engine.lab.optimisation()


def test_a_search_from_the_page_shows_its_verdict_heatmap_and_ranking(app):
    view = app("optimise")
    assert view.at.multiselect(key="qbx_opt_axes.grid.ma_crossover").value == ["fast_period", "slow_period"]
    view.at.radio(key="qbx_opt_method").set_value("search").run()
    assert view.at.multiselect(key="qbx_opt_axes.search.ma_crossover").value == ["fast_period", "slow_period",
                                                                                  "ma_type"]
    status = run_search(view)
    result = status["result"]
    assert status["state"] == "done" and result["method"] == "search" and result["combinations"] == 24
    assert result["seed"] == 3 and result["space"] == 14 * 17 * 2
    captions = [c.value for c in view.at.caption]
    assert any(c.startswith("Pencarian TPE (belajar dari hasil) (seed 3): 24 titik diuji dari ruang 476 titik")
               for c in captions)
    assert len(view.at.get("vega_lite_chart")) == 1 and t("opt.heatmap_best_help", "id") in captions
    assert len(view.at.dataframe[0].value) == 24
    verdict = render(result["overfit"]["verdict"]["headline"], "id")
    assert any(verdict in text for text in view.texts().split("\n"))
    # another pair of parameters for the heatmap
    view.at.selectbox(key="qbx_opt_x").select("ma_type").run()
    view.assert_clean()
    assert len(view.at.get("vega_lite_chart")) == 1


def test_saved_optimisations_reopen_and_delete(app):
    view = app("optimise")
    first = run_search(view, budget=16, seed=1)["result"]
    saved = view.engine.lab.optimisation_runs()
    assert [r["run_id"] for r in saved] == [first["run_id"]] and saved[0]["level"] == first["overfit"]["verdict"][
        "level"]
    view.click(t("opt.saved_open", "id"))
    assert any(t("opt.saved_current", "id") == b.label for b in view.at.button)
    assert len(view.at.dataframe[0].value) == 16
    view.click(t("opt.saved_delete", "id"))
    assert view.engine.lab.optimisation_runs() == []
    assert not any(t("opt.saved_current", "id") == b.label for b in view.at.button)


def test_settings_names_a_scheduler_and_tests_the_connection(app, monkeypatch):
    view = app("settings")
    view.at.text_input(key="qbx_cluster_address").set_value("http://exa mple:80")
    view.click(t("ui.cluster_test", "id"))
    assert any(e.startswith("Alamat scheduler") and "tidak valid" in e for e in view.errors())
    assert view.engine.get_settings()["optimise_cluster"] == ""

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://",
                      dashboard_address=None) as cluster:
        view.at.text_input(key="qbx_cluster_address").set_value(cluster.scheduler_address)
        view.click(t("ui.cluster_test", "id"))
        assert any(s.value.startswith("Terhubung ke") and "1 worker, 1 thread" in s.value for s in view.at.success)
        view.click(t("ui.cluster_save", "id"))
        assert view.engine.get_settings()["optimise_cluster"] == cluster.scheduler_address

    monkeypatch.setattr(dask_cluster, "CONNECT_SECONDS", 1.0)
    view.click(t("ui.cluster_test", "id"))  # the scheduler is gone now
    assert any("tidak bisa dihubungi" in e for e in view.errors())
    view.at.text_input(key="qbx_cluster_address").set_value("")
    view.click(t("ui.cluster_save", "id"))
    assert view.engine.get_settings()["optimise_cluster"] == ""
    view.click(t("ui.cluster_test", "id"))
    assert any(i.value == t("ui.cluster_none", "id") for i in view.at.info)
