"""The TradingView alert receiver: the only thing a tunnel exposes to the internet.

It answers ``POST /alerts/<secret>`` (or ``POST /alerts`` with the secret in the body's ``token``, for senders
that would rather not put it in a URL) and nothing else: no API, no documentation, no dashboard. The secret
is the bot's own (TradingView cannot send headers); it identifies the bot and authenticates the alert. Replies:
202 queued, 200 a duplicate id (acted on once already), 409 refused and logged (the bot is not active, the
alert is too old), 422 with the field TradingView filled in wrongly, 404 for an unknown secret, 429 over the
rate limit. TradingView cancels a request after three seconds; accepting an alert costs two small disk writes.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ...core.errors import QbxError
from ...trading.alerts import MAX_BODY
from .common import (
    BodyLimit,
    RateLimiter,
    client_of,
    error_reply,
    install_handlers,
    language,
    log_request,
    refusal,
    too_many,
)

if TYPE_CHECKING:
    from ...engine import Engine

PER_SECRET_RATE, PER_SECRET_BURST = 2.0, 20  # a bot's alerts: twenty at once, then two a second
# Everything from one address (behind a tunnel: the sender's, from X-Forwarded-For). TradingView sends every
# alert of every bot from a handful of addresses, all at a bar's close: room for a few hundred bots at once.
PER_CLIENT_RATE, PER_CLIENT_BURST = 50.0, 300


def build_alerts(engine: Engine, *, per_secret: RateLimiter | None = None,
                 per_client: RateLimiter | None = None) -> Any:
    """The receiver's ASGI app over ``engine`` (calls only ``engine.alerts.receive``)."""
    per_secret = per_secret or RateLimiter(PER_SECRET_RATE, PER_SECRET_BURST)
    per_client = per_client or RateLimiter(PER_CLIENT_RATE, PER_CLIENT_BURST)

    def trader_language() -> str:
        return engine.settings.get("language")

    app = FastAPI(title="QuantumBotX alerts", docs_url=None, redoc_url=None, openapi_url=None)
    install_handlers(app, trader_language)

    app.add_middleware(BodyLimit, limit=MAX_BODY, default_language=trader_language)

    async def receive(request: Request, secret: str | None) -> JSONResponse:
        started = time.perf_counter()
        lang = language(request, trader_language)
        body = await request.body()
        wait = per_client.wait(client_of(request)) or per_secret.wait(_secret_key(secret, body))
        if wait:
            response = too_many(wait, lang)
        elif engine.closed:
            response = refusal("api.closed", 503, lang)
        else:
            try:
                receipt = await run_in_threadpool(engine.alerts.receive, secret, body)
                response = JSONResponse(receipt, status_code=202 if receipt["status"] == "queued" else 200)
            except QbxError as exc:
                response = error_reply(exc, lang)
        log_request("ALERTS", request, response.status_code, started)
        return response

    @app.post("/alerts/{secret}")
    async def alert_with_secret(request: Request, secret: str):
        return await receive(request, secret)

    @app.post("/alerts")
    async def alert_with_token(request: Request):
        return await receive(request, None)

    return app


def _secret_key(secret: str | None, body: bytes) -> str:
    """What the per-webhook limit counts by: a digest of the secret from the URL, or from the body's token."""
    if secret is None:
        try:
            found = json.loads(body)
            secret = found.get("token") if isinstance(found, dict) else None
        except ValueError:
            secret = None
    return hashlib.sha256(str(secret).encode("utf-8", "replace")).hexdigest()
