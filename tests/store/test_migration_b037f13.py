"""A data folder written by commit b037f13 (data version 2: day chunks of whole JSON) opens with today's code:
its histories become append-only day files record for record, and every record reads back as it was written.

tests/fixtures/folder_b037f13 was made by tests/fixtures/make_folder_b037f13.py running that commit: two days of
trading with open positions (and their entry facts), 23 closed trades and deals, 57 events with a collapsed
repeat, 48 notifications queued for a webhook that never answered, emotions, a saved backtest, changed settings.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qbx_engine import Engine
from qbx_engine.core.clock import ManualClock
from qbx_engine.store.legacy import convert_folder, legacy_chunk_files, legacy_records
from qbx_engine.store.partitioned import chunk_files
from qbx_engine.store.schema import CURRENT
from tests.store.test_migration import files, records

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "folder_b037f13"
WRITTEN_AT = 1_795_512_600.0  # 2026-11-24 09:30 UTC, the fixture's clock at its end
HISTORIES = ("events", "journal", "emotions", "backtests", "paper/history")


def stored(log: str) -> list[dict]:
    """A history's records as b037f13 wrote them, oldest seq first."""
    return [row for _, rows in sorted(legacy_records(FIXTURE / log).items()) for row in rows]


def table(relative: str, name: str) -> dict[int, dict]:
    return {int(k): v for k, v in records(FIXTURE, relative).get(name, {}).items()}


@pytest.fixture
def folder(tmp_path) -> Path:
    copy = tmp_path / "b037f13"
    shutil.copytree(FIXTURE, copy)
    return copy


def _open(folder):
    return Engine.open(folder, clock=ManualClock(WRITTEN_AT), start_scheduler=False)


def test_the_fixture_is_a_version_2_folder_of_day_chunks():
    assert records(FIXTURE, "schema.json")["schema"] == 2
    assert all(legacy_chunk_files(FIXTURE / log) and not chunk_files(FIXTURE / log) for log in HISTORIES)


def test_every_record_of_a_version_2_folder_reads_back_after_the_migration(folder):
    events, trades = stored("events"), stored("journal")
    with _open(folder) as engine:
        assert engine.verify_invariants() == []
        old = [e for e in sorted(engine.events(limit=None), key=lambda e: e["seq"]) if e["seq"] <= events[-1]["seq"]]
        assert old == events
        assert [e["repeat"] for e in events if e["repeat"] > 1] == [28]  # the collapsed repeat survived
        assert engine.count_events() == len(events) + 1  # and the ENGINE START of this open
        assert sorted(engine.trades(), key=lambda t: t["seq"]) == trades and len(trades) == 23
        deals = engine.broker.closed_positions(0, WRITTEN_AT + 1)
        assert [d.to_json() for d in deals] == [
            {k: v for k, v in r.items() if k not in ("ts", "seq")} for r in stored("paper/history")]
        assert engine.mentor.emotions("2026-11-24") == stored("emotions")
        assert engine.lab.runs()[0]["run_id"] == stored("backtests")[0]["run_id"]
        assert engine.lab.open_run(stored("backtests")[0]["run_id"]).stats == stored("backtests")[0]["stats"]

        book = table("paper/book.json", "positions")
        assert {p["ticket"]: p["volume"] for p in engine.positions()} == {t: p["volume"] for t, p in book.items()}
        assert engine.account()["balance"] == table("paper/book.json", "account")[1]["balance"]
        for ticket, facts in table("entries.json", "entries").items():
            assert engine.trader.entries.get(ticket) == facts
        outbox = engine.notifications.notifier.outbox
        assert [{k: v for k, v in m.items() if k != "doc_id"} for m in outbox.messages()] == list(
            table("notify/outbox.json", "messages").values())
        assert outbox.stats()["webhook"] == table("notify/outbox.json", "stats")[1]["webhook"]
        assert engine.notifications.unread() == []  # the "seen" mark still covers every old event
        engine.start_bot(3)  # and the log goes on after the old records
        assert engine.events(bot_id=3, limit=1)[0]["seq"] == events[-1]["seq"] + 2

    assert records(folder, "schema.json")["schema"] == CURRENT
    for log in HISTORIES:
        assert legacy_chunk_files(folder / log) == []
        assert [p.name for p in chunk_files(folder / log)] == [
            f"{day}.00000.log" for day in sorted(legacy_records(FIXTURE / log))]
    for name in ("paper/book", "entries", "notify/outbox"):  # the old file is the snapshot their logs start from
        log = folder / f"{name}.log"
        assert not log.exists() or (log.read_bytes() == b"" and "_log" in records(folder, f"{name}.json"))


def test_opening_the_migrated_folder_again_changes_only_the_new_log_lines(folder):
    with _open(folder):
        pass
    once = files(folder)
    with _open(folder) as engine:
        assert len(engine.trades()) == 23 and len(engine.positions()) == 2
    twice = files(folder)
    changed = {n for n in set(once) | set(twice) if once.get(n) != twice.get(n)}
    assert all(n.startswith("events/") or n == "runtime.json" for n in changed), changed
    assert twice["events/2026-11-24.00000.log"].startswith(once["events/2026-11-24.00000.log"])


def test_a_migration_cut_short_by_a_crash_is_finished_without_a_duplicate(folder):
    journal = folder / "journal"
    last_day = sorted(legacy_records(journal))[-1]
    convert_folder(journal)  # the journal's files were written ...
    for path in legacy_chunk_files(FIXTURE / "journal"):
        shutil.copy(path, journal / path.name)  # ... but the crash came before its chunks were deleted
    shutil.copy(FIXTURE / "journal" / "index.json", journal / "index.json")
    (journal / f"{last_day}.00000.log").unlink()  # and before the last day's file: only the first was done
    assert records(folder, "schema.json")["schema"] == 2
    with _open(folder) as engine:
        assert sorted(engine.trades(), key=lambda t: t["seq"]) == stored("journal")
    assert legacy_chunk_files(journal) == [] and records(folder, "schema.json")["schema"] == CURRENT
