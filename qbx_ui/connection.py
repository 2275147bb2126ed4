"""Settings → "Test connection": the first connection to MetaTrader 5, each step with what it found or what
to do (``engine.connection.test_mt5``)."""

from __future__ import annotations

import streamlit as st

from qbx_engine.reports.views import local_time

from .shell import act, engine, msg, tr

RESULT = "qbx_mt5_test"
MARKS = {"ok": ":green[✓]", "warning": ":orange[!]", "failed": ":red[✗]", "not_reached": ":gray[–]"}


def mt5_section() -> None:
    st.subheader(tr("mt5c.ui.title"))
    st.caption(tr("mt5c.ui.intro"))
    with st.form("qbx_mt5_test_form"):
        symbol = st.text_input(tr("mt5c.ui.symbol"), value="EURUSD", max_chars=64, key="qbx_mt5_symbol")
        pressed = st.form_submit_button(tr("mt5c.ui.button"), icon=":material/cable:")
    if pressed:
        with st.spinner(tr("mt5c.ui.button")):
            act(lambda: _test(symbol), rerun=False)
    result = st.session_state.get(RESULT)
    if result is not None:
        steps(result)


def _test(symbol: str) -> None:
    st.session_state[RESULT] = engine().connection.test_mt5(symbol)


def steps(result: dict) -> None:
    """The verdict, then every step in order: a mark, its name, what it found or what it means and what to do."""
    failed = next((s for s in result["steps"] if s["state"] == "failed"), None)
    if failed is not None:
        st.error(tr("mt5c.ui.failed", step=tr(f"mt5c.step.{failed['name']}")), icon=":material/error:")
    elif result["state"] == "warning":
        st.warning(tr("mt5c.ui.warnings"), icon=":material/warning:")
    else:
        st.success(tr("mt5c.ui.all_ok"), icon=":material/check_circle:")
    for step in result["steps"]:
        label = tr(f"mt5c.step.{step['name']}")
        mark = MARKS[step["state"]]
        if step["state"] == "ok":
            st.markdown(f"{mark} **{label}**" + (f" — {msg(step['found'])}" if step["found"] else ""))
        elif step["state"] == "not_reached":
            st.markdown(f"{mark} {label} :gray[({tr('mt5c.ui.not_reached')})]")
        else:
            box = st.error if step["state"] == "failed" else st.warning
            box(f"{mark} **{label}**: {msg(step['problem'])}\n\n{tr('mt5c.ui.fix', fix=msg(step['fix']))}")
    tz = engine().get_settings()["timezone"]
    st.caption(tr("mt5c.ui.tested_at", when=local_time(result["at"], tz, "%Y-%m-%d %H:%M:%S")))
