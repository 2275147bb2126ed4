"""Shared fixtures: every test gets its own data directory outside the source tree."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from qbx_engine.core.clock import ManualClock

WEDNESDAY_10H = datetime(2026, 11, 25, 10, 0, tzinfo=UTC).timestamp()  # markets open, mid-week

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """Nothing a test does may land in the source tree's or the user's default data folder."""
    monkeypatch.setenv("QBX_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))  # where the default would be, per platform
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "user-local-app-data"))
    yield
    assert not (ROOT / ".qbx-data").exists(), "a test wrote into the source tree's .qbx-data"


@pytest.fixture(autouse=True)
def _no_real_notifications(tmp_path, monkeypatch):
    """A developer's own Telegram or webhook credentials are never used by a test."""
    from qbx_engine.notify import config
    from qbx_engine.remote.telegram import setup

    for name in (*config.ENV_NAMES, *setup.ENV_NAMES):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(config, "SECRETS_FILE", tmp_path / "no-secrets.toml")


@pytest.fixture(autouse=True)
def _no_real_mentor_model(tmp_path, monkeypatch):
    """A developer's own model server (or its API key) is never used by a test."""
    from qbx_engine.mentor import endpoint

    for name in endpoint.ENV.values():
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(endpoint, "SECRETS_FILE", tmp_path / "no-secrets.toml")


@pytest.fixture(autouse=True)
def _no_real_http_servers(tmp_path, monkeypatch):
    """A developer's own API token is never used by a test, and a server a test starts takes any free port."""
    from qbx_engine.remote.http import config

    for name in config.ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(config, "SECRETS_FILE", tmp_path / "no-secrets.toml")
    monkeypatch.setenv("QBX_API_PORT", "0")
    monkeypatch.setenv("QBX_ALERTS_PORT", "0")


@pytest.fixture
def llm():
    """A local OpenAI-compatible server (tests/fake_llm.py), stopped after the test."""
    from tests.fake_llm import FakeLLM

    with FakeLLM() as server:
        yield server


@pytest.fixture
def clock():
    return ManualClock(WEDNESDAY_10H)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


def run_python(code: str, *args: str, **kwargs):
    """Run a snippet in a fresh interpreter with the project importable."""
    import subprocess

    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True,
                          timeout=kwargs.pop("timeout", 60), **kwargs)
