"""Asking the mentor against a local OpenAI-compatible server (tests/fake_llm.py) that misbehaves in every way a
real one can: streaming and not, refusals and server errors, a body that is not an answer, a dropped connection,
a hang, an answer that never ends, empty answers, reasoning blocks. Each ends in a clear message kept with the
question, never a traceback; the engine's own calls go on while an answer hangs; closing QuantumBotX or deleting
the day's conversation stops an answer in flight; nothing secret travels or is kept."""

from __future__ import annotations

import json
import threading

import pytest

from qbx_engine import Engine
from qbx_engine.core.clock import ManualClock
from qbx_engine.core.errors import ValidationError
from qbx_engine.mentor import chat
from qbx_engine.mentor.chat import ChatError
from qbx_engine.mentor.chatlog import FOLDER
from tests.fake_llm import Reply
from tests.mentor.week import READ_AT, THU

RIGHT = "Kamis, 26 November 2026 Anda rugi 45,74 USD dari 7 trade; tilt pukul 20:05–21:06 memakan 122,50 USD."
WAIT = 120  # a bound on waiting for a turn that must end by itself, never a measure of speed


@pytest.fixture
def mentor(week, llm):
    engine, _ = week
    engine.update_settings(mentor_ai_url=llm.url, mentor_ai_model="qwen2.5:7b", mentor_ai_timeout=30)
    return engine, llm


def answered(turn) -> dict:
    assert turn.wait(WAIT), "the turn did not end"
    return turn.record


@pytest.mark.parametrize("stream", [True, False])
def test_an_answer_streamed_or_whole_is_checked_and_kept_across_a_restart(mentor, data_dir, stream):
    engine, llm = mentor
    engine.update_settings(mentor_ai_stream=stream)
    llm.then(Reply(RIGHT, delay=0.01))
    turn = engine.mentor.ask("  Kenapa hari Kamis rugi?  ", THU)
    assert turn.thread.name == "qbx-mentor-chat" and turn.thread is not threading.current_thread()
    events = list(turn.events())
    texts = [e["text"] for e in events if e["kind"] == "text"]
    assert events[0] == {"kind": "attempt", "n": 1, "problems": []} and events[-1]["kind"] == "done"
    assert "".join(texts) == RIGHT and (len(texts) > 5 if stream else len(texts) == 1)
    record = turn.record
    assert (record["status"], record["answer"], record["question"], record["marks"]) == \
        ("verified", RIGHT, "Kenapa hari Kamis rugi?", [])
    (request,) = llm.chats()
    assert request["stream"] is stream and request["model"] == "qwen2.5:7b"
    assert request["messages"][0]["role"] == "system" and "# FAKTA JURNAL TRADING" in request["messages"][0]["content"]
    assert request["messages"][-1] == {"role": "user", "content": "Kenapa hari Kamis rugi?"}
    engine.close()
    with Engine.open(data_dir, clock=ManualClock(READ_AT), start_scheduler=False) as again:
        (kept,) = again.mentor.conversation(THU)
        assert (kept["status"], kept["answer"], kept["model"]) == ("verified", RIGHT, "qwen2.5:7b")
        assert again.mentor.conversation_days() == [THU.isoformat()]


@pytest.mark.parametrize(("reply", "key", "detail"), [
    (Reply(status=401, error="invalid api key"), "mentor.chat.err.auth", None),
    (Reply(status=403), "mentor.chat.err.auth", None),
    (Reply(status=404, error='model "qwen2.5:7b" not found, try pulling it first'), "mentor.chat.err.not_found",
     'model "qwen2.5:7b" not found, try pulling it first'),
    (Reply(status=429), "mentor.chat.err.rate_limit", None),
    (Reply(status=400, error="the input exceeds the context length"), "mentor.chat.err.refused",
     "the input exceeds the context length"),
    (Reply(status=500, error="CUDA out of memory"), "mentor.chat.err.server", "CUDA out of memory"),
    (Reply(status=503), "mentor.chat.err.server", None),
    (Reply(garbage=True), "mentor.chat.err.garbled", None),
])
@pytest.mark.parametrize("stream", [True, False])
def test_a_refusing_or_failing_server_gives_a_message(mentor, reply, key, detail, stream):
    engine, llm = mentor
    engine.update_settings(mentor_ai_stream=stream)
    llm.then(reply)
    record = answered(engine.mentor.ask("Kenapa hari Kamis rugi?", THU))
    assert record["status"] == "failed" and record["problem"]["key"] == key
    assert record["problem"]["params"]["host"] == llm.url.rsplit("/", 1)[0]
    if detail is not None:
        assert record["problem"]["params"]["detail"] == detail
    assert engine.mentor.conversation(THU)[-1]["problem"] == record["problem"]


