"""Settings: language, time zone, broker, error tolerance, the paper account, and notifications."""

import streamlit as st

from qbx_engine.i18n import number
from qbx_ui import notifications, protections
from qbx_ui.shell import act, engine, field_error, lang, reopen, submit, tr

eng = engine()
language = lang()
settings = eng.settings.all()
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
    broker = st.radio(tr("ui.broker"), ["paper", "mt5"], index=["paper", "mt5"].index(settings["broker"]),
                      format_func=lambda b: tr("ui.broker_paper") if b == "paper" else tr("ui.broker_mt5"),
                      horizontal=True, key="qbx_settings_broker", help=tr("ui.broker_help"))
    saved = st.form_submit_button(tr("ui.save_changes"), type="primary")
if saved:
    changed, _ = submit(lambda: eng.update_settings(timezone=timezone.strip(), error_streak_limit=int(streak),
                                                    broker=broker), "qbx_settings_errors", tr("ui.saved"))
    if changed:
        if broker != eng.broker.kind:
            reopen()
        st.rerun()

if eng.broker.kind == "paper":
    st.subheader(tr("ui.paper_account"))
    balance = eng.account()["balance"]
    st.caption(tr("ui.paper_balance_now", balance=number(balance, 2, language)))
    new_balance = st.number_input(tr("ui.paper_balance"), min_value=100.0, max_value=10_000_000.0,
                                  value=10_000.0, step=1000.0, key="qbx_paper_balance")
    if st.button(tr("ui.paper_reset"), key="qbx_paper_reset"):
        act(lambda: eng.broker.set_balance(new_balance), tr("ui.saved"))

protections.settings_sections()

notifications.render()

st.subheader(tr("ui.about_data"))
st.code(str(eng.store.data_dir), language=None)
st.caption(tr("ui.data_help"))
