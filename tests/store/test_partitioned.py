import json

import pytest

import qbx_engine.store.durable as durable
from qbx_engine.core.errors import StoreCorrupted
from qbx_engine.store import PartitionedLog
from qbx_engine.store.partitioned import chunk_files

DAY = 86400.0
T0 = 1_763_942_400.0  # 2025-11-24 00:00 UTC


def fill(log, n, start=T0, step=60.0, bots=3):
    for i in range(n):
        log.append({"ts": start + i * step, "bot_id": i % bots + 1, "action": "OPEN BUY" if i % 2 else "STOP",
                    "notification": i % 5 == 0, "n": i})


def test_newest_first_with_limit_offset_and_filters(data_dir):
    log = PartitionedLog(data_dir / "ev", index_fields=("bot_id", "action", "notification"), chunk_size=50)
    fill(log, 1000, step=600)
    newest = log.query(limit=5)
    assert [r["n"] for r in newest] == [999, 998, 997, 996, 995]
    assert [r["n"] for r in log.query(limit=3, offset=4)] == [995, 994, 993]
    bot2 = log.query(match={"bot_id": 2}, limit=4)
    assert [r["n"] for r in bot2] == [997, 994, 991, 988]
    notes = log.query(match={"notification": True, "action": "STOP"}, limit=2)
    assert [r["n"] for r in notes] == [990, 980]
    either = log.query(match={"bot_id": {1, 3}}, limit=3)
    assert [r["n"] for r in either] == [999, 998, 996]
    window = log.query(since=T0 + 100 * 600, until=T0 + 103 * 600, newest_first=False)
    assert [r["n"] for r in window] == [100, 101, 102]
    assert log.count() == 1000
    assert log.count(match={"bot_id": 2}) == 333
    assert log.count(match={"bot_id": 2}, since=T0 + 500 * 600) == len(
        [i for i in range(500, 1000) if i % 3 == 1])
    assert log.count(where=lambda r: r["n"] % 100 == 0) == 10


def test_records_are_partitioned_by_day_and_chunk(data_dir):
    log = PartitionedLog(data_dir / "ev", chunk_size=100)
    fill(log, 2 * 144 + 10, step=600)  # 144 records a day at one per 10 minutes
    names = [p.name for p in chunk_files(data_dir / "ev")]
    assert names[0].startswith("2025-11-24.00000") and names[-1].startswith("2025-11-26.00000")
    assert len(names) == 5  # 100+44, 100+44, 10
    for path in chunk_files(data_dir / "ev"):
        assert len(json.loads(path.read_text())["records"]) <= 100


def test_sequence_and_content_survive_reopen(data_dir):
    log = PartitionedLog(data_dir / "ev", chunk_size=7)
    fill(log, 30)
    log.close()
    again = PartitionedLog(data_dir / "ev", chunk_size=7)
    assert again.count() == 30
    assert again.append({"ts": T0 + 10_000}) == 31
    assert [r["seq"] for r in again.query(limit=2)] == [31, 30]


def test_a_late_record_lands_in_its_own_day_and_sorts_by_time(data_dir):
    log = PartitionedLog(data_dir / "j", chunk_size=10)
    fill(log, 5, start=T0 + 2 * DAY)
    late = log.append({"ts": T0 + 0.5 * DAY, "n": "late"})
    assert log.query(limit=None, newest_first=False)[0]["seq"] == late
    assert any(p.name.startswith("2025-11-24") for p in chunk_files(data_dir / "j"))
    assert [r["n"] for r in log.query(since=T0, until=T0 + DAY)] == ["late"]


def test_update_in_the_open_and_in_an_older_chunk(data_dir):
    log = PartitionedLog(data_dir / "ev", chunk_size=10)
    fill(log, 25)
    assert log.update(3, {"repeat": 5})
    assert log.update(25, {"repeat": 2})
    assert not log.update(999, {"repeat": 1})
    log.close()
    again = PartitionedLog(data_dir / "ev", chunk_size=10)
    assert again.get(3)["repeat"] == 5 and again.get(25)["repeat"] == 2
    assert again.get(3)["n"] == 2


def test_index_is_rebuilt_when_missing_stale_or_damaged(data_dir):
    log = PartitionedLog(data_dir / "ev", index_fields=("bot_id",), chunk_size=10)
    fill(log, 35)
    log.close()
    (data_dir / "ev" / "index.json").write_text("{broken")
    again = PartitionedLog(data_dir / "ev", index_fields=("bot_id",), chunk_size=10)
    assert again.count(match={"bot_id": 1}) == 12
    # a crash after the chunk was written but before the index was: the chunk is rescanned
    again.append({"ts": T0 + 99_999, "bot_id": 1})
    again._writer[1].flush()
    third = PartitionedLog(data_dir / "ev", index_fields=("bot_id",), chunk_size=10)
    assert third.count(match={"bot_id": 1}) == 13


def test_a_damaged_chunk_is_named(data_dir):
    log = PartitionedLog(data_dir / "ev", chunk_size=10)
    fill(log, 25)
    log.close()
    victim = chunk_files(data_dir / "ev")[0]
    victim.write_text('{"records": {"1": ')
    (data_dir / "ev" / "index.json").unlink()
    with pytest.raises(StoreCorrupted) as raised:
        PartitionedLog(data_dir / "ev", chunk_size=10)
    assert victim.name in str(raised.value)


def test_write_cost_does_not_grow_with_history(data_dir, monkeypatch):
    """Bytes rewritten per append are the same with 100 or 5,000 records stored.

    Only the byte count matters here, so the write itself is recorded, not made.
    """
    written = []
    monkeypatch.setattr(durable, "atomic_write", lambda path, text: written.append(len(text)))
    log = PartitionedLog(data_dir / "ev", chunk_size=100)
    fill(log, 150, step=1)
    early = max(written[:100])
    fill(log, 4850, start=T0 + 1000, step=1)
    written.clear()
    fill(log, 100, start=T0 + 30_000, step=1)
    assert log.count() == 5100
    assert max(written) <= early * 1.1


def test_a_bulk_import_writes_each_chunk_once_and_reads_like_appends(data_dir, monkeypatch):
    writes = []
    real = durable.atomic_write
    monkeypatch.setattr(durable, "atomic_write", lambda path, text: (writes.append(path.name), real(path, text)))
    log = PartitionedLog(data_dir / "ev", index_fields=("bot_id",), chunk_size=100)
    records = [{"ts": T0 + i * 600, "bot_id": i % 3 + 1, "n": i} for i in range(1000)][::-1]
    assert log.append_many(records) == 1000
    chunk_writes = [w for w in writes if w != "index.json"]
    assert len(chunk_writes) == len(set(chunk_writes)) == len(chunk_files(data_dir / "ev"))
    assert [r["n"] for r in log.query(limit=3)] == [999, 998, 997]
    again = PartitionedLog(data_dir / "ev", index_fields=("bot_id",), chunk_size=100)
    assert again.count(match={"bot_id": 1}) == 334 and again.append({"ts": T0 + 10**6}) == 1001
