"""The history log: queries, day files of checksummed lines, patches, the index, imports, compaction."""

import json
import zlib

import pytest

import qbx_engine.store.applog as applog
from qbx_engine.core.errors import StoreCorrupted
from qbx_engine.store import PartitionedLog
from qbx_engine.store.partitioned import INDEX_FILE, chunk_files, parse_name

DAY = 86400.0
T0 = 1_763_942_400.0  # 2025-11-24 00:00 UTC


def fill(log, n, start=T0, step=60.0, bots=3):
    for i in range(n):
        log.append({"ts": start + i * step, "bot_id": i % bots + 1, "action": "OPEN BUY" if i % 2 else "STOP",
                    "notification": i % 5 == 0, "n": i})


def lines_of(path):
    """Every line of a plain day file, checked: its length and checksum match its JSON."""
    rows = []
    for line in path.read_bytes().splitlines():
        length, crc, payload = line.split(b" ", 2)
        assert int(length) == len(payload) and int(crc, 16) == zlib.crc32(payload)
        rows.append(json.loads(payload))
    return rows


def test_newest_first_with_limit_offset_and_filters(data_dir):
    log = PartitionedLog(data_dir / "ev", index_fields=("bot_id", "action", "notification"), block_size=50)
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
    assert [r["n"] for r in log.iterate(since=T0 + 998 * 600)] == [998, 999]


def test_each_record_is_one_checksummed_line_in_the_file_of_its_day(data_dir):
    log = PartitionedLog(data_dir / "ev", block_size=100)
    fill(log, 2 * 144 + 10, step=600)  # 144 records a day at one per 10 minutes
    names = [p.name for p in chunk_files(data_dir / "ev")]
    assert names == ["2025-11-24.00000.log", "2025-11-25.00000.log", "2025-11-26.00000.log"]
    assert [len(lines_of(data_dir / "ev" / name)) for name in names] == [144, 144, 10]
    assert [r["n"] for r in lines_of(data_dir / "ev" / names[2])] == list(range(288, 298))


def test_sequence_and_content_survive_reopen(data_dir):
    log = PartitionedLog(data_dir / "ev", block_size=7)
    fill(log, 30)
    log.close()
    again = PartitionedLog(data_dir / "ev", block_size=7)
    assert again.count() == 30
    assert again.append({"ts": T0 + 10_000}) == 31
    assert [r["seq"] for r in again.query(limit=2)] == [31, 30]


def test_a_late_record_lands_in_its_own_day_and_sorts_by_time(data_dir):
    log = PartitionedLog(data_dir / "j", block_size=10)
    fill(log, 5, start=T0 + 2 * DAY)
    late = log.append({"ts": T0 + 0.5 * DAY, "n": "late"})
    assert log.query(limit=None, newest_first=False)[0]["seq"] == late
    assert any(p.name.startswith("2025-11-24") for p in chunk_files(data_dir / "j"))
    assert [r["n"] for r in log.query(since=T0, until=T0 + DAY)] == ["late"]


def test_an_update_is_a_patch_line_read_with_its_record_and_folded_in_by_compaction(data_dir):
    log = PartitionedLog(data_dir / "ev", block_size=10)
    fill(log, 25, step=3600)  # 24 on the first day, one on the next
    assert log.update(3, {"repeat": 5})
    assert log.update(3, {"repeat": 6, "last_ts": 1.0})
    assert log.update(25, {"repeat": 2})
    assert not log.update(999, {"repeat": 1})
    with pytest.raises(ValueError):
        PartitionedLog(data_dir / "other", index_fields=("bot_id",)).update(1, {"bot_id": 2})
    first_day = data_dir / "ev" / "2025-11-24.00000.log"
    patches = [row for row in lines_of(first_day) if "_patch" in row]
    assert patches == [{"_patch": 3, "set": {"repeat": 5}}, {"_patch": 3, "set": {"repeat": 6, "last_ts": 1.0}}]
    log.close()
    again = PartitionedLog(data_dir / "ev", block_size=10)
    assert again.get(3)["repeat"] == 6 and again.get(3)["last_ts"] == 1.0 and again.get(25)["repeat"] == 2
    assert again.get(3)["n"] == 2
    assert [r["repeat"] for r in again.query(match={}, where=lambda r: r["seq"] == 3)] == [6]
    assert again.compact_day("2025-11-24")
    assert again.get(3)["repeat"] == 6 and again.stats()["patches"] == 1  # 25's patch is in a day not compacted
    again.close()
    third = PartitionedLog(data_dir / "ev", block_size=10)
    assert third.get(3)["repeat"] == 6 and third.get(25)["repeat"] == 2 and third.count() == 25


