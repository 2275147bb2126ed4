"""Backtest: a strategy and its parameters over history, with the bots' own rules, and the account: the bots as
saved, together on one balance with their protections; apply a strategy's winner to a bot; saved runs reopened,
compared and deleted."""

from datetime import date, timedelta

import streamlit as st

from qbx_engine.backtest import BacktestConfig, load_csv
from qbx_engine.core.errors import QbxError, ValidationError
from qbx_engine.core.i18n import Msg
from qbx_engine.market.symbols import PAPER_SYMBOLS
from qbx_engine.market.timeframes import TIMEFRAMES
from qbx_engine.reports import charts, history_views, views
from qbx_engine.strategies.tradingview_alert import NAME as ALERT_STRATEGY
from qbx_ui.history_widgets import account_result, backtest_result
from qbx_ui.protections import gate_inputs
from qbx_ui.shell import act, engine, error_text, field_error, flash, lang, plain, submit, tr
from qbx_ui.widgets import param_inputs, stop_mode_picker, strategy_picker, table

eng = engine()
language = lang()
tz = eng.get_settings()["timezone"]
st.title(tr("nav.backtest"))
errors = st.session_state.get("qbx_bt_errors", {})
run_tab, account_tab, saved_tab = st.tabs([tr("bt.tab_run"), tr("acct.tab"), tr("saved.tab")])

