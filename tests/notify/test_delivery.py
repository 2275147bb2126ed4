"""The worker against a local fake Telegram and webhook: formats, retries, rate limits, timeouts, restarts."""

from __future__ import annotations

import base64
import time
from itertools import pairwise

import pytest

from qbx_engine.core.i18n import render
from qbx_engine.notify import channels
from qbx_engine.notify.config import load
from qbx_engine.notify.outbox import LIMIT
from qbx_engine.notify.worker import FIRST_BACKOFF
from tests.notify.conftest import CHAT_ID, HOOK_PASSWORD, HOOK_PATH, HOOK_SECRET, HOOK_USER, TOKEN, env_for, setups_for
from tests.notify.fake_server import closed_port


def _stats(rig, channel):
    return rig.notifier.status()["channels"][channel]


def _wait_until(condition, within: float = 20.0):
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


def test_telegram_gets_send_message_with_chat_id_html_and_no_preview(rig, server):
    r = rig(setups_for(server, webhook=False))
    r.event()
    request = server.wait_for(1, "telegram")[0]
    assert request.path == f"/bot{TOKEN}/sendMessage"
    assert request.headers["content-type"] == "application/json"
    body = request.body
    assert body["chat_id"] == CHAT_ID and body["parse_mode"] == "HTML"
    assert body["link_preview_options"] == {"is_disabled": True}
    assert body["text"].startswith("<b>🟢 Posisi BUY dibuka · Trend EURUSD (#7)</b>\nBUY 0,1 lot EURUSD")
    _wait_until(lambda: _stats(r, "telegram")["sent"] == 1)
    assert _stats(r, "telegram")["queued"] == 0 and _stats(r, "telegram")["failures"] == 0


def test_the_webhook_gets_json_fields_the_secret_header_and_basic_auth_from_the_url(rig, server):
    r = rig(setups_for(server, telegram=False))
    r.event()
    request = server.wait_for(1, "webhook")[0]
    assert request.path == HOOK_PATH
    assert request.headers["x-qbx-secret"] == HOOK_SECRET
    assert request.headers["authorization"] == "Basic " + base64.b64encode(
        f"{HOOK_USER}:{HOOK_PASSWORD}".encode()).decode()
    body = request.body
    assert {"source", "id", "category", "action", "title", "text", "markdown", "bot_id", "bot_name", "time", "ts",
            "language"} == set(body)
    assert (body["action"], body["category"], body["bot_id"], body["bot_name"]) == ("OPEN BUY", "trades", 7,
                                                                                  "Trend EURUSD")
    assert body["time"] == "2026-11-25T17:00:00+07:00"


def test_the_webhook_template_decides_the_fields(rig, server):
    env = env_for(server, telegram=False) | {"QBX_WEBHOOK_FIELDS": '{"content": "**{title}**\\n{text}"}'}
    r = rig(load(environ=env))
    r.event()
    body = server.wait_for(1, "webhook")[0].body
    assert list(body) == ["content"] and body["content"].startswith("**Posisi BUY dibuka · Trend EURUSD (#7)**\n")


def test_a_500_is_retried_with_growing_backoff_and_delivered_once(rig, server):
    server.then("telegram", 500, 500)
    r = rig(setups_for(server, webhook=False))
    r.event()
    attempts = server.wait_for(3, "telegram", delivered=False)
    server.wait_for(1, "telegram")
    assert [a.answered for a in attempts] == [500, 500, 200]
    gaps = [later.at - earlier.at for earlier, later in pairwise(attempts)]
    assert gaps[0] >= FIRST_BACKOFF and gaps[1] >= 2 * FIRST_BACKOFF
    _wait_until(lambda: _stats(r, "telegram")["sent"] == 1)
    stats = _stats(r, "telegram")
    assert stats["failures"] == 2 and stats["queued"] == 0
    assert render(stats["last_error"], "en") == "refused with code 500: Internal Server Error"
    assert len(server.delivered()) == 1


def test_a_429_waits_exactly_as_long_as_telegram_asks(rig, server):
    server.then("telegram", ("429", 37))
    r = rig(setups_for(server, webhook=False))
    r.event()
    first, second = server.wait_for(2, "telegram", delivered=False)[:2]
    assert first.answered == 429 and second.answered == 200
    assert 37 <= second.at - first.at < 37 + FIRST_BACKOFF  # retry_after, not the generic backoff
    _wait_until(lambda: _stats(r, "telegram")["sent"] == 1)
    assert render(_stats(r, "telegram")["last_error"], "en") == "asked to wait 37 s (rate limit)"


