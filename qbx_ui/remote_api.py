"""The HTTP API and TradingView alert bots in the dashboard: the Settings section, and on the Bots page the
webhook of an alert bot — its URL and secret shown once, when it is created or renewed.
"""

from __future__ import annotations

import json

import streamlit as st

from qbx_engine.reports.views import local_time
from qbx_engine.strategies.tradingview_alert import NAME as ALERT_STRATEGY

from .shell import act, engine, field_error, handle, msg, plain, submit, tr

SECRET_KEY = "qbx_new_webhook"  # the secret just issued, in this browser session only, until "I saved it"
ERRORS_KEY = "qbx_api_settings_errors"
STRATEGY_MESSAGE = {"signal": "{{strategy.market_position}}", "price": "{{close}}",
                    "id": "{{strategy.order.id}}-{{timenow}}", "time": "{{timenow}}", "ticker": "{{ticker}}"}
INDICATOR_MESSAGE = {"signal": "buy", "price": "{{close}}", "id": "{{ticker}}-{{timenow}}", "time": "{{timenow}}"}


def _servers():
    return handle().http


def create_bot(data: dict) -> dict:
    """Create a bot from the Bots page's form; an alert bot's webhook secret is kept for one showing."""
    eng = engine()
    if data.get("strategy_name") != ALERT_STRATEGY:
        return eng.create_bot(data)
    made = eng.alerts.create_bot(data)
    st.session_state[SECRET_KEY] = {"bot_id": made["bot"]["id"], "name": made["bot"]["name"],
                                    "path": made["webhook_path"], "secret": made["secret"]}
    servers = _servers()
    if servers is not None:
        servers.ensure_alerts()
    return made["bot"]


def message_template(template: dict) -> str:
    """The alert's Message for TradingView: JSON whose price is a bare {{close}} (TradingView puts the number)."""
    return json.dumps(template, indent=1).replace('"{{close}}"', "{{close}}")


def new_secret_panel() -> None:
    """The webhook just issued: where TradingView sends alerts, with the secret, until the trader confirms."""
    shown = st.session_state.get(SECRET_KEY)
    if not shown:
        return
    servers = _servers()
    status = servers.status()["alerts"] if servers is not None else {}
    public = (status.get("public_url") or "").rstrip("/")
    with st.container(border=True):
        st.success(tr("alerts.ui.secret_once", name=plain(shown["name"])), icon=":material/key:")
        if public:
            st.markdown(tr("alerts.ui.webhook_public"))
            st.code(public + shown["path"], language=None)
        else:
            st.markdown(tr("alerts.ui.webhook_local"))
            st.code((status.get("url") or "http://127.0.0.1:8503") + shown["path"], language=None)
            st.caption(tr("alerts.ui.need_tunnel"))
        st.markdown(tr("alerts.ui.secret_alone"))
        st.code(shown["secret"], language=None)
        st.markdown(tr("alerts.ui.message_strategy"))
        st.code(message_template(STRATEGY_MESSAGE), language="json")
        st.markdown(tr("alerts.ui.message_indicator"))
        st.code(message_template(INDICATOR_MESSAGE), language="json")
        if st.button(tr("alerts.ui.saved_it"), key="qbx_webhook_saved", type="primary"):
            st.session_state.pop(SECRET_KEY, None)
            st.rerun()


