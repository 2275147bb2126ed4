"""Panels shared by the history, bot, backtest and optimisation pages (render only; data from the engine)."""

from __future__ import annotations

import streamlit as st

from qbx_engine.core.i18n import number
from qbx_engine.reports import charts, history_views, views

from . import chart_cache
from .shell import engine, lang, msg, tr
from .widgets import table


def _value(value, decimals: int = 2, suffix: str = "") -> str:
    return "-" if value is None else number(value, decimals, lang()) + suffix


def performance_panel(data: dict) -> None:
    """Figures of a window, its balance curve, and one row per day, week or month."""
    figures = data["summary"]
    row = st.columns(6)
    row[0].metric(tr("perf.trades"), figures["trades"])
    row[1].metric(tr("perf.win_rate"), _value(figures["win_rate"], 1, "%"))
    row[2].metric(tr("perf.net"), _value(figures["net"]))
    row[3].metric(tr("perf.profit_factor"), _value(figures["profit_factor"]))
    row[4].metric(tr("perf.max_dd"), _value(figures["max_drawdown"]),
                  None if figures["max_drawdown_pct"] is None else _value(figures["max_drawdown_pct"], 2, "%"),
                  delta_color="off", delta_arrow="off")
    row[5].metric(tr("perf.expectancy_r"), _value(figures["expectancy_r"], 2, " R"))
    if figures["no_risk_trades"]:
        st.caption(tr("perf.no_risk_note", n=figures["no_risk_trades"]))
    if not figures["trades"]:
        st.caption(tr("ui.no_trades"))
        return
    chart_cache.show("equity_curve", charts.equity_curve, history_views.curve_frame(data["curve"]), lang())
    table(history_views.periods_frame(data["periods"]),
          net=st.column_config.NumberColumn(tr("col.net"), format="%+.2f"),
          drawdown=st.column_config.NumberColumn(tr("col.dd_money"), format="%.2f"))


def backtest_result(result, tz: str) -> None:
    """A backtest's figures, equity curve, chart with its trades, and trade list (a fresh or a reopened run)."""
    language = lang()
    stats = result.stats
    row = st.columns(5)
    row[0].metric(tr("bt.net"), number(stats["net_profit"], 2, language),
                  f"{number(stats['return_pct'], 2, language)}%")
    row[1].metric(tr("bt.max_dd"), f"{number(stats['max_drawdown_pct'], 2, language)}%")
    win_rate = None if stats["win_rate"] is None else tr("bt.win_rate", rate=number(stats["win_rate"], 1, language))
    row[2].metric(tr("bt.trades"), stats["trades"], delta=win_rate, delta_color="off", delta_arrow="off")
    row[3].metric(tr("bt.profit_factor"), _value(stats["profit_factor"]))
    row[4].metric(tr("bt.sharpe"), _value(stats["sharpe"]))
    st.caption(tr("bt.more", expectancy=_value(stats["expectancy"]),
                  exposure=number(stats["exposure_pct"], 1, language),
                  bh=number(stats["buy_hold_pct"], 2, language), bars=stats["bars"], start=stats["start"][:16],
                  end=stats["end"][:16]))
    if result.skipped:
        st.warning(tr("bt.skipped", n=len(result.skipped), why=msg(result.skipped[0]["reason"])))
    st.altair_chart(charts.equity_curve(views.equity_frame(result.equity), language), width="stretch")
    described = engine().strategies().get(result.config.strategy_name, {"overlays": [], "oscillator": []})
    chart = views.backtest_chart(result)
    st.altair_chart(charts.candles(chart["bars"], indicators=chart["indicators"], overlays=described["overlays"],
                                   oscillator=described["oscillator"], markers=chart["markers"], lang=language, tz=tz),
                    width="stretch")
    if len(result.trades):
        table(views.backtest_trades_frame(result.trades, language, tz, result.contract.digits),
              profit=st.column_config.NumberColumn(tr("col.profit"), format="%+.2f"))


def account_result(run, tz: str) -> None:
    """An account backtest: its figures, equity and drawdown with the brake's trips, each bot's part, the refusals."""
    language = lang()
    stats = run.stats
    st.subheader(tr("acct.results", n=stats["bots"], start=views.local_time(run.since, tz, "%Y-%m-%d"),
                    end=views.local_time(run.until, tz, "%Y-%m-%d")))
    row = st.columns(6)
    row[0].metric(tr("acct.net"), number(stats["net_profit"], 2, language),
                  None if stats["return_pct"] is None else f"{number(stats['return_pct'], 2, language)}%")
    row[1].metric(tr("acct.max_dd"), number(stats["max_drawdown"], 2, language),
                  f"{number(stats['max_drawdown_pct'], 2, language)}%", delta_color="off", delta_arrow="off")
    row[2].metric(tr("acct.trades"), stats["trades"],
                  None if stats["win_rate"] is None else tr("bt.win_rate", rate=number(stats["win_rate"], 1, language)),
                  delta_color="off", delta_arrow="off")
    row[3].metric(tr("acct.pf"), _value(stats["profit_factor"]))
    row[4].metric(tr("acct.expectancy_r"), _value(stats["expectancy_r"], 2, " R"))
    row[5].metric(tr("acct.margin_peak"), number(stats["margin_peak"], 2, language))
    if stats["brake_trips"]:
        st.warning(tr("acct.trips", n=stats["brake_trips"]), icon=":material/emergency_home:")
    st.caption(" ".join((tr("acct.exact" if run.exact else "acct.bars_only"), tr("acct.looks"),
                         tr("acct.currency", currency=run.currency))))
    marks = history_views.brake_marks_frame(run, language, tz)
    st.altair_chart(charts.account_curve(history_views.account_curve_frame(run), marks, language), width="stretch")
    st.markdown(f"**{tr('acct.per_bot')}**")
    table(history_views.account_bots_frame(run, language),
          net=st.column_config.NumberColumn(tr("col.net"), format="%+.2f"))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('acct.refusals')}**")
        if stats["refused"]:
            table(history_views.refusals_frame(run, language))
        else:
            st.caption("–")
    with right:
        if len(marks):
            st.markdown(f"**{tr('acct.brake_log')}**")
            table(marks[["when", "what"]])
    if len(run.trades):
        st.markdown(f"**{tr('acct.trades_list')}**")
        table(history_views.account_trades_frame(run, language, tz),
              profit=st.column_config.NumberColumn(tr("col.profit"), format="%+.2f"))
