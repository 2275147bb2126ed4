"""History & performance: every deal of the account, performance by period, and a bot live vs its backtest."""

import pandas as pd
import streamlit as st

from qbx_engine.core.errors import QbxError
from qbx_engine.core.i18n import number
from qbx_engine.reports import charts, history, history_views, views
from qbx_ui.history_widgets import performance_panel
from qbx_ui.shell import engine, error_text, lang, tr
from qbx_ui.widgets import bot_picker, table

eng = engine()
language = lang()
tz = eng.get_settings()["timezone"]
st.title(tr("nav.history"))
deals_tab, performance_tab, live_tab = st.tabs([tr("hist.deals"), tr("perf.title"), tr("live.title")])

with deals_tab:
    top = st.columns([1, 2, 2, 1, 1])
    days = int(top[0].number_input(tr("hist.days"), min_value=1, max_value=3660, value=30, step=1,
                                   key="qbx_hist_days"))
    try:
        everything = eng.history.deals(days=days)
    except QbxError as exc:
        st.error(error_text(exc), icon=":material/cloud_off:")
        everything = None
    if everything is not None:
        symbol = top[1].selectbox(tr("col.symbol"), [None, *everything["symbols"]], key="qbx_hist_symbol",
                                  format_func=lambda s: tr("hist.all") if s is None else s)
        names = dict(everything["bots"])
        who = top[2].selectbox(tr("hist.who"), [None, "bot", "manual", "ea", *names], key="qbx_hist_who",
                               format_func=lambda w: tr("hist.all") if w is None else
                               f"#{w} {names[w]}" if isinstance(w, int) else tr(f"hist.source_{w}"))
        side = top[3].selectbox(tr("col.side"), [None, "buy", "sell"], key="qbx_hist_side",
                                format_func=lambda s: tr("hist.all") if s is None else s.upper())
        result = top[4].selectbox(tr("hist.result"), [None, *history.RESULTS], key="qbx_hist_result",
                                  format_func=lambda r: tr("hist.all") if r is None else tr(f"hist.result_{r}"))
        shown = eng.history.deals(days=days, symbol=symbol, bot=who, side=side, result=result)
        totals = shown["totals"]
        row = st.columns(5)
        row[0].metric(tr("perf.trades"), totals["trades"])
        row[1].metric(tr("perf.net"), number(totals["net"], 2, language))
        row[2].metric(tr("perf.win_rate"), "-" if totals["win_rate"] is None else
                      number(totals["win_rate"], 1, language) + "%")
        row[3].metric(tr("perf.profit_factor"), "-" if totals["profit_factor"] is None else
                      number(totals["profit_factor"], 2, language))
        row[4].metric(tr("hist.costs"), number(totals["commission"] + totals["swap"], 2, language))
        if shown["deals"]:
            digits = views.price_digits(eng, [d["symbol"] for d in shown["deals"]])
            table(history_views.deals_frame(shown["deals"], language, tz, digits),
                  profit=st.column_config.NumberColumn(tr("col.profit"), format="%+.2f"),
                  r=st.column_config.NumberColumn(tr("col.r"), format="%+.2f"))
            st.download_button(tr("ui.download_csv"), data=history.deals_csv(shown["deals"], tz, language),
                               file_name="quantumbotx-deals.csv", mime="text/csv", icon=":material/download:",
                               key="qbx_hist_csv")
        else:
            st.caption(tr("hist.none"))

with performance_tab:
    top = st.columns([2, 1])
    period = top[0].segmented_control(tr("perf.by"), ["day", "week", "month"], default="day", key="qbx_perf_period",
                                      format_func=lambda p: tr(f"perf.by_{p}")) or "day"
    window = int(top[1].number_input(tr("hist.days"), min_value=1, max_value=3660, value=90, step=1,
                                     key="qbx_perf_days"))
    st.caption(tr("perf.account_help"))
    performance_panel(eng.history.performance(period=period, days=window))

with live_tab:
    st.caption(tr("live.help"))
    bots = eng.list_bots()
    if not bots:
        st.info(tr("ui.no_bots"))
    else:
        with st.container(border=True):
            st.markdown(f"**{tr('acct.live_title')}**")
            st.caption(tr("acct.live_intro"))
            if st.button(tr("acct.live_run"), key="qbx_live_account", icon=":material/account_balance:"):
                try:
                    st.session_state["qbx_live_account_result"] = eng.history.account_live_vs_backtest()
                except QbxError as exc:
                    st.session_state.pop("qbx_live_account_result", None)
                    st.error(error_text(exc), icon=":material/error:")
            account = st.session_state.get("qbx_live_account_result")
            if account is not None:
                run = account["run"]
                st.markdown(tr("acct.live_summary", live=number(account["live_net"], 2, language),
                               test=number(run.stats["net_profit"], 2, language),
                               trades_live=account["live_trades"], trades_test=run.stats["trades"]))
                curves = {tr("live.series_live"): pd.Series(account["live_curve"]["equity"], index=pd.to_datetime(
                              account["live_curve"]["time"], unit="s", utc=True)),
                          tr("live.series_test"): run.equity}
                st.altair_chart(charts.equity_lines(history_views.equity_compare_frame(curves), language),
                                width="stretch")
                table(pd.DataFrame(account["rows"]).drop(columns=["bot_id"]),
                      live_net=st.column_config.NumberColumn(tr("col.live_net"), format="%+.2f"),
                      test_net=st.column_config.NumberColumn(tr("col.test_net"), format="%+.2f"))
        chosen = bot_picker(bots, "qbx_live_bot")
        if st.button(tr("live.run"), key="qbx_live_run", icon=":material/compare_arrows:", type="primary"):
            try:
                st.session_state["qbx_live_result"] = eng.history.live_vs_backtest(chosen)
            except QbxError as exc:
                st.session_state.pop("qbx_live_result", None)
                st.error(error_text(exc), icon=":material/error:")
        compared = st.session_state.get("qbx_live_result")
        if compared is not None and compared["bot_id"] == chosen:
            counts = compared["counts"]
            if compared["identical"]:
                st.success(tr("live.identical", n=counts["same"]), icon=":material/check_circle:")
            else:
                st.warning(tr("live.different", **counts), icon=":material/difference:")
            row = st.columns(4)
            row[0].metric(tr("live.live_net"), number(compared["live"]["net"], 2, language),
                          tr("live.trades_n", n=compared["live"]["trades"]), delta_color="off", delta_arrow="off")
            row[1].metric(tr("live.test_net"), number(compared["backtest"]["net_profit"], 2, language),
                          tr("live.trades_n", n=compared["backtest"]["trades"]), delta_color="off", delta_arrow="off")
            row[2].metric(tr("live.same"), counts["same"])
            row[3].metric(tr("live.apart"), counts["fill"] + counts["missed"] + counts["extra"])
            curves = {tr("live.series_live"): pd.Series(compared["live_curve"]["equity"], index=pd.to_datetime(
                          compared["live_curve"]["time"], unit="s", utc=True)),
                      tr("live.series_test"): pd.Series(compared["backtest_curve"]["equity"], index=pd.to_datetime(
                          compared["backtest_curve"]["time"], unit="s", utc=True))}
            st.altair_chart(charts.equity_lines(history_views.equity_compare_frame(curves), language),
                            width="stretch")
            table(history_views.live_rows_frame(compared["rows"], language, tz, compared["digits"]),
                  live_net=st.column_config.NumberColumn(tr("col.live_net"), format="%+.2f"),
                  test_net=st.column_config.NumberColumn(tr("col.test_net"), format="%+.2f"))
