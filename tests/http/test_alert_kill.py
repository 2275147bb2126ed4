"""kill -9 around an alert: one that was acknowledged is not lost, and none is acted on twice.

The child runs the engine and the real alert receiver (uvicorn on loopback) and ticks only when told; the test
waits for the child's own lines ("ready", "ordering", "ticked"), never for a time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import httpx

from qbx_engine import Engine
from qbx_engine.trading.alerts import ACCEPTED, RETRY, TAKEN
from tests.conftest import ROOT, WEDNESDAY_10H
from tests.http.conftest import alert_records, body

CHILD = r"""
import sys, threading
from qbx_engine import Engine
from qbx_engine.brokers.paper import PaperBroker
from qbx_engine.core.clock import ManualClock
from qbx_engine.core.errors import BrokerUnavailable
from qbx_engine.remote.http import RemoteHttp
from qbx_engine.trading.alerts import AlertQueue

folder, start, hook = sys.argv[1], float(sys.argv[2]), sys.argv[3]


class Broker(PaperBroker):
    def open_position(self, *args, **kwargs):
        if hook == "before":  # the alert is taken; the order is about to go
            print("ordering", flush=True)
            threading.Event().wait()
        opened = super().open_position(*args, **kwargs)
        if hook == "after":  # the order is placed; its OPEN line is not written yet
            print("ordered", opened.ticket, flush=True)
            threading.Event().wait()
        if hook.startswith("lost"):  # the order is placed, then the connection drops before its answer
            print("ordered", opened.ticket, flush=True)
            raise BrokerUnavailable("broker.down_waiting", retry_in=0)
        return opened


if hook == "lost-hold":  # the order failed; the alert's "retry" record is about to be written
    def held(*_args, **_kwargs):
        print("retrying", flush=True)
        threading.Event().wait()
    AlertQueue.retry = held


clock = ManualClock(start)
engine = Engine.open(folder, broker=lambda store, clk: Broker(store, clk), clock=clock, start_scheduler=False)
secret = "-"
if not engine.list_bots():
    made = engine.alerts.create_bot({"name": "TV", "market": "EURUSD", "timeframe": "M1", "status": "active",
                                     "sl_pips": 20, "tp_pips": 40})
    secret = made["secret"]
servers = RemoteHttp(engine, environ={"QBX_ALERTS_PORT": "0"}).start()
print("ready", servers.status()["alerts"]["port"], secret, flush=True)
for line in sys.stdin:
    if line.strip() == "tick":
        clock.advance(30)
        print("ticked", engine.run_tick(1)["position_ticket"], flush=True)
