"""The HTTP API: the bots, the account and the mentor for programs outside the dashboard.

Every call needs ``Authorization: Bearer <token>`` (the token of ``[api]`` in ``.streamlit/secrets.toml``). A
call goes to the same Engine methods the dashboard calls, so the same rules apply and a refusal comes back as
the engine words it: 422 with each bad field named, 404 for an unknown bot, 409 for a lifecycle call that does
not apply. Each change made here is written to the activity log as an ``API`` line saying what and from where.
Requests are rate limited per client (429 with Retry-After).

The one exception to the token is the documentation: ``/docs`` (the page) and ``/openapi.json`` (what it reads)
answer without one, because a browser opening the page cannot send the header (the page's *Authorize* button
sets it for the calls tried from there). They are counted by the same rate limit, and they describe only the
API's shape — paths, parameters, the fields of a body, fixed examples — never a bot, the account, an event or
the token: the same text whatever the engine holds.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Body, Depends, FastAPI, Path, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from ...core import inputs
from ...core.errors import PartlySaved, StoreWriteError, ValidationError
from ...core.i18n import Msg, shown
from ...strategies.tradingview_alert import NAME as ALERT_STRATEGY
from ...trading import events as ev
from .common import (
    BodyLimit,
    RateLimiter,
    client_of,
    install_handlers,
    language,
    log,
    log_request,
    plain,
    refusal,
    too_many,
)

if TYPE_CHECKING:
    from ...engine import Engine

MAX_BODY = 64 * 1024
RATE, BURST = 20.0, 60  # requests a second per client, and at once
AUTH_RATE, AUTH_BURST = 0.2, 10  # wrong or missing tokens per client: ten, then one every five seconds
DESCRIPTION = """Control QuantumBotX from another program on this computer.

Every call needs the header `Authorization: Bearer <token>`, with the token you put in `.streamlit/secrets.toml`
under `[api]` (press **Authorize** above to try calls here). This page and `/openapi.json` need no token: they
show only the API's shape, no data. Changes follow the same rules as the dashboard and
are written to the activity log as `API` lines. Refusals come back as
`{"error": {"type", "message", "fields"}}`; messages are in Bahasa Indonesia or English (`Accept-Language`
or `?lang=id|en`)."""

_bearer = HTTPBearer(auto_error=False, description="The token of [api] in .streamlit/secrets.toml")


def build_api(engine: Engine, token: str, *, limiter: RateLimiter | None = None,
              auth_limiter: RateLimiter | None = None, on_alert_bot: Callable[[], None] = lambda: None) -> Any:
    """The API's ASGI app over ``engine``; ``on_alert_bot`` is told when an alert bot was created (the alert
    receiver starts with the first one)."""
    expected = token.encode("utf-8")

    def authorised(given: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
        supplied = given.credentials.encode("utf-8") if given is not None else b""
        if supplied and hmac.compare_digest(supplied, expected):
            return
        raise _Unauthorised("api.no_auth" if not supplied else "api.wrong_token")

    app = FastAPI(title="QuantumBotX API", version="1", description=DESCRIPTION, docs_url="/docs",
                  redoc_url=None, openapi_url="/openapi.json", swagger_ui_oauth2_redirect_url=None,
                  dependencies=[Depends(authorised)])
    ctx = _Context(engine, on_alert_bot)
    install_handlers(app, ctx.trader_language)
    _guard(app, ctx, limiter or RateLimiter(RATE, BURST), auth_limiter or RateLimiter(AUTH_RATE, AUTH_BURST))
    app.add_middleware(BodyLimit, limit=MAX_BODY, default_language=ctx.trader_language)
    _service_routes(app, ctx)
    _bot_routes(app, ctx)
    _lifecycle_routes(app, ctx)
    _alert_routes(app, ctx)
    _account_routes(app, ctx)
    _mentor_routes(app, ctx)
    return app


class _Context:
    """What the routes share: the engine, the reply's language, and the log line of a change."""

    def __init__(self, engine: Engine, on_alert_bot: Callable[[], None]):
        self.engine = engine
        self.on_alert_bot = on_alert_bot

    def trader_language(self) -> str:
        return self.engine.settings.get("language")

    def reply(self, request: Request, value: Any, status: int = 200) -> JSONResponse:
        return JSONResponse(plain(value, language(request, self.trader_language)), status_code=status)

    def changed(self, request: Request, bot_id: int | None, what: str, bot_name: str | None = None,
                **params) -> None:
        """The change's line in the activity log (after it happened); PartlySaved if the disk refused it."""
        msg = Msg("ev.api", {"what": Msg(f"api.did_{what}", params), "client": client_of(request)})
        try:
            if bot_name is None:
                self.engine.book.event(bot_id, ev.API, msg)
            else:
                self.engine.event_log.add(bot_id, ev.API, msg, bot_name=bot_name)
        except StoreWriteError as exc:
            raise PartlySaved("api.unlogged", what=Msg(f"api.did_{what}", params), path=exc.path,
                              problem=exc.problem) from exc

    def with_url(self, secret: dict) -> dict:
        base = self.engine.settings.get("alerts_public_url").rstrip("/")
        return {**secret, "webhook_url": base + secret["webhook_path"] if base else None}