with run_tab:
    strategy = strategy_picker("qbx_bt_strategy", st.session_state.get("qbx_bt_strategy"))
    schema = eng.strategies()[strategy]
    sources = ["paper", "csv", *(["broker"] if eng.broker_kind == "mt5" else [])]
    source = st.segmented_control(tr("bt.source"), sources, default="paper", key="qbx_bt_source",
                                  format_func=lambda s: tr(f"bt.source_{s}")) or "paper"
    upload = None
    if source == "csv":
        upload = st.file_uploader(tr("bt.upload"), type=["csv", "txt"], key="qbx_bt_file", help=tr("bt.upload_help"))
        field_error(errors, "csv")
    alerts_file = None
    if strategy == ALERT_STRATEGY:
        alerts_file = st.file_uploader(tr("bt.alerts_upload"), type=["csv", "txt"], key="qbx_bt_alerts",
                                       help=tr("bt.alerts_upload_help"))
        field_error(errors, "alerts")

    stop_mode = stop_mode_picker("qbx_bt_stop_mode", "pips")
    with st.form("qbx_bt_form"):
        top = st.columns(4)
        markets = eng.market.symbols() if source == "broker" else list(PAPER_SYMBOLS)
        symbol = top[0].selectbox(tr("ui.market"), markets, key=f"qbx_bt_symbol.{source}",
                                  help=tr("bt.symbol_help") if source == "csv" else None)
        field_error(errors, "symbol")
        timeframe = top[1].selectbox(tr("ui.timeframe"), TIMEFRAMES, index=TIMEFRAMES.index("H1"), key="qbx_bt_tf",
                                     disabled=source == "csv")
        if source == "broker":
            today = date.fromisoformat(eng.today())  # the trader's day, not the server's
            span = top[2].date_input(tr("bt.span"), value=(today - timedelta(days=180), today), key="qbx_bt_span",
                                     format="YYYY-MM-DD")
            count = 0
        else:
            span = None
            count = top[2].number_input(tr("bt.bars"), min_value=100, max_value=50_000, value=3000, step=500,
                                        key="qbx_bt_count", disabled=source == "csv")
        balance = top[3].number_input(tr("bt.balance"), min_value=100.0, max_value=10_000_000.0, value=10_000.0,
                                      step=1000.0, key="qbx_bt_balance")
        field_error(errors, "bars")
        field_error(errors, "span")
        st.markdown(f"**{tr('ui.parameters')}**")
        params = param_inputs(schema, {}, f"qbx_bt_params.{strategy}", errors)
        sizing = st.columns(4)
        size_mode = sizing[0].radio(tr("bt.size_mode"), ["risk", "fixed"], key="qbx_bt_size_mode", horizontal=True,
                                    format_func=lambda m: tr(f"bt.size_{m}"))
        risk = sizing[1].number_input(tr("ui.risk_percent"), min_value=0.01, max_value=10.0, value=1.0, step=0.1,
                                      key="qbx_bt_risk")
        volume = sizing[2].number_input(tr("bt.volume"), min_value=0.01, max_value=100.0, value=0.1, step=0.01,
                                        key="qbx_bt_volume")
        field_error(errors, "volume")
        stops = st.columns(5)
        if stop_mode == "atr":
            stop = {"sl_atr": stops[0].number_input(tr("form.sl_atr"), min_value=0.0, value=1.5, step=0.1,
                                                    key="qbx_bt_sl_atr", help=tr("form.sl_atr_help")),
                    "tp_atr": stops[1].number_input(tr("form.tp_atr"), min_value=0.0, value=3.0, step=0.1,
                                                    key="qbx_bt_tp_atr", help=tr("form.tp_atr_help")),
                    "atr_period": int(stops[2].number_input(tr("form.atr_period"), min_value=1, value=14, step=1,
                                                            key="qbx_bt_atr_period", help=tr("form.atr_period_help")))}
        else:
            stop = {"sl_pips": stops[0].number_input(tr("ui.sl_pips"), min_value=0.0, value=30.0, step=1.0,
                                                     key="qbx_bt_sl"),
                    "tp_pips": stops[1].number_input(tr("ui.tp_pips"), min_value=0.0, value=60.0, step=1.0,
                                                     key="qbx_bt_tp")}
        for name in stop:
            field_error(errors, name)
        unit = tr("prot.ui.unit_atr") if stop_mode == "atr" else tr("prot.ui.unit_pips")
        trailing = {name: stops[k].number_input(tr(label, unit=unit), min_value=0.0, value=0.0, step=1.0,
                                                key=f"qbx_bt_{name}", help=tr(f"{label}_help"))
                    for k, name, label in ((3, "breakeven_at", "prot.ui.breakeven"),
                                           (4, "trail_distance", "prot.ui.trail"))}
        st.markdown(f"**{tr('bt.gates')}**", help=tr("bt.gates_help"))
        gates = gate_inputs("qbx_bt_gates", {}, errors)
        costs = st.columns(4)
        spread = costs[0].number_input(tr("bt.spread"), min_value=0, max_value=100_000,
                                       value=PAPER_SYMBOLS[symbol].spread_points if symbol in PAPER_SYMBOLS else 0,
                                       step=1, key="qbx_bt_spread", help=tr("bt.spread_help"))
        commission = costs[1].number_input(tr("bt.commission"), min_value=0.0, value=0.0, step=0.5,
                                           key="qbx_bt_commission", help=tr("bt.commission_help"))
        run = st.form_submit_button(tr("bt.run"), type="primary", icon=":material/play_arrow:")

    if run:
        config = BacktestConfig(strategy, params, initial_balance=balance, size_mode=size_mode, volume=volume,
                                risk_percent=risk, stop_mode=stop_mode, **stop, **trailing, **gates,
                                spread_points=int(spread), commission_per_lot=commission)
        bar = st.progress(0.0, text=tr("bt.running"))

        def progress(done):
            bar.progress(min(1.0, done), text=tr("bt.running"))

        def replay():
            bars, window = None, None
            if source == "csv":
                if upload is None:
                    raise ValidationError({"csv": Msg("bt.no_file")})
                bars = load_csv(upload.getvalue())
            if source == "broker":
                if len(span) != 2:
                    raise ValidationError({"span": Msg("bt.bad_span", {"most": 200_000})})
                window = views.date_window(span[0], span[1], tz)
            if strategy == ALERT_STRATEGY:
                if alerts_file is None:
                    raise ValidationError({"alerts": Msg("bt.alerts_need_csv")})
                return eng.lab.backtest_alerts(config, alerts_file.getvalue(), symbol=symbol, timeframe=timeframe,
                                               count=int(count), bars=bars, span=window, progress=progress)
            return eng.lab.backtest(config, symbol=symbol, timeframe=timeframe, count=int(count), bars=bars,
                                    span=window, source=upload.name if upload is not None else source,
                                    progress=progress)

        st.session_state.pop("qbx_bt_result", None)
        ran, outcome = submit(replay, "qbx_bt_errors")
        if ran:
            st.session_state["qbx_bt_result"] = outcome
            st.rerun()

    result = st.session_state.get("qbx_bt_result")
    if result is not None:
        st.subheader(tr("bt.results", strategy=views.strategy_label(result.config.strategy_name, language),
                        symbol=result.contract.symbol))
        if result.run_id is None:
            st.warning(tr("saved.not_saved"), icon=":material/save:")
        st.caption(tr("acct.exact" if result.ledger is not None and result.ledger.exact else "acct.bars_only"))
        backtest_result(result, tz)
        bots = eng.list_bots()
        if bots:
            with st.container(border=True):
                st.markdown(f"**{tr('bt.apply')}**")
                names = {b["id"]: b["name"] for b in bots}
                target = st.selectbox(tr("ui.choose_bot"), list(names), key="qbx_bt_target",
                                      format_func=lambda i: f"#{i} {names.get(i, '')}")
                if st.button(tr("bt.apply_button"), key="qbx_bt_apply", icon=":material/upload:"):
                    try:
                        eng.update_bot(target, strategy_name=result.config.strategy_name,
                                       strategy_params=result.params, **views.tested_stops(result.config,
                                                                                          eng.get_bot(target)))
                    except QbxError as exc:
                        st.error(error_text(exc), icon=":material/error:")
                    else:
                        flash(tr("bt.applied", name=plain(names[target])))
                        st.rerun()

