"""Damaged data folders: a deleted file or chunk the folder is known to have had, and records that break the rules.

Each refusal names the file (and the field), changes nothing in the folder and creates nothing; each
"way out" the message offers works. Derived data (runtime.json) that is damaged is moved aside and rebuilt.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from qbx_engine import Engine, StoreCorrupted, StoreMissing
from qbx_engine.core.i18n import render
from qbx_engine.store.partitioned import chunk_files
from tests.engine.conftest import force, new_bot, next_bar

NOT_DATA = {".lock", ".lock-owner.json"}


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in NOT_DATA}


@pytest.fixture
def busy(data_dir, clock, scripted):
    """A folder with two bots (one holding a paper position), closed trades and events in several chunks."""
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        engine.store.events.segment_records = 4  # a new file every 4 events
        trader = new_bot(engine, status="active")
        new_bot(engine, name="Idle")
        for signal in ("BUY", "SELL", "BUY", "SELL", "BUY"):
            force(engine, signal)
            next_bar(clock, engine, trader["id"])
        assert engine.get_bot(trader["id"])["position_ticket"] is not None
        assert len(engine.trades()) >= 3 and len(chunk_files(data_dir / "events")) >= 2
    return data_dir


def refused(folder, clock, error=StoreCorrupted):
    before = files(folder)
    with pytest.raises(error) as raised:
        Engine.open(folder, clock=clock, start_scheduler=False)
    assert files(folder) == before, "a refused folder was changed"
    return raised.value


def reopens(folder, clock):
    return Engine.open(folder, clock=clock, start_scheduler=False)


# -- deleted files -------------------------------------------------------------------------------------------------
def test_a_deleted_paper_book_is_refused_not_replaced_by_a_fresh_account(busy, clock):
    (busy / "paper" / "book.json").unlink()
    error = refused(busy, clock, StoreMissing)
    assert "paper/book.json is missing" in str(error) and "schema.json" in str(error)
    assert "Restore paper/book.json and paper/book.log from a backup" in str(error)
    assert "cadangan" in error.message("id")
    assert not (busy / "paper" / "book.json").exists()
    (busy / "paper" / "book.json").write_text("{}")  # the way out the message gives: a new paper account
    with reopens(busy, clock) as engine:
        assert engine.account()["balance"] == 10_000.0 and engine.positions() == []
        assert len(engine.trades()) >= 3


def test_a_deleted_settings_file_is_refused_while_bots_exist(busy, clock):
    with reopens(busy, clock) as engine:
        engine.update_settings(timezone="Europe/London")
    (busy / "settings.json").unlink()
    error = refused(busy, clock, StoreMissing)
    assert "settings.json is missing" in str(error) and "containing just {}" in str(error)
    (busy / "settings.json").write_text("{}")
    with reopens(busy, clock) as engine:
        assert engine.get_settings()["timezone"] == "Asia/Jakarta"  # the defaults, as the message said
        assert len(engine.list_bots()) == 2


def test_a_deleted_bot_file_is_refused(busy, clock):
    (busy / "bots" / "bot-2.json").unlink()
    error = refused(busy, clock, StoreMissing)
    assert "bots/bot-2.json is missing" in str(error) and "\"files\" in schema.json" in str(error)


def test_a_deleted_history_folder_is_refused(busy, clock):
    for path in chunk_files(busy / "journal"):
        path.unlink()
    (busy / "journal" / "index.json").unlink()
    error = refused(busy, clock, StoreMissing)
    assert "journal/ is missing" in str(error)


def test_a_chunk_the_index_lists_but_is_gone_is_refused(busy, clock):
    chunks = chunk_files(busy / "events")
    chunks[0].unlink()
    error = refused(busy, clock, StoreMissing)
    assert chunks[0].name in str(error) and "index.json lists it" in str(error)
    assert "delete" in str(error) and str(busy / "events" / "index.json") in str(error)
    (busy / "events" / "index.json").unlink()  # the way out: rebuilt from the chunks that remain
    with reopens(busy, clock) as engine:
        assert engine.count_events() > 0


def test_an_old_folder_with_deals_but_no_paper_book_is_refused(tmp_path, clock):
    import shutil

    from tests.store.test_migration import FIXTURE

    folder = tmp_path / "old"
    shutil.copytree(FIXTURE, folder)
    (folder / "paper" / "book.json").unlink()
    error = refused(folder, clock, StoreMissing)
    assert "paper/book.json" in str(error) and "deal history is there" in str(error)


def test_a_folder_deleted_whole_simply_starts_afresh(busy, clock):
    import shutil

    shutil.rmtree(busy)
    busy.mkdir()
    with reopens(busy, clock) as engine:
        assert engine.list_bots() == [] and engine.account()["balance"] == 10_000.0


# -- records that break the rules ------------------------------------------------------------------------------------
def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


@pytest.mark.parametrize("change, field, words", [
    (lambda bot: bot.pop("status"), "status", "missing"),
    (lambda bot: bot.update(status="running"), "status", "\"running\" is not a status"),
    (lambda bot: bot.update(risk_percent=None), "risk_percent", ""),
    (lambda bot: bot.update(strategy_name="vanished"), "strategy_name", "vanished"),
    (lambda bot: bot.update(strategy_params=[1, 2]), "strategy_params", "mapping"),
    (lambda bot: bot.update(id=7), "id", "bot #2"),
    (lambda bot: bot.update(error_streak=-1), "error_streak", "whole number"),
    (lambda bot: bot.pop("name"), "name", "missing"),
])
def test_a_broken_bot_record_is_refused_naming_the_file_and_the_field(busy, clock, change, field, words):
    _edit(busy / "bots" / "bot-2.json", lambda data: change(data["bot"]["1"]))
    error = refused(busy, clock)
    assert str(busy / "bots" / "bot-2.json") in str(error)
    assert f'the field "{field}"' in str(error) and words in str(error)
    assert f'kolom "{field}"' in error.message("id")


def test_a_sync_conflict_copy_of_a_bot_is_ignored_and_logged(busy, clock, caplog):
    copy = busy / "bots" / "bot-1 (conflicted copy).json"
    copy.write_bytes((busy / "bots" / "bot-1.json").read_bytes())
    with caplog.at_level(logging.WARNING), reopens(busy, clock) as engine:
        assert [b["id"] for b in engine.list_bots()] == [1, 2]
        assert engine.store.bots.ignored == [copy.name]
    assert any(copy.name in r.getMessage() and "ignored" in r.getMessage() for r in caplog.records)
    assert copy.exists()


def test_a_paper_balance_of_null_is_refused(busy, clock):
    _edit(busy / "paper" / "book.json", lambda data: data["account"]["1"].update(balance=None))
    error = refused(busy, clock)
    assert "book.json" in str(error) and 'the field "account.balance"' in str(error) and "null" in str(error)


def test_a_paper_position_of_the_wrong_shape_is_refused(busy, clock):
    def change(data):
        ticket = next(iter(data["positions"]))
        data["positions"][ticket]["volume"] = "lots"

    _edit(busy / "paper" / "book.json", change)
    assert ".volume" in str(refused(busy, clock))


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "A" * 256, 42])
def test_an_unknown_time_zone_in_the_settings_file_is_refused(busy, clock, zone):
    _edit(busy / "settings.json", lambda data: data["settings"]["1"].update(timezone=zone))
    error = refused(busy, clock)
    assert "settings.json" in str(error) and 'the field "timezone"' in str(error)
    assert "Correct the field named" in str(error)


@pytest.mark.parametrize("content, problem", [
    ("{not json", "invalid JSON at line 1"),
    (json.dumps({"runtime": {"1": {"1": "a string", "2": [1, 2]}}}), "2 bot entries of the wrong shape, e.g. bot 1"),
    (json.dumps({"runtime": {"1": {"1": {"last_tick_at": "yesterday", "ticks": -4, "last_analysis": 3}}}}),
     "bot 1: last_analysis, last_tick_at, ticks"),
])
def test_a_damaged_runtime_json_is_moved_aside_said_once_and_rebuilt(busy, clock, content, problem):
    """Derived data, but evidence of what went wrong: kept beside the folder's files, never overwritten."""
    (busy / "runtime.json").write_text(content)
    with reopens(busy, clock) as engine:
        bot = engine.get_bot(1)
        assert bot["last_tick_at"] is None and bot["last_analysis"] is None
        assert engine.health()["bots"][1]["ticks"] == 0
        (told,) = engine.events(actions="DATA REBUILT")
        assert told["notification"] is True
        text = render(told["msg"], "en")
        assert text.startswith("runtime.json was damaged (") and problem in text, text
        assert "moved to runtime.json.damaged and rebuilt" in text and "No bot, position or history" in text
        assert "runtime.json rusak" in render(told["msg"], "id")
        engine.run_tick(1)
    assert (busy / "runtime.json.damaged").read_text() == content
    assert json.loads((busy / "runtime.json").read_text())["runtime"]["1"]["1"]["ticks"] == 1  # rebuilt
    with reopens(busy, clock) as again:  # said once: the next opening finds a sound file
        assert len(again.events(actions="DATA REBUILT")) == 1 and again.health()["bots"][1]["ticks"] == 1
    (busy / "runtime.json").write_text("[]")
    with reopens(busy, clock) as third:  # a second damaged copy never replaces the first
        assert len(third.events(actions="DATA REBUILT")) == 2
    assert (busy / "runtime.json.damaged").read_text() == content
    assert (busy / "runtime.json.damaged-2").read_text() == "[]"


