"""Where the inbound bot's setup comes from: the [telegram] table of secrets.toml, the environment winning."""

from __future__ import annotations

from qbx_engine.core.i18n import render
from qbx_engine.remote.telegram.setup import DEFAULT_DASHBOARD, load
from tests.remote.conftest import TOKEN


def _file(tmp_path, text: str):
    path = tmp_path / "secrets.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_allow_list_from_the_file(tmp_path):
    path = _file(tmp_path, f'[telegram]\ntoken = "{TOKEN}"\nchat_id = "987654321"\n'
                           'allowed_chats = [987654321, "-1001234567890"]\n')
    setup = load(path, environ={})
    assert setup.problem is None
    assert setup.config.allowed == frozenset({987654321, -1001234567890})
    assert setup.config.dashboard_url == DEFAULT_DASHBOARD
    assert setup.config.masked() == {"token": "12…87", "chats": ["-1…90", "98…21"]}
    assert TOKEN not in repr(setup)


def test_the_environment_wins_field_by_field(tmp_path):
    path = _file(tmp_path, f'[telegram]\ntoken = "{TOKEN}"\nallowed_chats = [1111111111]\n')
    setup = load(path, environ={"QBX_TELEGRAM_ALLOWED_CHATS": "222222222, 333333333",
                                "QBX_DASHBOARD_URL": "http://trading-pc.local:8501/"})
    assert setup.config.allowed == frozenset({222222222, 333333333})
    assert setup.config.token == TOKEN and setup.config.dashboard_url == "http://trading-pc.local:8501"


def test_notifications_only_does_not_read_commands(tmp_path):
    path = _file(tmp_path, f'[telegram]\ntoken = "{TOKEN}"\nchat_id = "987654321"\n')
    assert load(path, environ={}) == load(tmp_path / "absent.toml", environ={})
    assert load(path, environ={}).config is None and load(path, environ={}).problem is None


def test_a_wrong_setup_says_what_is_wrong_and_never_quotes_the_token(tmp_path):
    cases = {
        "allowed_chats = [987654321]\n": "Incomplete setup: token is missing.",
        'token = "nope"\nallowed_chats = [987654321]\n': "The bot token is not in the right form",
        f'token = "{TOKEN}"\nallowed_chats = ["@channel"]\n': "'allowed_chats' must hold 1 to 20 numeric chat ids",
        f'token = "{TOKEN}"\nallowed_chats = [true]\n': "'allowed_chats' must hold",
        f'token = "{TOKEN}"\nallowed_chats = [{", ".join(str(n) for n in range(21))}]\n': "'allowed_chats' must hold",
        f'token = "{TOKEN}"\nallowed_chats = [1]\ndashboard_url = "ftp://x"\n': "'dashboard_url' must be an http",
    }
    for table, problem in cases.items():
        setup = load(_file(tmp_path, "[telegram]\n" + table), environ={})
        assert setup.config is None and render(setup.problem, "en").startswith(problem), (table, setup)
        assert TOKEN not in render(setup.problem, "en")
    broken = load(_file(tmp_path, "[telegram\n"), environ={})
    assert render(broken.problem, "en").startswith("secrets.toml cannot be read")
