"""A lifecycle change whose log line cannot be written: the message, memory, the scheduler and the files agree.

The activity log fails for real (its folder and files made read-only, for a user whom permissions stop) or as a
full disk would (every append to it raises ENOSPC) or as a failing disk would (the append lands, then its fsync
raises EIO, so the bytes must be cut back). A change that lets a bot trade (start, resume, update) is undone and
says so; a change
that stops trading (pause, stop, delete) is kept and says exactly that. After each, the engine closes
without raising, and a restart finds the bot as the message said.
"""

from __future__ import annotations

import errno
import os
import stat

import pytest

import qbx_engine.store.applog as applog
import qbx_engine.store.durable as durable
from qbx_engine import Engine, LifecycleError, PartlySaved, StoreWriteError, UnknownBot
from tests.engine.conftest import new_bot


def _chmod_blocks_writes(folder) -> bool:
    probe = folder / "probe"
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        probe.write_text("x")
    except OSError:
        return True
    finally:
        folder.chmod(stat.S_IRWXU)
    probe.unlink()
    return False


class BrokenLog:
    """Makes every append under the data folder's ``events/`` fail, the way ``how`` says."""

    def __init__(self, data_dir, monkeypatch, how: str):
        self.events = data_dir / "events"
        self.monkeypatch = monkeypatch
        self.how = how
        self.real = applog.append_to

    def __enter__(self):
        if self.how == "chmod":
            for path in [self.events, *self.events.rglob("*")]:
                path.chmod(stat.S_IRUSR | (stat.S_IXUSR if path.is_dir() else 0))
        else:
            def failing(path, data, **kwargs):
                if self.events not in path.parents or not data:  # cutting a failed append back works
                    return self.real(path, data, **kwargs)
                if self.how == "enospc":
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                self.real(path, data, sync=False, cut_to=kwargs.get("cut_to"))  # the bytes land ...
                raise OSError(errno.EIO, os.strerror(errno.EIO))  # ... and the fsync fails

            self.monkeypatch.setattr(applog, "append_to", failing)
        return self

    def __exit__(self, *exc):
        if self.how == "chmod":
            for path in [self.events, *self.events.rglob("*")]:
                path.chmod(stat.S_IRWXU if path.is_dir() else stat.S_IRUSR | stat.S_IWUSR)
        else:
            self.monkeypatch.setattr(applog, "append_to", self.real)


@pytest.fixture(params=["chmod", "enospc", "eio"])
def how(request, tmp_path):
    if request.param == "chmod" and not _chmod_blocks_writes(tmp_path):
        pytest.skip("this user writes into read-only folders (root): the ENOSPC case covers it")
    return request.param


def _open(data_dir, clock):
    return Engine.open(data_dir, clock=clock)


def _job(engine, bot_id):
    return engine.supervisor.scheduler.get_job(f"bot-{bot_id}")


def _actions(engine, bot_id):
    return [e["action"] for e in engine.events(bot_id=bot_id)]


def _reopened(data_dir, clock, bot_id):
    with _open(data_dir, clock) as engine:
        assert engine.verify_invariants() == []
        return engine.get_bot(bot_id), _job(engine, bot_id)


def test_start_is_undone_and_says_so(data_dir, clock, scripted, monkeypatch, how):
    engine = _open(data_dir, clock)
    bot = new_bot(engine)
    with BrokenLog(data_dir, monkeypatch, how):
        with pytest.raises(StoreWriteError) as raised:
            engine.start_bot(bot["id"])
        assert f"Bot #{bot['id']} was not started" in str(raised.value)
        assert "the change was undone" in str(raised.value)
        assert "tidak dijalankan" in raised.value.message("id")
        assert "events" in raised.value.path
        assert engine.get_bot(bot["id"])["status"] == "stopped"
        assert _job(engine, bot["id"]) is None
        assert engine.verify_invariants() == []
        engine.close()  # the ENGINE STOP line cannot be written either: logged, not raised
    saved, job = _reopened(data_dir, clock, bot["id"])
    assert saved["status"] == "stopped" and job is None