def test_a_damaged_schema_file_is_refused(busy, clock):
    (busy / "schema.json").write_text('{"schema": "two"}')
    error = refused(busy, clock)
    assert "schema.json" in str(error) and '"schema"' in str(error)


# -- the append-only logs --------------------------------------------------------------------------------------------
@pytest.fixture
def crashed(tmp_path, clock, scripted):
    """A folder as ``kill -9`` leaves it while bots trade: changes in the logs, no snapshot written at close."""
    import shutil

    live, copy = tmp_path / "live", tmp_path / "crashed"
    with Engine.open(live, clock=clock, start_scheduler=False) as engine:
        trader = new_bot(engine, status="active")
        for signal in ("BUY", "SELL", "BUY", "SELL"):
            force(engine, signal)
            next_bar(clock, engine, trader["id"])
        shutil.copytree(live, copy, ignore=shutil.ignore_patterns(".lock*"))
    return copy


def test_a_damaged_change_in_the_paper_book_log_is_refused_and_a_backup_restores_it(crashed, clock):
    log = crashed / "paper" / "book.log"
    backup = log.read_bytes()
    lines = backup.split(b"\n")
    assert len(lines) > 4 and not (crashed / "paper" / "book.json").exists()
    lines[2] = lines[2].replace(b'"ticket":', b'"ticket": ', 1)
    log.write_bytes(b"\n".join(lines))
    error = refused(crashed, clock)
    assert f"{log} is damaged at line 3" in str(error) and "lines after it are whole" in str(error)
    assert "Restore that file from a backup" in str(error) and "baris 3" in error.message("id")
    log.write_bytes(backup)  # the first way out
    with reopens(crashed, clock) as engine:
        assert len(engine.trades()) == 3 and len(engine.positions()) == 1


