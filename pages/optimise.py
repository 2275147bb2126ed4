"""Optimisation: a grid over up to three parameters, ranked in sample, checked out of sample; apply a point."""

import streamlit as st

from qbx_engine.backtest import BacktestConfig, optimise
from qbx_engine.core.i18n import number
from qbx_engine.market.symbols import PAPER_SYMBOLS
from qbx_engine.market.timeframes import TIMEFRAMES
from qbx_engine.reports import charts, history_views
from qbx_ui.shell import act, engine, field_error, flash, lang, live, msg, submit, tr
from qbx_ui.widgets import param_inputs, strategy_picker, table

eng = engine()
language = lang()
tz = eng.get_settings()["timezone"]
st.title(tr("nav.optimise"))
st.caption(tr("opt.help"))
errors = st.session_state.get("qbx_opt_errors", {})

strategy = strategy_picker("qbx_opt_strategy", st.session_state.get("qbx_opt_strategy"))
schema = eng.strategies()[strategy]
labels = {p["name"]: p["label"][language] for p in schema["params"]}
chosen = st.multiselect(tr("opt.params"), list(labels), default=list(labels)[:2], max_selections=optimise.MAX_AXES,
                        key=f"qbx_opt_axes.{strategy}", format_func=labels.get)
field_error(errors, "axes")

with st.form("qbx_opt_form"):
    top = st.columns(4)
    symbol = top[0].selectbox(tr("ui.market"), list(PAPER_SYMBOLS), key="qbx_opt_symbol")
    timeframe = top[1].selectbox(tr("ui.timeframe"), TIMEFRAMES, index=TIMEFRAMES.index("H1"), key="qbx_opt_tf")
    count = top[2].number_input(tr("bt.bars"), min_value=300, max_value=50_000, value=3000, step=500,
                                key="qbx_opt_count")
    balance = top[3].number_input(tr("bt.balance"), min_value=100.0, max_value=10_000_000.0, value=10_000.0,
                                  step=1000.0, key="qbx_opt_balance")
    field_error(errors, "bars")
    ranges = {}
    for param in (p for p in schema["params"] if p["name"] in chosen):
        name = param["name"]
        row = st.columns([2, 1, 1, 1])
        row[0].markdown(f"**{labels[name]}**")
        if param["kind"] in ("int", "float"):
            cast = int if param["kind"] == "int" else float
            low, high, step = cast(param["min"]), cast(param["max"]), cast(param["step"] or 1)
            default = cast(param["default"])
            ranges[name] = (
                row[1].number_input(tr("opt.from"), min_value=low, max_value=high, value=max(low, default - 5 * step),
                                    step=step, key=f"qbx_opt_from.{strategy}.{name}"),
                row[2].number_input(tr("opt.to"), min_value=low, max_value=high, value=min(high, default + 5 * step),
                                    step=step, key=f"qbx_opt_to.{strategy}.{name}"),
                row[3].number_input(tr("opt.step"), min_value=step, max_value=high, value=step, step=step,
                                    key=f"qbx_opt_step.{strategy}.{name}"))
        else:
            row[1].caption(tr("opt.every_choice"))
            ranges[name] = (None, None, None)
        field_error(errors, f"axis.{name}")
    others = {"params": [p for p in schema["params"] if p["name"] not in chosen]}
    if others["params"]:
        st.markdown(f"**{tr('opt.fixed')}**")
    fixed = param_inputs(others, {}, f"qbx_opt_params.{strategy}", errors)
    costs = st.columns(4)
    risk = costs[0].number_input(tr("ui.risk_percent"), min_value=0.01, max_value=10.0, value=1.0, step=0.1,
                                 key="qbx_opt_risk")
    sl = costs[1].number_input(tr("ui.sl_pips"), min_value=0.0, value=30.0, step=1.0, key="qbx_opt_sl")
    field_error(errors, "sl_pips")
    tp = costs[2].number_input(tr("ui.tp_pips"), min_value=0.0, value=60.0, step=1.0, key="qbx_opt_tp")
    spread = costs[3].number_input(tr("bt.spread"), min_value=0, max_value=100_000,
                                   value=PAPER_SYMBOLS[symbol].spread_points, step=1, key="qbx_opt_spread")
    judge = st.columns(3)
    metric = judge[0].selectbox(tr("opt.metric"), optimise.METRICS, key="qbx_opt_metric",
                                format_func=lambda m: tr(f"opt.metric_{m}"))
    in_sample = judge[1].slider(tr("opt.in_sample"), min_value=50, max_value=100, value=70, step=5,
                                key="qbx_opt_in_sample", help=tr("opt.in_sample_help"))
    folds = judge[2].number_input(tr("opt.folds"), min_value=0, max_value=10, value=0, step=1, key="qbx_opt_folds",
                                  help=tr("opt.folds_help"))
    field_error(errors, "in_sample")
    field_error(errors, "folds")
    run = st.form_submit_button(tr("opt.run"), type="primary", icon=":material/play_arrow:")

