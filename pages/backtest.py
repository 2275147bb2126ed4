"""Backtest: a strategy and its parameters over history, with the bots' own rules; apply the winner to a bot."""

import streamlit as st

from qbx_engine import charts, views
from qbx_engine.backtest import BacktestConfig, load_csv
from qbx_engine.errors import QbxError, ValidationError
from qbx_engine.i18n import Msg, number
from qbx_engine.market.symbols import PAPER_SYMBOLS
from qbx_engine.market.timeframes import TIMEFRAMES
from qbx_ui.shell import engine, error_text, field_error, flash, lang, msg, plain, submit, tr
from qbx_ui.widgets import param_inputs, strategy_picker, table

eng = engine()
language = lang()
tz = eng.get_settings()["timezone"]
st.title(tr("nav.backtest"))
errors = st.session_state.get("qbx_bt_errors", {})

strategy = strategy_picker("qbx_bt_strategy", st.session_state.get("qbx_bt_strategy"))
schema = eng.strategies()[strategy]
source = st.segmented_control(tr("bt.source"), ["paper", "csv"], default="paper", key="qbx_bt_source",
                              format_func=lambda s: tr(f"bt.source_{s}")) or "paper"
upload = None
if source == "csv":
    upload = st.file_uploader(tr("bt.upload"), type=["csv", "txt"], key="qbx_bt_file", help=tr("bt.upload_help"))
    field_error(errors, "csv")

with st.form("qbx_bt_form"):
    top = st.columns(4)
    symbol = top[0].selectbox(tr("ui.market"), list(PAPER_SYMBOLS), key="qbx_bt_symbol",
                              help=tr("bt.symbol_help") if source == "csv" else None)
    timeframe = top[1].selectbox(tr("ui.timeframe"), TIMEFRAMES, index=TIMEFRAMES.index("H1"), key="qbx_bt_tf",
                                 disabled=source == "csv")
    count = top[2].number_input(tr("bt.bars"), min_value=100, max_value=50_000, value=3000, step=500,
                                key="qbx_bt_count", disabled=source == "csv")
    balance = top[3].number_input(tr("bt.balance"), min_value=100.0, max_value=10_000_000.0, value=10_000.0,
                                  step=1000.0, key="qbx_bt_balance")
    field_error(errors, "bars")
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
    costs = st.columns(4)
    sl = costs[0].number_input(tr("ui.sl_pips"), min_value=0.0, value=30.0, step=1.0, key="qbx_bt_sl")
    field_error(errors, "sl_pips")
    tp = costs[1].number_input(tr("ui.tp_pips"), min_value=0.0, value=60.0, step=1.0, key="qbx_bt_tp")
    spread = costs[2].number_input(tr("bt.spread"), min_value=0, max_value=100_000,
                                   value=PAPER_SYMBOLS[symbol].spread_points, step=1, key="qbx_bt_spread",
                                   help=tr("bt.spread_help"))
    commission = costs[3].number_input(tr("bt.commission"), min_value=0.0, value=0.0, step=0.5,
                                       key="qbx_bt_commission", help=tr("bt.commission_help"))
    run = st.form_submit_button(tr("bt.run"), type="primary", icon=":material/play_arrow:")

if run:
    config = BacktestConfig(strategy, params, initial_balance=balance, size_mode=size_mode, volume=volume,
                            risk_percent=risk, sl_pips=sl, tp_pips=tp, spread_points=int(spread),
                            commission_per_lot=commission)
    bar = st.progress(0.0, text=tr("bt.running"))

    def replay():
        bars = None
        if source == "csv":
            if upload is None:
                raise ValidationError({"csv": Msg("bt.no_file")})
            bars = load_csv(upload.getvalue())
        return eng.backtest(config, symbol=symbol, timeframe=timeframe, count=int(count), bars=bars,
                            source=upload.name if upload is not None else "paper",
                            progress=lambda done: bar.progress(min(1.0, done), text=tr("bt.running")))

    st.session_state.pop("qbx_bt_result", None)
    ran, outcome = submit(replay, "qbx_bt_errors")
    if ran:
        st.session_state["qbx_bt_result"] = outcome
        st.rerun()

result = st.session_state.get("qbx_bt_result")
if result is not None:
    stats = result.stats
    st.subheader(tr("bt.results", strategy=views.strategy_label(result.config.strategy_name, language),
                    symbol=result.contract.symbol))
    row = st.columns(5)
    row[0].metric(tr("bt.net"), number(stats["net_profit"], 2, language), f"{number(stats['return_pct'], 2, language)}%")
    row[1].metric(tr("bt.max_dd"), f"{number(stats['max_drawdown_pct'], 2, language)}%")
    win_rate = None if stats["win_rate"] is None else tr("bt.win_rate", rate=number(stats["win_rate"], 1, language))
    row[2].metric(tr("bt.trades"), stats["trades"], delta=win_rate, delta_color="off", delta_arrow="off")
    row[3].metric(tr("bt.profit_factor"), "-" if stats["profit_factor"] is None else number(stats["profit_factor"], 2,
                                                                                            language))
    row[4].metric(tr("bt.sharpe"), "-" if stats["sharpe"] is None else number(stats["sharpe"], 2, language))
    st.caption(tr("bt.more", expectancy="-" if stats["expectancy"] is None else number(stats["expectancy"], 2, language),
                  exposure=number(stats["exposure_pct"], 1, language), bh=number(stats["buy_hold_pct"], 2, language),
                  bars=stats["bars"], start=stats["start"][:16], end=stats["end"][:16]))
    if result.skipped:
        st.warning(tr("bt.skipped", n=len(result.skipped), why=msg(result.skipped[0]["reason"])))
    st.altair_chart(charts.equity_curve(views.equity_frame(result.equity), language), width="stretch")
    described = eng.strategies()[result.config.strategy_name]
    chart = views.backtest_chart(result)
    st.altair_chart(charts.candles(chart["bars"], indicators=chart["indicators"], overlays=described["overlays"],
                                   oscillator=described["oscillator"], markers=chart["markers"],
                                   lang=language, tz=tz), width="stretch")
    if len(result.trades):
        table(views.backtest_trades_frame(result.trades, language, tz, result.contract.digits),
              profit=st.column_config.NumberColumn(tr("col.profit"), format="%+.2f"))
    bots = eng.list_bots()
    if bots:
        with st.container(border=True):
            st.markdown(f"**{tr('bt.apply')}**")
            names = {b["id"]: b["name"] for b in bots}
            target = st.selectbox(tr("ui.choose_bot"), list(names), key="qbx_bt_target",
                                  format_func=lambda i: f"#{i} {names.get(i, '')}")
            if st.button(tr("bt.apply_button"), key="qbx_bt_apply", icon=":material/upload:"):
                try:
                    eng.update_bot(target, strategy_name=result.config.strategy_name, strategy_params=result.params,
                                   sl_pips=result.config.sl_pips or eng.get_bot(target)["sl_pips"],
                                   tp_pips=result.config.tp_pips)
                except QbxError as exc:
                    st.error(error_text(exc), icon=":material/error:")
                else:
                    flash(tr("bt.applied", name=plain(names[target])))
                    st.rerun()

history = eng.backtests(limit=20)
if history:
    st.subheader(tr("bt.history"))
    table(views.backtests_frame(history, language, tz), net=st.column_config.NumberColumn(tr("col.net"), format="%+.2f"))
