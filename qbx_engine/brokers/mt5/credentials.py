"""Where the MT5 login comes from, and the guarantee that the password never leaves this object."""

from __future__ import annotations

import json
import os
import re
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from ...core.secrets_file import SECRETS_FILE, secrets_table

ENV = {"path": "QBX_MT5_PATH", "login": "QBX_MT5_LOGIN", "password": "QBX_MT5_PASSWORD",
       "server": "QBX_MT5_SERVER"}


@dataclass(frozen=True)
class Credentials:
    """Terminal path and account login; empty fields mean "use the terminal's saved login"."""

    path: str | None = None
    login: int | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    server: str | None = None

    @classmethod
    def from_environment(cls, secrets_file: Path | None = None) -> Credentials:
        """Environment variables win; otherwise the ``[mt5]`` table of .streamlit/secrets.toml."""
        table = {k: v for k, v in secrets_table("mt5", secrets_file or SECRETS_FILE).items() if v not in (None, "")}
        values = {name: os.environ.get(variable) or table.get(name) for name, variable in ENV.items()}
        login = values["login"]
        try:
            login = int(login) if login not in (None, "") else None
        except (TypeError, ValueError):
            raise ValueError(f"the MT5 login must be the account number, not {str(login)[:20]!r}") from None
        return cls(path=values["path"] or None, login=login, password=values["password"] or None,
                   server=values["server"] or None)

    def initialize_kwargs(self) -> dict:
        """Arguments for ``MetaTrader5.initialize``: only those the trader gave."""
        kwargs = {"login": self.login, "password": self.password, "server": self.server}
        return {name: value for name, value in kwargs.items() if value is not None}

    def scrub(self, text: str) -> str:
        """``text`` with the password removed, for anything that may reach a log or the page.

        Also its case variants and every way a terminal, a URL or JSON may have encoded it.
        """
        text = str(text)
        if self.password:
            text = _password_pattern(self.password).sub("***", text)
        return text

    def masked_login(self) -> str:
        return "" if self.login is None else "…" + str(self.login)[-4:]


def _password_pattern(password: str) -> re.Pattern:
    """The password with each character in any case, as itself or percent-encoded (UTF-8 or Latin-1, either
    hex case), ``+`` for a space, or JSON's ``\\uXXXX``: a mixture of encodings is found too."""
    return re.compile("".join(_char_forms(ch) for ch in password), re.IGNORECASE)


def _char_forms(ch: str) -> str:
    forms = {re.escape(ch), re.escape(json.dumps(ch)[1:-1])}
    for encoding in ("utf-8", "latin-1"):
        with suppress(UnicodeEncodeError):
            forms.add(re.escape("".join(f"%{byte:02x}" for byte in ch.encode(encoding))))
    if ch == " ":
        forms.add(re.escape("+"))
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"
