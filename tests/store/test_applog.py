"""Checksummed lines, table logs and what Windows does to open files (simulated here on any system)."""

from __future__ import annotations

import errno
import json
import os

import pytest
from tinydb import TinyDB

import qbx_engine.store.applog as applog
import qbx_engine.store.durable as durable
from qbx_engine.core.errors import StoreCorrupted, StoreWriteError
from qbx_engine.store import DurableDB, PartitionedLog, TableLog
from qbx_engine.store.applog import LineDamaged, encode, scan


def no_way_out(line):
    from qbx_engine.core.i18n import Msg

    return Msg("applog.way_out_change", {"line": line})


# -- lines -----------------------------------------------------------------------------------------------------------
def test_a_line_is_its_length_checksum_and_json(tmp_path):
    line = encode({"seq": 1, "note": "Emas naik ✓", "atr": float("nan")})
    length, crc, payload = line.rstrip(b"\n").split(b" ", 2)
    assert json.loads(payload) == {"seq": 1, "note": "Emas naik ✓", "atr": None}
    assert int(length) == len(payload) and len(crc) == 8 and line.endswith(b"\n")
    lines, end = scan(line * 3, path=tmp_path / "x.log", first_line=1, way_out=no_way_out)
    assert [p for p, _ in lines] == [payload] * 3 and end == 3 * len(line)


@pytest.mark.parametrize("tail", [b"41 0badf00d {\"seq\"", b"\0" * 200, b"12 0000", b"\n"])
def test_damage_running_to_the_end_is_a_torn_tail_and_dropped(tmp_path, tail):
    good = encode({"seq": 1}) + encode({"seq": 2})
    lines, end = scan(good + tail, path=tmp_path / "x.log", first_line=1, way_out=no_way_out)
    assert len(lines) == 2 and end == len(good)


def test_damage_with_a_good_line_after_it_is_refused_naming_the_line(tmp_path):
    lines = [encode({"seq": n}) for n in range(1, 6)]
    lines[2] = lines[2].replace(b'"seq":3', b'"seq":9')
    with pytest.raises(LineDamaged) as raised:
        scan(b"".join(lines), path=tmp_path / "x.log", first_line=1, way_out=no_way_out)
    assert raised.value.line == 3 and "x.log is damaged at line 3" in str(raised.value)
    assert "checksum" in str(raised.value) and "delete line 3" in str(raised.value)
    assert "rusak di baris 3" in raised.value.message("id")


# -- table logs ------------------------------------------------------------------------------------------------------
def book(folder, **options) -> TableLog:
    return TableLog(folder / "book.json", **options)


def test_each_change_is_one_line_and_reopening_replays_them(tmp_path):
    tl = book(tmp_path)
    tl.change(lambda c: (c.put("account", 1, {"balance": 100.0}), c.put("meta", 1, {"next": 7})))
    tl.put("positions", 5, {"ticket": 5, "sl": 1.0})
    tl.update("positions", 5, {"sl": 2.0})
    assert tl.insert("messages", {"n": 1}) == 1 and tl.insert("messages", {"n": 2}) == 2
    tl.remove("messages", 2)
    assert tl.insert("messages", {"n": 3}) == 3  # ids are never reused
    assert len((tmp_path / "book.log").read_bytes().splitlines()) == 7 and not (tmp_path / "book.json").exists()
    again = book(tmp_path)
    assert again.get("positions", 5) == {"ticket": 5, "sl": 2.0, "doc_id": 5}
    assert [doc["n"] for _, doc in again.rows("messages")] == [1, 3]
    assert again.insert("messages", {"n": 4}) == 4


def test_closing_leaves_everything_in_a_tinydb_snapshot_and_an_empty_log(tmp_path):
    tl = book(tmp_path)
    tl.put("positions", 5, {"ticket": 5})
    tl.insert("messages", {"n": 1})
    tl.remove("messages", 1)
    tl.close()
    assert (tmp_path / "book.log").read_bytes() == b""
    with TinyDB(tmp_path / "book.json", access_mode="r") as tiny:  # the folder's small-file format, readable by hand
        assert tiny.table("positions").all() == [{"ticket": 5}]
    again = book(tmp_path)
    assert again.insert("messages", {"n": 2}) == 2 and again.get("positions", 5)["ticket"] == 5


def test_unchanged_writes_and_a_failing_change_write_nothing(tmp_path):
    tl = book(tmp_path)
    tl.put("positions", 5, {"ticket": 5})
    size = (tmp_path / "book.log").stat().st_size
    tl.put("positions", 5, {"ticket": 5})
    tl.update("positions", 5, {"ticket": 5})
    tl.remove("positions", 6)

    def half_done(c):
        c.put("positions", 6, {"ticket": 6})
        c.delete("positions", 5)
        raise ValueError("the caller's own mistake")

    with pytest.raises(ValueError):
        tl.change(half_done)
    assert (tmp_path / "book.log").stat().st_size == size
    assert [doc_id for doc_id, _ in tl.rows("positions")] == [5]