def test_index_is_rebuilt_when_missing_stale_or_damaged(data_dir):
    log = PartitionedLog(data_dir / "ev", index_fields=("bot_id",), block_size=10)
    fill(log, 35)
    log.close()
    (data_dir / "ev" / INDEX_FILE).write_text("{broken")
    again = PartitionedLog(data_dir / "ev", index_fields=("bot_id",), block_size=10)
    assert again.count(match={"bot_id": 1}) == 12
    again.close()
    # a crash after lines were appended but before the index was saved: only the new lines are read
    again = PartitionedLog(data_dir / "ev", index_fields=("bot_id",), block_size=10)
    again.append({"ts": T0 + 99_999, "bot_id": 1})
    third = PartitionedLog(data_dir / "ev", index_fields=("bot_id",), block_size=10)
    assert third.count(match={"bot_id": 1}) == 13 and third.append({"ts": T0 + 99_999}) == 37


def test_a_torn_last_line_is_dropped_and_cut_before_the_next_append(data_dir):
    log = PartitionedLog(data_dir / "ev", block_size=10)
    fill(log, 12)
    log.close()
    path = chunk_files(data_dir / "ev")[0]
    whole = path.read_bytes()
    torn = applog.encode({"ts": T0 + 999, "seq": 13, "n": "never acknowledged"})
    path.write_bytes(whole + torn[:25])  # kill -9 in the middle of the write
    again = PartitionedLog(data_dir / "ev", block_size=10)
    assert again.count() == 12 and again.last_seq == 12
    assert again.append({"ts": T0 + 1000, "n": "next"}) == 13
    assert path.read_bytes().startswith(whole) and lines_of(path)[-1]["n"] == "next"
    path.write_bytes(path.read_bytes() + b"\0" * 300)  # a power cut: the file grew, its data never came
    assert PartitionedLog(data_dir / "ev", block_size=10).count() == 13


def test_a_damaged_line_in_the_middle_is_refused_naming_the_file_and_line(data_dir):
    log = PartitionedLog(data_dir / "ev", block_size=10)
    fill(log, 25)
    log.close()
    path = chunk_files(data_dir / "ev")[0]
    lines = path.read_bytes().split(b"\n")
    lines[6] = lines[6].replace(b'"n":6', b'"n":7')  # bit rot, or a hand edit
    path.write_bytes(b"\n".join(lines))
    (data_dir / "ev" / INDEX_FILE).unlink()
    with pytest.raises(StoreCorrupted) as raised:
        PartitionedLog(data_dir / "ev", block_size=10)
    assert str(path) in str(raised.value) and "line 7" in str(raised.value)
    assert "checksum" in str(raised.value) and "delete line 7" in str(raised.value)
    assert "baris 7" in raised.value.message("id")
    del lines[6]  # the way out the message gives: that one record is given up
    path.write_bytes(b"\n".join(lines))
    assert PartitionedLog(data_dir / "ev", block_size=10).count() == 24


def test_damage_found_later_in_a_block_already_indexed_is_refused_not_skipped(data_dir):
    log = PartitionedLog(data_dir / "ev", block_size=10)
    fill(log, 25)
    log.close()
    path = chunk_files(data_dir / "ev")[0]
    data = bytearray(path.read_bytes())
    data[data.index(b'"n":3') + 4] = ord("8")
    path.write_bytes(bytes(data))
    again = PartitionedLog(data_dir / "ev", block_size=10)  # same size: the index is trusted
    with pytest.raises(StoreCorrupted) as raised:
        again.query(limit=None)
    assert "line 4" in str(raised.value)


def test_write_cost_does_not_grow_with_history(data_dir, monkeypatch):
    """Bytes written per append are the same with 100 or 5,000 records stored."""
    written = []
    real = applog.append_to
    monkeypatch.setattr(applog, "append_to", lambda path, data, **kw: (written.append(len(data)),
                                                                        real(path, data, **kw)))
    log = PartitionedLog(data_dir / "ev", block_size=100)
    fill(log, 150, step=1)
    early = max(written)
    fill(log, 4850, start=T0 + 1000, step=1)
    written.clear()
    fill(log, 100, start=T0 + 30_000, step=1)
    assert log.count() == 5100
    assert len(written) == 100 and max(written) <= early + 8  # one line each, only its digits longer


