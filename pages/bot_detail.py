"""One bot: its chart with entries and exits, what it sees now, quick edits, its trades and events."""

import streamlit as st

from qbx_engine.core.errors import QbxError
from qbx_engine.reports import charts, views
from qbx_ui import chart_cache, protections
from qbx_ui.history_widgets import performance_panel
from qbx_ui.shell import engine, error_text, lang, live, msg, plain, tr
from qbx_ui.widgets import (
    analysis_panel,
    bot_picker,
    delete_controls,
    edit_bot_form,
    lifecycle_buttons,
    position_panel,
    status_badge,
    strategy_name,
    table,
)

eng = engine()
language = lang()
tz = eng.get_settings()["timezone"]
bots = eng.list_bots()
st.title(tr("nav.bot_detail"))
if not bots:
    st.info(tr("ui.no_bots"))
    st.page_link("pages/bots.py", label=tr("ui.go_create"), icon=":material/add:")
    st.stop()

chosen = bot_picker(bots, "qbx_detail_choice")
bot = eng.get_bot(chosen)

st.subheader(plain(bot["name"]))
status_badge(bot["status"])
st.caption(f"{bot['market']} · {bot['timeframe']} · {strategy_name(bot['strategy_name'])} · "
           + tr("ui.every_n", n=bot["check_interval"]))
lifecycle_buttons(bot, f"qbx_detail.{chosen}")
protections.entries_button(bot, f"qbx_detail.{chosen}")


@live()
def now_panel() -> None:
    current = eng.get_bot(chosen)
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{tr('ui.last_analysis')}**")
        analysis_panel(current)
    with right:
        st.markdown(f"**{tr('ui.position')}**")
        position_panel(current)
        protections.bot_panel(current)
        if current.get("last_error"):
            st.error(tr("ui.last_error") + ": " + msg(current["last_error"]))


now_panel()

try:
    chart = views.bot_chart(eng, chosen)
    chart_cache.show("candles", charts.candles, chart["bars"], indicators=chart["indicators"],
                     overlays=chart["overlays"], oscillator=chart["oscillator"], levels=chart["levels"],
                     markers=chart["markers"], lang=language, tz=tz)
except QbxError as exc:
    st.error(error_text(exc))

with st.expander(tr("form.edit_bot"), icon=":material/tune:",
                 expanded=f"qbx_edit.{chosen}.errors" in st.session_state):
    st.caption(tr("form.edit_help"))
    edit_bot_form(bot)

with st.expander(tr("perf.section"), icon=":material/monitoring:"):
    period = st.segmented_control(tr("perf.by"), ["day", "week", "month"], default="week",
                                  key=f"qbx_detail_perf.{chosen}", format_func=lambda p: tr(f"perf.by_{p}")) or "week"
    performance_panel(eng.history.performance(chosen, period=period, days=90))

trades_tab, events_tab = st.tabs([tr("ui.trades"), tr("ui.events")])
with trades_tab:
    trades = eng.trades(bot_id=chosen, limit=200)
    if trades:
        table(views.trades_frame(trades, language, tz, views.price_digits(eng, [x["symbol"] for x in trades])),
              profit=st.column_config.NumberColumn(tr("col.profit"), format="%+.2f"))
    else:
        st.caption(tr("ui.no_trades"))
with events_tab:
    table(views.events_frame(eng.events(bot_id=chosen, limit=100), language, tz).drop(columns=["bot"]),
          notify=st.column_config.CheckboxColumn(tr("col.notify"), width="small"))

delete_controls(bot, f"qbx_detail.{chosen}")
