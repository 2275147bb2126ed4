"""Settings → "Commands from Telegram": running or not, the allowed chats (masked), the last command."""

from __future__ import annotations

import streamlit as st

from qbx_engine.remote import telegram
from qbx_engine.remote.telegram.poller import POLLING, STARTING, render_command
from qbx_engine.reports.views import local_time

from .shell import engine, handle, lang, msg, plain, tr


def render() -> None:
    info = telegram.describe(handle().remote)
    st.subheader(tr("tg.ui.title"))
    st.caption(tr("tg.ui.intro"))
    if not info["configured"]:
        if info["problem"]:
            st.warning(msg(info["problem"]), icon=":material/warning:")
        else:
            st.caption(tr("tg.ui.not_set"))
        return
    tz = engine().get_settings()["timezone"]
    if info["phase"] == POLLING:
        st.caption(":green[●] " + tr("tg.ui.polling", username=plain(info["username"] or "")))
    elif info["phase"] == STARTING and not info["problem"]:
        st.caption(tr("tg.ui.starting"))
    elif not info["running"] and not info["problem"]:
        st.warning(tr("tg.ui.not_running"), icon=":material/warning:")
    if info["problem"]:
        st.warning(tr("tg.ui.problem", time=local_time(info["problem_at"], tz), problem=msg(info["problem"])),
                   icon=":material/error:")
    st.caption(tr("tg.ui.allowed", chats=plain(", ".join(info["chats"])), token=plain(info["token"])))
    last = info["last"]
    if last:
        st.caption(tr("tg.ui.last", time=local_time(last["at"], tz), chat=plain(last["chat"]),
                      command=plain(render_command(last["command"], lang())), result=msg(last["result"])))
    else:
        st.caption(tr("tg.ui.no_command"))
    if info["counts"]:
        st.caption(tr("tg.ui.counts", **info["counts"]))