def test_a_bot_in_error_keeps_its_error_when_the_start_is_undone(data_dir, clock, scripted, monkeypatch, how):
    from tests.engine.conftest import into_error

    engine = _open(data_dir, clock)
    bot = new_bot(engine, status="active")
    into_error(engine, bot["id"])
    before = engine.get_bot(bot["id"])
    with BrokenLog(data_dir, monkeypatch, how):
        with pytest.raises(StoreWriteError):
            engine.start_bot(bot["id"])
        after = engine.get_bot(bot["id"])
        assert (after["status"], after["error_streak"], after["last_error"]) == (
            "error", before["error_streak"], before["last_error"])
        assert _job(engine, bot["id"]) is None
        engine.close()
    saved, _ = _reopened(data_dir, clock, bot["id"])
    assert (saved["status"], saved["error_streak"]) == ("error", before["error_streak"])


def test_resume_is_undone_and_the_job_stays_paused(data_dir, clock, scripted, monkeypatch, how):
    engine = _open(data_dir, clock)
    bot = new_bot(engine, status="active")
    engine.pause_bot(bot["id"])
    with BrokenLog(data_dir, monkeypatch, how):
        with pytest.raises(StoreWriteError) as raised:
            engine.resume_bot(bot["id"])
        assert "was not resumed" in str(raised.value)
        assert engine.get_bot(bot["id"])["status"] == "paused"
        assert _job(engine, bot["id"]).next_run_time is None
        assert engine._runtime(bot["id"]).trading_allowed is False
        assert engine.verify_invariants() == []
        engine.close()
    saved, job = _reopened(data_dir, clock, bot["id"])
    assert saved["status"] == "paused" and job.next_run_time is None


def test_an_update_is_undone_with_its_new_interval(data_dir, clock, scripted, monkeypatch, how):
    engine = _open(data_dir, clock)
    bot = new_bot(engine, status="active")
    with BrokenLog(data_dir, monkeypatch, how):
        with pytest.raises(StoreWriteError) as raised:
            engine.update_bot(bot["id"], risk_percent=2.5, check_interval=5)
        assert "was not changed" in str(raised.value)
        kept = engine.get_bot(bot["id"])
        assert (kept["risk_percent"], kept["check_interval"], kept["updated_at"]) == (
            bot["risk_percent"], 60, bot["updated_at"])
        assert _job(engine, bot["id"]).trigger.interval.total_seconds() == 60
        engine.close()
    saved, job = _reopened(data_dir, clock, bot["id"])
    assert (saved["risk_percent"], saved["check_interval"]) == (bot["risk_percent"], 60)
    assert job.trigger.interval.total_seconds() == 60


@pytest.mark.parametrize("call, status, done", [
    ("pause_bot", "paused", "was paused"),
    ("stop_bot", "stopped", "was stopped"),
])
def test_pause_and_stop_are_kept_and_say_the_log_line_is_missing(data_dir, clock, scripted, monkeypatch, how,
                                                                  call, status, done):
    engine = _open(data_dir, clock)
    bot = new_bot(engine, status="active")
    with BrokenLog(data_dir, monkeypatch, how):
        with pytest.raises(PartlySaved) as raised:
            getattr(engine, call)(bot["id"])
        assert f"Bot #{bot['id']} {done} and that is saved" in str(raised.value)
        assert "could not be written" in str(raised.value)
        assert "tersimpan" in raised.value.message("id")
        assert engine.get_bot(bot["id"])["status"] == status
        assert engine._runtime(bot["id"]).trading_allowed is False
        job = _job(engine, bot["id"])
        assert (job is None) if status == "stopped" else (job.next_run_time is None)
        assert engine.verify_invariants() == []
        engine.close()
    saved, job = _reopened(data_dir, clock, bot["id"])
    assert saved["status"] == status
    assert (job is None) if status == "stopped" else (job.next_run_time is None)


def test_delete_is_kept_and_says_the_log_line_is_missing(data_dir, clock, scripted, monkeypatch, how):
    engine = _open(data_dir, clock)
    bot = new_bot(engine, status="active")
    with BrokenLog(data_dir, monkeypatch, how):
        with pytest.raises(PartlySaved) as raised:
            engine.delete_bot(bot["id"])
        assert f"Bot #{bot['id']} was deleted and that is saved" in str(raised.value)
        with pytest.raises(UnknownBot):
            engine.get_bot(bot["id"])
        assert _job(engine, bot["id"]) is None
        assert engine.verify_invariants() == []
        engine.close()
    with _open(data_dir, clock) as engine:
        assert engine.list_bots() == []
        assert not (data_dir / "bots" / f"bot-{bot['id']}.json").exists()


