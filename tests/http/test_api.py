"""The HTTP API through FastAPI's test client: auth on every endpoint, the engine's own refusals, the activity log."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from qbx_engine import Engine
from qbx_engine.core.errors import QbxError, ValidationError
from qbx_engine.core.i18n import render
from qbx_engine.remote.http import build_api
from qbx_engine.remote.http.common import RateLimiter
from tests.engine.conftest import force, new_bot
from tests.http.conftest import AUTH, TOKEN, actions, alert_bot, unlimited

PLAIN = {"name": "API bot", "market": "EURUSD", "timeframe": "M1", "strategy_name": "scripted", "sl_pips": 20,
         "tp_pips": 40, "check_interval": 60}

# (method, path, JSON body, status when allowed): bot 1 is a stopped scripted bot, bot 2 a running alert bot.
ENDPOINTS = [
    ("GET", "/api/health", None, 200),
    ("GET", "/api/bots", None, 200),
    ("POST", "/api/bots", PLAIN, 201),
    ("GET", "/api/bots/1", None, 200),
    ("PATCH", "/api/bots/1", {"risk_percent": 0.5}, 200),
    ("DELETE", "/api/bots/1", None, 200),
    ("POST", "/api/bots/1/start", None, 200),
    ("POST", "/api/bots/2/pause", None, 200),
    ("POST", "/api/bots/2/stop", None, 200),
    ("GET", "/api/bots/1/analysis", None, 200),
    ("GET", "/api/bots/1/events", None, 200),
    ("GET", "/api/bots/2/alerts", None, 200),
    ("POST", "/api/bots/2/alert-secret", None, 200),
    ("GET", "/api/account", None, 200),
    ("GET", "/api/positions", None, 200),
    ("GET", "/api/trades", None, 200),
    ("GET", "/api/events", None, 200),
    ("GET", "/api/mentor/report", None, 200),
    ("GET", "/api/mentor/weekly", None, 200),
]


@pytest.fixture
def two_bots(quiet):
    new_bot(quiet)
    alert_bot(quiet)
    return quiet


def state(engine) -> tuple:
    """What a refused call must leave unchanged: the bots, and the log's changes (an API refusal line aside)."""
    return (engine.list_bots(), [a for a in actions(engine, 500) if a != "API"])


