"""Settings: language, time zone, broker, error tolerance, the paper account, and notifications."""

import streamlit as st

from qbx_engine.brokers import BROKERS
from qbx_engine.core.i18n import number
from qbx_ui import connection, mentor_chat, notifications, optimiser, protections, remote_api, telegram_remote
from qbx_ui.shell import act, broker_label, engine, field_error, lang, reopen, submit, tr

eng = engine()
language = lang()
settings = eng.get_settings()
st.title(tr("nav.settings"))

errors = st.session_state.get("qbx_settings_errors", {})
with st.form("qbx_settings"):
    timezone = st.text_input(tr("ui.timezone"), value=settings["timezone"], help=tr("ui.timezone_help"),
                             key="qbx_settings_tz")
    field_error(errors, "timezone")
    streak = st.number_input(tr("ui.streak_limit"), min_value=1, max_value=100,
                             value=int(settings["error_streak_limit"]), help=tr("ui.streak_help"),
                             key="qbx_settings_streak")
    field_error(errors, "error_streak_limit")
    kinds = list(BROKERS)
    broker = st.radio(tr("ui.broker"), kinds, index=kinds.index(settings["broker"]), format_func=broker_label,
                      horizontal=True, key="qbx_settings_broker", help=tr("ui.broker_help"))
    saved = st.form_submit_button(tr("ui.save_changes"), type="primary")
if saved:
    changed, _ = submit(lambda: eng.update_settings(timezone=timezone.strip(), error_streak_limit=int(streak),
                                                    broker=broker), "qbx_settings_errors", tr("ui.saved"))
    if changed:
        if broker != eng.broker_kind:
            reopen()
        st.rerun()

connection.mt5_section()

# The mentor's daily trade limit (0: judge overtrading against the trader's own average)
st.subheader(tr("ui.mentor_settings"))
with st.form("qbx_mentor_settings"):
    max_trades = st.number_input(tr("ui.mentor_max_trades"), min_value=0, max_value=1000, step=1,
                                 value=int(eng.get_settings()["mentor_max_trades_per_day"]),
                                 help=tr("ui.mentor_max_trades_help"), key="qbx_settings_max_trades")
    field_error(st.session_state.get("qbx_mentor_settings_errors", {}), "mentor_max_trades_per_day")
    limit_saved = st.form_submit_button(tr("ui.save_changes"))
if limit_saved and submit(lambda: eng.update_settings(mentor_max_trades_per_day=int(max_trades)),
                          "qbx_mentor_settings_errors", tr("ui.saved"))[0]:
    st.rerun()

mentor_chat.settings_section()

if BROKERS[eng.broker_kind].simulated:
    st.subheader(tr("ui.paper_account"))
    balance = eng.account()["balance"]
    st.caption(tr("ui.paper_balance_now", balance=number(balance, 2, language)))
    new_balance = st.number_input(tr("ui.paper_balance"), min_value=100.0, max_value=10_000_000.0,
                                  value=10_000.0, step=1000.0, key="qbx_paper_balance")
    if st.button(tr("ui.paper_reset"), key="qbx_paper_reset"):
        act(lambda: eng.set_paper_balance(new_balance), tr("ui.saved"))

protections.settings_sections()

notifications.render()
telegram_remote.render()

remote_api.settings_section()

optimiser.cluster_settings()

st.subheader(tr("ui.about_data"))
st.code(str(eng.data_dir), language=None)
st.caption(tr("ui.data_help"))