def test_start_all_and_stop_all_do_every_bot_they_can_and_name_each_problem(data_dir, clock, scripted, monkeypatch,
                                                                             how):
    engine = _open(data_dir, clock)
    first, second = new_bot(engine), new_bot(engine, name="Second")
    with BrokenLog(data_dir, monkeypatch, how):
        with pytest.raises(PartlySaved) as raised:
            engine.start_all()
        text = str(raised.value)
        assert "Done: none" in text
        assert f"Bot #{first['id']} was not started" in text and f"Bot #{second['id']} was not started" in text
        assert [b["status"] for b in engine.list_bots()] == ["stopped", "stopped"]
    engine.start_all()
    with BrokenLog(data_dir, monkeypatch, how):
        with pytest.raises(PartlySaved) as raised:
            engine.stop_all()
        assert f"Done: #{first['id']}, #{second['id']}" in str(raised.value)
        assert [b["status"] for b in engine.list_bots()] == ["stopped", "stopped"]
        assert engine.verify_invariants() == []
        engine.close()
    with _open(data_dir, clock) as engine:
        assert [b["status"] for b in engine.list_bots()] == ["stopped", "stopped"]


def test_a_bot_created_active_says_it_exists_but_did_not_start(data_dir, clock, scripted, monkeypatch, how):
    engine = _open(data_dir, clock)
    with BrokenLog(data_dir, monkeypatch, how):
        with pytest.raises(PartlySaved) as raised:
            new_bot(engine, status="active")
        assert "was created (it is stopped) but not started" in str(raised.value)
        assert [b["status"] for b in engine.list_bots()] == ["stopped"]
        engine.close()
    with _open(data_dir, clock) as engine:
        assert [b["status"] for b in engine.list_bots()] == ["stopped"]


def test_when_the_undo_fails_too_the_message_says_the_bot_is_running(data_dir, clock, scripted, monkeypatch):
    """The log and then the bot's own file refuse writes: the start cannot be undone, and the trader is told so."""
    engine = _open(data_dir, clock)
    bot = new_bot(engine)
    bot_file = data_dir / "bots" / f"bot-{bot['id']}.json"
    real = durable.atomic_write
    writes = {"bot": 0}

    real_append = applog.append_to

    def full_log(path, data, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(applog, "append_to", full_log)

    def failing(path, text, **kwargs):
        if path == bot_file:
            writes["bot"] += 1
            if writes["bot"] > 1:  # the start is saved; undoing it is not
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(path, text, **kwargs)

    monkeypatch.setattr(durable, "atomic_write", failing)
    with pytest.raises(PartlySaved) as raised:
        engine.start_bot(bot["id"])
    assert f"Bot #{bot['id']} was started and that is saved" in str(raised.value)
    assert engine.get_bot(bot["id"])["status"] == "active"
    assert _job(engine, bot["id"]).next_run_time is not None
    assert engine.verify_invariants() == []
    engine.close()
    monkeypatch.setattr(applog, "append_to", real_append)
    monkeypatch.setattr(durable, "atomic_write", real)
    saved, job = _reopened(data_dir, clock, bot["id"])
    assert saved["status"] == "active" and job.next_run_time is not None


def test_the_log_works_again_once_there_is_room(data_dir, clock, scripted, monkeypatch):
    engine = _open(data_dir, clock)
    bot = new_bot(engine)
    with BrokenLog(data_dir, monkeypatch, "enospc"), pytest.raises(StoreWriteError):
        engine.start_bot(bot["id"])
    engine.start_bot(bot["id"])
    assert engine.get_bot(bot["id"])["status"] == "active"
    assert _actions(engine, bot["id"])[0] == "START"
    engine.close()
    with _open(data_dir, clock) as engine:
        assert _actions(engine, bot["id"]) == ["START"]


def test_a_failed_write_does_not_fail_a_later_flush_or_close(data_dir):
    db = durable.DurableDB(data_dir / "t.json")
    db.insert("rows", {"v": 1})

    def disk_full(path, text):
        raise OSError(errno.ENOSPC, "No space left on device")

    db._write_hook = disk_full
    with pytest.raises(StoreWriteError):
        db.insert("rows", {"v": 2})
    db.flush()  # nothing unsaved: the lost change was rolled back and its caller told
    db._write_hook = None
    db.insert("rows", {"v": 3})
    db.close()
    with pytest.raises(LifecycleError):  # closed: the folder may already belong to the next engine
        db.insert("rows", {"v": 4})
    assert [r["v"] for r in durable.DurableDB(data_dir / "t.json").all("rows")] == [1, 3]
