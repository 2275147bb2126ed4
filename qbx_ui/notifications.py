"""The Settings page's Notifications section: channels (masked), categories, report time, delivery, test button."""

from __future__ import annotations

import streamlit as st

from qbx_engine.reports.views import local_time

from .shell import act, engine, field_error, msg, plain, submit, tr

CHANNELS = ("telegram", "webhook")
LABELS = {"telegram": "Telegram", "webhook": "Webhook"}
VARIABLES = {"telegram": "`QBX_TELEGRAM_TOKEN` + `QBX_TELEGRAM_CHAT_ID`", "webhook": "`QBX_WEBHOOK_URL`"}
ERRORS_KEY = "qbx_notify_errors"


def render() -> None:
    eng = engine()
    status = eng.notifications.status()
    st.subheader(tr("notify.ui.title"))
    st.caption(tr("notify.ui.intro"))
    errors = st.session_state.get(ERRORS_KEY, {})
    chosen: dict[str, list[str]] = {}
    with st.form("qbx_notify"):
        for column, name in zip(st.columns(len(CHANNELS)), CHANNELS, strict=True):
            info = status["channels"][name]
            with column:
                st.markdown(f"**{tr(f'notify.ui.{name}')}**")
                _credentials(name, info)
                chosen[name] = [category for category in status["categories"]
                                if st.checkbox(tr(f"notify.ui.cat.{category}"), value=category in info["categories"],
                                               key=f"qbx_notify_{name}_{category}")]
                field_error(errors, f"notify_{name}")
        report_time = st.text_input(tr("notify.ui.report_time"), value=status["report_time"], max_chars=5,
                                    help=tr("notify.ui.report_time_help"), key="qbx_notify_report_time")
        field_error(errors, "notify_report_time")
        saved = st.form_submit_button(tr("notify.ui.save"))
    if saved:
        changed, _ = submit(lambda: eng.update_settings(notify_telegram=chosen["telegram"],
                                                        notify_webhook=chosen["webhook"],
                                                        notify_report_time=report_time.strip()),
                            ERRORS_KEY, tr("ui.saved"))
        if changed:
            st.rerun()
    for column, name in zip(st.columns(len(CHANNELS)), CHANNELS, strict=True):
        with column:
            _delivery(name, status["channels"][name], status["timezone"])


def _credentials(name: str, info: dict) -> None:
    """What is configured, masked; never a whole secret."""
    if info["configured"]:
        masked = {key: plain(value or tr("notify.ui.no_secret")) for key, value in info["masked"].items()}
        st.caption(":green[●] " + tr(f"notify.ui.{name}_ready", **masked))
    elif info["problem"]:
        st.warning(msg(info["problem"]), icon=":material/warning:")
    else:
        st.caption(tr("notify.ui.not_set", channel=name, variables=VARIABLES[name]))


def _delivery(name: str, info: dict, tz: str) -> None:
    if not info["configured"]:
        return
    st.caption(f"**{LABELS[name]}** · " + tr("notify.ui.counts", sent=info["sent"], failures=info["failures"],
                                             queued=info["queued"], dropped=info["dropped"]))
    if info["rejected"]:
        st.caption(tr("notify.ui.rejected", n=info["rejected"]))
    if info["uncertain"]:
        st.caption(tr("notify.ui.uncertain", n=info["uncertain"]))
    if info["last_error"]:
        st.warning(tr("notify.ui.last_error", time=local_time(info["last_error_at"], tz),
                      problem=plain(msg(info["last_error"]))), icon=":material/error:")
    if info["retry_in"] is not None:
        st.caption(tr("notify.ui.retry_in", seconds=round(info["retry_in"])))
    if st.button(tr("notify.ui.test", channel=LABELS[name]), key=f"qbx_notify_test_{name}"):
        act(lambda: engine().notifications.send_test(name), tr("notify.ui.test_sent", channel=LABELS[name]))
