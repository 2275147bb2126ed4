"""The sidebar: broker, account, engine health, notifications, language."""

from __future__ import annotations

import streamlit as st

from qbx_engine.core.i18n import LANGUAGES, number

from .protections import brake_banner, brake_line
from .shell import broker_label, engine, handle, lang, live, msg, tr

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
REFRESH = "5s"


def render() -> None:
    with st.sidebar:
        st.markdown("## :violet[⚛ QuantumBotX]")
        notice = handle().notice
        if notice is not None:
            st.warning(msg(notice), icon=":material/warning:")
        _live_status()
        # The saved setting wins over this tab's widget state: another tab may have changed it.
        st.session_state["qbx_language"] = lang()
        st.segmented_control(tr("ui.language"), LANGUAGES, key="qbx_language", format_func=LANGUAGE_NAMES.get,
                             on_change=_choose_language)


def banners() -> None:
    """Account-wide warnings at the top of every page (the emergency brake)."""
    brake_banner()


def _choose_language() -> None:
    chosen = st.session_state.get("qbx_language")
    if chosen:
        engine().update_settings(language=chosen)


@live(REFRESH)
def _live_status() -> None:
    eng = engine()
    language = lang()
    health = eng.health()["engine"]
    broker = health["broker"]
    broker_name = broker_label(broker["kind"])
    if health["broker_ok"]:
        st.caption(f":green[●] {broker_name}")
    else:
        st.caption(f":red[●] {broker_name} — {tr('ui.broker_down')}")
    counts = health["bots"]
    st.caption(tr("ui.bot_counts", active=counts["active"], paused=counts["paused"], stopped=counts["stopped"],
                  error=counts["error"]))
    brake_line()
    if counts["error"]:
        st.error(tr("ui.bots_in_error", n=counts["error"]), icon=":material/error:")
    if health["stale_bots"]:
        st.warning(tr("ui.stale_bots", ids=", ".join(f"#{b}" for b in health["stale_bots"])),
                   icon=":material/schedule:")
    unread = len(eng.notifications.unread(limit=100))
    if unread:
        st.caption(tr("ui.unread", n="99+" if unread >= 100 else unread))
    account = eng.account()
    colour = "green" if account["profit"] >= 0 else "red"
    st.markdown(f"{tr('ui.balance')}: **{number(account['balance'], 2, language)}** {account['currency']}  \n"
                f"{tr('ui.equity')}: **{number(account['equity'], 2, language)}** "
                f":{colour}[({number(account['profit'], 2, language)})]")
