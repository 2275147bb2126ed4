"""What the API and the alert receiver share: errors as HTTP answers, JSON-safe replies, rate limits, body limits,
and request logging that never writes a secret.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import numpy as np
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ...core.errors import (
    BrokerError,
    BrokerUnavailable,
    LifecycleError,
    PartlySaved,
    QbxError,
    StoreWriteError,
    UnknownBot,
    ValidationError,
)
from ...core.i18n import LANGUAGES, Msg, render
from ...trading.alerts import AlertRefused, UnknownAlertSecret

log = logging.getLogger("qbx_engine.remote.http")


# -- replies -------------------------------------------------------------------------------------------
def plain(value: Any, lang: str) -> Any:
    """``value`` as JSON can carry it: messages get their ``text`` in ``lang``, NaN becomes null, NumPy and
    dates become numbers and ISO text."""
    if isinstance(value, Msg):
        value = value.to_json()
    if isinstance(value, dict):
        if set(value) == {"key", "params"} and isinstance(value.get("key"), str):
            return {"key": value["key"], "params": plain(value["params"], lang), "text": render(value, lang)}
        return {str(k): plain(v, lang) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v, lang) for v in value]
    if isinstance(value, np.ndarray):
        return [plain(v, lang) for v in value.tolist()]
    if isinstance(value, np.generic):
        return plain(value.item(), lang)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain(dataclasses.asdict(value), lang)
    if hasattr(value, "to_dict") and callable(value.to_dict):  # a pandas frame or series
        return plain(value.to_dict(orient="records") if hasattr(value, "columns") else value.to_dict(), lang)
    return value


def language(request: Request, default: Callable[[], str]) -> str:
    """The reply's language: ``?lang=`` or the first of Accept-Language that we speak, else the trader's."""
    asked = request.query_params.get("lang") or request.headers.get("accept-language", "")
    for part in asked.split(","):
        code = part.strip()[:2].lower()
        if code in LANGUAGES:
            return code
    return default()


STATUS = ((ValidationError, 422), (UnknownBot, 404), (UnknownAlertSecret, 404), (AlertRefused, 409),
          (BrokerUnavailable, 503), (BrokerError, 502), (PartlySaved, 500), (StoreWriteError, 507),
          (LifecycleError, 409))


def status_of(exc: QbxError) -> int:
    if isinstance(exc, LifecycleError) and exc.msg.key == "err.engine_closed":
        return 503
    return next((code for kind, code in STATUS if isinstance(exc, kind)), 400)


def error_reply(exc: QbxError, lang: str, status: int | None = None) -> JSONResponse:
    """The engine's refusal as the engine words it, each bad field named (the form a page shows it in)."""
    body: dict[str, Any] = {"type": type(exc).__name__, "message": exc.message(lang)}
    if isinstance(exc, ValidationError):
        body["fields"] = {name: render(msg, lang) for name, msg in exc.field_errors.items()}
    return JSONResponse({"error": body}, status_code=status or status_of(exc))


def refusal(key: str, status: int, lang: str, headers: dict[str, str] | None = None, **params) -> JSONResponse:
    msg = Msg(key, params)
    return JSONResponse({"error": {"type": key.split(".")[-1], "message": render(msg, lang)}}, status_code=status,
                        headers=headers)


def request_field(loc: tuple) -> str:
    """The name of what FastAPI refused (a path or query parameter, or the body)."""
    names = [str(part) for part in loc[1:] if isinstance(part, str)] if len(loc) > 1 else []
    return names[-1] if names else str(loc[0]) if loc else "body"


def install_handlers(app, default_language: Callable[[], str]) -> None:
    """Every refusal in one shape, in the caller's language; input never echoed back (it may hold a secret)."""

    @app.exception_handler(QbxError)
    async def _engine_error(request: Request, exc: QbxError):
        return error_reply(exc, language(request, default_language))

    @app.exception_handler(RequestValidationError)
    async def _bad_request(request: Request, exc: RequestValidationError):
        fields: dict[str, Msg] = {}
        for problem in exc.errors():
            field = request_field(tuple(problem.get("loc", ())))
            fields.setdefault(field, Msg("api.bad_json" if field == "body" else "api.bad_param", {"name": field}))
        return error_reply(ValidationError(fields or {"body": Msg("api.bad_json", {"name": "body"})}),
                           language(request, default_language))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        lang = language(request, default_language)
        key = {404: "api.not_found", 405: "api.wrong_method"}.get(exc.status_code, "api.http_error")
        return refusal(key, exc.status_code, lang, headers=getattr(exc, "headers", None), code=exc.status_code)


# -- rate limits ------------------------------------------------------------------------------------------
class RateLimiter:
    """A token bucket per key (a client, a webhook): ``burst`` at once, then ``rate`` a second."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic, keys: int = 10_000):
        self.rate, self.burst, self.clock, self.keys = rate, burst, clock, keys
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def wait(self, key: str) -> float:
        """0 if a request of ``key`` may go now (and counts it), else the seconds until one may."""
        now = self.clock()
        with self._lock:
            tokens, at = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - at) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                if len(self._buckets) > self.keys:
                    self._forget_full(now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def _forget_full(self, now: float) -> None:
        self._buckets = {k: v for k, v in self._buckets.items()
                         if v[0] + (now - v[1]) * self.rate < self.burst}


def too_many(wait: float, lang: str) -> JSONResponse:
    seconds = max(1, math.ceil(wait))
    return refusal("api.too_many", 429, lang, headers={"Retry-After": str(seconds)}, seconds=seconds)


def client_of(request: Request) -> str:
    return request.client.host if request.client else "?"


# -- bodies and logging ----------------------------------------------------------------------------------
class BodyLimit:
    """Refuse (413, in the request's language) a request body over ``limit`` bytes before anything reads it; the
    body is read once, here."""

    def __init__(self, app, limit: int, default_language: Callable[[], str]):
        self.app = app
        self.limit = limit
        self.default_language = default_language

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._too_large(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope, receive, send) -> None:
        lang = language(Request(scope), self.default_language)
        await refusal("api.too_large", 413, lang, max=self.limit)(scope, receive, send)


def log_request(name: str, request: Request, status: int, started: float) -> None:
    """One line per request with the route's *template* (``/alerts/{secret}``), never the path it was called
    with, nor any header or body."""
    route = request.scope.get("route")
    where = getattr(route, "path", None) or "(no route)"
    log.info("%s %s %s %s %.1f ms from %s", name, request.method, where, status,
             (time.perf_counter() - started) * 1000.0, client_of(request))
