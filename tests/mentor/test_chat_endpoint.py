"""Where the mentor's questions go (qbx_engine.mentor.endpoint and the settings): the environment over the secrets
file over the Settings page, the key only from secrets, what each address means for the trader's data, and the
permission an internet service needs before anything is sent."""

from __future__ import annotations

import pytest

from qbx_engine.core.errors import ValidationError
from qbx_engine.mentor import endpoint
from qbx_engine.mentor.chat import ChatError
from qbx_engine.mentor.endpoint import INTERNET, LOCAL_NETWORK, THIS_COMPUTER, where


@pytest.mark.parametrize(("url", "place"), [
    ("http://127.0.0.1:11434/v1", THIS_COMPUTER), ("http://localhost:1234/v1", THIS_COMPUTER),
    ("http://[::1]:8080/v1", THIS_COMPUTER), ("http://192.168.1.20:11434/v1", LOCAL_NETWORK),
    ("http://10.0.0.5:8000/v1", LOCAL_NETWORK), ("http://trading-pc.local:11434/v1", LOCAL_NETWORK),
    ("http://ollama-box:11434/v1", LOCAL_NETWORK), ("http://100.101.102.103:11434/v1", LOCAL_NETWORK),
    ("https://api.openai.com/v1", INTERNET), ("https://openrouter.ai/api/v1", INTERNET),
    ("http://8.8.8.8/v1", INTERNET),
])
def test_where_the_facts_go_is_read_from_the_address(url, place):
    assert where(url) == place


def test_settings_accept_a_server_and_refuse_bad_ones_field_by_field(engine):
    engine.update_settings(mentor_ai_url="http://127.0.0.1:11434/v1", mentor_ai_model="qwen2.5:7b-instruct")
    for field, value, key in (("mentor_ai_url", "ftp://x", "mentor.chat.cfg.bad_url"),
                              ("mentor_ai_url", "http://user:pw@host/v1", "mentor.chat.cfg.credentials_in_url"),
                              ("mentor_ai_model", "qwen 2.5", "mentor.chat.cfg.bad_model"),
                              ("mentor_ai_timeout", 0, "mentor.chat.cfg.bad_timeout"),
                              ("mentor_ai_stream", "yes", "settings.bad_flag")):
        with pytest.raises(ValidationError) as refused:
            engine.update_settings(**{field: value})
        assert refused.value.field_errors[field].key == key
    assert engine.get_settings()["mentor_ai_url"] == "http://127.0.0.1:11434/v1"  # nothing refused was saved
    setup = engine.mentor.chat_setup()
    assert (setup["configured"], setup["where"], setup["host"], setup["model"]) == \
        (True, THIS_COMPUTER, "http://127.0.0.1:11434", "qwen2.5:7b-instruct")
    assert setup["sources"] == {"url": "settings", "model": "settings"} and setup["key"] == ""


def test_the_environment_wins_over_the_secrets_file_which_wins_over_settings(engine, monkeypatch, tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[mentor_ai]\nurl = "http://192.168.1.20:11434/v1"\nmodel = "gemma3:12b"\n'
                       'api_key = "sk-from-file-123456"\n', encoding="utf-8")
    monkeypatch.setattr(endpoint, "SECRETS_FILE", secrets)
    engine.update_settings(mentor_ai_url="http://127.0.0.1:1234/v1", mentor_ai_model="local-model")
    setup = engine.mentor.chat_setup()
    assert (setup["host"], setup["model"], setup["where"]) == ("http://192.168.1.20:11434", "gemma3:12b", LOCAL_NETWORK)
    assert setup["sources"] == {"url": "secrets", "model": "secrets", "api_key": "secrets"}
    monkeypatch.setenv("QBX_MENTOR_AI_URL", "https://api.example.com/v1")
    monkeypatch.setenv("QBX_MENTOR_AI_KEY", "sk-from-env-abcdef")
    setup = engine.mentor.chat_setup()
    assert (setup["host"], setup["model"], setup["key"]) == ("https://api.example.com", "gemma3:12b", "sk…ef")
    assert "sk-from-env-abcdef" not in repr(setup) and "sk-from-file" not in repr(setup)


def test_a_half_or_badly_configured_endpoint_says_why_and_asks_nothing(engine, monkeypatch, tmp_path):
    assert engine.mentor.chat_setup()["configured"] is False
    with pytest.raises(ChatError) as refused:
        engine.mentor.ask("Kenapa rugi?")
    assert refused.value.msg.key == "mentor.chat.err.not_configured"
    engine.update_settings(mentor_ai_url="http://127.0.0.1:11434/v1")
    assert engine.mentor.chat_setup()["problem"]["key"] == "mentor.chat.cfg.no_model"
    with pytest.raises(ChatError) as refused:
        engine.mentor.ask("Kenapa rugi?")
    assert refused.value.msg.key == "mentor.chat.cfg.no_model"
    broken = tmp_path / "secrets.toml"
    broken.write_text("[mentor_ai\nurl=", encoding="utf-8")
    monkeypatch.setattr(endpoint, "SECRETS_FILE", broken)
    assert engine.mentor.chat_setup()["problem"]["key"] == "mentor.chat.cfg.bad_toml"


def test_an_internet_service_gets_nothing_until_the_trader_allows_that_host(engine, llm, monkeypatch):
    monkeypatch.setenv("QBX_MENTOR_AI_URL", "https://api.example.com/v1")
    monkeypatch.setenv("QBX_MENTOR_AI_MODEL", "gpt-4o-mini")
    setup = engine.mentor.chat_setup()
    assert setup["needs_consent"] and setup["where"] == INTERNET
    with pytest.raises(ChatError) as refused:
        engine.mentor.ask("Kenapa rugi?")
    assert refused.value.msg.key == "mentor.chat.err.consent"
    assert refused.value.msg.params["host"] == "https://api.example.com"
    engine.update_settings(mentor_ai_consent="https://api.example.com")
    assert engine.mentor.chat_setup()["needs_consent"] is False
    monkeypatch.setenv("QBX_MENTOR_AI_URL", "https://other.example.net/v1")  # another host: ask again
    assert engine.mentor.chat_setup()["needs_consent"] is True
    assert llm.requests == []


def test_the_connection_test_lists_the_server_s_models_and_sends_no_facts(engine, llm):
    engine.update_settings(mentor_ai_url=llm.url, mentor_ai_model="qwen2.5:7b")
    assert engine.mentor.test_endpoint() == {"host": llm.url.rsplit("/", 1)[0], "model": "qwen2.5:7b",
                                             "models": ["qwen2.5:7b"], "found": True}
    engine.update_settings(mentor_ai_model="llama3.2:3b")
    assert engine.mentor.test_endpoint()["found"] is False
    assert [r["path"] for r in llm.requests] == ["/v1/models", "/v1/models"]
    engine.update_settings(mentor_ai_url="http://127.0.0.1:9/v1")  # nothing listens on the discard port
    with pytest.raises(ChatError) as refused:
        engine.mentor.test_endpoint()
    assert refused.value.msg.key == "mentor.chat.err.connect"


@pytest.fixture
def engine(data_dir, clock):
    from qbx_engine import Engine

    with Engine.open(data_dir, clock=clock, start_scheduler=False) as opened:
        yield opened
