"""An engine opened with ``start_scheduler=False`` (tools, benchmarks, page tests) checks its invariants truly."""

from qbx_engine import Engine
from qbx_engine.supervisor.jobs import job_id
from tests.engine.conftest import new_bot


def test_verify_invariants_before_the_scheduler_starts(data_dir, clock, scripted):
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        active, paused, stopped = (new_bot(engine, name=n)["id"] for n in ("A", "P", "S"))
        engine.start_bot(active)
        engine.start_bot(paused)
        engine.pause_bot(paused)
        assert not engine.supervisor.scheduler.running
        assert engine.verify_invariants() == []
        assert engine.health()["engine"]["jobs"] == 2

        engine.supervisor.scheduler.remove_job(job_id(active))  # a real disagreement is still found
        engine.supervisor.scheduler.resume_job(job_id(paused))
        assert engine.verify_invariants() == [f"bot {active} is active without a running job",
                                              f"bot {paused} is paused without a paused job"]
        assert stopped not in [int(j.id[4:]) for j in engine.supervisor.scheduler.get_jobs()]

    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:  # re-created on open, not started
        assert engine.verify_invariants() == []
