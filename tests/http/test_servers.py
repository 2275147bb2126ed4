"""The real servers: uvicorn on loopback beside the engine, a taken port, no token, logs without secrets, a flood
of alerts, and bots' ticks completing while requests are held mid-way and served."""

from __future__ import annotations

import logging
import socket
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from qbx_engine import Engine
from qbx_engine.core.i18n import render
from qbx_engine.remote.http import RemoteHttp
from qbx_engine.trading.alerts import ACCEPTED, SUPERSEDED, TAKEN
from tests.http.conftest import TOKEN, alert_bot, alert_records, body
from tests.ticks_unheld import NEVER, Gate, reversing_bot, ticks_while

ENV = {"QBX_API_TOKEN": TOKEN, "QBX_API_PORT": "0", "QBX_ALERTS_PORT": "0"}
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def servers(quiet):
    running = RemoteHttp(quiet, environ=ENV).start()
    yield running
    running.stop()


def test_the_api_and_the_receiver_listen_on_loopback_and_stop_with_the_engine(quiet, servers):
    status = servers.status()
    assert status["api"]["running"] and status["api"]["host"] == "127.0.0.1" and status["api"]["loopback"]
    assert status["api"]["token"] == "qb…08" and TOKEN not in str(status)
    assert not status["alerts"]["running"]  # no alert bot yet
    api = status["api"]["url"]
    assert httpx.get(f"{api}/api/bots").status_code == 401
    assert httpx.get(f"{api}/api/bots", headers={"Authorization": "Bearer " + "w" * 30}).status_code == 401
    assert httpx.get(f"{api}/api/bots", headers=AUTH).json() == []
    assert httpx.get(f"{api}/docs").status_code == 200

    made = httpx.post(f"{api}/api/bots", headers=AUTH, json={
        "name": "TV", "market": "EURUSD", "timeframe": "M1", "strategy_name": "tradingview_alert",
        "status": "active"}).json()
    receiver = servers.status()["alerts"]
    assert receiver["running"] and receiver["host"] == "127.0.0.1"  # started with the first alert bot
    alerts = receiver["url"]
    assert httpx.post(f"{alerts}/alerts/{made['secret']}", content=body("buy", "r1")).status_code == 202
    for path in ("/api/bots", "/docs", "/openapi.json"):
        assert httpx.get(f"{alerts}{path}", headers=AUTH).status_code == 404  # the tunnel exposes alerts only
    assert httpx.post(f"{api}/alerts/{made['secret']}", content=body("buy", "r2")).status_code in (401, 404)

    ports = (status["api"]["port"], receiver["port"])
    servers.stop()
    for port in ports:
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"http://127.0.0.1:{port}/", timeout=5)


def test_a_port_already_taken_is_named_and_the_other_server_still_runs(quiet):
    alert_bot(quiet)
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        running = RemoteHttp(quiet, environ={**ENV, "QBX_API_PORT": str(port)}).start()
        status = running.status()
        assert not status["api"]["running"] and status["alerts"]["running"]
        assert f"Cannot listen on 127.0.0.1:{port}" in render(status["api"]["problem"], "en")
        running.stop()
    finally:
        taken.close()


def test_without_a_token_the_api_does_not_start_and_settings_say_how(quiet, tmp_path):
    missing = RemoteHttp(quiet, environ={}, secrets_path=tmp_path / "none.toml").start()
    assert not missing.status()["api"]["running"]
    text = render(missing.status()["api"]["problem"], "en")
    assert "no token is set" in text and "[api]" in text and "token =" in text
    short = tmp_path / "short.toml"
    short.write_text('[api]\ntoken = "abc"\n')
    assert render(RemoteHttp(quiet, environ={}, secrets_path=short).start().status()["api"]["problem"], "en") == \
        "The API is off: the token has only 3 characters; at least 24."
    good = tmp_path / "secrets.toml"
    good.write_text(f'[api]\ntoken = "{TOKEN}"\n')
    from_file = RemoteHttp(quiet, environ={"QBX_API_PORT": "0"}, secrets_path=good).start()
    try:
        assert httpx.get(from_file.status()["api"]["url"] + "/api/bots", headers=AUTH).status_code == 200
    finally:
        from_file.stop()


def test_no_token_or_webhook_secret_reaches_a_log_line_or_a_file(quiet, servers, caplog):
    caplog.set_level(logging.DEBUG)
    bot, secret = alert_bot(quiet)
    servers.ensure_alerts()
    api, alerts = servers.status()["api"]["url"], servers.status()["alerts"]["url"]
    httpx.get(f"{api}/api/bots", headers=AUTH)
    httpx.get(f"{api}/api/bots", headers={"Authorization": f"Bearer {TOKEN}x"})
    httpx.post(f"{alerts}/alerts/{secret}", content=body("buy", "s1"))
    httpx.post(f"{alerts}/alerts/{secret}", content=b"{broken")
    httpx.post(f"{alerts}/alerts/{secret[:-1]}X", content=body("buy", "s2"))
    httpx.post(f"{alerts}/alerts", content=body("buy", "s3", token=secret))
    rotated = httpx.post(f"{api}/api/bots/{bot['id']}/alert-secret", headers=AUTH).json()["secret"]
    ours = "\n".join(r.getMessage() for r in caplog.records  # the client's own lines (httpx) play TradingView
                     if not r.name.startswith(("httpx", "httpcore")))
    assert "/alerts/{secret}" in ours and "/api/bots" in ours  # requests are logged, by route
    files = b"".join(p.read_bytes() for p in quiet.data_dir.rglob("*") if p.is_file())
    for secret_text in (TOKEN, secret, secret[:-1] + "X", rotated):
        assert secret_text not in ours
        assert secret_text.encode() not in files


