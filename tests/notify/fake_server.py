"""A local HTTP server on 127.0.0.1 that plays Telegram's Bot API and a webhook receiver.

Telegram: ``POST /bot<TOKEN>/sendMessage`` answers like the real API: ``{"ok": true, "result": …}``,
401 for a wrong token, 400 "chat not found" for a wrong chat, and whatever the test scripts
(500, 429 with ``retry_after``, a hang). The webhook receiver is any other path. Every request is
recorded with the time of the clock it was given (a fake one in worker tests), and only requests
it answered with success count as delivered.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    path: str
    headers: dict[str, str]  # names in lower case (HTTP header names are case-insensitive)
    body: dict
    at: float
    answered: int | None = None  # the status sent back (None: hung and dropped)


@dataclass
class FakeServer:
    token: str
    chat_id: str
    now: Callable[[], float] = time.monotonic
    requests: list[Request] = field(default_factory=list)
    # what the next requests of each kind get: "ok", 500, 400, ("429", n), ("429-header", n), "hang", "echo"
    scripts: dict = field(default_factory=lambda: {"telegram": [], "webhook": []})
    release: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self):
        self.lock = threading.Lock()
        self.arrived = threading.Condition(self.lock)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output (and caplog) to what the engine logs
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw.decode("utf-8"))
                except ValueError:
                    body = {"_raw": raw.decode("utf-8", "replace")}
                request = Request(self.path, {k.lower(): v for k, v in self.headers.items()}, body, server.now())
                with server.lock:
                    server.requests.append(request)
                    script = server.scripts[server._kind(request)]
                    behaviour = script.pop(0) if script else "ok"
                    server.arrived.notify_all()
                if behaviour == "hang":
                    server.release.wait(30)
                    self.close_connection = True
                    return
                status, reply = server.answer(self.path, body, behaviour)
                request.answered = status
                payload = json.dumps(reply).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if behaviour != "ok" and isinstance(behaviour, tuple) and behaviour[0] == "429-header":
                    self.send_header("Retry-After", str(behaviour[1]))
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def then(self, kind: str, *behaviours) -> None:
        """Script the answers to the next requests of ``kind`` (``telegram`` or ``webhook``)."""
        with self.lock:
            self.scripts[kind].extend(behaviours)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def answer(self, path: str, body: dict, behaviour) -> tuple[int, dict]:
        telegram = path.startswith("/bot")
        if behaviour == 500:
            return 500, ({"ok": False, "error_code": 500, "description": "Internal Server Error"} if telegram
                         else {"error": "boom"})
        if isinstance(behaviour, tuple) and behaviour[0] in ("429", "429-header"):
            if telegram and behaviour[0] == "429":
                return 429, {"ok": False, "error_code": 429,
                             "description": f"Too Many Requests: retry after {behaviour[1]}",
                             "parameters": {"retry_after": behaviour[1]}}
            return 429, {"error": "slow down"}
        if behaviour == "echo":  # a careless server that quotes the request back in its error
            return 400, {"ok": False, "error_code": 400, "description": f"Bad Request: {path} {json.dumps(body)}"}
        if behaviour == 400:
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: can't parse entities"}
        if not telegram:
            return 200, {"received": True}
        if path != f"/bot{self.token}/sendMessage":
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        if str(body.get("chat_id")) != self.chat_id:
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
        return 200, {"ok": True, "result": {"message_id": len(self.requests), "chat": {"id": int(self.chat_id)},
                                            "text": body.get("text", "")}}

    # -- what the tests read -----------------------------------------------------------------
    def delivered(self, kind: str | None = None) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.answered == 200 and (kind is None or self._kind(r) == kind)]

    def received(self, kind: str | None = None) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if kind is None or self._kind(r) == kind]

    @staticmethod
    def _kind(request: Request) -> str:
        return "telegram" if request.path.startswith("/bot") else "webhook"

    def wait_for(self, count: int, kind: str | None = None, *, delivered: bool = True, within: float = 20.0) -> list:
        """Block until ``count`` requests (delivered ones by default) have arrived; fail loudly otherwise."""
        deadline = time.monotonic() + within
        while True:
            found = self.delivered(kind) if delivered else self.received(kind)
            if len(found) >= count:
                return found
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"only {len(found)} of {count} requests arrived: {[r.path for r in self.requests]}"
            with self.lock:
                self.arrived.wait(min(remaining, 0.05))

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FakeTime:
    """Monotonic time that moves only when the worker waits: no test sleeps through a backoff."""

    def __init__(self, start: float = 1000.0):
        self._lock = threading.Lock()
        self._now = start

    def now(self) -> float:
        with self._lock:
            return self._now

    def wait(self, event: threading.Event, timeout: float | None) -> bool:
        if timeout is None:
            return event.wait(0.05)  # idle: poll the real event, so a stopped worker notices at once
        with self._lock:
            self._now += timeout
        return event.is_set()