with account_tab:
    st.caption(tr("acct.intro"))
    every = eng.list_bots()
    if not every:
        st.info(tr("acct.no_bots_yet"), icon=":material/smart_toy:")
    else:
        acct_errors = st.session_state.get("qbx_acct_errors", {})
        names = {b["id"]: b["name"] for b in every}
        with st.form("qbx_acct_form"):
            chosen_bots = st.multiselect(tr("acct.bots"), list(names), default=list(names), key="qbx_acct_bots",
                                         format_func=lambda i: f"#{i} {names.get(i, '')}", help=tr("acct.bots_help"))
            field_error(acct_errors, "bots")
            row = st.columns(2)
            today = date.fromisoformat(eng.today())  # the trader's day, not the server's
            acct_span = row[0].date_input(tr("acct.span"), value=(today - timedelta(days=30), today),
                                          key="qbx_acct_span", format="YYYY-MM-DD")
            field_error(acct_errors, "span")
            start_balance = row[1].number_input(tr("acct.balance"), min_value=1.0, max_value=1e12, value=None,
                                                step=1000.0, key="qbx_acct_balance", help=tr("acct.balance_help"))
            field_error(acct_errors, "balance")
            run_account = st.form_submit_button(tr("acct.run"), type="primary", icon=":material/play_arrow:")
        if run_account:
            bar = st.progress(0.0, text=tr("acct.running"))

            def replay_account():
                if len(acct_span) != 2:
                    raise ValidationError({"span": Msg("acct.bad_span", {"days": 400})})
                since, until = views.date_window(acct_span[0], acct_span[1], tz)
                return eng.lab.account_backtest(list(chosen_bots), since=since, until=until, balance=start_balance,
                                                progress=lambda done: bar.progress(min(1.0, done),
                                                                                   text=tr("acct.running")))

            st.session_state.pop("qbx_acct_result", None)
            ran, outcome = submit(replay_account, "qbx_acct_errors")
            if ran:
                st.session_state["qbx_acct_result"] = outcome
                st.rerun()
        account_run = st.session_state.get("qbx_acct_result")
        if account_run is not None:
            if account_run.run_id is None:
                st.warning(tr("acct.not_saved"), icon=":material/save:")
            account_result(account_run, tz)

with saved_tab:
    records = eng.lab.runs(limit=50)
    if not records:
        st.caption(tr("saved.none"))
    else:
        kept = {r["run_id"]: r for r in records if r.get("reopenable")}
        pick = st.columns([3, 1, 1])
        chosen = pick[0].selectbox(tr("saved.choose"), [None, *kept], key="qbx_saved_run",
                                   format_func=lambda i: tr("saved.pick") if i is None else
                                   history_views.run_label(kept[i], language, tz))
        if chosen is not None and pick[2].button(tr("ui.delete"), key="qbx_saved_delete", icon=":material/delete:"):
            act(lambda: eng.lab.delete_run(chosen), tr("saved.deleted"))
        strategy_runs = [run_id for run_id, record in kept.items() if record.get("kind") != "account"]
        pair = st.multiselect(tr("saved.compare"), strategy_runs, max_selections=2, key="qbx_saved_pair",
                              format_func=lambda i: history_views.run_label(kept[i], language, tz))
        if len(pair) == 2:
            try:
                runs = [eng.lab.open_run(run_id) for run_id in pair]
            except QbxError as exc:
                st.error(error_text(exc), icon=":material/error:")
            else:
                table(history_views.compare_runs_frame(runs, language).rename(
                    columns={"run_1": "run_a", "run_2": "run_b"}))
                curves = {f"A · {history_views.run_label(kept[pair[0]], language, tz)}": runs[0].equity,
                          f"B · {history_views.run_label(kept[pair[1]], language, tz)}": runs[1].equity}
                st.altair_chart(charts.equity_lines(history_views.equity_compare_frame(curves), language),
                                width="stretch")
        if chosen is not None:
            try:
                reopened = eng.lab.open_run(chosen)
            except QbxError as exc:
                st.error(error_text(exc), icon=":material/error:")
            else:
                if kept[chosen].get("kind") == "account":
                    account_result(reopened, tz)
                else:
                    st.subheader(tr("bt.results", strategy=views.strategy_label(reopened.config.strategy_name,
                                                                                 language),
                                    symbol=reopened.contract.symbol))
                    backtest_result(reopened, tz)
        st.subheader(tr("bt.history"))
        table(views.backtests_frame(records, language, tz),
              net=st.column_config.NumberColumn(tr("col.net"), format="%+.2f"))
