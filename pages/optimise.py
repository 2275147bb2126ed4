"""Optimisation: a grid or a budgeted search, ranked in sample, checked out of sample, judged for overfitting;
apply a point."""

import streamlit as st

from qbx_engine.backtest import BacktestConfig, optimise, search
from qbx_engine.market.symbols import PAPER_SYMBOLS
from qbx_engine.market.timeframes import TIMEFRAMES
from qbx_ui import optimiser
from qbx_ui.shell import act, engine, field_error, lang, live, msg, submit, tr
from qbx_ui.widgets import param_inputs, strategy_picker

eng = engine()
language = lang()
tz = eng.get_settings()["timezone"]
st.title(tr("nav.optimise"))
st.caption(tr("opt.help"))
eng.lab.prepare_workers()
errors = st.session_state.get("qbx_opt_errors", {})

method = st.radio(tr("opt.method"), optimise.METHODS, horizontal=True, key="qbx_opt_method",
                  format_func=lambda m: tr(f"opt.method_{m}"), help=tr("opt.method_help"))
searching = method == "search"
strategy = strategy_picker("qbx_opt_strategy", st.session_state.get("qbx_opt_strategy"))
schema = eng.strategies()[strategy]
labels = {p["name"]: p["label"][language] for p in schema["params"]}
most = optimise.MAX_SEARCH_AXES if searching else optimise.MAX_AXES
chosen = st.multiselect(tr("opt.params_search" if searching else "opt.params"), list(labels),
                        default=list(labels)[:min(most, 4 if searching else 2)], max_selections=most,
                        key=f"qbx_opt_axes.{method}.{strategy}", format_func=labels.get)
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
    budget, seed, sampler = 0, 0, "tpe"
    if searching:
        plan = st.columns(3)
        budget = plan[0].number_input(tr("opt.budget"), min_value=0, max_value=optimise.MAX_EVALUATIONS, value=0,
                                      step=10, key="qbx_opt_budget", help=tr("opt.budget_help"))
        seed = plan[1].number_input(tr("opt.seed"), min_value=0, max_value=2**31 - 1, value=0, step=1,
                                    key="qbx_opt_seed", help=tr("opt.seed_help"))
        sampler = plan[2].selectbox(tr("opt.sampler"), search.SAMPLERS, key="qbx_opt_sampler",
                                    format_func=lambda s: tr(f"opt.sampler_{s}"))
        field_error(errors, "budget")
        field_error(errors, "sampler")
    run = st.form_submit_button(tr("opt.run"), type="primary", icon=":material/play_arrow:")

if run:
    def start():
        axes = tuple(optimise.axis(strategy, name, *ranges[name]) for name in chosen)
        config = BacktestConfig(strategy, fixed, initial_balance=balance, risk_percent=risk, sl_pips=sl, tp_pips=tp,
                                spread_points=int(spread))
        spec = optimise.Spec(config, axes, metric=metric, in_sample=in_sample / 100, folds=int(folds), method=method,
                             budget=int(budget), seed=int(seed), sampler=sampler)
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
opened = optimiser.saved_runs(tz)
if opened is not None:
    optimiser.result_view(opened, labels, tz)
    st.stop()
if status is None:
    st.stop()
if status["state"] == "failed":
    st.error(msg(status["error"]), icon=":material/error:")
elif status["state"] == "cancelled":
    st.info(tr("opt.cancelled"), icon=":material/stop_circle:")
if status["result"] is not None:
    optimiser.result_view(status["result"], labels, tz)