def test_no_server_listening_and_a_dropped_connection(mentor):
    engine, llm = mentor
    llm.then(Reply(RIGHT, drop=True))
    assert answered(engine.mentor.ask("Kenapa hari Kamis rugi?", THU))["problem"]["key"] == "mentor.chat.err.dropped"
    engine.update_settings(mentor_ai_url="http://127.0.0.1:9/v1")
    record = answered(engine.mentor.ask("Kenapa hari Kamis rugi?", THU))
    assert record["problem"] == {"key": "mentor.chat.err.connect", "params": {"host": "http://127.0.0.1:9"}}


def test_a_hanging_server_times_out_while_the_engine_goes_on(mentor):
    engine, llm = mentor
    llm.then(Reply(hang=True), Reply(hang=True))
    bot = engine.list_bots()[0]["id"]
    ticked_before = engine.get_bot(bot)["last_tick_at"]
    turn = engine.mentor.ask("Kenapa hari Kamis rugi?", THU)
    assert llm.hanging.wait(WAIT)
    assert engine.mentor.chat.running(THU) is turn  # the turn is waiting on the server here...
    engine.run_tick(bot)  # ticks, queries and the mentor's report all go on meanwhile
    assert engine.get_bot(bot)["last_tick_at"] != ticked_before
    assert engine.mentor.report(THU)["summary"]["total_trades"] == 7
    assert not turn.done
    with pytest.raises(ChatError) as busy:
        engine.mentor.ask("Dan hari Jumat?", THU)
    assert busy.value.msg.key == "mentor.chat.err.busy"
    llm.release.set()  # the server gives up without a word
    assert answered(turn)["problem"]["key"] == "mentor.chat.err.connect"
    engine.update_settings(mentor_ai_timeout=1)
    llm.rearm()
    llm.then(Reply(hang=True))
    record = answered(engine.mentor.ask("Kenapa hari Kamis rugi?", THU))
    assert record["problem"] == {"key": "mentor.chat.err.timeout",
                                 "params": {"host": llm.url.rsplit("/", 1)[0], "seconds": 1}}


@pytest.mark.parametrize("reply", [Reply(trickle=True, delay=0.05), Reply(pings=True, delay=0.05)])
def test_an_answer_that_never_ends_is_stopped_by_the_watchdog(mentor, reply, monkeypatch):
    engine, llm = mentor
    monkeypatch.setattr(chat, "TOTAL_FACTOR", 2)  # the watchdog after 2 s, not 4: each piece still comes in time
    engine.update_settings(mentor_ai_timeout=1)
    llm.then(reply)
    record = answered(engine.mentor.ask("Kenapa hari Kamis rugi?", THU))
    assert record["problem"] == {"key": "mentor.chat.err.too_slow",
                                 "params": {"host": llm.url.rsplit("/", 1)[0], "seconds": 2}}


def test_empty_answers_and_reasoning(mentor):
    engine, llm = mentor
    llm.then(Reply(""), Reply("   "))
    record = answered(engine.mentor.ask("Kenapa hari Kamis rugi?", THU))
    assert (record["status"], record["problem"]["key"], record["attempts"]) == ("failed", "mentor.chat.err.empty", 2)
    assert "jawabannya kosong" in llm.chats()[1]["messages"][-1]["content"]
    llm.then(Reply(f"<think>Hmm, 999 USD? Tidak, cek fakta dulu.</think>{RIGHT}", reasoning="Menimbang 12345."))
    turn = engine.mentor.ask("Kenapa hari Kamis rugi?", THU)
    kinds = [e["kind"] for e in turn.events()]
    assert "thinking" in kinds
    assert (turn.record["status"], turn.record["answer"]) == ("verified", RIGHT)


