"""Per-bot tails: a bot's newest events from one small file, always the same answer as a scan of the blocks."""

from __future__ import annotations

import json
import random

import pytest

from qbx_engine.store import PartitionedLog
from qbx_engine.store.tails import TAILS_DIR

T0 = 1_763_942_400.0
EVERYTHING = staticmethod(lambda record: True)  # a ``where`` filter: forces the full scan, the reference answer


def open_log(folder, **options):
    return PartitionedLog(folder, index_fields=("bot_id", "action"), tail_field="bot_id", block_size=50,
                          tail_size=40, **options)


def fill(log, n, *, start=T0, bots=10, rng=None):
    rng = rng or random.Random(3)
    for i in range(n):
        log.append({"ts": start + i * 30.0, "bot_id": rng.randint(1, bots), "action": rng.choice(("A", "B")), "n": i})


@pytest.fixture
def block_reads(monkeypatch):
    reads = []
    original = PartitionedLog._rows

    def counting(self, block):
        reads.append(block.key)
        return original(self, block)

    monkeypatch.setattr(PartitionedLog, "_rows", counting)
    return reads


def scan(log, bot_id, **filters):
    return log.query(match={"bot_id": bot_id}, where=lambda r: True, **filters)


def test_a_bots_newest_events_come_from_its_tail_without_reading_blocks(data_dir, block_reads):
    log = open_log(data_dir / "ev")
    fill(log, 2000)
    log.close()
    log = open_log(data_dir / "ev")  # a cold start: tails from their files
    block_reads.clear()
    newest = log.query(match={"bot_id": 7}, limit=40)
    assert block_reads == []
    assert newest == scan(log, 7, limit=40)
    assert len(newest) == 40 and newest[0]["ts"] > newest[-1]["ts"]


def test_after_a_restart_new_events_join_the_tail_read_from_its_file(data_dir, block_reads):
    log = open_log(data_dir / "ev")
    fill(log, 1000)
    log.close()
    log = open_log(data_dir / "ev")
    log.append({"ts": T0 + 10**6, "bot_id": 7, "action": "A", "n": "new"})
    block_reads.clear()
    newest = log.query(match={"bot_id": 7}, limit=40)
    assert block_reads == []
    assert newest[0]["n"] == "new" and newest == scan(log, 7, limit=40)


def test_tail_answers_match_a_full_scan_whatever_the_query(data_dir):
    rng = random.Random(11)
    log = open_log(data_dir / "ev")
    fill(log, 1500, rng=rng)
    for round_no in range(300):
        if round_no % 50 == 25:
            log.close()
            log = open_log(data_dir / "ev")
        if round_no % 7 == 0:  # new events, sometimes a collapsed repeat of one, sometimes an old import
            fill(log, 5, start=T0 + 1500 * 30 + round_no * 300, rng=rng)
            seq = log.query(limit=1)[0]["seq"]
            log.update(seq, {"repeat": round_no})
        if round_no % 60 == 30:
            log.append_many([{"ts": T0 - 3600 * k, "bot_id": rng.randint(1, 10), "action": "A", "n": -k}
                             for k in range(1, 30)])
        bot_id = rng.randint(1, 11)
        filters = {"limit": rng.choice([1, 10, 40, 41, 200, None]), "offset": rng.choice([0, 0, 3, 39])}
        if rng.random() < 0.3:
            filters["since"] = T0 + rng.randint(-50, 1600) * 30
        if rng.random() < 0.2:
            filters["until"] = T0 + rng.randint(0, 1700) * 30
        assert log.query(match={"bot_id": bot_id}, **filters) == scan(log, bot_id, **filters), (round_no, filters)


def test_a_new_value_gets_a_complete_tail_at_its_first_record(data_dir, block_reads):
    log = open_log(data_dir / "ev")
    fill(log, 600)
    log.append({"ts": T0 + 10**6, "bot_id": 99, "action": "A", "n": 0})
    block_reads.clear()
    assert [r["n"] for r in log.query(match={"bot_id": 99}, limit=200)] == [0]
    assert block_reads == []


def test_a_value_without_a_tail_is_scanned_once_then_served_from_its_tail(data_dir, block_reads):
    log = open_log(data_dir / "ev")
    fill(log, 1000)
    log.close()
    for path in (data_dir / "ev" / TAILS_DIR).iterdir():
        path.unlink()  # as after an upgrade from a version without tails
    log = open_log(data_dir / "ev")
    block_reads.clear()
    first = log.query(match={"bot_id": 4}, limit=30)
    assert block_reads, "the first query scans"
    block_reads.clear()
    assert log.query(match={"bot_id": 4}, limit=30) == first
    assert block_reads == []
    log.close()
    log = open_log(data_dir / "ev")
    block_reads.clear()
    assert log.query(match={"bot_id": 4}, limit=30) == first  # and after a restart
    assert block_reads == []


def test_a_stale_tail_is_dropped_and_the_answer_stays_right(data_dir):
    log = open_log(data_dir / "ev")
    fill(log, 800)
    log.close()
    stale = data_dir / "ev" / TAILS_DIR / "3.json"
    saved = stale.read_text()
    log = open_log(data_dir / "ev")
    fill(log, 100, start=T0 + 10**6)
    log.close()
    stale.write_text(saved)  # what a power cut could leave: an older copy
    log = open_log(data_dir / "ev")
    assert log.query(match={"bot_id": 3}, limit=40) == scan(log, 3, limit=40)
    stale.write_text("{half a file")
    log = open_log(data_dir / "ev")
    assert log.query(match={"bot_id": 3}, limit=40) == scan(log, 3, limit=40)


def test_a_tail_that_cannot_be_written_is_rebuilt_not_trusted(data_dir, monkeypatch):
    import qbx_engine.store.tails as tails

    log = open_log(data_dir / "ev")
    fill(log, 300)

    def disk_full(path, text, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tails, "atomic_write", disk_full)
    fill(log, 300, start=T0 + 10**5)
    log.close()
    monkeypatch.undo()
    log = open_log(data_dir / "ev")
    for bot_id in range(1, 11):
        assert log.query(match={"bot_id": bot_id}, limit=40) == scan(log, bot_id, limit=40)


def test_tail_files_say_what_they_hold(data_dir):
    log = open_log(data_dir / "ev")
    fill(log, 200)
    log.close()
    data = json.loads((data_dir / "ev" / TAILS_DIR / "5.json").read_text())
    assert data["key"] == "5" and data["total"] == log.count(match={"bot_id": 5})
    assert len(data["records"]) == min(40, data["total"])


def test_writing_an_event_never_reads_a_tail_file(data_dir, monkeypatch):
    import qbx_engine.store.tails as tails

    log = open_log(data_dir / "ev")
    fill(log, 600)
    log.close()
    log = open_log(data_dir / "ev")
    loads = []
    original = tails.Tails._load
    monkeypatch.setattr(tails.Tails, "_load", lambda self, *args: (loads.append(args[1]), original(self, *args))[1])
    for n in range(30):
        seq = log.append({"ts": T0 + 10**6 + n, "bot_id": 7, "action": "A", "n": f"new {n}"})
    log.update(seq, {"repeat": 3})
    assert loads == []  # kept aside, merged when the tail is next needed
    newest = log.query(match={"bot_id": 7}, limit=40)
    assert loads == ['7'] and newest == scan(log, 7, limit=40)
    assert newest[0]["n"] == "new 29" and newest[0]["repeat"] == 3
    log.close()
    assert open_log(data_dir / "ev").query(match={"bot_id": 7}, limit=40) == newest
