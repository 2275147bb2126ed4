"""The MT5 password is scrubbed in any case and any encoding a terminal, a URL or JSON may give it."""

from __future__ import annotations

import json
import logging
from urllib.parse import quote, quote_plus

import pytest

from qbx_engine.brokers.mt5 import Credentials, MT5Broker
from qbx_engine.core.errors import BrokerUnavailable
from qbx_engine.core.i18n import render
from tests import mt5_fake

PASSWORD = "Pa$$ w0rd/é"
FORMS = {
    "as typed": PASSWORD,
    "upper case": PASSWORD.upper(),
    "lower case": PASSWORD.lower(),
    "swapped case": PASSWORD.swapcase(),
    "URL path": quote(PASSWORD),
    "URL component": quote(PASSWORD, safe=""),
    "form field": quote_plus(PASSWORD),
    "lower-case hex": quote(PASSWORD, safe="").lower(),
    "Latin-1 URL": quote(PASSWORD, encoding="latin-1"),
    "partly encoded": "Pa$$%20w0rd/é",
    "JSON": json.dumps(PASSWORD)[1:-1],
    "JSON upper": json.dumps(PASSWORD)[1:-1].upper(),
}


@pytest.mark.parametrize("form", FORMS.values(), ids=FORMS.keys())
def test_every_form_of_the_password_is_scrubbed(form):
    creds = Credentials(login=7001, password=PASSWORD)
    text = f"login failed for 7001 with password={form}; retry later"
    assert creds.scrub(text) == "login failed for 7001 with password=***; retry later"


def test_other_text_is_left_alone():
    creds = Credentials(login=7001, password=PASSWORD)
    assert creds.scrub("Pa$$ w0rd\\é and Pa$ w0rd/é are not the password") == \
        "Pa$$ w0rd\\é and Pa$ w0rd/é are not the password"
    assert Credentials().scrub("Pa$$ w0rd/é") == "Pa$$ w0rd/é"  # no password given: nothing to hide
    assert Credentials(password="a.c").scrub("abc a.c") == "abc ***"  # regex characters are literal


def test_a_terminal_error_echoing_the_password_reaches_no_message_or_log(clock, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    mt5_fake.plug_in(monkeypatch, clock)
    monkeypatch.setenv("QBX_MT5_PASSWORD", PASSWORD)  # not the terminal's: the login fails
    echoed = " | ".join(FORMS.values())
    monkeypatch.setattr(mt5_fake, "last_error", lambda: (-6, f"Authorization failed ({echoed})"))
    with pytest.raises(BrokerUnavailable) as failed:
        MT5Broker.from_environment(clock)
    shown = render(failed.value.msg, "id") + render(failed.value.msg, "en") + str(failed.value) + caplog.text
    assert "Authorization failed" in shown
    for name, form in FORMS.items():
        assert form not in shown, name