def bot_panel(bot: dict) -> None:
    """An alert bot's webhook on the Bots page: since when its secret is valid, what waits, renew the secret."""
    if bot["strategy_name"] != ALERT_STRATEGY:
        return
    eng = engine()
    status = eng.alerts.status(bot["id"])
    tz = eng.get_settings()["timezone"]
    issued = status["secret_issued_at"]
    st.caption(":material/webhook: " + (tr("alerts.ui.secret_since", when=local_time(issued, tz)) if issued
                                        else tr("alerts.ui.no_secret")))
    if status["waiting"]:
        st.caption(tr("alerts.ui.waiting", n=len(status["waiting"]),
                      ids=plain(", ".join(a["id"] for a in status["waiting"][:5]))))
    if st.button(tr("alerts.ui.rotate"), key=f"qbx_rotate.{bot['id']}", icon=":material/autorenew:",
                 help=tr("alerts.ui.rotate_help")):
        def rotate() -> None:
            made = eng.alerts.rotate_secret(bot["id"])
            st.session_state[SECRET_KEY] = {"bot_id": bot["id"], "name": bot["name"], "path": made["webhook_path"],
                                            "secret": made["secret"]}
            servers = _servers()
            if servers is not None:
                servers.ensure_alerts()
        act(rotate, tr("alerts.ui.rotated", name=plain(bot["name"])))


def settings_section() -> None:
    """Settings → API and TradingView alerts: what runs where (or why not), and where they listen."""
    eng = engine()
    servers = _servers()
    st.subheader(tr("api.ui.title"))
    st.caption(tr("api.ui.intro"))
    if servers is None:
        return
    status = servers.status()
    api, alerts = status["api"], status["alerts"]
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('api.ui.api')}**")
        if api["running"]:
            st.caption(":green[●] " + tr("api.ui.api_running", url=api["url"], token=plain(api["token"])))
            st.caption(tr("api.ui.docs", url=api["url"] + "/docs"))
            if not api["loopback"]:
                st.warning(tr("api.ui.not_loopback", host=api["host"]), icon=":material/warning:")
        elif api["problem"]:
            st.info(msg(api["problem"]), icon=":material/info:")
    with right:
        st.markdown(f"**{tr('api.ui.alerts')}**")
        if alerts["running"]:
            st.caption(":green[●] " + tr("api.ui.alerts_running", url=alerts["url"]))
        elif alerts["problem"]:
            st.warning(msg(alerts["problem"]), icon=":material/warning:")
        else:
            st.caption(tr("api.ui.alerts_idle"))
        st.caption(tr("api.ui.tunnel", port=alerts["port"] or eng.get_settings()["alerts_port"]))
    _places_form(eng)
    if st.button(tr("api.ui.restart"), key="qbx_api_restart", icon=":material/restart_alt:",
                 help=tr("api.ui.restart_help")):
        act(servers.restart, tr("api.ui.restarted"))


def _places_form(eng) -> None:
    settings = eng.get_settings()
    errors = st.session_state.get(ERRORS_KEY, {})
    with st.form("qbx_api_places"):
        cols = st.columns(4)
        values = {}
        for column, (name, kind) in zip(cols, (("api_host", str), ("api_port", int), ("alerts_host", str),
                                               ("alerts_port", int)), strict=True):
            with column:
                if kind is int:
                    values[name] = int(st.number_input(tr(f"api.ui.{name}"), min_value=1024, max_value=65535,
                                                       value=int(settings[name]), step=1, key=f"qbx_{name}"))
                else:
                    values[name] = st.text_input(tr(f"api.ui.{name}"), value=settings[name], key=f"qbx_{name}",
                                                 max_chars=64).strip()
                field_error(errors, name)
        values["alerts_public_url"] = st.text_input(tr("api.ui.public_url"), value=settings["alerts_public_url"],
                                                    help=tr("api.ui.public_url_help"), key="qbx_alerts_public_url",
                                                    placeholder="https://example.trycloudflare.com").strip()
        field_error(errors, "alerts_public_url")
        saved = st.form_submit_button(tr("api.ui.save"))
    if saved:
        changed, _ = submit(lambda: eng.update_settings(**values), ERRORS_KEY, tr("api.ui.saved"))
        if changed:
            servers = _servers()
            moved = any(values[name] != settings[name] for name in ("api_host", "api_port", "alerts_host",
                                                                      "alerts_port"))
            if servers is not None and moved:
                servers.restart()
            st.rerun()