def test_records_staged_together_share_one_write(data_dir, monkeypatch):
    calls = []
    real = applog.append_to
    monkeypatch.setattr(applog, "append_to", lambda path, data, **kw: (calls.append((path.name, kw["sync"])),
                                                                       real(path, data, **kw)))
    log = PartitionedLog(data_dir / "ev")
    staged = [log.stage({"ts": T0 + i, "n": i}) for i in range(5)]
    for _, commit in staged:
        commit()
    assert calls == [("2025-11-24.00000.log", True)]
    assert [r["n"] for r in log.query(limit=None, newest_first=False)] == [0, 1, 2, 3, 4]


def test_a_bulk_import_writes_each_file_once_and_reads_like_appends(data_dir, monkeypatch):
    writes = []
    real = applog.append_to
    monkeypatch.setattr(applog, "append_to", lambda path, data, **kw: (writes.append(path.name),
                                                                       real(path, data, **kw)))
    log = PartitionedLog(data_dir / "ev", index_fields=("bot_id",), block_size=100)
    records = [{"ts": T0 + i * 600, "bot_id": i % 3 + 1, "n": i} for i in range(1000)][::-1]
    assert log.append_many(records) == 1000
    assert len(writes) == len(set(writes)) == len(chunk_files(data_dir / "ev")) == 7
    assert [r["n"] for r in log.query(limit=3)] == [999, 998, 997]
    again = PartitionedLog(data_dir / "ev", index_fields=("bot_id",), block_size=100)
    assert again.count(match={"bot_id": 1}) == 334 and again.append({"ts": T0 + 10**6}) == 1001


def test_a_closed_day_is_compressed_and_still_answers_the_same(data_dir):
    log = PartitionedLog(data_dir / "ev", index_fields=("bot_id",), block_size=50)
    fill(log, 3 * 144, step=600)
    for seq in (5, 150, 300):
        log.update(seq, {"repeat": seq})
    before = log.query(limit=None)
    counts = [log.count(match={"bot_id": b}) for b in (1, 2, 3)]
    assert log.compact_all() == 2  # the two closed days; the newest stays plain
    names = [p.name for p in chunk_files(data_dir / "ev")]
    assert names == ["2025-11-24.00000.log", "2025-11-24.00000.logz", "2025-11-25.00000.log",
                     "2025-11-25.00000.logz", "2025-11-26.00000.log"]  # replaced files wait a moment for readers
    assert log.query(limit=None) == before and [log.count(match={"bot_id": b}) for b in (1, 2, 3)] == counts
    log.close()
    names = [p.name for p in chunk_files(data_dir / "ev")]
    assert names == ["2025-11-24.00000.logz", "2025-11-25.00000.logz", "2025-11-26.00000.log"]
    plain = (data_dir / "ev" / "2025-11-26.00000.log").stat().st_size
    packed = (data_dir / "ev" / "2025-11-24.00000.logz").stat().st_size
    assert packed < plain / 3
    again = PartitionedLog(data_dir / "ev", index_fields=("bot_id",), block_size=50)
    assert again.query(limit=None) == before
    assert again.query(since=T0 + 10 * 600, until=T0 + 12 * 600, newest_first=False) == before[::-1][10:12]
    again.append({"ts": T0 + 3600, "bot_id": 1, "n": "late"})  # a late record of a compressed day: a new file
    assert "2025-11-24.00001.log" in [p.name for p in chunk_files(data_dir / "ev")]
    assert again.query(since=T0 + 3600, until=T0 + 3601, newest_first=False)[-1]["n"] == "late"


def test_a_crash_before_the_replaced_files_are_deleted_leaves_no_duplicate(data_dir):
    log = PartitionedLog(data_dir / "ev", block_size=50)
    fill(log, 2 * 144, step=600)
    log.close()
    old = (data_dir / "ev" / "2025-11-24.00000.log").read_bytes()
    stale_index = (data_dir / "ev" / INDEX_FILE).read_bytes()
    log = PartitionedLog(data_dir / "ev", block_size=50)
    before = log.query(limit=None)
    log.compact_all()
    log.close()
    (data_dir / "ev" / "2025-11-24.00000.log").write_bytes(old)  # as if the process died before deleting it
    (data_dir / "ev" / INDEX_FILE).write_bytes(stale_index)  # and before the index listed the new file
    again = PartitionedLog(data_dir / "ev", block_size=50)
    assert again.query(limit=None) == before and again.count() == 288
    again.maintain()  # the background pass deletes what the compressed file replaced
    assert not (data_dir / "ev" / "2025-11-24.00000.log").exists()