def test_a_webhook_429_honours_its_retry_after_header(rig, server):
    server.then("webhook", ("429-header", 12))
    r = rig(setups_for(server, telegram=False))
    r.event()
    first, second = server.wait_for(2, "webhook", delivered=False)[:2]
    assert (first.answered, second.answered) == (429, 200) and 12 <= second.at - first.at < 12 + FIRST_BACKOFF


def test_telegram_gets_at_most_one_message_a_second_per_chat(rig, server, monkeypatch):
    r = rig(setups_for(server, webhook=False))
    for _ in range(4):
        r.event()
    arrivals = [request.at for request in server.wait_for(4, "telegram")]
    assert all(later - earlier >= channels.CHAT_INTERVAL for earlier, later in pairwise(arrivals))


def test_a_group_chat_gets_one_message_every_three_seconds(rig, server):
    env = env_for(server, webhook=False) | {"QBX_TELEGRAM_CHAT_ID": "-100" + CHAT_ID}
    server.chat_id = "-100" + CHAT_ID
    r = rig(load(environ=env))
    for _ in range(3):
        r.event()
    arrivals = [request.at for request in server.wait_for(3, "telegram")]
    assert all(later - earlier >= channels.GROUP_INTERVAL for earlier, later in pairwise(arrivals))


def test_a_hanging_server_times_out_counts_a_failure_and_is_retried(rig, server):
    server.then("telegram", "hang")
    r = rig(setups_for(server, webhook=False), timeout=0.3)
    r.event()
    server.wait_for(1, "telegram")
    _wait_until(lambda: _stats(r, "telegram")["sent"] == 1)
    stats = _stats(r, "telegram")
    assert stats["failures"] == 1
    assert render(stats["last_error"], "en") == "no answer within 0.3 s"
    assert [request.answered for request in server.received("telegram")] == [None, 200]


def test_a_refused_connection_is_a_failure_and_the_message_waits(rig, server, fake_time):
    env = env_for(server, webhook=False) | {"QBX_TELEGRAM_API": f"http://127.0.0.1:{closed_port()}"}
    r = rig(load(environ=env))
    r.event()
    _wait_until(lambda: _stats(r, "telegram")["failures"] >= 2)
    r.close()
    stats = _stats(r.open(start=False), "telegram")
    assert stats["queued"] == 1 and stats["sent"] == 0
    assert render(stats["last_error"], "en").startswith("cannot connect (")


def test_a_message_the_receiver_refuses_is_dropped_and_the_next_goes_out(rig, server):
    server.then("telegram", 400)
    r = rig(setups_for(server, webhook=False))
    r.event(ticket=1)
    r.event(ticket=2)
    delivered = server.wait_for(1, "telegram")
    assert "#2" in delivered[0].body["text"]
    _wait_until(lambda: _stats(r, "telegram")["sent"] == 1)
    stats = _stats(r, "telegram")
    assert stats["rejected"] == 1 and stats["queued"] == 0
    assert render(stats["last_error"], "en") == "refused with code 400: Bad Request: can't parse entities"


def test_a_wrong_chat_id_is_explained_and_the_message_waits_for_the_fix(rig, server):
    server.chat_id = "111"
    r = rig(setups_for(server, webhook=False))
    r.event()
    _wait_until(lambda: _stats(r, "telegram")["failures"] >= 2)
    stats = _stats(r, "telegram")
    assert stats["rejected"] == 0 and stats["queued"] == 1
    assert render(stats["last_error"], "id") == "ditolak dengan kode 400: Bad Request: chat not found"


def test_queued_messages_survive_a_restart_and_each_arrives_once(rig, server, fake_time):
    down = load(environ=env_for(server) | {"QBX_TELEGRAM_API": f"http://127.0.0.1:{closed_port()}",
                                           "QBX_WEBHOOK_URL": f"http://127.0.0.1:{closed_port()}/hook"})
    first = rig(down)
    for ticket in range(5):
        first.event(ticket=ticket)
    first.close()
    assert server.received() == []
    second = rig(setups_for(server))
    telegram = server.wait_for(5, "telegram")
    webhook = server.wait_for(5, "webhook")
    _wait_until(lambda: _stats(second, "telegram")["queued"] == 0 and _stats(second, "webhook")["queued"] == 0)
    second.close()
    third = rig(setups_for(server))
    third.event(ticket=99)
    server.wait_for(6, "telegram")
    server.wait_for(6, "webhook")
    texts = [request.body["text"] for request in server.delivered("telegram")]
    ids = [request.body["id"] for request in server.delivered("webhook")]
    assert len(set(texts)) == 6 and len(set(ids)) == 6, "a message arrived twice"
    assert [f"#{n}" in text for n, text in zip([0, 1, 2, 3, 4, 99], texts, strict=True)] == [True] * 6  # in order
    assert len(telegram) == len(webhook) == 5


