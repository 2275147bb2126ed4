"""A data folder written before schema versions (commit f47b870) opens with today's code, every record intact.

The folder in tests/fixtures/folder_f47b870 was made by tests/fixtures/make_folder_f47b870.py running the
code of that commit: three bots (active with a position, paused with a position, stopped), a deleted bot,
23 closed trades, events, two emotions, a backtest and changed settings.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from qbx_engine import Engine, StoreTooNew
from qbx_engine.core.clock import ManualClock
from qbx_engine.store.schema import CURRENT

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "folder_f47b870"
WRITTEN_AT = datetime(2026, 11, 24, 7, 0, tzinfo=UTC).timestamp()  # the fixture's clock at its end
HISTORIES = ("journal", "emotions", "backtests", "paper/history")
NOT_DATA = {".lock", ".lock-owner.json"}


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in NOT_DATA}


def records(folder: Path, relative: str) -> dict:
    return json.loads((folder / relative).read_text(encoding="utf-8"))


def stored_records(folder: Path, log: str) -> list[dict]:
    """Every record of a history, as the old code wrote it into its day chunks, oldest first."""
    rows = [row for path in sorted((folder / log).glob("????-??-??.*.json"))
            for row in records(folder, f"{log}/{path.name}")["records"].values()]
    return sorted(rows, key=lambda row: row["seq"])


@pytest.fixture
def old_folder(tmp_path) -> Path:
    folder = tmp_path / "old"
    shutil.copytree(FIXTURE, folder)
    return folder


def test_the_fixture_is_a_folder_from_before_versions():
    assert not (FIXTURE / "schema.json").exists()
    assert "stop_mode" not in records(FIXTURE, "bots/bot-1.json")["bot"]["1"]


def test_an_old_folder_is_migrated_and_every_record_reads_back(old_folder):
    before = files(old_folder)
    old_bots = {n: records(old_folder, f"bots/bot-{n}.json")["bot"]["1"] for n in (1, 2, 3)}
    with Engine.open(old_folder, clock=ManualClock(WRITTEN_AT), start_scheduler=False) as engine:
        assert engine.verify_invariants() == []
        bots = {b["id"]: b for b in engine.list_bots()}
        assert {i: b["status"] for i, b in bots.items()} == {1: "active", 2: "paused", 3: "stopped"}
        for bot_id, old in old_bots.items():
            assert {k: bots[bot_id][k] for k in old} == old  # nothing the old code wrote is changed
            assert (bots[bot_id]["stop_mode"], bots[bot_id]["sl_atr"], bots[bot_id]["tp_atr"],
                    bots[bot_id]["atr_period"]) == ("pips", 1.5, 3.0, 14)
        assert bots[1]["position_ticket"] and bots[2]["position_ticket"]
        positions = {p["ticket"]: p for p in engine.positions()}
        assert {positions[bots[n]["position_ticket"]]["bot_id"] for n in (1, 2)} == {1, 2}
        assert engine.account()["balance"] == 9422.89

        trades = engine.trades()
        assert len(trades) == 23
        assert sorted(trades, key=lambda t: t["seq"]) == stored_records(FIXTURE, "journal")  # each as written
        assert all(t.get("risk_money") is None and t["net_profit"] is not None for t in trades)
        assert engine.mentor.emotions("2026-11-24") == stored_records(FIXTURE, "emotions")
        assert engine.lab.runs()[0]["stats"] == records(FIXTURE, "backtests/2026-11-24.00000.json")[
            "records"]["1"]["stats"]
        deals = engine.broker.closed_positions(0, WRITTEN_AT + 1)
        assert [d.ticket for d in deals] == [r["ticket"] for r in stored_records(FIXTURE, "paper/history")]
        assert engine.count_events() == 53 + 2  # with the old ENGINE STOP and the ENGINE START of this open
        assert len(engine.events(bot_id=1, limit=None)) == engine.count_events(bot_id=1)
        settings = engine.get_settings()
        assert (settings["timezone"], settings["error_streak_limit"], settings["language"]) == (
            "Europe/London", 7, "id")
        assert engine.create_bot({"name": "New", "market": "EURUSD"})["id"] == 5  # the deleted #4 stays unused

    schema = records(old_folder, "schema.json")
    assert schema["schema"] == CURRENT
    assert {"settings.json", "paper/book.json", "bots/meta.json", "bots/bot-1.json", "bots/bot-5.json"} <= set(
        schema["files"])
    assert set(schema["logs"]) >= {"events", "journal", "emotions", "backtests", "paper/history"}
    after = files(old_folder)
    for name in before:  # each history's day chunks became append-only day files
        if name.startswith(HISTORIES) and not name.endswith("index.json") and "/tails/" not in name:
            folder, day = name.rsplit("/", 1)[0], name.rsplit("/", 1)[1].split(".")[0]
            assert name not in after and f"{folder}/{day}.00000.log" in after
    assert "stop_mode" in records(old_folder, "bots/bot-1.json")["bot"]["1"]  # the defaults are written


def test_opening_a_migrated_folder_again_changes_nothing_more(old_folder):
    clock = ManualClock(WRITTEN_AT)
    with Engine.open(old_folder, clock=clock, start_scheduler=False):
        pass
    once = files(old_folder)
    with Engine.open(old_folder, clock=clock, start_scheduler=False) as engine:
        assert [b["status"] for b in engine.list_bots()] == ["active", "paused", "stopped"]
        assert len(engine.trades()) == 23
    twice = files(old_folder)
    changed = {n for n in set(once) | set(twice) if once.get(n) != twice.get(n)}
    assert all(n.startswith("events/") or n == "runtime.json" for n in changed), changed  # only the new log lines
    assert all(once[n] == twice[n][:len(once[n])] for n in changed & set(once) if n.endswith(".log"))  # appended
    assert once["schema.json"] == twice["schema.json"]
    assert all(once[n] == twice[n] for n in once if n.startswith("bots/"))


def test_a_folder_from_a_newer_version_is_refused_untouched(old_folder):
    with Engine.open(old_folder, clock=ManualClock(WRITTEN_AT), start_scheduler=False):
        pass
    schema = records(old_folder, "schema.json")
    (old_folder / "schema.json").write_text(json.dumps({**schema, "schema": CURRENT + 1}))
    before = files(old_folder)
    with pytest.raises(StoreTooNew) as raised:
        Engine.open(old_folder, clock=ManualClock(WRITTEN_AT), start_scheduler=False)
    assert f"data version {CURRENT + 1}" in str(raised.value) and f"up to version {CURRENT}" in str(raised.value)
    assert "versi data" in raised.value.message("id")
    assert files(old_folder) == before
    with pytest.raises(StoreTooNew):  # and the folder's lock was released for the next try
        Engine.open(old_folder, clock=ManualClock(WRITTEN_AT), start_scheduler=False)


def test_a_new_folder_starts_at_the_current_version(data_dir, clock):
    with Engine.open(data_dir, clock=clock, start_scheduler=False):
        pass
    schema = records(data_dir, "schema.json")
    assert schema["schema"] == CURRENT
    assert "settings.json" in schema["files"] and "events" in schema["logs"]
