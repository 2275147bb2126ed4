import json
import math
import threading

import pytest

from qbx_engine.core.errors import StoreCorrupted, StoreWriteError
from qbx_engine.store import DurableDB
from tests.conftest import run_python


def test_records_survive_reopen(data_dir):
    db = DurableDB(data_dir / "t.json")
    first = db.insert("bots", {"name": "a", "params": {"fast": 5}})
    db.update("bots", first, {"name": "b"})
    second = db.insert("bots", {"name": "c"})
    db.remove("bots", second)
    reopened = DurableDB(data_dir / "t.json")
    assert [(d["doc_id"], d["name"], d["params"]) for d in reopened.all("bots")] == [(first, "b", {"fast": 5})]


def test_returned_records_are_copies(data_dir):
    db = DurableDB(data_dir / "t.json")
    source = {"params": {"fast": 5}}
    doc_id = db.insert("bots", source)
    source["params"]["fast"] = 99
    got = db.get("bots", doc_id)
    got["params"]["fast"] = 42
    assert db.get("bots", doc_id)["params"] == {"fast": 5}


def test_non_finite_numbers_are_stored_as_null(data_dir):
    db = DurableDB(data_dir / "t.json")
    doc_id = db.insert("t", {"rsi": float("nan"), "vals": [1.0, math.inf]})
    assert db.get("t", doc_id)["rsi"] is None
    assert json.loads((data_dir / "t.json").read_text())["t"][str(doc_id)]["vals"] == [1.0, None]


def test_many_threads_writing_one_file_lose_nothing(data_dir):
    db = DurableDB(data_dir / "t.json")
    errors = []

    def writer(n):
        try:
            for i in range(100):
                doc_id = db.insert("rows", {"writer": n, "i": i})
                db.update("rows", doc_id, {"seen": True})
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = DurableDB(data_dir / "t.json").all("rows")
    assert len(rows) == 1200
    assert {(r["writer"], r["i"]) for r in rows} == {(n, i) for n in range(12) for i in range(100)}
    assert all(r["seen"] for r in rows)


@pytest.mark.parametrize("content, problem", [
    ("{not json", "invalid JSON at line 1"),
    ("", "the file is empty"),
    ('["a list"]', "expected an object of tables"),
    ('{"bots": {"x": {}}}', "is not a record"),
    (b"\xff\xfe{}", "not UTF-8"),
])
def test_a_damaged_file_is_named_and_left_alone(data_dir, content, problem):
    path = data_dir / "bots.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    before = path.read_bytes()
    with pytest.raises(StoreCorrupted) as raised:
        DurableDB(path)
    assert str(path) in str(raised.value)
    assert problem in str(raised.value)
    assert "restore it from a backup" in str(raised.value)
    assert "pulihkan" in raised.value.message("id")
    assert path.read_bytes() == before


def test_a_failed_write_undoes_the_change_in_memory_and_keeps_the_file(data_dir):
    db = DurableDB(data_dir / "t.json")
    kept = db.insert("rows", {"v": 1})

    def disk_full(path, text):
        raise OSError(28, "No space left on device")

    db._write_hook = disk_full
    with pytest.raises(StoreWriteError) as raised:
        db.insert("rows", {"v": 2})
    assert "No space left on device" in str(raised.value)
    assert [r["v"] for r in db.all("rows")] == [1]
    db._write_hook = __import__("qbx_engine.store.durable", fromlist=["atomic_write"]).atomic_write
    db.update("rows", kept, {"v": 3})
    assert [r["v"] for r in DurableDB(data_dir / "t.json").all("rows")] == [3]


def test_a_real_disk_full_leaves_the_old_file_readable(data_dir):
    """RLIMIT_FSIZE makes the kernel refuse the write, as a full disk would."""
    code = """
import resource, signal, sys
from qbx_engine.store import DurableDB
from qbx_engine.core.errors import StoreWriteError
db = DurableDB(sys.argv[1])
db.insert("rows", {"v": "small"})
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    db.insert("rows", {"v": "x" * 10000})
except StoreWriteError as exc:
    print("REFUSED", exc)
print("ROWS", len(db.all("rows")))
"""
    result = run_python(code, str(data_dir / "t.json"))
    assert result.returncode == 0, result.stderr
    assert "REFUSED" in result.stdout and "ROWS 1" in result.stdout
    assert [r["v"] for r in DurableDB(data_dir / "t.json").all("rows")] == ["small"]
    assert not list(data_dir.glob("*.tmp"))
