"""Real processes: a writer killed with SIGKILL mid-write, and two processes racing for one folder."""

import os
import random
import signal
import subprocess
import sys

import pytest

from qbx_engine.core.errors import DataDirLocked
from qbx_engine.store import Store
from tests.conftest import ROOT

WRITER = r"""
import sys, time
from qbx_engine.store import Store
store = Store(sys.argv[1])
round_no = int(sys.argv[2])
bot_id = store.bots.create({"name": f"round {round_no}", "n": 0})
print("BOT", bot_id, flush=True)
n = 0
while True:
    n += 1
    store.bots.update(bot_id, {"n": n})
    print("BOTN", bot_id, n, flush=True)
    seq = store.events.append({"ts": time.time(), "bot_id": bot_id, "action": "TICK", "n": n})
    print("EV", seq, flush=True)
"""


def _spawn(args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", *args], stdout=subprocess.PIPE, text=True, env=env)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_kill_9_mid_write_never_loses_an_acknowledged_write(data_dir):
    rng = random.Random(7)
    acked_bots: dict[int, int] = {}
    acked_events: set[int] = set()
    for round_no in range(8):
        child = _spawn([WRITER, str(data_dir), str(round_no)])
        # Count acknowledgements, not seconds: the kill lands mid-write however slow the machine is.
        kill_after = rng.randint(40, 400)
        lines = []
        while len(lines) < kill_after:
            line = child.stdout.readline()
            if not line:
                break
            lines.append(line.split())
        child.send_signal(signal.SIGKILL)
        child.wait()
        lines += [line.split() for line in child.stdout.read().splitlines()]  # printed before the kill: acked
        child.stdout.close()
        for parts in lines:
            if parts[0] == "BOT":
                acked_bots[int(parts[1])] = 0
            elif parts[0] == "BOTN":
                acked_bots[int(parts[1])] = int(parts[2])
            elif parts[0] == "EV":
                acked_events.add(int(parts[1]))
        with Store(data_dir) as store:  # every file must load, and the lock must be free again
            saved = {b["id"]: b["n"] for b in store.bots.list()}
            for bot_id, n in acked_bots.items():
                assert saved[bot_id] >= n, f"bot {bot_id}: acknowledged n={n}, saved {saved[bot_id]}"
            stored = {r["seq"] for r in store.events.query(limit=None)}
            assert acked_events <= stored
    assert len(acked_bots) == 8 and len(acked_events) > 50


HOLDER = r"""
import sys, time
from qbx_engine.store import Store
store = Store(sys.argv[1])
print("READY", flush=True)
time.sleep(60)
"""


def test_a_second_process_is_told_who_holds_the_folder(data_dir):
    holder = _spawn([HOLDER, str(data_dir)])
    try:
        assert holder.stdout.readline().strip() == "READY"
        with pytest.raises(DataDirLocked) as raised:
            Store(data_dir)
        assert f"process {holder.pid}" in str(raised.value)
        assert str(data_dir.resolve()) in str(raised.value)
        assert "sedang dipakai" in raised.value.message("id")
    finally:
        holder.kill()
        holder.wait()
    with Store(data_dir) as store:  # the OS released the dead holder's lock
        assert store.bots.count() == 0


def test_the_same_process_cannot_open_a_folder_twice(data_dir):
    with Store(data_dir):
        with pytest.raises(DataDirLocked) as raised:
            Store(data_dir)
        assert f"process {os.getpid()}" in str(raised.value)
    with Store(data_dir):
        pass


def test_bot_ids_are_never_reused(data_dir):
    with Store(data_dir) as store:
        first = store.bots.create({"name": "a"})
        second = store.bots.create({"name": "b"})
        store.bots.delete(second)
    with Store(data_dir) as store:
        third = store.bots.create({"name": "c"})
    assert (first, second, third) == (1, 2, 3)
