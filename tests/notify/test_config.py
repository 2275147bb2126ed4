"""Credentials: environment first, then secrets.toml; half or wrong setups are off and say why, never how."""

from qbx_engine.core.i18n import render
from qbx_engine.notify import config
from tests.notify.conftest import HOOK_PASSWORD, HOOK_SECRET, TOKEN

TOML = f'''
password = "dashboard"
[telegram]
token = "{TOKEN}"
chat_id = -100123456789
[webhook]
url = "https://hooks.example.com/services/T000/B000/XXXXXXXXXXXX"
secret = "{HOOK_SECRET}"
fields = {{ content = "{{title}}: {{text}}", id = "{{id}}" }}
'''


def test_secrets_toml_tables_give_both_channels(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text(TOML, encoding="utf-8")
    setups = config.load(path, environ={})
    telegram, webhook = setups["telegram"].config, setups["webhook"].config
    assert (telegram.token, telegram.chat_id, telegram.api_base) == (TOKEN, "-100123456789", config.TELEGRAM_API)
    assert webhook.secret == HOOK_SECRET and webhook.secret_header == "X-QBX-Secret"
    assert webhook.fields == {"content": "{title}: {text}", "id": "{id}"}
    assert setups["telegram"].problem is None and setups["webhook"].problem is None


def test_the_environment_wins_field_by_field(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text(TOML, encoding="utf-8")
    setups = config.load(path, environ={"QBX_TELEGRAM_CHAT_ID": "42424242", "QBX_TELEGRAM_API": "http://127.0.0.1:9",
                                        "QBX_WEBHOOK_FIELDS": '{"text": "{text}"}'})
    assert setups["telegram"].config.token == TOKEN  # from the file
    assert setups["telegram"].config.chat_id == "42424242"
    assert setups["telegram"].config.api_base == "http://127.0.0.1:9"
    assert setups["webhook"].config.fields == {"text": "{text}"}


def test_nothing_configured_is_simply_off(tmp_path):
    setups = config.load(tmp_path / "missing.toml", environ={})
    assert all(s.config is None and s.problem is None for s in setups.values())


def test_half_or_wrong_setups_are_off_with_a_reason_that_quotes_no_secret(tmp_path):
    cases = {
        "missing chat": ({"QBX_TELEGRAM_TOKEN": TOKEN}, "telegram", "chat_id"),
        "bad token": ({"QBX_TELEGRAM_TOKEN": "not-a-token-" + HOOK_SECRET, "QBX_TELEGRAM_CHAT_ID": "1"}, "telegram",
                      "@BotFather"),
        "bad chat": ({"QBX_TELEGRAM_TOKEN": TOKEN, "QBX_TELEGRAM_CHAT_ID": "my chat"}, "telegram", "@channel_name"),
        "bad url": ({"QBX_WEBHOOK_URL": f"ftp://user:{HOOK_PASSWORD}@example.com/x"}, "webhook", "http://"),
        "bad fields": ({"QBX_WEBHOOK_URL": "https://example.com/x", "QBX_WEBHOOK_FIELDS": "[1, 2]"}, "webhook",
                       "fields"),
        "bad header": ({"QBX_WEBHOOK_URL": "https://example.com/x", "QBX_WEBHOOK_HEADER": "X Secret:"}, "webhook",
                       "header"),
        "secret without url": ({"QBX_WEBHOOK_SECRET": HOOK_SECRET}, "webhook", "url"),
    }
    for name, (environ, channel, expected) in cases.items():
        setup = config.load(tmp_path / "missing.toml", environ=environ)[channel]
        assert setup.config is None, name
        text = render(setup.problem, "en") + render(setup.problem, "id")
        assert expected in text, (name, text)
        assert TOKEN not in text and HOOK_SECRET not in text and HOOK_PASSWORD not in text, name


def test_a_broken_secrets_file_is_reported_without_its_content(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text(f'[telegram]\ntoken = "{TOKEN}\n', encoding="utf-8")
    setup = config.load(path, environ={})["telegram"]
    assert setup.config is None
    assert "secrets.toml" in render(setup.problem, "en") and TOKEN not in render(setup.problem, "en")


def test_masks_show_enough_to_recognise_never_enough_to_use():
    assert config.mask(TOKEN) == "12…87"
    assert config.mask("short") == "…" and config.mask(None) == ""
    assert config.mask_url(f"https://user:{HOOK_PASSWORD}@hooks.example.com:8443/T0/B0/XYZ?k=v") == \
        "https://hooks.example.com:8443/…"
    setup = config.load(environ={"QBX_TELEGRAM_TOKEN": TOKEN, "QBX_TELEGRAM_CHAT_ID": "987654321"})["telegram"]
    assert TOKEN not in repr(setup) and setup.config.masked() == {"token": "12…87", "chat_id": "98…21"}


def test_the_scrubber_removes_every_part_of_a_webhook_url_that_may_be_secret():
    url = f"https://hookuser:{HOOK_PASSWORD}@hooks.example.com/services/T000/B000/XXXX?token=abc123456"
    setup = config.load(environ={"QBX_WEBHOOK_URL": url, "QBX_WEBHOOK_SECRET": HOOK_SECRET})["webhook"]
    text = f"failed {url} with {HOOK_SECRET}; path /services/T000/B000/XXXX; pw {HOOK_PASSWORD}; q token=abc123456"
    scrubbed = setup.scrub(text)
    for secret in (url, HOOK_SECRET, HOOK_PASSWORD, "/services/T000/B000/XXXX", "token=abc123456"):
        assert secret not in scrubbed
    assert scrubbed.startswith("failed ***")


def test_a_webhook_host_that_cannot_be_resolved_is_refused_when_the_setup_is_read(tmp_path):
    """A space in the host used to show the channel as configured, then retry every message forever."""
    refused = {
        "http://exa mple.com/hook": "invalid host name ('exa mple.com')",
        "https://hooks..example.com/x": "invalid host name",
        "https://-bad-.example.com/x": "invalid host name",
        "https://hooks.example.com/a b/c": "contains a space or a control character (character 28)",
        "https://hooks.example.com/x\ty": "contains a space or a control character",
        "https://hooks.example.com/x\x00y": "contains a space or a control character",
    }
    for url, words in refused.items():
        setup = config.load(tmp_path / "missing.toml", environ={"QBX_WEBHOOK_URL": url})["webhook"]
        assert setup.config is None, url
        assert words in render(setup.problem, "en"), (url, render(setup.problem, "en"))
        assert render(setup.problem, "id").startswith("Alamat 'url'"), url
    telegram = config.load(tmp_path / "missing.toml", environ={
        "QBX_TELEGRAM_TOKEN": TOKEN, "QBX_TELEGRAM_CHAT_ID": "1", "QBX_TELEGRAM_API": "http://api tele.org"})
    assert "invalid host name" in render(telegram["telegram"].problem, "en")
    for url in ("https://hooks.example.com/services/T0", "http://127.0.0.1:8080/hook", "http://[::1]:9/x",
                "https://bücher.example/hook", "http://n8n_server:5678/webhook/abc", "https://example.com./x"):
        setup = config.load(tmp_path / "missing.toml", environ={"QBX_WEBHOOK_URL": url})["webhook"]
        assert setup.config is not None and setup.problem is None, (url, setup.problem)
