"""The API and the alert receiver, each a uvicorn server on its own thread and port, beside the one Engine.

The API starts when a token is set; the alert receiver when at least one TradingView alert bot exists (and
with the first one created later). Each binds its socket before its server starts, so a port already taken
is reported here, by name, and the dashboard carries on without that server. Neither ever runs inside a
tick; a busy API is bounded by its rate limits and a fixed number of connections.
"""

from __future__ import annotations

import atexit
import logging
import re
import socket
import threading
import time
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import uvicorn

from ...core.i18n import Msg
from . import config as http_config
from .alerts import build_alerts
from .api import build_api

if TYPE_CHECKING:
    from ...engine import Engine

log = logging.getLogger("qbx_engine.remote.http")

START_WAIT = 10.0  # seconds a server may take to start listening
STOP_WAIT = 5.0
CONNECTIONS = 64  # at once per server; more wait in the socket's backlog or get 503


class _Scrub(logging.Filter):
    """Keeps a webhook secret (a path under /alerts/) and the API token out of the web server's own log lines."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        clean = re.sub(r"/alerts/[^\s\"'?]+", "/alerts/***", text)
        for secret in self.secrets:
            clean = clean.replace(secret, "***")
        if clean != text:
            record.msg, record.args = clean, None
        return True


SCRUB = _Scrub()
for _name in ("uvicorn", "uvicorn.error", "uvicorn.access", "fastapi"):
    logging.getLogger(_name).addFilter(SCRUB)


class Listener:
    """One uvicorn server on a thread of its own."""

    def __init__(self, name: str, app: Any, host: str, port: int, *, proxy_headers: bool):
        self.name, self.app, self.host, self.requested_port = name, app, host, port
        self.proxy_headers = proxy_headers
        self.port: int | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._failed: BaseException | None = None

    def start(self) -> None:
        """Listen, or raise OSError (a port in use, an address this computer does not have)."""
        sock = _bound_socket(self.host, self.requested_port)
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.app, log_config=None, access_log=False, lifespan="off", loop="asyncio",
                                server_header=False, proxy_headers=self.proxy_headers,
                                forwarded_allow_ips="127.0.0.1", limit_concurrency=CONNECTIONS,
                                timeout_keep_alive=5, timeout_graceful_shutdown=2)
        server = uvicorn.Server(config)
        self._server = server
        self._thread = threading.Thread(target=self._run, args=(server, sock), name=f"qbx-{self.name}",
                                        daemon=True)
        self._thread.start()
        deadline = time.monotonic() + START_WAIT
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                sock.close()
                raise OSError(f"the {self.name} server did not start ({self._failed or 'timed out'})")
            time.sleep(0.01)
        log.info("%s listening on %s:%s", self.name, self.host, self.port)

    def _run(self, server: uvicorn.Server, sock: socket.socket) -> None:
        try:
            server.run(sockets=[sock])
        except BaseException as exc:  # noqa: BLE001 - a server that dies is reported by status(), not raised here
            self._failed = exc
            log.error("the %s server stopped: %s", self.name, type(exc).__name__)
        finally:
            sock.close()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and self._server is not None \
            and self._server.started

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.should_exit = True
        thread.join(STOP_WAIT)
        if thread.is_alive():
            server.force_exit = True
            thread.join(STOP_WAIT)


def _bound_socket(host: str, port: int) -> socket.socket:
    if port < 0:
        raise OSError("the port is not a number from 0 to 65535")
    family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):  # Windows: no other program may take the port from under us
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Replies go out at once: without it a reply written in two parts waits ~40 ms for the client's
        # delayed acknowledgement (measured: 47 ms per call, 1.4 ms with it).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind(address)
        sock.listen(128)
        sock.set_inheritable(False)
    except OSError:
        sock.close()
        raise
    return sock


class RemoteHttp:
    """The two servers of one engine: started beside it, stopped before it closes (never raises on start)."""

    def __init__(self, engine: Engine, *, environ: Mapping[str, str] | None = None, secrets_path: Path | None = None):
        self.engine = engine
        self.environ = environ
        self.secrets_path = secrets_path
        self.api: Listener | None = None
        self.alerts: Listener | None = None
        self.api_problem: Msg | None = None
        self.alerts_problem: Msg | None = None
        self._lock = threading.RLock()
        self._config = self._load()
        _RUNNING.add(self)

    def _load(self) -> http_config.HttpConfig:
        return http_config.load(self.engine.settings.all(), self.environ, self.secrets_path)

    def start(self) -> RemoteHttp:
        for other in list(_RUNNING):  # a dashboard reload closed the engine they served: free their ports
            if other is not self and other.engine.closed:
                other.stop()
        with self._lock:
            self._config = cfg = self._load()
            if self.api is None:
                if cfg.token is None:
                    self.api_problem = cfg.problem
                else:
                    SCRUB.secrets.add(cfg.token)
                    app = build_api(self.engine, cfg.token, on_alert_bot=self.ensure_alerts)
                    self.api, self.api_problem = self._listen("API", app, cfg.api_host, cfg.api_port, False)
            self.ensure_alerts()
        return self

    def ensure_alerts(self) -> None:
        """Start the alert receiver if an alert bot exists and it is not running yet."""
        with self._lock:
            if self.alerts is not None or self.engine.closed or not self.engine.alerts.alert_bots():
                return
            cfg = self._config
            self.alerts, self.alerts_problem = self._listen("alerts", build_alerts(self.engine), cfg.alerts_host,
                                                            cfg.alerts_port, True)

    @staticmethod
    def _listen(name: str, app, host: str, port: int, proxy_headers: bool) -> tuple[Listener | None, Msg | None]:
        listener = Listener(name, app, host, port, proxy_headers=proxy_headers)
        try:
            listener.start()
        except OSError as exc:
            log.warning("the %s server did not start on %s:%s: %s", name, host, port, exc)
            return None, Msg("api.cannot_listen", {"host": host, "port": port, "problem": exc.strerror or str(exc)})
        return listener, None

    def restart(self) -> RemoteHttp:
        """Stop both and start again with the settings and token as they are now."""
        self.stop()
        return self.start()

    def stop(self) -> None:
        with self._lock:
            for listener in (self.api, self.alerts):
                if listener is not None:
                    listener.stop()
            self.api = self.alerts = None
            self.api_problem = self.alerts_problem = None

    def public_url(self) -> str:
        return self.engine.settings.get("alerts_public_url")

    def status(self) -> dict:
        """What Settings shows: each server's address (or why it does not run), the token masked."""
        cfg = self._config
        api, alerts = self.api, self.alerts
        return {
            "api": {"running": api is not None and api.running, "host": cfg.api_host,
                    "port": api.port if api is not None else cfg.api_port,
                    "url": _url(cfg.api_host, api.port) if api is not None else None,
                    "problem": self.api_problem.to_json() if self.api_problem else None,
                    "token": cfg.masked_token, "loopback": cfg.api_host in http_config.LOOPBACK},
            "alerts": {"running": alerts is not None and alerts.running, "host": cfg.alerts_host,
                       "port": alerts.port if alerts is not None else cfg.alerts_port,
                       "url": _url(cfg.alerts_host, alerts.port) if alerts is not None else None,
                       "problem": self.alerts_problem.to_json() if self.alerts_problem else None,
                       "public_url": self.public_url(), "alert_bots": len(self.engine.alerts.alert_bots())}}


def _url(host: str, port: int | None) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "localhost") else f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


_RUNNING: weakref.WeakSet[RemoteHttp] = weakref.WeakSet()


@atexit.register
def _stop_all() -> None:
    """A process that exits without stopping its servers still closes their ports cleanly."""
    for remote in list(_RUNNING):
        try:
            remote.stop()
        except Exception:  # noqa: BLE001 - exiting anyway
            log.exception("stopping the HTTP servers at exit failed")
