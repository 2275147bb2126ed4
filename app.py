"""QuantumBotX dashboard: `streamlit run app.py` (paper broker unless configured otherwise)."""

import streamlit as st

from qbx_engine import QbxError
from qbx_engine.core.logging_config import configure_logging
from qbx_ui import guard, shell, sidebar

configure_logging()
st.set_page_config(page_title="QuantumBotX", page_icon="⚛", layout="wide")
guard.require_local_host()
shell.require_password()

pages = [
    st.Page("pages/overview.py", title=shell.tr("nav.overview"), icon=":material/dashboard:", default=True),
    st.Page("pages/bots.py", title=shell.tr("nav.bots"), icon=":material/smart_toy:"),
    st.Page("pages/bot_detail.py", title=shell.tr("nav.bot_detail"), icon=":material/candlestick_chart:"),
    st.Page("pages/mentor.py", title=shell.tr("nav.mentor"), icon=":material/psychology:"),
    st.Page("pages/history.py", title=shell.tr("nav.history"), icon=":material/history:"),
    st.Page("pages/backtest.py", title=shell.tr("nav.backtest"), icon=":material/query_stats:"),
    st.Page("pages/optimise.py", title=shell.tr("nav.optimise"), icon=":material/tune:"),
    st.Page("pages/logs.py", title=shell.tr("nav.logs"), icon=":material/receipt_long:"),
    st.Page("pages/settings.py", title=shell.tr("nav.settings"), icon=":material/settings:"),
]
current = st.navigation(pages)
sidebar.render()
sidebar.banners()
shell.show_flash()
try:
    current.run()
except QbxError as exc:
    # Whatever a page did not handle itself (e.g. the broker went down mid-page) is shown, not raised.
    st.error(shell.error_text(exc), icon=":material/error:")