def _guard(app: FastAPI, ctx: _Context, limiter: RateLimiter, auth_limiter: RateLimiter) -> None:
    """Rate limits (every request per client, the documentation's too; refused tokens more strictly), the closed
    engine, the request log."""

    @app.exception_handler(_Unauthorised)
    async def _refused(request: Request, exc: _Unauthorised):
        client = client_of(request)
        lang = language(request, ctx.trader_language)
        wait = auth_limiter.wait(client)
        if wait:
            return too_many(wait, lang)
        log.warning("API: a request from %s was refused (%s)", client,
                    "no token" if exc.key == "api.no_auth" else "wrong token")
        try:
            await run_in_threadpool(ctx.engine.event_log.add, None, ev.API, Msg("ev.api_refused", {"client": client}),
                                    collapse="api:auth")
        except StoreWriteError as failed:
            log.warning("API: the refusal could not be logged: %s", failed)
        return refusal(exc.key, 401, lang, headers={"WWW-Authenticate": "Bearer"})

    @app.middleware("http")
    async def _limits(request: Request, call_next):
        started = time.perf_counter()
        wait = limiter.wait(client_of(request))
        if wait or ctx.engine.closed:
            lang = language(request, ctx.trader_language)
            response = too_many(wait, lang) if wait else refusal("api.closed", 503, lang)
            log_request("API", request, response.status_code, started)
            return response
        response = await call_next(request)
        log_request("API", request, response.status_code, started)
        return response


BotId = Annotated[int, Path(ge=0, description="The bot's id (its magic number)")]


def _service_routes(app: FastAPI, ctx: _Context) -> None:
    @app.get("/api/health", tags=["service"], summary="The engine's health: scheduler, broker, each bot's ticks")
    def health(request: Request):
        return ctx.reply(request, ctx.engine.health())


def _bot_routes(app: FastAPI, ctx: _Context) -> None:
    engine = ctx.engine

    @app.get("/api/bots", tags=["bots"], summary="Every bot")
    def list_bots(request: Request):
        return ctx.reply(request, engine.list_bots())

    @app.post("/api/bots", tags=["bots"], status_code=201, summary="Create a bot",
              description="The fields of a bot as the dashboard's form has them (name, market, timeframe, "
                          "strategy_name, strategy_params, risk_percent, stop_mode, sl_pips, tp_pips, "
                          "check_interval, protections; status \"active\" starts it). A TradingView alert bot "
                          "(strategy_name \"tradingview_alert\") also gets its webhook secret, shown in this "
                          "reply only.")
    def create_bot(request: Request, data: Annotated[dict[str, Any], Body(examples=[NEW_BOT])]):
        if data.get("strategy_name") == ALERT_STRATEGY:
            made = engine.alerts.create_bot(data)
            ctx.changed(request, made["bot"]["id"], "create", name=made["bot"]["name"])
            ctx.on_alert_bot()
            return ctx.reply(request, ctx.with_url(made), 201)
        bot = engine.create_bot(data)
        ctx.changed(request, bot["id"], "create", name=bot["name"])
        return ctx.reply(request, bot, 201)

    @app.get("/api/bots/{bot_id}", tags=["bots"], summary="One bot, with its last analysis")
    def get_bot(request: Request, bot_id: BotId):
        return ctx.reply(request, engine.get_bot(bot_id))

    @app.patch("/api/bots/{bot_id}", tags=["bots"], summary="Change a bot's settings",
               description="Only the fields given change. Market, timeframe, strategy and stop mode only while "
                           "the bot is not active (409 otherwise), as in the dashboard.")
    def update_bot(request: Request, bot_id: BotId,
                   changes: Annotated[dict[str, Any], Body(examples=[{"risk_percent": 0.5, "sl_pips": 25}])]):
        before = engine.get_bot(bot_id)
        bot = engine.update_bot(bot_id, **changes)
        fields = sorted(name for name in changes if before.get(name) != bot.get(name))
        if fields:
            ctx.changed(request, bot_id, "update", fields=", ".join(fields))
        return ctx.reply(request, bot)

    @app.delete("/api/bots/{bot_id}", tags=["bots"], summary="Delete a bot",
                description="close_position=true also closes its open position (default: left open).")
    def delete_bot(request: Request, bot_id: BotId,
                   close_position: Annotated[str, Query(description="true or false")] = "false"):
        close = _flag("close_position", close_position)
        name = engine.get_bot(bot_id)["name"]
        engine.delete_bot(bot_id, close_position=close)
        ctx.changed(request, bot_id, "delete", bot_name=name, name=name)
        return ctx.reply(request, {"deleted": bot_id})

    @app.get("/api/bots/{bot_id}/analysis", tags=["bots"], summary="What the bot saw at its last tick")
    def analysis(request: Request, bot_id: BotId):
        bot = engine.get_bot(bot_id)
        return ctx.reply(request, {"bot_id": bot_id, "last_analysis": bot["last_analysis"],
                                   "last_tick_at": bot["last_tick_at"]})

    @app.get("/api/bots/{bot_id}/events", tags=["bots"], summary="The bot's activity log, newest first")
    def bot_events(request: Request, bot_id: BotId, limit: str = "100", offset: str = "0"):
        engine.get_bot(bot_id)
        return ctx.reply(request, engine.events(bot_id=bot_id, limit=_whole("limit", limit),
                                                offset=_whole("offset", offset) or 0))


