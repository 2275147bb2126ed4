"""Bots: every bot with its state, the lifecycle buttons, and the create form."""

import streamlit as st

from qbx_engine.reports import views
from qbx_ui import remote_api
from qbx_ui.shell import act, engine, lang, live, tr
from qbx_ui.widgets import bot_picker, create_bot_form, delete_controls, lifecycle_buttons, status_badge, table

eng = engine()
language = lang()
st.title(tr("nav.bots"))

with st.container(horizontal=True, horizontal_alignment="right"):
    if st.button(tr("ui.start_all"), key="qbx_start_all", icon=":material/play_circle:"):
        act(eng.start_all, tr("ui.all_started"))
    if st.button(tr("ui.stop_all"), key="qbx_stop_all", icon=":material/stop_circle:"):
        act(eng.stop_all, tr("ui.all_stopped"))


@live()
def live_table() -> None:
    frame = views.bots_frame(eng, language)
    if frame.empty:
        st.info(tr("ui.no_bots"))
        return
    table(frame, id=st.column_config.NumberColumn("#", width="small"),
          pnl=st.column_config.TextColumn(tr("col.pnl")),
          errors=st.column_config.NumberColumn(tr("col.errors"), width="small"))


remote_api.new_secret_panel()
live_table()

bots = eng.list_bots()
if bots:
    st.subheader(tr("ui.manage"))
    chosen = bot_picker(bots, "qbx_bots_choice")
    bot = eng.get_bot(chosen)
    with st.container(border=True):
        status_badge(bot["status"])
        lifecycle_buttons(bot, f"qbx_bots.{chosen}")
        remote_api.bot_panel(bot)
        if st.button(tr("ui.open_detail"), key="qbx_open_detail", icon=":material/open_in_new:"):
            st.switch_page("pages/bot_detail.py")
        delete_controls(bot, f"qbx_bots.{chosen}")

with st.expander(tr("ui.new_bot"), expanded=not bots or "qbx_create_errors" in st.session_state,
                 icon=":material/add:"):
    create_bot_form()