def test_a_file_the_index_lists_is_missing_unless_a_compressed_file_replaced_it(data_dir):
    log = PartitionedLog(data_dir / "ev", block_size=50)
    fill(log, 2 * 144, step=600)
    log.close()
    (data_dir / "ev" / "2025-11-24.00000.log").unlink()
    with pytest.raises(StoreCorrupted) as raised:
        PartitionedLog(data_dir / "ev", block_size=50)
    assert "2025-11-24.00000.log" in str(raised.value) and "144 records" in str(raised.value)


def test_file_names_say_day_number_and_form():
    assert parse_name("2026-01-02.00007.logz") == ("2026-01-02", 7, True)
    assert parse_name("2026-01-02.00007.log") == ("2026-01-02", 7, False)
    assert parse_name("2026-01-02.00007.json") is None and parse_name("index.json") is None


def test_records_after_a_seq_come_without_reading_older_blocks(data_dir, monkeypatch):
    log = PartitionedLog(data_dir / "ev", index_fields=("notification",), block_size=20)
    fill(log, 400, step=60)
    assert log.query(match={"notification": True}, after_seq=380, limit=None) == log.query(
        match={"notification": True}, where=lambda r: r["seq"] > 380, limit=None)
    reads = []
    original = PartitionedLog._rows
    monkeypatch.setattr(PartitionedLog, "_rows", lambda self, block: (reads.append(block), original(self, block))[1])
    assert [r["n"] for r in log.query(match={"notification": True}, after_seq=380, limit=100)] == [395, 390, 385, 380]
    assert len(reads) == 1  # only the newest block: every other one ends before seq 381


def test_today_is_compacted_while_records_and_patches_keep_coming(data_dir):
    import threading

    log = PartitionedLog(data_dir / "ev", index_fields=("bot_id",), block_size=20)
    written: list[int] = []
    stop = threading.Event()

    def trade():
        n = 0
        while not stop.is_set():
            seq = log.append({"ts": T0 + n, "bot_id": n % 4, "n": n})
            written.append(seq)
            if n % 3 == 0:
                log.update(seq, {"repeat": n})  # a repeat counted on the record just written
            n += 1

    writer = threading.Thread(target=trade)
    writer.start()
    try:
        for round_no in range(1, 6):
            while len(written) < 60 * round_no and writer.is_alive():
                stop.wait(0.001)
            assert log.compact_day("2025-11-24")
    finally:
        stop.set()
        writer.join()
    rows = {r["seq"]: r for r in log.query(limit=None)}
    assert sorted(rows) == written
    assert log.count(match={"bot_id": 1}) == sum(1 for r in rows.values() if r["n"] % 4 == 1)
    assert all(r.get("repeat") == (r["n"] if r["n"] % 3 == 0 else None) for r in rows.values())
    assert any(p.suffix == ".logz" for p in chunk_files(data_dir / "ev"))
    log.close()
    assert {r["seq"]: r for r in PartitionedLog(data_dir / "ev", block_size=20).query(limit=None)} == rows


def test_a_day_found_damaged_while_compacting_is_left_as_it_is_and_reported_to_readers(data_dir, caplog):
    log = PartitionedLog(data_dir / "ev", block_size=10)
    fill(log, 2 * 144, step=600)
    log.close()
    path = data_dir / "ev" / "2025-11-24.00000.log"
    data = bytearray(path.read_bytes())
    data[data.index(b'"n":30') + 5] = ord("9")
    path.write_bytes(bytes(data))
    again = PartitionedLog(data_dir / "ev", block_size=10)
    again.idle = 0.0
    assert not again.compact_day("2025-11-24") and "not compacting" in caplog.text
    assert not again.maintain() and path.exists()  # not tried again, pass after pass
    with pytest.raises(StoreCorrupted) as raised:
        again.query(since=T0, until=T0 + DAY, limit=None)
    assert "line 31" in str(raised.value)