def _lifecycle_routes(app: FastAPI, ctx: _Context) -> None:
    engine = ctx.engine

    def lifecycle(verb: str, call: Callable[[int], dict]):
        def handler(request: Request, bot_id: BotId):
            before = engine.get_bot(bot_id)["status"]
            bot = call(bot_id)
            if bot["status"] != before:
                ctx.changed(request, bot_id, verb)
            return ctx.reply(request, bot)
        handler.__name__ = f"{verb}_bot"
        return handler

    for verb, call, summary in (("start", engine.start_bot, "Start a stopped bot (or resume a paused one)"),
                                ("pause", engine.pause_bot, "Pause a running bot (its position stays open)"),
                                ("resume", engine.resume_bot, "Resume a paused bot"),
                                ("stop", engine.stop_bot, "Stop a bot (its position stays open)")):
        app.post(f"/api/bots/{{bot_id}}/{verb}", tags=["bots"], summary=summary)(lifecycle(verb, call))


def _alert_routes(app: FastAPI, ctx: _Context) -> None:
    engine = ctx.engine

    @app.get("/api/bots/{bot_id}/alerts", tags=["alerts"], summary="An alert bot's waiting and recent alerts")
    def bot_alerts(request: Request, bot_id: BotId):
        return ctx.reply(request, engine.alerts.status(bot_id))

    @app.post("/api/bots/{bot_id}/alert-secret", tags=["alerts"], summary="Renew an alert bot's webhook secret",
              description="The new secret is in this reply only; the old one stops working at once.")
    def rotate(request: Request, bot_id: BotId):
        secret = engine.alerts.rotate_secret(bot_id)
        ctx.changed(request, bot_id, "rotate")
        return ctx.reply(request, ctx.with_url(secret))


def _account_routes(app: FastAPI, ctx: _Context) -> None:
    engine = ctx.engine

    @app.get("/api/account", tags=["account"], summary="Balance, equity, margin")
    def account(request: Request):
        return ctx.reply(request, engine.account())

    @app.get("/api/positions", tags=["account"], summary="Open positions, with the bot each belongs to")
    def positions(request: Request):
        return ctx.reply(request, engine.positions())

    @app.get("/api/trades", tags=["account"], summary="Closed trades from the journal, newest first")
    def trades(request: Request, bot_id: str | None = None, since: str | None = None, until: str | None = None,
               limit: str = "200"):
        return ctx.reply(request, engine.trades(bot_id=_whole("bot_id", bot_id), since=_number("since", since),
                                                until=_number("until", until), limit=_whole("limit", limit)))

    @app.get("/api/events", tags=["account"], summary="The activity log, newest first")
    def events(request: Request, limit: str = "100", offset: str = "0"):
        return ctx.reply(request, engine.events(limit=_whole("limit", limit), offset=_whole("offset", offset) or 0))


def _mentor_routes(app: FastAPI, ctx: _Context) -> None:
    engine = ctx.engine

    @app.get("/api/mentor/report", tags=["mentor"], summary="The mentor's report of a day (today by default)")
    def mentor_report(request: Request, day: Annotated[str | None, Query(description="YYYY-MM-DD")] = None):
        return ctx.reply(request, engine.mentor.report(day))

    @app.get("/api/mentor/weekly", tags=["mentor"], summary="The mentor's review of the week holding a day")
    def mentor_weekly(request: Request, day: Annotated[str | None, Query(description="YYYY-MM-DD, a day of the "
                                                                                     "week (this week)")] = None):
        return ctx.reply(request, engine.mentor.weekly(day))


NEW_BOT = {"name": "EURUSD trend", "market": "EURUSD", "timeframe": "H1", "strategy_name": "ma_crossover",
           "strategy_params": {"fast_period": 20, "slow_period": 50}, "risk_percent": 1.0, "sl_pips": 30,
           "tp_pips": 60, "check_interval": 60}


class _Unauthorised(Exception):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _whole(name: str, raw: str | None) -> int | None:
    """A whole number from the query, refused in the engine's words (the engine then checks its range)."""
    if raw is None:
        return None
    text = raw.strip()
    if not (text.lstrip("-").isdigit() and len(text) <= 20):
        raise ValidationError.one(name, "input.not_whole", name=name, value=shown(raw))
    return int(text)


def _number(name: str, raw: str | None) -> float | None:
    if raw is None:
        return None
    value = inputs.number(raw)
    if value is None:
        raise ValidationError.one(name, "input.not_time", name=name, value=shown(raw))
    return value


def _flag(name: str, raw: str) -> bool:
    if raw.strip().lower() in ("true", "1", "yes"):
        return True
    if raw.strip().lower() in ("false", "0", "no"):
        return False
    raise ValidationError.one(name, "input.not_flag", name=name, value=shown(raw))

