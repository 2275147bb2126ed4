"""Fixtures for notification tests: the local fake Telegram/webhook server, fake worker time, secrets."""

from __future__ import annotations

import pytest

from qbx_engine.core.clock import ManualClock
from qbx_engine.notify import channels, config
from qbx_engine.notify.notifier import Notifier
from qbx_engine.settings import Settings
from qbx_engine.store import Store
from tests.conftest import WEDNESDAY_10H
from tests.notify.fake_server import FakeServer, FakeTime

TOKEN = "123456789:AAHs3cretT0kenValue_abcXYZ-987"
CHAT_ID = "987654321"
HOOK_SECRET = "whsec-Sup3rS3cretValue"
HOOK_USER, HOOK_PASSWORD = "hookuser", "hookPa55word"
HOOK_PATH = "/hooks/T0ken-In-The-Path-42"
SECRETS = (TOKEN, HOOK_SECRET, HOOK_PASSWORD, HOOK_PATH, "AAHs3cretT0ken")


@pytest.fixture
def fake_time():
    return FakeTime()


@pytest.fixture
def server(fake_time):
    running = FakeServer(TOKEN, CHAT_ID, now=fake_time.now)
    yield running
    running.close()


def env_for(server: FakeServer, *, telegram: bool = True, webhook: bool = True) -> dict[str, str]:
    env = {}
    if telegram:
        env.update(QBX_TELEGRAM_TOKEN=TOKEN, QBX_TELEGRAM_CHAT_ID=CHAT_ID, QBX_TELEGRAM_API=server.base)
    if webhook:
        env.update(QBX_WEBHOOK_URL=f"http://{HOOK_USER}:{HOOK_PASSWORD}@127.0.0.1:{server.port}{HOOK_PATH}",
                   QBX_WEBHOOK_SECRET=HOOK_SECRET)
    return env


def setups_for(server: FakeServer, **which) -> dict:
    return config.load(environ=env_for(server, **which))


@pytest.fixture
def configured(server, monkeypatch):
    """Both channels configured through the environment, pointing at the fake server; fast pace."""
    for name, value in env_for(server).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(channels, "CHAT_INTERVAL", 0.02)
    return server


class Rig:
    """A Notifier on a real store, as the engine builds it, with worker time under the test's control."""

    def __init__(self, data_dir, setups, fake_time, *, timeout: float = 2.0, start: bool = True):
        self.data_dir, self.setups, self.fake_time, self.timeout = data_dir, setups, fake_time, timeout
        self.clock = ManualClock(WEDNESDAY_10H)
        self.streaks: dict[int, int] = {}
        self.open(start=start)

    def open(self, *, start: bool = True) -> Rig:
        self.store = Store(self.data_dir)
        self.settings = Settings(self.store.settings_db)
        self.notifier = Notifier(self.store, self.settings, self.clock, reports=None, setups=self.setups,
                                 error_streak=lambda bot_id: self.streaks.get(bot_id, 0), timeout=self.timeout,
                                 now=self.fake_time.now, wait=self.fake_time.wait)
        if start:
            self.notifier.start()
        return self

    def close(self) -> None:
        self.notifier.close(1.0)
        self.store.close()

    def event(self, action: str = "OPEN BUY", bot_id: int | None = 7, **params) -> dict:
        from qbx_engine.core.i18n import Msg

        msg = Msg("ev.open", {"side": "BUY", "volume": 0.1, "symbol": "EURUSD", "price": 1.08, "sl": 1.078,
                              "tp": 1.084, "risk": 20.0, "ticket": 1001, "reason": "MA cross", **params})
        event = {"ts": self.clock.now(), "bot_id": bot_id, "bot_name": "Trend EURUSD", "action": action,
                 "msg": msg.to_json(), "seq": 1}
        self.notifier.on_event(event)
        return event


@pytest.fixture
def rig(data_dir, server, fake_time, monkeypatch):
    """Both channels on the fake server; worker started on fake time."""
    made = []

    def make(setups=None, **options) -> Rig:
        built = Rig(data_dir, setups if setups is not None else setups_for(server), fake_time, **options)
        made.append(built)
        return built

    yield make
    for built in made:
        if not built.store.closed:
            built.close()