if run:
    def start():
        axes = tuple(optimise.axis(strategy, name, *ranges[name]) for name in chosen)
        config = BacktestConfig(strategy, fixed, initial_balance=balance, risk_percent=risk, sl_pips=sl, tp_pips=tp,
                                spread_points=int(spread))
        spec = optimise.Spec(config, axes, metric=metric, in_sample=in_sample / 100, folds=int(folds))
        return eng.lab.start_optimisation(spec, symbol=symbol, timeframe=timeframe, count=int(count))

    started, _ = submit(start, "qbx_opt_errors")
    if started:
        st.rerun()

status = eng.lab.optimisation()
if status is not None and status["state"] == "running":
    act_cancel = st.button(tr("opt.cancel"), key="qbx_opt_cancel", icon=":material/stop_circle:")
    if act_cancel:
        act(eng.lab.cancel_optimisation, tr("opt.cancelled"))


@live("1s")
def progress() -> None:
    current = eng.lab.optimisation()
    if current is None:
        return
    if current["state"] == "running":
        share = current["done"] / max(1, current["total"])
        st.progress(share, text=tr("opt.progress", done=current["done"], total=current["total"]))
    elif st.session_state.get("qbx_opt_seen") != (current["started_at"], current["state"]):
        st.session_state["qbx_opt_seen"] = (current["started_at"], current["state"])
        st.rerun(scope="app")


progress()
if status is None:
    st.stop()
if status["state"] == "failed":
    st.error(msg(status["error"]), icon=":material/error:")
elif status["state"] == "cancelled":
    st.info(tr("opt.cancelled"), icon=":material/stop_circle:")
result = status["result"]
if result is None:
    st.stop()

st.subheader(tr("opt.results", symbol=result["source"]["symbol"], timeframe=result["source"]["timeframe"]))
st.caption(tr("opt.summary", n=result["combinations"], refused=result["refused"], bars=result["bars"],
              seconds=number(result["seconds"], 1, language), workers=result["workers"]))
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

names = [a["name"] for a in result["axes"]]
if len(names) >= 2:
    pick = st.columns(3)
    x_axis = pick[0].selectbox(tr("opt.x"), names, index=0, key="qbx_opt_x", format_func=labels.get)
    y_axis = pick[1].selectbox(tr("opt.y"), [n for n in names if n != x_axis], key="qbx_opt_y",
                               format_func=labels.get)
    fixed_at = {}
    for name in names:
        if name not in (x_axis, y_axis):
            values = next(a["values"] for a in result["axes"] if a["name"] == name)
            fixed_at[name] = pick[2].selectbox(labels.get(name, name), values,
                                               index=values.index(best["params"][name]), key=f"qbx_opt_at.{name}")
    cells = history_views.heatmap_frame(result, x_axis, y_axis, fixed_at)
    st.altair_chart(charts.heatmap(cells, x_axis, y_axis, labels.get(x_axis, x_axis), labels.get(y_axis, y_axis),
                                   metric_name), width="stretch")
    st.caption(tr("opt.heatmap_help"))

table(history_views.ranking_frame(result, 50), in_net=st.column_config.NumberColumn(tr("col.in_net"), format="%+.2f"),
      out_net=st.column_config.NumberColumn(tr("col.out_net"), format="%+.2f"))
if result["folds"]:
    st.markdown(f"**{tr('opt.folds_title')}**")
    table(history_views.folds_frame(result, tz), out_net=st.column_config.NumberColumn(tr("col.out_net"),
                                                                                      format="%+.2f"))

bots = eng.list_bots()
if bots:
    with st.container(border=True):
        st.markdown(f"**{tr('opt.apply')}**")
        choose = st.columns(2)
        ranks = [r["rank"] for r in result["rows"][:50]]
        rank = choose[0].selectbox(tr("opt.point"), ranks, key="qbx_opt_point",
                                   format_func=lambda k: f"#{k} " + ", ".join(
                                       f"{n}={v}" for n, v in result["rows"][k - 1]["params"].items()))
        bot_names = {b["id"]: b["name"] for b in bots}
        target = choose[1].selectbox(tr("ui.choose_bot"), list(bot_names), key="qbx_opt_target",
                                     format_func=lambda i: f"#{i} {bot_names.get(i, '')}")
        if st.button(tr("bt.apply_button"), key="qbx_opt_apply", icon=":material/upload:"):
            point = result["rows"][rank - 1]["params"]
            config = result["config"]

            def apply():
                eng.update_bot(target, strategy_name=result["strategy"],
                               strategy_params={**config["strategy_params"], **point},
                               sl_pips=config["sl_pips"] or eng.get_bot(target)["sl_pips"], tp_pips=config["tp_pips"])

            if act(apply, rerun=False):
                flash(tr("bt.applied", name=bot_names[target]))
                st.rerun()