def test_a_damaged_event_line_is_refused_and_giving_it_up_opens_the_rest(crashed, clock):
    day_file = chunk_files(crashed / "events")[0]
    lines = day_file.read_bytes().split(b"\n")
    lines[3] = lines[3][:-5] + b"xxxxx"
    day_file.write_bytes(b"\n".join(lines))
    (crashed / "events" / "index.json").unlink(missing_ok=True)
    error = refused(crashed, clock)
    assert f"{day_file} is damaged at line 4" in str(error) and "delete line 4" in str(error)
    del lines[3]  # the second way out: that one event is given up
    day_file.write_bytes(b"\n".join(lines))
    with reopens(crashed, clock) as engine:
        assert engine.count_events() == len(lines) - 1 + 1  # the rest, and this open's ENGINE START


def test_a_deleted_change_log_is_refused_and_an_empty_one_accepts_the_loss(busy, clock):
    with reopens(busy, clock) as engine:
        balance = engine.account()["balance"]
    (busy / "paper" / "book.log").unlink()
    error = refused(busy, clock, StoreMissing)
    assert "paper/book.log is missing" in str(error) and "create an empty file named paper/book.log" in str(error)
    (busy / "paper" / "book.log").write_bytes(b"")
    with reopens(busy, clock) as engine:
        assert engine.account()["balance"] == balance  # closing had put every change in the snapshot
