"""The host check: a page is served only under a name that cannot be another website's (DNS rebinding).

Streamlit compares a WebSocket's Origin with its Host only, so a page on another site whose name
is re-pointed at 127.0.0.1 passes that check and could read the dashboard and press its buttons.
Such a page always arrives with its own name in the Host header; the browser's own loopback names
(``localhost``, 127.0.0.1 and the rest of 127.0.0.0/8, ``[::1]``) cannot be re-pointed by anyone else.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re

import streamlit as st
from streamlit.runtime import get_instance
from streamlit.runtime.scriptrunner import get_script_run_ctx

from qbx_engine.core.i18n import LANGUAGES, t

from .shell import plain

log = logging.getLogger("qbx_ui")
ENV = "QBX_ALLOWED_HOSTS"
SECRET = "allowed_hosts"
LOOPBACK_NAMES = frozenset({"localhost"})
_NAME = re.compile(r"[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*")
_HEADER_MAX = 300  # a longer Host is refused without being parsed


def host_name(header: str | None) -> str | None:
    """The name in a Host header: lower case, no port, no IPv6 brackets, no trailing dot; None if malformed."""
    if header is None:
        return None
    text = header.strip().lower()
    if not text or len(text) > _HEADER_MAX:
        return None
    if text.startswith("["):  # [v6]:port
        name, bracket, rest = text[1:].partition("]")
        if not bracket or (rest and not _port(rest)):
            return None
        return name if _address(name) and ":" in name else None
    if text.count(":") > 1:  # a bare IPv6 address (browsers always bracket it)
        return text if _address(text) else None
    name, colon, port = text.partition(":")
    if colon and not _port(":" + port):
        return None
    name = name.removesuffix(".")
    if _address(name) or _NAME.fullmatch(name):
        return name
    return None


def _port(text: str) -> bool:
    return len(text) > 1 and text[0] == ":" and text[1:].isascii() and text[1:].isdigit() and 0 < int(text[1:]) < 65536


def _address(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def is_loopback(name: str) -> bool:
    address = _address(name)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return name in LOOPBACK_NAMES or (address is not None and address.is_loopback)


def parse_allowed(values) -> frozenset[str]:
    """Names from a list or a comma/space separated string; each written as it would appear in a Host header."""
    if values is None:
        return frozenset()
    items = re.split(r"[\s,]+", values) if isinstance(values, str) else [str(v) for v in values]
    names = set()
    for item in items:
        if not item.strip():
            continue
        name = host_name(item)
        if name is None:
            log.warning("ignored %r in the allowed host names: not a host name", item[:80])
        else:
            names.add(name)
    return frozenset(names)


def allowed_hosts() -> frozenset[str]:
    """Names the trader added: ``allowed_hosts`` in .streamlit/secrets.toml and QBX_ALLOWED_HOSTS."""
    try:
        configured = st.secrets.get(SECRET)
    except Exception:  # noqa: BLE001 - no secrets file is the normal, local case
        configured = None
    return parse_allowed(configured) | parse_allowed(os.environ.get(ENV))


def host_allowed(header: str | None, extra: frozenset[str] = frozenset()) -> bool:
    name = host_name(header)
    return name is not None and (is_loopback(name) or name in extra)


def request_host() -> tuple[bool, str | None]:
    """(whether a browser is connected to this run, the Host header it connected with).

    A run can outlive its connection (the browser went away mid-run): then there is no header to
    check, and the run must not act on the widget values it was started with.
    """
    ctx = get_script_run_ctx()
    if ctx is None:
        return True, None
    if get_instance().get_client(ctx.session_id) is None:
        return False, None
    return True, st.context.headers.get("host")


def require_local_host() -> None:
    """Nothing renders, and no button acts, unless the page was reached under an allowed name.

    A run with a connection but no Host header at all (only a non-browser client, or AppTest, sends
    none) is let through: a rebinding page always runs in a browser, and a browser always sends it.
    """
    connected, header = request_host()
    if connected and header is None:
        return
    if header is not None and host_allowed(header, allowed_hosts()):
        return
    log.warning("refused a page opened as %r: not a local name (see allowed_hosts in the README)",
                (header or "")[:80])
    port = st.get_option("server.port")
    st.title("QuantumBotX")
    for language in LANGUAGES:
        shown = plain(header[:80]) if header and header.strip() else t("sec.host_missing", language)
        st.subheader(t("sec.host_title", language))
        st.error(t("sec.host_refused", language, host=shown), icon=":material/gpp_bad:")
        st.markdown(t("sec.host_how", language, port=str(port)))
    st.stop()
