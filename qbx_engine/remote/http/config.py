"""Where the API and the alert receiver listen, and the API's token: from the environment, the secrets file and
the trader's settings. The token is read here and compared in :mod:`.api`; it is never stored, logged or shown
(Settings shows it masked).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ...core.i18n import Msg
from ...core.secrets_file import SECRETS_FILE, secrets_table

TOKEN_ENV = "QBX_API_TOKEN"
# Environment values win over the settings (a second dashboard for testing, a service manager's unit file).
PLACE_ENV = {"api_host": "QBX_API_HOST", "api_port": "QBX_API_PORT", "alerts_host": "QBX_ALERTS_HOST",
             "alerts_port": "QBX_ALERTS_PORT"}
ENV_NAMES = (TOKEN_ENV, *PLACE_ENV.values())
MIN_TOKEN = 24
_TOKEN = re.compile(r"^[\x21-\x7e]+$")  # printable ASCII without spaces: it travels in a header
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def mask(secret: str | None) -> str:
    """Enough of a secret to recognise it, never enough to use it."""
    return "" if not secret else (secret[:2] + "…" + secret[-2:] if len(secret) >= 12 else "…")


@dataclass(frozen=True)
class HttpConfig:
    token: str | None = field(repr=False)
    problem: Msg | None  # why the API does not start (no token, a token too short, an unreadable file)
    api_host: str
    api_port: int
    alerts_host: str
    alerts_port: int

    @property
    def masked_token(self) -> str:
        return mask(self.token)


def load(settings: Mapping, environ: Mapping[str, str] | None = None, path: Path | None = None) -> HttpConfig:
    """The configuration now. The token: ``QBX_API_TOKEN``, else ``token`` of ``[api]`` in the secrets file."""
    environ = os.environ if environ is None else environ
    found: object = environ.get(TOKEN_ENV) or None
    problem: Msg | None = None
    if found is None:
        try:
            found = secrets_table("api", path or SECRETS_FILE).get("token") or None
        except ValueError as exc:
            problem = Msg("api.bad_secrets", {"problem": str(exc)})
    token: str | None = found if isinstance(found, str) and _TOKEN.match(found) else None
    if found is not None and token is None:
        problem = Msg("api.bad_token")
    elif token is not None and len(token) < MIN_TOKEN:
        problem = Msg("api.short_token", {"length": len(token), "min": MIN_TOKEN})
        token = None
    elif token is None and problem is None:
        problem = Msg("api.no_token")
    place = {name: environ.get(env) or settings[name] for name, env in PLACE_ENV.items()}
    return HttpConfig(token, problem, str(place["api_host"]), _port(place["api_port"]), str(place["alerts_host"]),
                      _port(place["alerts_port"]))


def _port(value) -> int:
    """A port from the settings (checked there) or the environment (0: any free port, as tests use)."""
    try:
        port = int(value)
    except (TypeError, ValueError):
        return -1
    return port if 0 <= port <= 65535 else -1
