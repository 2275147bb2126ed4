"""The optimiser in the dashboard: a result with its overfitting verdict, "apply to a bot" that shows the verdict
first, saved optimisations, and the Dask scheduler's section in Settings.

Everything reads and changes through the engine (``engine.lab``: ``optimisation_runs``, ``open_optimisation``,
``delete_optimisation``, ``cluster_status``; ``update_settings``, ``update_bot``).
"""

from __future__ import annotations

import streamlit as st

from qbx_engine.core.i18n import number
from qbx_engine.reports import charts, history_views
from qbx_engine.reports.views import local_time

from .shell import act, engine, field_error, flash, lang, msg, plain, submit, tr
from .widgets import table

VERDICT_BOXES = {"high": (st.error, ":material/dangerous:"), "caution": (st.warning, ":material/warning:"),
                 "low": (st.success, ":material/verified:"), "unknown": (st.info, ":material/help:")}


def verdict_box(result: dict) -> None:
    """The verdict on the best point, in the colour of its level, with its reasons."""
    found = result.get("overfit") or {}
    verdict = found.get("verdict")
    if not verdict:
        return
    show, icon = VERDICT_BOXES[verdict["level"]]
    reasons = "\n".join(f"- {msg(reason)}" for reason in verdict["reasons"])
    show(f"**{msg(verdict['headline'])}**" + (f"\n\n{reasons}" if reasons else ""), icon=icon)


def overfit_panel(result: dict) -> None:
    """How likely the best point is luck: the verdict, then PBO, the deflated Sharpe ratio and WFE explained."""
    shown = history_views.overfit_rows(result, lang())
    st.subheader(tr("ovf.title"))
    verdict_box(result)
    columns = st.columns(3)
    columns[0].metric(tr("ovf.pbo"), shown["pbo"], help=tr("ovf.pbo_help", blocks=shown["blocks"]))
    columns[1].metric(tr("ovf.dsr"), shown["dsr"], help=tr("ovf.dsr_help", trials=shown["trials"]))
    columns[2].metric(tr("ovf.wfe"), shown["wfe"], help=tr("ovf.wfe_help"))


def summary(result: dict) -> None:
    """What was tested, and where."""
    language = lang()
    seconds = number(result["seconds"], 1, language)
    if result.get("method") == "search":
        st.caption(tr("opt.search_summary", sampler=tr(f"opt.sampler_{result['sampler']}"), seed=result["seed"],
                      n=result["combinations"], space=result["space"], refused=result["refused"],
                      bars=result["bars"], seconds=seconds))
    else:
        st.caption(tr("opt.summary", n=result["combinations"], refused=result["refused"], bars=result["bars"],
                      seconds=seconds, workers=result.get("workers", 1)))
    if result.get("executor") == "dask":
        st.caption(tr("opt.where_cluster", workers=result["workers"]))


def heatmap(result: dict, labels: dict, metric_name: str) -> None:
    """The metric over any two of the parameters: a grid's other parameters held at a chosen value, a search's
    left free (each cell shows the best point tested there)."""
    names = [a["name"] for a in result["axes"]]
    if len(names) < 2:
        return
    best = result["rows"][0]["params"] if result["rows"] else {}
    searched = result.get("method") == "search"
    pick = st.columns(3)
    x_axis = pick[0].selectbox(tr("opt.x"), names, index=0, key="qbx_opt_x", format_func=lambda n: labels.get(n, n))
    y_axis = pick[1].selectbox(tr("opt.y"), [n for n in names if n != x_axis], key="qbx_opt_y",
                               format_func=lambda n: labels.get(n, n))
    fixed_at = {}
    if not searched:
        for name in names:
            if name not in (x_axis, y_axis):
                values = next(a["values"] for a in result["axes"] if a["name"] == name)
                fixed_at[name] = pick[2].selectbox(labels.get(name, name), values,
                                                   index=values.index(best[name]) if name in best else 0,
                                                   key=f"qbx_opt_at.{name}")
    cells = history_views.heatmap_frame(result, x_axis, y_axis, fixed_at)
    st.altair_chart(charts.heatmap(cells, x_axis, y_axis, labels.get(x_axis, x_axis), labels.get(y_axis, y_axis),
                                   metric_name), width="stretch")
    st.caption(tr("opt.heatmap_best_help" if searched else "opt.heatmap_help"))


def apply_section(result: dict) -> None:
    """Apply a point to a bot: the verdict comes first; a point judged likely overfit needs the trader's word."""
    eng = engine()
    bots = eng.list_bots()
    if not bots or not result["rows"]:
        return
    with st.container(border=True):
        st.markdown(f"**{tr('opt.apply')}**")
        st.caption(tr("ovf.apply_first"))
        verdict_box(result)
        choose = st.columns(2)
        ranks = [r["rank"] for r in result["rows"][:50]]
        rank = choose[0].selectbox(tr("opt.point"), ranks, key="qbx_opt_point",
                                   format_func=lambda k: f"#{k} " + ", ".join(
                                       f"{n}={v}" for n, v in result["rows"][k - 1]["params"].items()))
        bot_names = {b["id"]: b["name"] for b in bots}
        target = choose[1].selectbox(tr("ui.choose_bot"), list(bot_names), key="qbx_opt_target",
                                     format_func=lambda i: f"#{i} {bot_names.get(i, '')}")
        level = ((result.get("overfit") or {}).get("verdict") or {}).get("level")
        allowed = True
        if level == "high":
            allowed = st.checkbox(tr("ovf.acknowledge"), key="qbx_opt_acknowledge")
        if st.button(tr("bt.apply_button"), key="qbx_opt_apply", icon=":material/upload:", disabled=not allowed):
            point = result["rows"][rank - 1]["params"]
            config = result["config"]

            def apply():
                eng.update_bot(target, strategy_name=result["strategy"],
                               strategy_params={**config["strategy_params"], **point},
                               sl_pips=config["sl_pips"] or eng.get_bot(target)["sl_pips"], tp_pips=config["tp_pips"])

            if act(apply, rerun=False):
                flash(tr("bt.applied", name=bot_names[target]))
                st.rerun()