"""


class Child:
    def __init__(self, data_dir, run: int, hook: str = "none"):
        self.log = open(data_dir.parent / f"child-{run}.log", "w")  # noqa: SIM115 - closed in kill()
        self.process = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data_dir), str(WEDNESDAY_10H + 60 * run), hook],
            env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=data_dir.parent, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.log, text=True)
        ready = self.line()
        assert ready[0] == "ready", (ready, (data_dir.parent / f"child-{run}.log").read_text())
        self.url = f"http://127.0.0.1:{ready[1]}"
        self.secret = ready[2]

    def line(self) -> list[str]:
        return self.process.stdout.readline().split()

    def send(self, secret: str, alert_id: str, signal: str = "buy") -> httpx.Response:
        return httpx.post(f"{self.url}/alerts/{secret}", content=body(signal, alert_id), timeout=30)

    def tick(self) -> list[str]:
        self.process.stdin.write("tick\n")
        self.process.stdin.flush()
        return self.line()

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(30)
        self.log.close()


def folder_after(data_dir, clock_at: float):
    from qbx_engine.core.clock import ManualClock

    return Engine.open(data_dir, clock=ManualClock(clock_at), start_scheduler=False)


def test_an_acknowledged_alert_survives_kill_9_and_is_acted_on_once(data_dir):
    first = Child(data_dir, 0)
    secret = first.secret
    assert first.send(secret, "A").status_code == 202  # acknowledged: on disk
    first.kill()

    second = Child(data_dir, 1)
    assert second.send(secret, "A").json()["status"] == "duplicate"  # TradingView retrying: still once
    ticked = second.tick()
    assert ticked[0] == "ticked" and ticked[1] != "None"
    assert second.tick() == ticked  # the next tick has nothing more to do
    second.kill()

    with folder_after(data_dir, WEDNESDAY_10H + 3000) as engine:
        assert len(engine.positions()) == 1
        assert [e["action"] for e in engine.events(limit=100)].count("OPEN BUY") == 1
        assert [r["kind"] for r in alert_records(engine, 1)] == [ACCEPTED, TAKEN]


def test_kill_9_between_taking_an_alert_and_its_order_never_orders_it_again(data_dir):
    first = Child(data_dir, 0, hook="before")
    secret = first.secret
    assert first.send(secret, "B").status_code == 202
    first.process.stdin.write("tick\n")
    first.process.stdin.flush()
    assert first.line() == ["ordering"]  # "taken" is on disk; the order is in flight
    first.kill()

    second = Child(data_dir, 1)
    assert second.tick() == ["ticked", "None"]  # at most once: the alert is not acted on again
    second.kill()
    with folder_after(data_dir, WEDNESDAY_10H + 3000) as engine:
        assert engine.positions() == []
        assert [r["kind"] for r in alert_records(engine, 1)] == [ACCEPTED, TAKEN]


def test_kill_9_after_the_order_before_its_log_line_adopts_the_position_and_orders_nothing_more(data_dir):
    first = Child(data_dir, 0, hook="after")
    secret = first.secret
    assert first.send(secret, "C").status_code == 202
    first.process.stdin.write("tick\n")
    first.process.stdin.flush()
    ordered = first.line()
    assert ordered[0] == "ordered"
    first.kill()

    second = Child(data_dir, 1)
    ticked = second.tick()
    assert ticked == ["ticked", ordered[1]]  # the position the killed process opened, adopted
    second.kill()
    with folder_after(data_dir, WEDNESDAY_10H + 3000) as engine:
        assert [p["ticket"] for p in engine.positions()] == [int(ordered[1])]
        assert "ADOPTED" in [e["action"] for e in engine.events(limit=100)]
        assert [r["kind"] for r in alert_records(engine, 1)] == [ACCEPTED, TAKEN]


def test_kill_9_between_a_failed_order_and_its_retry_record_never_orders_the_alert_again(data_dir):
    first = Child(data_dir, 0, hook="lost-hold")
    assert first.send(first.secret, "D").status_code == 202
    first.process.stdin.write("tick\n")
    first.process.stdin.flush()
    ordered = first.line()
    assert ordered[0] == "ordered" and first.line() == ["retrying"]  # carried out, reported failed, not recorded
    first.kill()

    second = Child(data_dir, 1)
    assert second.tick() == ["ticked", ordered[1]]  # the position adopted; the alert stays taken
    assert second.tick() == ["ticked", ordered[1]]
    second.kill()
    with folder_after(data_dir, WEDNESDAY_10H + 3000) as engine:
        assert [p["ticket"] for p in engine.positions()] == [int(ordered[1])]
        assert [r["kind"] for r in alert_records(engine, 1)] == [ACCEPTED, TAKEN]


def test_kill_9_after_a_retry_record_retakes_the_alert_and_adopts_the_order_that_did_go_through(data_dir):
    first = Child(data_dir, 0, hook="lost")
    assert first.send(first.secret, "E").status_code == 202
    first.process.stdin.write("tick\n")
    first.process.stdin.flush()
    ordered = first.line()
    assert ordered[0] == "ordered" and first.line() == ["ticked", "None"]  # the retry record is on disk
    first.kill()

    second = Child(data_dir, 1)
    assert second.tick() == ["ticked", ordered[1]]  # taken again: the bot already holds its position, no order
    second.kill()
    with folder_after(data_dir, WEDNESDAY_10H + 3000) as engine:
        assert [p["ticket"] for p in engine.positions()] == [int(ordered[1])]
        assert [r["kind"] for r in alert_records(engine, 1)] == [ACCEPTED, TAKEN, RETRY, TAKEN]
        assert "ADOPTED" in [e["action"] for e in engine.events(limit=100)]