def test_a_flood_of_alerts_is_rate_limited_and_every_accepted_one_has_its_outcome(quiet, servers, clock, data_dir):
    bot, secret = alert_bot(quiet)
    servers.ensure_alerts()
    url = servers.status()["alerts"]["url"] + f"/alerts/{secret}"

    def send(n: int) -> tuple[str, int]:
        with httpx.Client(timeout=30) as client:
            return f"f{n}", client.post(url, content=body("buy" if n % 2 else "sell", f"f{n}")).status_code

    with ThreadPoolExecutor(8) as pool:
        replies = list(pool.map(send, range(300)))
    accepted = {alert_id for alert_id, code in replies if code == 202}
    limited = [alert_id for alert_id, code in replies if code == 429]
    assert len(accepted) + len(limited) == 300
    assert len(accepted) >= 20 and limited  # the burst got through, the rest was told to slow down
    records = alert_records(quiet, bot["id"])
    assert {r["alert_id"] for r in records if r["kind"] == ACCEPTED} == accepted  # all on disk when acknowledged
    clock.advance(10)
    quiet.run_tick(bot["id"])
    records = alert_records(quiet, bot["id"])
    done = [r for r in records if r["kind"] != ACCEPTED]
    assert sorted(r["alert_id"] for r in done) == sorted(accepted)  # each accepted alert: exactly one outcome
    assert [r["kind"] for r in done].count(TAKEN) == 1 and {r["kind"] for r in done} <= {TAKEN, SUPERSEDED}
    newest = [r["alert_id"] for r in records if r["kind"] == ACCEPTED][-1]
    assert next(r for r in done if r["kind"] == TAKEN)["alert_id"] == newest
    assert len(quiet.positions()) == 1
    servers.stop()
    quiet.close()
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as reopened:
        assert reopened.alerts.queue.pending(bot["id"]) == []  # nothing waits to be acted on twice


HELD = 12  # requests held inside the broker: more than the scheduler has workers on this machine


def test_ticks_complete_while_requests_are_held_mid_way_and_others_are_served(tmp_path, clock, scripted):
    """Requests held for good inside the engine's broker calls, and a client meanwhile hammering the API and the
    receiver, hold up no tick (see tests/ticks_unheld.py for the proof's shape)."""
    inside_broker = Gate()

    def held_if_a_request(*_args, **_kwargs):
        if threading.current_thread().name.startswith("AnyIO"):  # the servers' request threads, not a tick
            inside_broker.hold()

    with reversing_bot(tmp_path / "data", clock, release=inside_broker.open) as (engine, _bot_id, witness):
        engine.broker.hooks["account"] = engine.broker.hooks["positions"] = held_if_a_request
        servers = RemoteHttp(engine, environ=ENV).start()
        stop, served = threading.Event(), []
        pool = ThreadPoolExecutor(HELD + 1)
        try:
            _, secret = alert_bot(engine, status="stopped")  # its alerts: checked, logged, refused
            servers.ensure_alerts()
            api, alerts = servers.status()["api"]["url"], servers.status()["alerts"]["url"]
            held = [pool.submit(httpx.get, f"{api}/api/{('account', 'positions')[n % 2]}", headers=AUTH,
                                timeout=2 * NEVER) for n in range(HELD)]
            inside_broker.wait_held(HELD, "the requests, inside the broker")

            def hammer() -> None:
                with httpx.Client(timeout=2 * NEVER) as client:
                    n = 0
                    while not stop.is_set():
                        n += 1
                        served.append(client.get(f"{api}/api/bots", headers=AUTH).status_code)
                        served.append(client.get(f"{api}/api/events", headers={"Authorization": "Bearer wrong-12345"})
                                      .status_code)
                        served.append(client.post(f"{alerts}/alerts/{secret}", content=body("buy", f"h{n}"))
                                      .status_code)

            hammering = pool.submit(hammer)
            ticks_while(witness, lambda: inside_broker.holding(HELD) and not any(r.done() for r in held),
                        f"{HELD} requests are held inside the broker and a client keeps calling")
            stop.set()
            hammering.result()
            assert served and set(served) <= {200, 401, 409, 429}
            inside_broker.open()
            assert [r.result().status_code for r in held] == [200] * HELD  # held, not lost
        finally:
            stop.set()
            inside_broker.open()
            pool.shutdown()
            servers.stop()
