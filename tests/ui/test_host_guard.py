"""The host check: which Host headers may see the dashboard, and what a refused page shows.

The end-to-end proof (a real server, Chromium resolving evil.example to 127.0.0.1) is in
tests/browser/test_hostile_browser.py; here the parsing and the rendered refusal.
"""

from __future__ import annotations

import pytest

from qbx_engine.core.i18n import t
from qbx_ui import guard
from qbx_ui.shell import plain


@pytest.mark.parametrize("header, name", [
    ("localhost", "localhost"),
    ("localhost:8501", "localhost"),
    ("LocalHost:8501", "localhost"),
    ("localhost.:8501", "localhost"),
    ("localhost.", "localhost"),
    ("127.0.0.1", "127.0.0.1"),
    ("127.0.0.1:8501", "127.0.0.1"),
    ("127.0.0.1.:8501", "127.0.0.1"),
    ("[::1]", "::1"),
    ("[::1]:8501", "::1"),
    ("[0:0:0:0:0:0:0:1]:8501", "0:0:0:0:0:0:0:1"),
    ("::1", "::1"),
    ("Evil.Example:8501", "evil.example"),
    ("evil.example.", "evil.example"),
    ("  trading-pc.local:443 ", "trading-pc.local"),
])
def test_host_names_are_read_without_port_case_brackets_or_trailing_dot(header, name):
    assert guard.host_name(header) == name


@pytest.mark.parametrize("header", [
    None, "", "   ", ":8501", "localhost:", "localhost:0", "localhost:65536", "localhost:85a1",
    "localhost:８５０１",
    "user@localhost", "localhost/path", "localhost:8501:1", "[::1", "[::1]x", "[::1]:", "[127.0.0.1]",
    "[evil.example]", "evil example", "localhost\x00", "a" * 400, "localhost?x", "..", "-evil.example",
])
def test_malformed_host_headers_have_no_name(header):
    assert guard.host_name(header) is None
    assert not guard.host_allowed(header, frozenset({"localhost", "evil.example"}))


@pytest.mark.parametrize("header", ["localhost:8501", "LOCALHOST", "localhost.", "127.0.0.1:8501", "127.0.0.2",
                                    "127.255.255.254:1", "[::1]:8501", "[::ffff:127.0.0.1]:8501"])
def test_loopback_names_and_addresses_are_allowed(header):
    assert guard.host_allowed(header)


@pytest.mark.parametrize("header", ["evil.example:8501", "evil.example", "localhost.evil.example",
                                    "127.0.0.1.evil.example", "sub.localhost", "0.0.0.0:8501", "192.168.1.10:8501",
                                    "[::]:8501", "[fe80::1]:8501", "10.0.0.1", "127.1"])
def test_every_other_name_is_refused_unless_listed(header):
    assert not guard.host_allowed(header)
    listed = guard.parse_allowed([header])
    assert guard.host_allowed(header, listed)


def test_the_allow_list_is_read_like_host_headers():
    assert guard.parse_allowed("Trading-PC.local:8501, 192.168.1.10  [fe80::1]:8501\n") == \
        {"trading-pc.local", "192.168.1.10", "fe80::1"}
    assert guard.parse_allowed(["Trading-PC.local.", "", "not a name!", "evil.example/x"]) == {"trading-pc.local"}
    assert guard.parse_allowed(None) == frozenset()
    assert not guard.host_allowed("evil.example", guard.parse_allowed("*"))  # no wildcard: name each host


def test_the_allow_list_comes_from_secrets_and_the_environment(monkeypatch):
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from qbx_ui import guard

        st.write(", ".join(sorted(guard.allowed_hosts())))

    monkeypatch.setenv(guard.ENV, "from-env.example:8501")
    at = AppTest.from_function(script)
    at.secrets["allowed_hosts"] = ["From-Secrets.example"]
    at.run()
    assert at.markdown[0].value == "from-env.example, from-secrets.example"


# -- the refusal, rendered by the real app (AppTest has no request, so the header is given here) ---------------
@pytest.fixture
def forged(monkeypatch):
    def use(header: str | None, connected: bool = True):
        monkeypatch.setattr(guard, "request_host", lambda: (connected, header))
    return use


def refusal_shown(view, host: str | None) -> None:
    """The refusal in both languages (the trader's language is not known: the engine is not opened)."""
    text = view.texts()
    for language in ("id", "en"):
        shown = host if host is not None else t("sec.host_missing", language)
        assert t("sec.host_title", language) in text
        assert t("sec.host_refused", language, host=shown) in text
        assert t("sec.host_how", language, port="8501") in text


def assert_nothing_else(view) -> None:
    assert len(view.at.button) == 0 and len(view.at.text_input) == 0 and len(view.at.selectbox) == 0
    assert len(view.at.sidebar.children) == 0


def test_a_page_opened_under_a_foreign_name_shows_only_the_refusal(app, busy_dir, forged):
    forged("evil.example:8501")
    view = app(secrets={})
    view.at.run()
    view.assert_clean()
    refusal_shown(view, "evil\\.example\\:8501")
    assert_nothing_else(view)
    assert "EURUSD" not in view.texts()  # the busy store's bots are not shown
    view.at.switch_page("pages/bots.py").run()
    refusal_shown(view, "evil\\.example\\:8501")
    assert_nothing_else(view)


def test_the_refused_name_is_shown_as_text_not_markdown(app, forged):
    forged("x](http://127.0.0.1:9/p.png)")
    view = app(secrets={})
    view.at.run()
    assert plain("x](http://127.0.0.1:9/p.png)") in view.errors()[0]
    assert "](http:" not in view.errors()[0]


def test_a_run_whose_browser_went_away_acts_on_nothing(app, forged):
    """The widget values of a run can come from a page that then disconnected before the check."""
    forged(None, connected=False)
    view = app(secrets={})
    view.at.run()
    refusal_shown(view, None)
    assert_nothing_else(view)


def test_a_listed_name_is_served_and_the_password_still_asked(app, forged, monkeypatch):
    forged("Trading-PC.local:8501")
    monkeypatch.setenv(guard.ENV, "trading-pc.local")
    view = app(secrets={"password": "rahasia-uji"})
    view.at.run()
    assert t("sec.host_title", "id") not in view.texts()
    assert view.at.text_input(key="qbx_password")  # the password gate comes next


def test_without_a_request_header_the_app_renders(app):
    """AppTest (like a non-browser client) sends no Host header: the dashboard renders."""
    view = app("bots")
    assert t("sec.host_title", "id") not in view.texts()
    assert view.button(t("ui.stop_all", "id"))
