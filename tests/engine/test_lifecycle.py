"""Every lifecycle call and status transition, legal and illegal, with the scheduler agreeing."""

import pytest

from qbx_engine import Engine
from qbx_engine.core.errors import DataDirLocked, LifecycleError, UnknownBot, ValidationError
from qbx_engine.core.i18n import render
from tests.engine.conftest import force, into_error, new_bot


def job(engine, bot_id):
    """The bot's schedule as the engine reports it (None: no job)."""
    return engine.health()["bots"].get(bot_id, {}).get("job")


def actions(engine, bot_id):
    return [e["action"] for e in reversed(engine.events(bot_id=bot_id, limit=None))]


def test_a_new_bot_is_stopped_with_every_documented_field(engine):
    bot = new_bot(engine)
    for field in ("id", "name", "market", "timeframe", "strategy_name", "strategy_params", "risk_percent", "sl_pips",
                  "tp_pips", "check_interval", "status", "last_analysis", "last_tick_at", "error_streak"):
        assert field in bot
    assert bot["status"] == "stopped" and job(engine, bot["id"]) is None
    assert engine.store.bots.get(bot["id"])["status"] == "stopped"


def test_a_bot_created_active_starts_at_once(engine):
    bot = new_bot(engine, status="active")
    assert bot["status"] == "active"
    assert job(engine, bot["id"])["state"] == "running"
    assert actions(engine, bot["id"]) == ["START"]


def test_start_pause_resume_stop_keep_store_and_scheduler_in_step(engine):
    bot_id = new_bot(engine)["id"]
    assert engine.start_bot(bot_id)["status"] == "active"
    assert job(engine, bot_id)["state"] == "running"
    assert engine.pause_bot(bot_id)["status"] == "paused"
    assert job(engine, bot_id)["state"] == "paused"
    assert engine.resume_bot(bot_id)["status"] == "active"
    assert job(engine, bot_id)["state"] == "running"
    assert engine.stop_bot(bot_id)["status"] == "stopped"
    assert job(engine, bot_id) is None
    assert actions(engine, bot_id) == ["START", "PAUSE", "RESUME", "STOP"]
    assert engine.verify_invariants() == []
    assert engine.store.bots.get(bot_id)["status"] == "stopped"


def test_repeating_a_call_is_a_no_op(engine):
    bot_id = new_bot(engine)["id"]
    engine.stop_bot(bot_id)
    engine.start_bot(bot_id)
    engine.start_bot(bot_id)
    engine.resume_bot(bot_id)  # already active
    engine.pause_bot(bot_id)
    engine.pause_bot(bot_id)
    assert actions(engine, bot_id) == ["START", "PAUSE"]
    assert engine.verify_invariants() == []


def test_start_on_a_paused_bot_resumes_it(engine):
    bot_id = new_bot(engine, status="active")["id"]
    engine.pause_bot(bot_id)
    assert engine.start_bot(bot_id)["status"] == "active"
    assert actions(engine, bot_id)[-1] == "RESUME"


@pytest.mark.parametrize("call, status", [("pause_bot", "stopped"), ("resume_bot", "stopped"),
                                          ("pause_bot", "error"), ("resume_bot", "error")])
def test_illegal_transitions_raise_and_change_nothing(engine, call, status):
    bot_id = new_bot(engine)["id"]
    if status == "error":
        engine.start_bot(bot_id)
        into_error(engine, bot_id)
    before = engine.events(bot_id=bot_id, limit=None)
    with pytest.raises(LifecycleError) as raised:
        getattr(engine, call)(bot_id)
    assert engine.get_bot(bot_id)["status"] == status
    assert engine.events(bot_id=bot_id, limit=None) == before
    assert "Stopped" in str(raised.value) or "Error" in str(raised.value)
    assert raised.value.message("id")
    assert engine.verify_invariants() == []


def test_error_bots_can_be_stopped_or_restarted_which_clears_the_streak(engine):
    bot_id = new_bot(engine, status="active")["id"]
    into_error(engine, bot_id)
    assert engine.get_bot(bot_id)["error_streak"] == 5
    assert engine.start_bot(bot_id)["error_streak"] == 0
    into_error(engine, bot_id)
    assert engine.stop_bot(bot_id)["status"] == "stopped"
    assert engine.verify_invariants() == []


def test_unknown_and_deleted_bots(engine):
    with pytest.raises(UnknownBot) as raised:
        engine.start_bot(999)
    assert "999" in str(raised.value) and "tidak ada" in raised.value.message("id")
    bot_id = new_bot(engine, status="active")["id"]
    engine.delete_bot(bot_id)
    for call in ("start_bot", "pause_bot", "resume_bot", "stop_bot", "get_bot", "run_tick", "delete_bot"):
        with pytest.raises(UnknownBot):
            getattr(engine, call)(bot_id)
    with pytest.raises(UnknownBot):
        engine.update_bot(bot_id, name="x")
    assert job(engine, bot_id) is None and engine.store.bots.get(bot_id) is None
    assert engine.verify_invariants() == []


def test_delete_closes_or_leaves_the_position_as_asked(engine, clock, scripted):
    keep = new_bot(engine, status="active")["id"]
    close = new_bot(engine, status="active", market="GBPUSD")["id"]
    force(engine, "BUY")
    engine.run_tick(keep)
    engine.run_tick(close)
    kept_ticket = engine.get_bot(keep)["position_ticket"]
    assert kept_ticket and engine.get_bot(close)["position_ticket"]
    engine.delete_bot(keep, close_position=False)
    engine.delete_bot(close, close_position=True)
    open_magics = [p.magic for p in engine.broker.positions()]
    assert open_magics == [keep]
    journaled = engine.trades(bot_id=close)
    assert len(journaled) == 1 and journaled[0]["reason"] == "manual"
    messages = [render(e["msg"], "en") for e in engine.events(actions=["DELETE"], limit=None)]
    assert any("left at the broker" in m for m in messages) and any("was closed" in m for m in messages)