def test_compaction_keeps_every_record_and_shortens_the_log(tmp_path):
    tl = book(tmp_path, compact_min=10)
    for n in range(40):
        tl.put("positions", n % 4, {"n": n})
    assert tl.needs_compaction()
    before = tl.view("positions")
    assert tl.compact() and tl.changes == 0 and not tl.needs_compaction()
    assert (tmp_path / "book.log").read_bytes() == b"" and tl.view("positions") == before
    tl.put("positions", 9, {"n": 9})
    assert {**before, 9: {"n": 9}} == book(tmp_path).view("positions")


def test_a_crash_between_the_snapshot_and_the_log_replace_applies_nothing_twice(tmp_path):
    tl = book(tmp_path)
    for n in range(5):
        tl.insert("messages", {"n": n})
    tl.remove("messages", 5)
    old_log = (tmp_path / "book.log").read_bytes()
    tl.compact()
    (tmp_path / "book.log").write_bytes(old_log)  # the snapshot was replaced, the log not yet
    again = book(tmp_path)
    assert [doc["n"] for _, doc in again.rows("messages")] == [0, 1, 2, 3]
    assert again.changes == 0 and again.insert("messages", {"n": 9}) == 6


def test_a_torn_change_is_dropped_and_a_damaged_one_refused(tmp_path):
    tl = book(tmp_path)
    for n in range(4):
        tl.put("positions", n, {"n": n})
    log = tmp_path / "book.log"
    whole = log.read_bytes()
    log.write_bytes(whole + encode({"n": 99, "ops": [["put", "positions", 99, {}]]})[:20])
    again = book(tmp_path)
    assert sorted(again.view("positions")) == [0, 1, 2, 3]
    again.put("positions", 4, {"n": 4})
    assert log.read_bytes().startswith(whole) and sorted(book(tmp_path).view("positions")) == [0, 1, 2, 3, 4]
    lines = log.read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b'"n":1', b'"n":7')
    log.write_bytes(b"\n".join(lines))
    with pytest.raises(StoreCorrupted) as raised:
        book(tmp_path)
    assert "book.log is damaged at line 2" in str(raised.value) and "delete line 2" in str(raised.value)


def test_a_change_to_a_record_that_is_not_there_is_refused_naming_its_line(tmp_path):
    tl = book(tmp_path)
    tl.put("positions", 1, {"n": 1})
    tl.update("positions", 1, {"n": 2})
    tl.close()
    (tmp_path / "book.json").write_text("{}")  # a snapshot replaced by hand, its log not emptied
    log = tmp_path / "book.log"
    log.write_bytes(encode({"n": 1, "ops": [["set", "positions", 1, {"n": 3}]]}))
    with pytest.raises(StoreCorrupted) as raised:
        book(tmp_path)
    assert "line 1" in str(raised.value) and 'record 1 of the table "positions"' in str(raised.value)


def test_a_failed_write_changes_nothing_and_the_next_one_works(tmp_path):
    tl = book(tmp_path)
    tl.put("positions", 1, {"n": 1})

    def disk_full(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    tl._write_hook = disk_full
    with pytest.raises(StoreWriteError) as raised:
        tl.change(lambda c: (c.put("positions", 2, {"n": 2}), c.delete("positions", 1)))
    assert "book.log" in str(raised.value)
    assert sorted(tl.view("positions")) == [1]
    tl._write_hook = None
    tl.put("positions", 3, {"n": 3})
    assert sorted(book(tmp_path).view("positions")) == [1, 3]


def test_an_fsync_that_fails_after_the_bytes_landed_is_cut_back(tmp_path, monkeypatch):
    tl = book(tmp_path)
    tl.put("positions", 1, {"n": 1})
    real = applog.append_to

    def eio(path, data, **kwargs):
        real(path, data, **kwargs)
        if data:
            raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(applog, "append_to", eio)
    with pytest.raises(StoreWriteError):
        tl.put("positions", 2, {"n": 2})
    monkeypatch.setattr(applog, "append_to", real)
    assert sorted(tl.view("positions")) == [1] and sorted(book(tmp_path).view("positions")) == [1]


def test_a_change_left_to_the_system_is_fsynced_by_the_next_flush(tmp_path, monkeypatch):
    tl = book(tmp_path)
    tl.put("pending", 7, {"ticket": 7})
    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd))[1])
    tl.remove("pending", 7, sync=False)  # recovery would redo it: no fsync of its own
    assert synced == [] and book(tmp_path).view("pending") == {}  # yet written, for a kill -9
    tl.flush()
    assert len(synced) == 1


