"""Where the channels' credentials come from, and the guarantee that they stay secret.

Environment variables win, field by field; otherwise the ``[telegram]`` and
``[webhook]`` tables of ``.streamlit/secrets.toml``. Nothing here is ever
written to the data folder. A channel that is half configured, or configured
wrongly, is off and says why (never quoting the secret).
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..core.i18n import Msg, shown
from ..core.secrets_file import SECRETS_FILE, secrets_table

TELEGRAM_API = "https://api.telegram.org"
SECRET_HEADER = "X-QBX-Secret"

TELEGRAM_ENV = {"token": "QBX_TELEGRAM_TOKEN", "chat_id": "QBX_TELEGRAM_CHAT_ID", "api_base": "QBX_TELEGRAM_API"}
WEBHOOK_ENV = {"url": "QBX_WEBHOOK_URL", "secret": "QBX_WEBHOOK_SECRET", "secret_header": "QBX_WEBHOOK_HEADER",
               "fields": "QBX_WEBHOOK_FIELDS"}
ENV_NAMES = (*TELEGRAM_ENV.values(), *WEBHOOK_ENV.values())

_TOKEN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{10,}$")
_CHAT = re.compile(r"^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,})$")
_HEADER = re.compile(r"^[A-Za-z0-9-]{1,64}$")


def mask(secret: str | None) -> str:
    """Enough of a secret to recognise it (``12…89``), never enough to use it."""
    if not secret:
        return ""
    text = str(secret)
    return text[:2] + "…" + text[-2:] if len(text) >= 8 else "…"


def mask_url(url: str) -> str:
    """Scheme and host only: webhook paths and query strings often carry the token."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}/…"


class Scrubber:
    """Removes every known secret from a text before it may reach a log, the store or the page."""

    def __init__(self, secrets: tuple[str, ...] = ()):
        self.secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def __call__(self, text) -> str:
        text = str(text)
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text

    def __add__(self, other: Scrubber) -> Scrubber:
        return Scrubber((*self.secrets, *other.secrets))


@dataclass(frozen=True)
class TelegramConfig:
    token: str = field(repr=False)
    chat_id: str
    api_base: str = TELEGRAM_API

    def secrets(self) -> tuple[str, ...]:
        return (self.token,)

    def masked(self) -> dict[str, str]:
        return {"token": mask(self.token), "chat_id": mask(self.chat_id)}


@dataclass(frozen=True)
class WebhookConfig:
    url: str = field(repr=False)
    secret: str | None = field(default=None, repr=False)
    secret_header: str = SECRET_HEADER
    fields: dict[str, str] | None = None

    def secrets(self) -> tuple[str, ...]:
        parts = urlsplit(self.url)
        found = [self.url, self.secret or "", parts.password or "", parts.query]
        if parts.username and parts.password:
            found.append(f"{parts.username}:{parts.password}")
        if len(parts.path) >= 8:
            found.append(parts.path)
        return tuple(found)

    def masked(self) -> dict[str, str]:
        return {"url": mask_url(self.url), "secret": mask(self.secret)}


@dataclass(frozen=True)
class Setup:
    """One channel as configured: ``config`` when usable, else ``problem`` (None: simply not set up)."""

    config: TelegramConfig | WebhookConfig | None = None
    problem: Msg | None = None

    @property
    def scrub(self) -> Scrubber:
        return Scrubber(self.config.secrets() if self.config is not None else ())


def load(secrets_file: Path | None = None, environ: Mapping[str, str] | None = None) -> dict[str, Setup]:
    """Both channels' setups; never raises (a notification problem must not stop the engine)."""
    environ = os.environ if environ is None else environ
    try:
        path = secrets_file or SECRETS_FILE
        tables = {name: secrets_table(name, path) for name in ("telegram", "webhook")}
    except ValueError as exc:
        problem = Msg("notify.cfg.bad_toml", {"problem": str(exc)[:200]})
        tables = {}
        file_problem: Msg | None = problem
    else:
        file_problem = None
    telegram = _values(TELEGRAM_ENV, tables.get("telegram", {}), environ)
    webhook = _values(WEBHOOK_ENV, tables.get("webhook", {}), environ)
    setups = {"telegram": _telegram(telegram), "webhook": _webhook(webhook)}
    if file_problem is not None:
        setups = {name: s if s.config is not None else Setup(None, file_problem) for name, s in setups.items()}
    return setups


def _values(names: dict[str, str], table: dict, environ: Mapping[str, str]) -> dict:
    values = {}
    for name, variable in names.items():
        value = environ.get(variable) or table.get(name)
        if value not in (None, ""):
            values[name] = value
    return values


def _telegram(values: dict) -> Setup:
    if not values:
        return Setup()
    missing = [name for name in ("token", "chat_id") if name not in values]
    if missing:
        return Setup(problem=Msg("notify.cfg.missing", {"fields": ", ".join(missing)}))
    token, chat_id = str(values["token"]).strip(), str(values["chat_id"]).strip()
    if not _TOKEN.match(token):
        return Setup(problem=Msg("notify.cfg.bad_token"))
    if not _CHAT.match(chat_id):
        return Setup(problem=Msg("notify.cfg.bad_chat"))
    api_base = str(values.get("api_base") or TELEGRAM_API).rstrip("/")
    problem = url_problem(api_base, "api_base")
    if problem is not None:
        return Setup(problem=problem)
    return Setup(TelegramConfig(token, chat_id, api_base))


def _webhook(values: dict) -> Setup:
    if not values:
        return Setup()
    if "url" not in values:
        return Setup(problem=Msg("notify.cfg.missing", {"fields": "url"}))
    url = str(values["url"]).strip()
    problem = url_problem(url, "url")
    if problem is not None:
        return Setup(problem=problem)
    header = str(values.get("secret_header") or SECRET_HEADER)
    if not _HEADER.match(header):
        return Setup(problem=Msg("notify.cfg.bad_header"))
    fields = values.get("fields")
    if isinstance(fields, str):
        try:
            fields = json.loads(fields)
        except ValueError:
            fields = None if not fields.strip() else "bad"
    if fields is not None and not (isinstance(fields, dict) and fields
                                   and all(isinstance(k, str) and isinstance(v, str) for k, v in fields.items())):
        return Setup(problem=Msg("notify.cfg.bad_fields"))
    secret = values.get("secret")
    return Setup(WebhookConfig(url, str(secret) if secret else None, header, dict(fields) if fields else None))


def url_problem(url: str, name: str) -> Msg | None:
    """Why ``url`` cannot be sent to (None: it can): an http(s) URL with no space or control character and a
    host that DNS or IP could resolve. Refused here, when the setup is read, rather than on every retry."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return Msg("notify.cfg.bad_url", {"name": name})
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return Msg("notify.cfg.bad_url", {"name": name})
    if not _valid_host(parts.hostname):
        return Msg("notify.cfg.bad_host", {"name": name, "host": shown(parts.hostname)})
    bad = next((i for i, ch in enumerate(url) if ch.isspace() or unicodedata.category(ch) == "Cc"), None)
    if bad is not None:  # urlsplit drops tabs and newlines silently; http.client refuses them on every send
        return Msg("notify.cfg.url_spaces", {"name": name, "position": bad + 1})
    return None


_LABEL = re.compile(r"^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$")


def _valid_host(host: str) -> bool:
    """An IP address, or a DNS name (international names too, as their IDNA form) of valid labels."""
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.rstrip(".").encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return 0 < len(ascii_host) <= 253 and all(_LABEL.match(label) for label in ascii_host.split("."))