def test_update_validates_and_changes_nothing_on_bad_input(engine):
    bot_id = new_bot(engine)["id"]
    before = engine.get_bot(bot_id)
    for changes in ({"risk_percent": -1}, {"check_interval": 0}, {"market": "NOPE"}, {"timeframe": "M7"},
                    {"strategy_name": "martingale"}, {"status": "active"}, {"sl_pips": "abc"},
                    {"name": "   "}):
        with pytest.raises(ValidationError):
            engine.update_bot(bot_id, **changes)
    assert engine.get_bot(bot_id) == before
    assert engine.store.bots.get(bot_id)["risk_percent"] == before["risk_percent"]
    assert "UPDATE" not in actions(engine, bot_id)


def test_update_applies_from_the_next_tick_and_keeps_the_position(engine, clock):
    bot_id = new_bot(engine, status="active")["id"]
    force(engine, "BUY")
    engine.run_tick(bot_id)
    ticket = engine.get_bot(bot_id)["position_ticket"]
    engine.pause_bot(bot_id)  # a strategy changes while the bot is not trading
    updated = engine.update_bot(bot_id, strategy_name="ma_crossover", strategy_params={"fast_period": 5,
                                                                                      "slow_period": 9},
                                risk_percent=2.5)
    assert updated["strategy_params"] == {"fast_period": 5, "slow_period": 9, "ma_type": "sma"}
    assert updated["position_ticket"] == ticket
    engine.resume_bot(bot_id)
    clock.advance(60)
    engine.run_tick(bot_id)
    assert engine.get_bot(bot_id)["last_analysis"]["strategy"] == "ma_crossover"
    assert "MA5" in render(engine.get_bot(bot_id)["last_analysis"]["reason"], "en")
    assert "UPDATE" in actions(engine, bot_id)


def test_partial_parameter_edit_keeps_the_other_parameters(engine):
    bot_id = new_bot(engine, strategy_name="rsi_reversal", strategy_params={"rsi_period": 9})["id"]
    engine.update_bot(bot_id, strategy_params={"oversold": 25})
    assert engine.get_bot(bot_id)["strategy_params"] == {"rsi_period": 9, "oversold": 25.0, "overbought": 70.0}


def test_an_interval_change_reschedules_and_keeps_a_pause(engine):
    bot_id = new_bot(engine, status="active", check_interval=60)["id"]
    engine.update_bot(bot_id, check_interval=5)
    assert job(engine, bot_id)["interval"] == 5
    engine.pause_bot(bot_id)
    engine.update_bot(bot_id, check_interval=7)
    assert job(engine, bot_id)["interval"] == 7
    assert job(engine, bot_id)["state"] == "paused"
    assert engine.verify_invariants() == []


def test_start_all_and_stop_all(engine):
    ids = [new_bot(engine, name=f"b{i}")["id"] for i in range(4)]
    engine.start_bot(ids[1])
    engine.pause_bot(ids[1])
    engine.start_bot(ids[2])
    into_error(engine, ids[2])
    outcome = engine.start_all()
    assert sorted(outcome["started"]) == [ids[0], ids[1], ids[3]] and outcome["skipped"] == [ids[2]]
    assert [engine.get_bot(i)["status"] for i in ids] == ["active", "active", "error", "active"]
    assert sorted(engine.stop_all()["stopped"]) == sorted(ids)
    assert {engine.get_bot(i)["status"] for i in ids} == {"stopped"}
    assert engine.verify_invariants() == []


def test_a_second_engine_on_the_same_folder_is_refused(engine, data_dir):
    with pytest.raises(DataDirLocked):
        Engine.open(data_dir)


def test_close_is_idempotent_and_later_calls_are_refused(data_dir, scripted):
    engine = Engine.open(data_dir)
    bot_id = new_bot(engine, status="active")["id"]
    engine.close()
    engine.close()
    with pytest.raises(LifecycleError):
        engine.start_bot(bot_id)
    with Engine.open(data_dir) as again:  # the folder is free again, and the bot still active
        assert again.get_bot(bot_id)["status"] == "active"
        assert job(again, bot_id)["state"] == "running"


def test_create_rejects_bad_input_and_saves_nothing(engine):
    bad = [{"name": "x"}, {"market": "EURUSD"}, {"name": "x", "market": "EURUSD", "risk_percent": 0},
           {"name": "x", "market": "EURUSD", "check_interval": 0},
           {"name": "x", "market": "EURUSD", "status": "paused"},
           {"name": "x", "market": "EURUSD", "strategy_name": "ma_crossover", "strategy_params": {"fast_period": 999}},
           {"name": "x", "market": "EURUSD", "sl_pips": -5}, {"name": "x" * 61, "market": "EURUSD"},
           {"name": "x", "market": "EURUSD", "colour": "red"}, "not a dict"]
    for data in bad:
        with pytest.raises(ValidationError) as raised:
            engine.create_bot(data)
        assert raised.value.field_errors
    assert engine.list_bots() == [] and engine.store.bots.count() == 0


def test_validation_messages_name_the_field_in_both_languages(engine):
    with pytest.raises(ValidationError) as raised:
        engine.create_bot({"name": "x", "market": "EURUSD", "risk_percent": 50, "check_interval": 0})
    errors = raised.value.field_errors
    assert set(errors) == {"risk_percent", "check_interval"}
    assert "between 0.01% and 10.0%" in render(errors["risk_percent"], "en")
    assert "antara 0,01% dan 10,0%" in render(errors["risk_percent"], "id")