@pytest.mark.parametrize("method, path, data, status", ENDPOINTS, ids=[f"{m} {p}" for m, p, *_ in ENDPOINTS])
def test_every_endpoint_needs_the_token_and_answers_with_it(two_bots, api, method, path, data, status):
    before = state(two_bots)
    none = api.request(method, path, json=data, headers={"Accept-Language": "en"})
    assert none.status_code == 401 and none.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in none.json()["error"]["message"]
    wrong = api.request(method, path, json=data, headers={"Authorization": "Bearer " + "x" * 30})
    assert wrong.status_code == 401
    basic = api.request(method, path, json=data, headers={"Authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 401
    assert state(two_bots) == before  # nothing changed, nothing logged but the refusals
    refusals = [e for e in two_bots.events(limit=20) if e["action"] == "API"]
    assert len(refusals) == 1 and refusals[0]["repeat"] == 3  # one line, counting every refusal
    assert TOKEN not in json.dumps(refusals)

    right = api.request(method, path, json=data, headers=AUTH)
    assert right.status_code == status, right.text
    assert TOKEN not in right.text


def test_docs_are_served_and_describe_every_endpoint_with_the_bearer_scheme(api):
    assert api.get("/docs").status_code == 200
    spec = api.get("/openapi.json").json()
    described = {(method.upper(), path) for path, ops in spec["paths"].items() for method in ops}
    for method, path, *_ in ENDPOINTS:
        template = path.replace("/1", "/{bot_id}").replace("/2", "/{bot_id}")
        assert (method, template) in described
    assert ("POST", "/api/bots/{bot_id}/resume") in described
    assert any(s.get("scheme") == "bearer" for s in spec["components"]["securitySchemes"].values())


def test_the_documentation_needs_no_token_but_is_rate_limited_and_shows_only_the_apis_shape(quiet, tmp_path, clock):
    """A browser opening /docs cannot send the token, so the page and its spec are open; they are counted like any
    call, and hold nothing of the engine's: the same spec over a busy engine as over an empty one."""
    now = [0.0]
    with TestClient(build_api(quiet, TOKEN, limiter=RateLimiter(2.0, 3, clock=lambda: now[0]),
                              auth_limiter=unlimited())) as client:
        assert [client.get(path).status_code for path in ("/docs", "/openapi.json", "/docs")] == [200, 200, 200]
        refused = client.get("/openapi.json", headers={"Accept-Language": "en"})
        assert refused.status_code == 429 and refused.headers["retry-after"] == "1"
        assert client.get("/api/bots", headers=AUTH).status_code == 429  # one budget per client, whatever it asks
        now[0] += 10
        assert client.get("/docs/oauth2-redirect").status_code == 404  # no OAuth2: that page is not served
        new_bot(quiet, name="Secret-sauce scalper", status="active")
        _, secret = alert_bot(quiet)
        spec = client.get("/openapi.json").text
    with Engine.open(tmp_path / "empty", clock=clock, start_scheduler=False) as empty, \
            TestClient(build_api(empty, "another-token-0123456789abc", limiter=unlimited())) as other:
        assert other.get("/openapi.json").text == spec
    for private in ("Secret-sauce scalper", secret, TOKEN, str(quiet.account()["balance"])):
        assert private not in spec


BAD = [  # (method, path, body as JSON or raw bytes, the field the refusal names, status)
    ("POST", "/api/bots", {**PLAIN, "market": "NOPE"}, "market", 422),
    ("POST", "/api/bots", {**PLAIN, "risk_percent": "abc"}, "risk_percent", 422),
    ("POST", "/api/bots", {**PLAIN, "check_interval": 0}, "check_interval", 422),
    ("POST", "/api/bots", {**PLAIN, "colour": "red"}, "colour", 422),
    ("POST", "/api/bots", {"market": "EURUSD"}, "name", 422),
    ("POST", "/api/bots", {**PLAIN, "strategy_name": "tradingview_alert", "strategy_params": {"max_age": 5}},
     "strategy_params.max_age", 422),
    ("POST", "/api/bots", b"{not json", "body", 422),
    ("POST", "/api/bots", b"[1, 2]", "body", 422),
    ("PATCH", "/api/bots/1", {"sl_pips": -5}, "sl_pips", 422),
    ("PATCH", "/api/bots/1", {"id": 7}, "id", 422),
    ("PATCH", "/api/bots/1", {"bot_id": 7}, "bot_id", 422),
    ("PATCH", "/api/bots/1", {"self": 1}, "self", 422),
    ("PATCH", "/api/bots/1", {"strategy_params": {"fast": 1}}, "strategy_params.fast", 422),
    ("PATCH", "/api/bots/abc", {"sl_pips": 5}, "bot_id", 422),
    ("GET", "/api/bots/-1", None, "bot_id", 422),
    ("GET", "/api/bots/99", None, None, 404),
    ("DELETE", "/api/bots/1?close_position=maybe", None, "close_position", 422),
    ("POST", "/api/bots/1/pause", None, None, 409),
    ("POST", "/api/bots/99/start", None, None, 404),
    ("GET", "/api/bots/1/events?limit=ten", None, "limit", 422),
    ("GET", "/api/bots/1/events?limit=-1", None, "limit", 422),
    ("GET", "/api/bots/2/events?offset=1.5", None, "offset", 422),
    ("GET", "/api/bots/99/alerts", None, None, 404),
    ("POST", "/api/bots/1/alert-secret", None, "bot_id", 422),
    ("GET", "/api/trades?since=yesterday", None, "since", 422),
    ("GET", "/api/trades?bot_id=abc", None, "bot_id", 422),
    ("GET", "/api/trades?limit=1e3", None, "limit", 422),
    ("GET", "/api/events?offset=-3", None, "offset", 422),
    ("GET", "/api/mentor/report?day=2026-13-01", None, "day", 422),
    ("GET", "/api/mentor/weekly?day=monday", None, "day", 422),
    ("GET", "/api/nothing-here", None, None, 404),
    ("PUT", "/api/bots/1", {"sl_pips": 5}, None, 405),
]


@pytest.mark.parametrize("method, path, data, field, status", BAD, ids=[f"{m} {p} {f}" for m, p, _, f, _ in BAD])
def test_bad_input_is_refused_with_the_field_named_and_changes_nothing(two_bots, api, method, path, data, field,
                                                                        status):
    before = state(two_bots)
    raw = data if isinstance(data, bytes) else None
    reply = api.request(method, path, json=None if raw else data, content=raw,
                        headers={**AUTH, "Content-Type": "application/json"})
    assert reply.status_code == status, reply.text
    error = reply.json()["error"]
    assert error["message"]
    if field is not None:
        assert field in error["fields"], error
    assert state(two_bots) == before
    assert "API" not in actions(two_bots)


@pytest.mark.parametrize("data", [{**PLAIN, "market": "NOPE", "risk_percent": "abc"}, {**PLAIN, "colour": "red"}])
def test_a_refusal_is_worded_as_the_engine_words_it_in_the_callers_language(two_bots, api, data):
    with pytest.raises(ValidationError) as direct:
        two_bots.create_bot(data)
    for lang in ("en", "id"):
        reply = api.post("/api/bots", json=data, headers={**AUTH, "Accept-Language": lang})
        assert reply.json()["error"]["fields"] == {name: render(msg, lang)
                                                   for name, msg in direct.value.field_errors.items()}
    assert api.post("/api/bots?lang=en", json=data, headers={"Authorization": AUTH["Authorization"],
                                                              "Accept-Language": "id"}).json()["error"]["message"] \
        == direct.value.message("en")


@pytest.mark.parametrize("data", [{"bot_id": 7}, {"self": 1, "risk_percent": 0.5}, {"changes": {"sl_pips": 5}}])
def test_a_body_field_named_like_a_parameter_is_refused_by_name_in_the_callers_language(two_bots, api, data):
    """The body's names are the bot's fields to judge, never the engine call's own parameters (once a 500)."""
    before = state(two_bots)
    with pytest.raises(ValidationError) as direct:
        two_bots.update_bot(1, **data)
    for lang in ("id", "en"):
        reply = api.patch("/api/bots/1", json=data, headers={**AUTH, "Accept-Language": lang})
        assert reply.status_code == 422, reply.text
        assert reply.json()["error"]["fields"] == {name: render(msg, lang)
                                                   for name, msg in direct.value.field_errors.items()}
        assert set(reply.json()["error"]["fields"]) == set(data) - {"risk_percent"}
    assert state(two_bots) == before


def test_each_change_lands_in_the_activity_log_as_an_api_line_with_where_it_came_from(quiet, api):
    created = api.post("/api/bots", json=PLAIN, headers=AUTH).json()
    bot_id = created["id"]
    assert api.patch(f"/api/bots/{bot_id}", json={"risk_percent": 0.5, "name": "API bot"}, headers=AUTH).json()[
        "risk_percent"] == 0.5
    for verb in ("start", "start", "pause", "resume", "stop"):  # the second start changes nothing: no line
        assert api.post(f"/api/bots/{bot_id}/{verb}", headers=AUTH).status_code == 200
    made = api.post("/api/bots", json={**PLAIN, "name": "TV", "strategy_name": "tradingview_alert"},
                    headers=AUTH).json()
    api.post(f"/api/bots/{made['bot']['id']}/alert-secret", headers=AUTH)
    api.delete(f"/api/bots/{bot_id}?close_position=true", headers=AUTH)

    lines = [render(e["msg"], "en") for e in reversed(quiet.events(actions="API", limit=50))]
    assert lines == [
        "Through the API from testclient: Bot 'API bot' created.",
        "Through the API from testclient: Settings changed (risk_percent).",
        "Through the API from testclient: Bot started.",
        "Through the API from testclient: Bot paused.",
        "Through the API from testclient: Bot resumed.",
        "Through the API from testclient: Bot stopped.",
        "Through the API from testclient: Bot 'TV' created.",
        "Through the API from testclient: Webhook secret renewed.",
        "Through the API from testclient: Bot 'API bot' deleted.",
    ]
    assert [e["bot_id"] for e in reversed(quiet.events(actions="API", limit=50))] == \
        [bot_id] * 6 + [made["bot"]["id"]] * 2 + [bot_id]
    assert "START" in actions(quiet) and "DELETE" in actions(quiet)  # the lifecycle's own lines, as from a page


def test_an_alert_bot_created_here_gets_its_secret_in_that_reply_only(quiet, api):
    quiet.update_settings(alerts_public_url="https://tv-hook.example.com")
    made = api.post("/api/bots", json={**PLAIN, "strategy_name": "tradingview_alert", "status": "active"},
                    headers=AUTH)
    assert made.status_code == 201
    reply = made.json()
    secret, bot_id = reply["secret"], reply["bot"]["id"]
    assert reply["webhook_path"] == f"/alerts/{secret}"
    assert reply["webhook_url"] == f"https://tv-hook.example.com/alerts/{secret}"
    for path in ("/api/bots", f"/api/bots/{bot_id}", f"/api/bots/{bot_id}/alerts", "/api/events",
                 f"/api/bots/{bot_id}/events", "/api/health"):
        assert secret not in api.get(path, headers=AUTH).text
    on_disk = b"".join(p.read_bytes() for p in quiet.data_dir.rglob("*") if p.is_file())
    assert secret.encode() not in on_disk and TOKEN.encode() not in on_disk


def test_replies_carry_each_message_with_its_text_and_json_safe_numbers(quiet, api, clock):
    bot = new_bot(quiet, status="active")
    force(quiet, "BUY")
    clock.advance(60)
    quiet.run_tick(bot["id"])
    reply = api.get(f"/api/bots/{bot['id']}/analysis", headers=AUTH).json()
    assert reply["last_analysis"]["signal"] == "BUY" and reply["last_tick_at"] == clock.now()
    opened = next(e for e in api.get(f"/api/bots/{bot['id']}/events", headers=AUTH).json()
                  if e["action"] == "OPEN BUY")
    assert opened["msg"]["text"].startswith("BUY 0.5 lot EURUSD @ ")
    assert api.get("/api/positions", headers=AUTH).json()[0]["bot_id"] == bot["id"]
    report = api.get("/api/mentor/report", headers=AUTH)
    assert report.status_code == 200 and "NaN" not in report.text and "Infinity" not in report.text
    weekly = api.get(f"/api/mentor/weekly?day={quiet.today()}", headers=AUTH)
    assert weekly.status_code == 200 and "NaN" not in weekly.text
    assert api.get("/api/account", headers=AUTH).json()["balance"] > 0


def test_over_the_rate_limit_a_client_is_told_when_to_come_back(quiet):
    now = [0.0]
    limited = RateLimiter(2.0, 5, clock=lambda: now[0])
    with TestClient(build_api(quiet, TOKEN, limiter=limited, auth_limiter=unlimited())) as client:
        codes = [client.get("/api/bots", headers=AUTH).status_code for _ in range(7)]
        assert codes == [200] * 5 + [429] * 2
        refused = client.get("/api/bots", headers=AUTH)
        assert refused.headers["retry-after"] == "1" and "try again in 1 s" in refused.json()["error"]["message"]
        now[0] += 0.5
        assert client.get("/api/bots", headers=AUTH).status_code == 200


def test_wrong_tokens_are_slowed_down_per_client(quiet):
    now = [0.0]
    with TestClient(build_api(quiet, TOKEN, limiter=unlimited(),
                              auth_limiter=RateLimiter(0.2, 3, clock=lambda: now[0]))) as client:
        codes = [client.get("/api/bots", headers={"Authorization": f"Bearer {i}" * 5}).status_code
                 for i in range(5)]
        assert codes == [401, 401, 401, 429, 429]
        assert client.get("/api/bots", headers=AUTH).status_code == 200  # the right token is never slowed down


def test_a_closed_engine_answers_503_and_a_body_over_the_limit_413(quiet, api):
    big = api.post("/api/bots", content=b"{" + b" " * 70_000 + b"}",
                   headers={**AUTH, "Content-Type": "application/json"})
    assert big.status_code == 413
    quiet.close()
    closed = api.get("/api/bots", headers=AUTH)
    assert closed.status_code == 503 and "closing" in closed.json()["error"]["message"]


def test_an_engine_refusal_of_a_lifecycle_call_is_409_with_its_words(two_bots, api):
    reply = api.post("/api/bots/1/resume", headers=AUTH)
    assert reply.status_code == 409
    with pytest.raises(QbxError) as direct:
        two_bots.resume_bot(1)
    assert reply.json()["error"]["message"] == direct.value.message("en")
