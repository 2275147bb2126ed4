"""Fixtures for the Telegram command reader: the fake Bot API server, a real engine, a reader started on both."""

from __future__ import annotations

import asyncio
import time

import pytest

from qbx_engine import Engine
from qbx_engine.remote.telegram import RemoteConfig, TelegramRemote
from tests.engine.conftest import force, new_bot, scripted  # noqa: F401 - fixture
from tests.remote.fake_telegram import FakeTelegram

TOKEN = "123456789:AAHs3cretT0kenValue_abcXYZ-987"
TRADER = 987654321  # the trader's own chat
GROUP = -1001234567890  # the trader's group
STRANGER = 555000111
DASHBOARD = "http://trading-pc.local:8501"


async def quick_rest(seconds: float) -> None:
    """Waits after trouble are recorded by the reader at their full length, and last a moment here."""
    await asyncio.sleep(min(seconds, 0.05))


@pytest.fixture
def telegram():
    server = FakeTelegram(TOKEN)
    yield server
    server.close()


def config_for(server: FakeTelegram, *, token: str = TOKEN, chats=(TRADER, GROUP)) -> RemoteConfig:
    return RemoteConfig(token, frozenset(chats), server.base, DASHBOARD)


@pytest.fixture
def engine(data_dir, clock, scripted):  # noqa: F811
    """The real engine (paper broker, real scheduler) on the test's clock."""
    opened = Engine.open(data_dir, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def reader(request, telegram):
    """Start a command reader on an engine (the ``engine`` fixture's unless given) and the fake server; each is
    stopped after the test."""
    made: list[TelegramRemote] = []

    def make(on=None, server: FakeTelegram | None = None, **options) -> TelegramRemote:
        server = server or telegram
        options = {"poll_timeout": 1, "request_timeout": 5.0, "rest": quick_rest, **options}
        on = on if on is not None else request.getfixturevalue("engine")
        remote = TelegramRemote(on, config_for(server, **options.pop("config", {})), **options)
        made.append(remote.start())
        return remote

    yield make
    for remote in made:
        assert remote.stop(10.0), "the command reader did not stop"


def say(server: FakeTelegram, text: str, chat: int = TRADER, **options) -> str:
    """Send ``text`` from ``chat`` and return the reply it gets."""
    before = len(server.replies(chat))
    server.message(chat, text, **options)
    return server.wait_replies(chat, before + 1)[before]


def wait_phase(remote: TelegramRemote, phase: str, within: float = 30.0) -> dict:
    deadline = time.monotonic() + within
    while True:
        status = remote.status()
        if status["phase"] == phase:
            return status
        assert time.monotonic() < deadline, f"the reader never reached {phase}: {status}"
        time.sleep(0.01)


def telegram_events(engine) -> list[dict]:
    return [e for e in reversed(engine.events(limit=500)) if e["action"] == "TELEGRAM"]


def with_position(engine, clock, **bot) -> tuple[int, int]:
    """An active bot holding a BUY: (bot id, ticket)."""
    bot_id = new_bot(engine, status="active", **bot)["id"]
    force(engine, "BUY")
    clock.advance(60)
    ticket = engine.run_tick(bot_id)["position_ticket"]
    assert ticket
    force(engine, "HOLD")
    return bot_id, ticket
