"""Logs: every event, filtered, newest first, paged, and downloadable as CSV."""

import math

import streamlit as st

from qbx_engine.reports import views
from qbx_engine.trading.events import ACTIONS
from qbx_ui.shell import engine, lang, tr
from qbx_ui.widgets import table

PAGE_SIZE = 50
eng = engine()
language = lang()
tz = eng.get_settings()["timezone"]
st.title(tr("nav.logs"))

bots = {b["id"]: b["name"] for b in eng.list_bots()}
cols = st.columns([2, 3, 2, 1])
bot_id = cols[0].selectbox(tr("ui.bot"), [None, *bots], key="qbx_logs_bot",
                           format_func=lambda i: tr("ui.all_bots") if i is None else f"#{i} {bots[i]}")
actions = cols[1].multiselect(tr("ui.actions"), ACTIONS, key="qbx_logs_actions", placeholder=tr("ui.all_actions"))
period = cols[2].date_input(tr("ui.period"), value=(), key="qbx_logs_period", format="YYYY-MM-DD")
notes_only = cols[3].toggle(tr("ui.notifications_only"), key="qbx_logs_notes")

start, end = (tuple(period) + (None, None))[:2] if period else (None, None)
since, until = views.date_window(start, end or start, tz)
filters = {"bot_id": bot_id, "notifications_only": notes_only, "actions": actions or None, "since": since,
           "until": until}
total = eng.count_events(**filters)
pages = max(1, math.ceil(total / PAGE_SIZE))
page = st.session_state.get("qbx_logs_page", 1)
page = min(max(1, page), pages)
rows = eng.events(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **filters)
st.caption(tr("ui.showing", first=0 if not total else (page - 1) * PAGE_SIZE + 1,
              last=(page - 1) * PAGE_SIZE + len(rows), total=total))
table(views.events_frame(rows, language, tz), height=min(36 + 35 * max(1, len(rows)), 760),
      notify=st.column_config.CheckboxColumn(tr("col.notify"), width="small"),
      message=st.column_config.TextColumn(tr("col.message"), width="large"))
if pages > 1:
    st.pagination(pages, default=page, key="qbx_logs_page")
st.download_button(tr("ui.download_csv"), data=lambda: views.events_csv(eng, language, **filters),
                   file_name="quantumbotx-events.csv", mime="text/csv", icon=":material/download:",
                   key="qbx_logs_csv")