def test_compaction_while_changes_keep_coming_loses_none(tmp_path):
    import threading

    tl = book(tmp_path, compact_min=5)
    done = threading.Event()
    count = {"n": 0}

    def write():
        n = 0
        while not done.is_set():
            doc_id = tl.insert("messages", {"n": n})
            if n % 2:
                tl.remove("messages", doc_id - 1)
            n += 1
            count["n"] = n

    writer = threading.Thread(target=write)
    writer.start()
    try:
        for round_no in range(1, 8):
            while count["n"] < 40 * round_no and writer.is_alive():
                done.wait(0.001)
            tl.compact()
    finally:
        done.set()
        writer.join()
    assert book(tmp_path).view("messages") == tl.view("messages")
    assert len(tl.view("messages")) == (count["n"] + 1) // 2


# -- Windows: a file another program holds open ------------------------------------------------------------------
@pytest.fixture
def windows(monkeypatch):
    """Windows' rule, simulated: a file open in another program cannot be replaced; we wait and try again."""
    pauses: list[float] = []
    monkeypatch.setattr(durable, "OPEN_FILES_BLOCK", True)
    monkeypatch.setattr(durable, "_sleep", pauses.append)
    return pauses


def held_open(monkeypatch, name: str, times: int, call: str = "replace"):
    """``os.<call>`` on a path ending in ``name`` raises PermissionError ``times`` times (a reader holds it)."""
    real = getattr(os, call)
    left = {"n": times}

    def refusing(*args, **kwargs):
        if str(args[1] if call == "replace" else args[0]).endswith(name) and left["n"] > 0:
            left["n"] -= 1
            raise PermissionError(errno.EACCES, "The process cannot access the file: it is being used")
        return real(*args, **kwargs)

    monkeypatch.setattr(os, call, refusing)
    return left


def test_a_replace_waits_for_a_reader_to_let_go(tmp_path, monkeypatch, windows):
    db = DurableDB(tmp_path / "settings.json")
    left = held_open(monkeypatch, "settings.json", 3)
    db.insert("settings", {"timezone": "Asia/Jakarta"})
    assert left["n"] == 0 and windows == [0.01, 0.02, 0.05]
    assert DurableDB(tmp_path / "settings.json").all("settings")[0]["timezone"] == "Asia/Jakarta"


def test_a_replace_held_off_for_too_long_fails_and_changes_nothing(tmp_path, monkeypatch, windows):
    db = DurableDB(tmp_path / "settings.json")
    db.insert("settings", {"n": 1})
    held_open(monkeypatch, "settings.json", 10**6)
    with pytest.raises(StoreWriteError):
        db.insert("settings", {"n": 2})
    assert len(windows) == len(durable.PATIENCE) and sum(windows) > 5
    assert [r["n"] for r in db.all("settings")] == [1]


def test_an_append_waits_for_a_program_that_holds_the_file(tmp_path, monkeypatch, windows):
    tl = book(tmp_path)
    tl.put("positions", 1, {"n": 1})
    left = held_open(monkeypatch, "book.log", 2, call="open")
    tl.put("positions", 2, {"n": 2})
    assert left["n"] == 0 and len(windows) == 2
    assert sorted(book(tmp_path).view("positions")) == [1, 2]


def test_compaction_waits_for_a_reader_and_gives_up_without_harm(tmp_path, monkeypatch, windows):
    tl = book(tmp_path, compact_min=4)
    for n in range(12):
        tl.put("positions", n % 3, {"n": n})
    held_open(monkeypatch, "book.log", 2)
    assert tl.compact() and (tmp_path / "book.log").read_bytes() == b""
    for n in range(12):
        tl.put("positions", n % 3, {"n": n + 100})
    held_open(monkeypatch, "book.log", 10**6)
    assert not tl.compact()  # the log could not be shortened: its changes held by the snapshot are skipped
    tl.put("positions", 7, {"n": 7})
    monkeypatch.undo()
    assert book(tmp_path).view("positions") == tl.view("positions")


def test_a_replaced_history_file_still_held_open_is_deleted_later(tmp_path, monkeypatch, windows):
    log = PartitionedLog(tmp_path / "ev", block_size=10)
    for n in range(60):
        log.append({"ts": 1_763_942_400.0 + n * 3600, "n": n})
    before = log.query(limit=None)
    held_open(monkeypatch, "2025-11-24.00000.logz", 1)  # the compressed file's replace waits once
    assert log.compact_day("2025-11-24")
    real_unlink = os.unlink
    held_open(monkeypatch, "2025-11-24.00000.log", 10**6, call="unlink")
    log.close()
    assert (tmp_path / "ev" / "2025-11-24.00000.log").exists()  # a reader still holds it: kept for later
    monkeypatch.setattr(os, "unlink", real_unlink)
    again = PartitionedLog(tmp_path / "ev", block_size=10)
    assert again.query(limit=None) == before  # the replaced file is ignored: the compressed one covers it
    again.maintain()  # the background pass deletes it
    assert not (tmp_path / "ev" / "2025-11-24.00000.log").exists()