def test_a_question_is_checked_before_anything_is_sent(mentor):
    engine, llm = mentor
    for bad, key in (("   ", "mentor.chat.err.question_empty"), ("x" * 1001, "mentor.chat.err.question_long"),
                     ("kenapa\x00rugi", "mentor.chat.err.question_control"), (None, "mentor.chat.err.question_empty")):
        with pytest.raises(ValidationError) as refused:
            engine.mentor.ask(bad, THU)
        assert refused.value.field_errors["question"].key == key
    with pytest.raises(ValidationError):
        engine.mentor.ask("Kenapa?", "26-11-2026")
    assert llm.requests == [] and engine.mentor.conversation(THU) == []


def test_deleting_a_day_removes_its_file_and_drops_an_answer_still_coming(mentor, data_dir):
    engine, llm = mentor
    llm.then(Reply(RIGHT))
    answered(engine.mentor.ask("Kenapa hari Kamis rugi?", THU))
    path = data_dir / FOLDER / f"{THU.isoformat()}.json"
    assert path.exists()
    llm.then(Reply(hang=True))
    hanging = engine.mentor.ask("Dan hari Jumat?", THU)
    assert llm.hanging.wait(WAIT)
    assert engine.mentor.forget(THU) == 2
    assert not path.exists() and engine.mentor.conversation(THU) == [] and engine.mentor.conversation_days() == []
    llm.release.set()
    answered(hanging)
    assert engine.mentor.conversation(THU) == [] and not path.exists()  # the late answer was not saved
    llm.rearm()
    llm.then(Reply(RIGHT))
    answered(engine.mentor.ask("Kenapa hari Kamis rugi?", THU))
    assert [t["status"] for t in engine.mentor.conversation(THU)] == ["verified"]


def test_closing_stops_an_answer_in_flight_and_writes_nothing_after(mentor, data_dir):
    engine, llm = mentor
    llm.then(Reply(hang=True))
    turn = engine.mentor.ask("Kenapa hari Kamis rugi?", THU)
    assert llm.hanging.wait(WAIT)
    engine.close()
    assert engine.mentor.chat.sealed
    with Engine.open(data_dir, clock=ManualClock(READ_AT), start_scheduler=False) as again:
        (kept,) = again.mentor.conversation(THU)
        assert kept["status"] == "failed"
        assert kept["problem"]["key"] in ("mentor.chat.err.cancelled", "mentor.chat.err.interrupted")
        llm.release.set()
        turn.wait(WAIT)
        assert again.mentor.conversation(THU) == [kept]


def test_nothing_secret_travels_or_is_kept(mentor, monkeypatch, data_dir):
    engine, llm = mentor
    key = "sk-mentor-test-0123456789"
    monkeypatch.setenv("QBX_MENTOR_AI_KEY", key)
    for name, value in (("OPENAI_API_KEY", "sk-openai-elsewhere"), ("OPENAI_ORG_ID", "org-elsewhere"),
                        ("OPENAI_PROJECT_ID", "proj-elsewhere"), ("OPENAI_ADMIN_KEY", "admin-elsewhere"),
                        ("QBX_MT5_PASSWORD", "mt5-secret-pass"), ("QBX_TELEGRAM_TOKEN", "123456:tg-secret")):
        monkeypatch.setenv(name, value)
    llm.then(Reply(RIGHT), Reply(status=500, error=f"upstream rejected key {key}"))
    answered(engine.mentor.ask("Kenapa hari Kamis rugi?", THU))
    failed = answered(engine.mentor.ask("Kenapa hari Kamis rugi?", THU))
    assert failed["problem"]["params"]["detail"] == "upstream rejected key ***"
    for request in llm.requests:
        headers = {k.lower(): v for k, v in request["headers"].items()}
        assert headers["authorization"] == f"Bearer {key}"
        sent = json.dumps(headers) + json.dumps(request["body"])
        for secret in ("sk-openai-elsewhere", "org-elsewhere", "proj-elsewhere", "admin-elsewhere",
                       "mt5-secret-pass", "tg-secret"):
            assert secret not in sent
        assert key not in json.dumps(request["body"])
    kept = (data_dir / FOLDER / f"{THU.isoformat()}.json").read_text(encoding="utf-8")
    assert key not in kept and "elsewhere" not in kept


def test_a_question_left_without_answer_by_a_crash_says_so(mentor):
    engine, _ = mentor
    engine.mentor.chat.log.add(THU, {"ts": READ_AT, "question": "Kenapa?", "lang": "id", "status": "pending"})
    (turn,) = engine.mentor.conversation(THU)
    assert (turn["status"], turn["problem"]["key"]) == ("failed", "mentor.chat.err.interrupted")
