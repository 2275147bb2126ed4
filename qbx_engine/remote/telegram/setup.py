"""Who may command the bot, with which token, and where the dashboard is: read from secrets.toml or the environment.

The same ``[telegram]`` table (and the same ``QBX_TELEGRAM_TOKEN`` / ``QBX_TELEGRAM_API``) as the outbound
notifications, plus ``allowed_chats``: the inbound bot answers only those chats, and it does not run at all
until that list is given (a notifications-only setup never starts reading the bot's messages). Environment
variables win, field by field. Nothing here is written to the data folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ...core.i18n import Msg
from ...core.secrets_file import secrets_table
from ...notify import config as notify_config
from ...notify.config import Scrubber, mask

ALLOWED_ENV = "QBX_TELEGRAM_ALLOWED_CHATS"
DASHBOARD_ENV = "QBX_DASHBOARD_URL"
ENV = {"token": notify_config.TELEGRAM_ENV["token"], "api_base": notify_config.TELEGRAM_ENV["api_base"],
       "allowed_chats": ALLOWED_ENV, "dashboard_url": DASHBOARD_ENV}
ENV_NAMES = (ALLOWED_ENV, DASHBOARD_ENV)  # the ones the outbound side does not already read
DEFAULT_DASHBOARD = "http://localhost:8501"
MOST_CHATS = 20

_TOKEN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{10,}$")
_CHAT = re.compile(r"^-?\d{1,20}$")


@dataclass(frozen=True)
class RemoteConfig:
    token: str = field(repr=False)
    allowed: frozenset[int]
    api_base: str = notify_config.TELEGRAM_API
    dashboard_url: str = DEFAULT_DASHBOARD

    @property
    def scrub(self) -> Scrubber:
        return Scrubber((self.token,))

    def masked(self) -> dict:
        return {"token": mask(self.token), "chats": [mask(str(chat)) for chat in sorted(self.allowed)]}


@dataclass(frozen=True)
class RemoteSetup:
    """The inbound bot as configured: ``config`` when usable, else ``problem`` (None: simply not set up)."""

    config: RemoteConfig | None = None
    problem: Msg | None = None


def load(secrets_file: Path | None = None, environ: Mapping[str, str] | None = None) -> RemoteSetup:
    """The inbound bot's setup; never raises (a bad setup must not stop the dashboard, it is shown instead)."""
    environ = os.environ if environ is None else environ
    try:
        table = secrets_table("telegram", secrets_file or notify_config.SECRETS_FILE)
    except ValueError as exc:
        return RemoteSetup(problem=Msg("notify.cfg.bad_toml", {"problem": str(exc)[:200]}))
    values = {name: environ.get(variable) or table.get(name) for name, variable in ENV.items()}
    allowed = values["allowed_chats"]
    if allowed in (None, "", []):
        return RemoteSetup()
    chats = _chats(allowed)
    if chats is None:
        return RemoteSetup(problem=Msg("tg.cfg.bad_chats", {"most": MOST_CHATS}))
    token = str(values["token"] or "").strip()
    if not token:
        return RemoteSetup(problem=Msg("notify.cfg.missing", {"fields": "token"}))
    if not _TOKEN.match(token):
        return RemoteSetup(problem=Msg("notify.cfg.bad_token"))
    api_base = str(values["api_base"] or notify_config.TELEGRAM_API).strip().rstrip("/")
    if not _is_http_url(api_base):
        return RemoteSetup(problem=Msg("notify.cfg.bad_url", {"name": "api_base"}))
    dashboard = str(values["dashboard_url"] or DEFAULT_DASHBOARD).strip().rstrip("/")
    if not _is_http_url(dashboard):
        return RemoteSetup(problem=Msg("notify.cfg.bad_url", {"name": "dashboard_url"}))
    return RemoteSetup(RemoteConfig(token, chats, api_base, dashboard))


def _chats(value) -> frozenset[int] | None:
    """Chat ids from a TOML list (numbers or strings) or a comma/space separated string; None if any is wrong."""
    items = [x for x in re.split(r"[\s,;]+", value) if x] if isinstance(value, str) else value
    if isinstance(items, (int, str)) and not isinstance(items, bool):
        items = [items]
    if not isinstance(items, list):
        return None
    chats = set()
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (int, str)) or not _CHAT.match(str(item).strip()):
            return None
        chats.add(int(str(item).strip()))
    return frozenset(chats) if 0 < len(chats) <= MOST_CHATS else None


def _is_http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)
