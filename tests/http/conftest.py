"""Engines with alert bots, the HTTP API and the alert receiver in FastAPI's test client, and helpers to send alerts."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from qbx_engine import Engine
from qbx_engine.remote.http import build_alerts, build_api
from qbx_engine.remote.http.common import RateLimiter
from tests.engine.conftest import scripted  # noqa: F401 - fixture

TOKEN = "qbx-test-token-3f9a1c77e2b54d08"
AUTH = {"Authorization": f"Bearer {TOKEN}", "Accept-Language": "en"}


def unlimited() -> RateLimiter:
    return RateLimiter(1e9, 10**9)


@pytest.fixture
def quiet(data_dir, clock, scripted):  # noqa: F811
    """An engine without the scheduler: ticks happen when a test says (``run_tick``)."""
    opened = Engine.open(data_dir, clock=clock, start_scheduler=False)
    yield opened
    opened.close()


def alert_bot(engine, **overrides) -> tuple[dict, str]:
    """A running TradingView alert bot on EURUSD M1 (20-pip stop, 1 % risk) and its webhook secret."""
    made = engine.alerts.create_bot({"name": "TV EURUSD", "market": "EURUSD", "timeframe": "M1", "status": "active",
                                     "risk_percent": 1.0, "sl_pips": 20, "tp_pips": 40, **overrides})
    return made["bot"], made["secret"]


def body(signal: str = "buy", alert_id: str = "a1", **extra) -> str:
    return json.dumps({"signal": signal, "id": alert_id, **extra})


@pytest.fixture
def api(quiet):
    with TestClient(build_api(quiet, TOKEN, limiter=unlimited(), auth_limiter=unlimited())) as client:
        yield client


@pytest.fixture
def receiver(quiet):
    with TestClient(build_alerts(quiet, per_secret=unlimited(), per_client=unlimited()),
                    headers={"Accept-Language": "en"}) as client:
        yield client


def actions(engine, limit: int = 100) -> list[str]:
    return [e["action"] for e in reversed(engine.events(limit=limit))]


def alert_records(engine, bot_id: int) -> list[dict]:
    return list(reversed(engine.alerts.queue.records(bot_id, 10_000)))
