"""Where the mentor's conversation goes: an OpenAI-compatible server, and what that means for the trader's data.

The address and the model come from the environment (``QBX_MENTOR_AI_URL``, ``QBX_MENTOR_AI_MODEL``), else the
``[mentor_ai]`` table of ``.streamlit/secrets.toml``, else the trader's settings; the API key only from the
environment (``QBX_MENTOR_AI_KEY``) or the secrets file, never the data folder. Where the facts go is read from
the address alone (no name is looked up): this computer (loopback), the trader's own network (a private address
or a local name), or the internet, which the trader must allow, host by host, before anything is sent.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..core.i18n import Msg, shown
from ..core.secrets_file import SECRETS_FILE, secrets_table

ENV = {"url": "QBX_MENTOR_AI_URL", "model": "QBX_MENTOR_AI_MODEL", "api_key": "QBX_MENTOR_AI_KEY"}
TABLE = "mentor_ai"
THIS_COMPUTER, LOCAL_NETWORK, INTERNET = "this_computer", "local_network", "internet"
LOCAL_SUFFIXES = (".local", ".lan", ".home.arpa", ".internal", ".localdomain", ".intranet")
URL_MAX, MODEL_MAX = 300, 200
_MODEL = re.compile(r"^[\w.:/@+\-]{1,200}$")
_CGNAT = ipaddress.ip_network("100.64.0.0/10")  # Tailscale and similar private overlays


def url_problem(url) -> Msg | None:
    """Why ``url`` cannot be a model server's base URL (None: it can)."""
    if not isinstance(url, str) or not url or len(url) > URL_MAX or any(ch.isspace() for ch in url):
        return Msg("mentor.chat.cfg.bad_url", {"value": shown(url)})
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return Msg("mentor.chat.cfg.bad_url", {"value": shown(url)})
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return Msg("mentor.chat.cfg.bad_url", {"value": shown(url)})
    if parts.username or parts.password:
        return Msg("mentor.chat.cfg.credentials_in_url")
    return None


def model_problem(model) -> Msg | None:
    if isinstance(model, str) and _MODEL.match(model):
        return None
    return Msg("mentor.chat.cfg.bad_model", {"value": shown(model)})


def where(url: str) -> str:
    """This computer, the trader's own network, or the internet, from the address's host."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return THIS_COMPUTER
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return LOCAL_NETWORK if "." not in host or host.endswith(LOCAL_SUFFIXES) else INTERNET
    if address.is_loopback:
        return THIS_COMPUTER
    if address.is_private or address.is_link_local or (address.version == 4 and address in _CGNAT):
        return LOCAL_NETWORK
    return INTERNET


def host_of(url: str) -> str:
    """Scheme, host and port: what the page names as the destination (paths and queries may carry tokens)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{parts.port}" if parts.port else "")


@dataclass(frozen=True)
class Endpoint:
    url: str
    model: str
    api_key: str | None = field(default=None, repr=False)

    @property
    def where(self) -> str:
        return where(self.url)

    @property
    def host(self) -> str:
        return host_of(self.url)

    def secrets(self) -> tuple[str, ...]:
        """What must never be shown: the key, and a query string (some services take a key there)."""
        query = urlsplit(self.url).query
        return tuple(s for s in (self.api_key, query) if s and len(s) >= 4)

    def describe(self) -> dict:
        return {"model": self.model, "host": self.host, "where": self.where,
                "where_msg": Msg(f"mentor.chat.where.{self.where}", {"model": self.model, "host": self.host}).to_json()}


@dataclass(frozen=True)
class Setup:
    """The endpoint as configured: ``endpoint`` when usable, else ``problem`` (None: simply not set up).
    ``sources`` says where each field came from ("environment", "secrets", "settings")."""

    endpoint: Endpoint | None = None
    problem: Msg | None = None
    sources: dict[str, str] = field(default_factory=dict)
    key_masked: str = ""


def load(settings: Mapping, secrets_file: Path | None = None, environ: Mapping[str, str] | None = None) -> Setup:
    """The endpoint from the environment, the secrets file and the settings; never raises."""
    environ = os.environ if environ is None else environ
    try:
        table = secrets_table(TABLE, secrets_file or SECRETS_FILE)
        problem = None
    except ValueError as exc:
        table, problem = {}, Msg("mentor.chat.cfg.bad_toml", {"problem": str(exc)[:200]})
    values: dict[str, str] = {}
    sources: dict[str, str] = {}
    for name, variable in ENV.items():
        for source, value in (("environment", environ.get(variable)), ("secrets", table.get(name)),
                              ("settings", settings.get(f"mentor_ai_{name}") if name != "api_key" else None)):
            if value not in (None, ""):
                values[name], sources[name] = str(value).strip(), source
                break
    key = values.get("api_key")
    masked = (key[:2] + "…" + key[-2:]) if key and len(key) >= 8 else ("…" if key else "")
    if "url" not in values:
        return Setup(problem=problem, sources=sources, key_masked=masked)
    problem = url_problem(values["url"]) or problem
    if problem is None and "model" not in values:
        problem = Msg("mentor.chat.cfg.no_model")
    if problem is None:
        problem = model_problem(values["model"])
    if problem is not None:
        return Setup(problem=problem, sources=sources, key_masked=masked)
    return Setup(Endpoint(values["url"].rstrip("/"), values["model"], key), sources=sources, key_masked=masked)


def needs_consent(endpoint: Endpoint, allowed: str) -> bool:
    """An internet service gets the facts only once the trader has allowed that very host."""
    return endpoint.where == INTERNET and allowed != endpoint.host