def result_view(result: dict, labels: dict, tz: str) -> None:
    """A finished optimisation: what was tested, the odds it is luck, the heatmap, the ranking, walk-forward and
    "apply to a bot" (the verdict shown before it)."""
    language = lang()
    st.subheader(tr("opt.results", symbol=result["source"]["symbol"], timeframe=result["source"]["timeframe"]))
    summary(result)
    if not result["rows"]:
        return
    best = result["rows"][0]
    metric_name = tr(f"opt.metric_{result['metric']}")
    row = st.columns(4)
    row[0].metric(tr("opt.best"), ", ".join(f"{k}={v}" for k, v in best["params"].items()))
    row[1].metric(tr("opt.in_metric", metric=metric_name), "-" if best["in"][result["metric"]] is None else
                  number(best["in"][result["metric"]], 2, language))
    if "out" in best:
        row[2].metric(tr("opt.out_net"), number(best["out"]["net_profit"], 2, language),
                      tr("live.trades_n", n=best["out"]["trades"]), delta_color="off", delta_arrow="off")
    if result["walk_forward_net"] is not None:
        row[3].metric(tr("opt.walk_forward_net"), number(result["walk_forward_net"], 2, language))
    overfit_panel(result)
    heatmap(result, labels, metric_name)
    table(history_views.ranking_frame(result, 50),
          in_net=st.column_config.NumberColumn(tr("col.in_net"), format="%+.2f"),
          out_net=st.column_config.NumberColumn(tr("col.out_net"), format="%+.2f"))
    if result["folds"]:
        st.markdown(f"**{tr('opt.folds_title')}**")
        table(history_views.folds_frame(result, tz),
              out_net=st.column_config.NumberColumn(tr("col.out_net"), format="%+.2f"))
    apply_section(result)


def saved_runs(tz: str) -> dict | None:
    """The saved optimisations: open one (its result is returned, to show instead of the latest) or delete it."""
    eng = engine()
    runs = eng.lab.optimisation_runs(50)
    opened = st.session_state.get("qbx_opt_opened")
    if not runs:
        st.session_state.pop("qbx_opt_opened", None)
        return None
    with st.expander(tr("opt.saved_runs"), icon=":material/history:"):
        labels = {r["run_id"]: _run_label(r, tz) for r in runs}
        chosen = st.selectbox(tr("opt.saved_runs"), list(labels), format_func=labels.get, key="qbx_opt_saved",
                              label_visibility="collapsed")
        buttons = st.columns(3)
        if buttons[0].button(tr("opt.saved_open"), key="qbx_opt_saved_open", icon=":material/folder_open:"):
            st.session_state["qbx_opt_opened"] = opened = chosen
        if buttons[1].button(tr("opt.saved_delete"), key="qbx_opt_saved_delete", icon=":material/delete:"):
            if opened == chosen:
                st.session_state.pop("qbx_opt_opened", None)
            act(lambda: eng.lab.delete_optimisation(chosen), tr("opt.saved_deleted"))
    if opened not in labels:
        st.session_state.pop("qbx_opt_opened", None)
        return None
    record = next(r for r in runs if r["run_id"] == opened)
    st.info(tr("opt.saved_showing", when=local_time(record["ts"], tz, "%Y-%m-%d %H:%M")), icon=":material/history:")
    if st.button(tr("opt.saved_current"), key="qbx_opt_saved_back"):
        st.session_state.pop("qbx_opt_opened", None)
        st.rerun()
    return eng.lab.open_optimisation(opened)


def _run_label(record: dict, tz: str) -> str:
    level = tr(f"ovf.level_{record['level']}")
    best = ", ".join(f"{k}={v}" for k, v in (record.get("best") or {}).items())
    return (f"{local_time(record['ts'], tz, '%m-%d %H:%M')} · {record['strategy']} · {record['symbol']} "
            f"{record['timeframe']} · {best} · {level}")


# -- Settings ----------------------------------------------------------------------------------------
CLUSTER_ERRORS = "qbx_cluster_errors"


def cluster_settings() -> None:
    """Settings' section: the Dask scheduler optimisations run on, and a connection test."""
    eng = engine()
    st.subheader(tr("ui.cluster"))
    st.caption(tr("ui.cluster_help"))
    errors = st.session_state.get(CLUSTER_ERRORS, {})
    with st.form("qbx_cluster_settings"):
        address = st.text_input(tr("ui.cluster_address"), value=eng.get_settings()["optimise_cluster"],
                                placeholder="tcp://192.168.1.20:8786", key="qbx_cluster_address")
        field_error(errors, "optimise_cluster")
        buttons = st.columns(2)
        saved = buttons[0].form_submit_button(tr("ui.cluster_save"), type="primary")
        tested = buttons[1].form_submit_button(tr("ui.cluster_test"))
    if saved and submit(lambda: eng.update_settings(optimise_cluster=address.strip()), CLUSTER_ERRORS,
                        tr("ui.saved"))[0]:
        st.rerun()
    if tested:
        found: dict = {}

        def probe() -> None:
            found["status"] = eng.lab.cluster_status(address.strip())

        if act(probe, rerun=False):
            status = found["status"]
            if status is None:
                st.info(tr("ui.cluster_none"), icon=":material/computer:")
            else:
                shown = {**status, "address": plain(status["address"])}
                st.success(tr("ui.cluster_ok", **shown), icon=":material/hub:")