def test_closing_while_a_send_hangs_is_bounded_and_the_message_goes_at_the_next_start(rig, server):
    server.then("telegram", "hang")
    r = rig(setups_for(server, webhook=False), timeout=30.0)
    r.event()
    server.wait_for(1, "telegram", delivered=False)
    started = time.monotonic()
    r.notifier.close(0.2)
    assert time.monotonic() - started < 5, "close waited for the hanging request"
    r.store.close()
    server.release.set()
    again = rig(setups_for(server, webhook=False))
    delivered = server.wait_for(1, "telegram")
    _wait_until(lambda: _stats(again, "telegram")["queued"] == 0)
    assert len(delivered) == 1 and _stats(again, "telegram")["uncertain"] == 0


def test_a_message_caught_mid_send_by_a_crash_is_not_sent_twice(rig, server):
    r = rig(setups_for(server, webhook=False), start=False)
    r.event()
    head = r.notifier.outbox.head("telegram")
    r.notifier.outbox.claim(head["doc_id"])  # on disk: "sending" — then the process dies
    r.store.close()
    again = rig(setups_for(server, webhook=False))
    again.event(ticket=2)
    server.wait_for(1, "telegram")
    _wait_until(lambda: _stats(again, "telegram")["queued"] == 0)
    assert len(server.received()) == 1 and "#2" in server.received()[0].body["text"]
    assert _stats(again, "telegram")["uncertain"] == 1


def test_the_outbox_is_bounded_and_drops_the_oldest_low_priority_first(rig, server):
    r = rig(setups_for(server, webhook=False), start=False)
    outbox = r.notifier.outbox
    note = {"title": "t", "body": "b"}
    outbox.add([("telegram", 1, {**note, "n": n}) for n in range(LIMIT - 300)] +
               [("telegram", 0, {**note, "n": n}) for n in range(LIMIT - 300, LIMIT)])
    outbox.add([("telegram", 1, {**note, "n": n}) for n in range(LIMIT, LIMIT + 3)])
    kept = [m["note"]["n"] for m in outbox.messages()]
    assert len(kept) == LIMIT
    assert LIMIT - 300 not in kept and LIMIT - 298 not in kept and LIMIT - 297 in kept  # three oldest low ones went
    assert kept[-3:] == [LIMIT, LIMIT + 1, LIMIT + 2]
    outbox.add([("telegram", 0, {**note, "n": n}) for n in range(LIMIT + 3, LIMIT + 300)])
    outbox.add([("telegram", 1, {**note, "n": -1})])
    kept = [m["note"]["n"] for m in outbox.messages()]
    assert len(kept) == LIMIT and kept[-1] == -1 and 0 in kept  # still only low ones dropped
    assert outbox.stats()["telegram"]["dropped"] == 3 + 297 + 1
    r.close()
    assert len(rig(setups_for(server, webhook=False), start=False).notifier.outbox.messages()) == LIMIT


@pytest.mark.parametrize("behaviour", ["echo", 500, ("429", 3), "hang", "refused"])
def test_no_secret_reaches_a_log_the_store_an_error_or_the_status(rig, server, caplog, behaviour, data_dir):
    import json
    import logging

    from tests.notify.conftest import SECRETS

    caplog.set_level(logging.DEBUG)
    env = env_for(server)
    if behaviour == "refused":
        port = closed_port()
        env |= {"QBX_TELEGRAM_API": f"http://127.0.0.1:{port}",
                "QBX_WEBHOOK_URL": f"http://{HOOK_USER}:{HOOK_PASSWORD}@127.0.0.1:{port}{HOOK_PATH}"}
    else:
        server.then("telegram", behaviour, behaviour)
        server.then("webhook", behaviour, behaviour)
    r = rig(load(environ=env), timeout=0.3)
    r.event()
    _wait_until(lambda: _stats(r, "telegram")["failures"] >= 1 and _stats(r, "webhook")["failures"] >= 1)
    problems = []
    for channel in ("telegram", "webhook"):
        try:
            r.notifier.send_test(channel)
        except Exception as exc:  # noqa: BLE001 - collecting every text a failure produces
            problems += [str(exc), repr(exc), exc.message("id"), exc.message("en")]
    status = json.dumps(r.notifier.status(), ensure_ascii=False)
    r.close()
    stored = "".join(p.read_text(encoding="utf-8") for pattern in ("*.json", "*.log") for p in data_dir.rglob(pattern))
    everything = "\n".join([caplog.text, status, stored, *problems])
    assert "notification via" in caplog.text  # the failures were logged …
    for secret in SECRETS:
        assert secret not in everything, secret  # … without any secret
