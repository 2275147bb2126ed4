"""Ask the mentor: a question answered by an OpenAI-compatible model from the facts packet, checked, and kept.

Each question runs in a thread of its own (``qbx-mentor-chat``), never on the scheduler's workers, and holds no
engine lock while the model writes: ticks go on whatever the endpoint does. The page reads the answer as it comes
(:meth:`Turn.events`); the answer is saved when it ends, even if nobody is reading any more.

Every answer is checked (:mod:`.audit`). One that states a number the packet does not (or not as that kind of
number, or an amount the wrong way round), names a weekday that does not fit its date, comes back empty or in the
wrong language is asked for once more, with the problem named; if the second answer still has numbers the packet
cannot back, it is kept with those numbers marked as unverified. A
server that refuses, fails, stalls or hangs ends the turn with a message saying which, never a traceback: the
wait for each piece of the answer is the trader's time limit, and a watchdog stops the whole answer after
``TOTAL_FACTOR`` times that.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import openai
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam

from ..core.errors import QbxError, ValidationError
from ..core.i18n import Msg, render, t
from .audit import Check, check, mentions
from .chatlog import ChatLog
from .endpoint import Endpoint
from .packet import Packet

log = logging.getLogger(__name__)

QUESTION_MAX = 1000
CONNECT_TIMEOUT = 5.0
TOTAL_FACTOR = 4
MAX_TOKENS = 900
TEMPERATURE = 0.2
HISTORY_TURNS = 4
# How long closing (or deleting a day) waits for an answer to stop. A request blocked in the network cannot be
# interrupted from outside; it is left to its own time limit and, once the chat is closed, writes nothing.
STOP_WAIT = 1.0
DETAIL_MAX = 200
THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S)


class ChatError(QbxError):
    """The mentor cannot take a question now (not set up, not allowed to send, still answering)."""


def clean_question(question) -> str:
    """The trader's question, or ValidationError saying what is wrong with it."""
    if not isinstance(question, str) or not question.strip():
        raise ValidationError.one("question", "mentor.chat.err.question_empty")
    text = question.strip()
    if len(text) > QUESTION_MAX:
        raise ValidationError.one("question", "mentor.chat.err.question_long", max=QUESTION_MAX, length=len(text))
    if any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\n\t" for ch in text):
        raise ValidationError.one("question", "mentor.chat.err.question_control")
    return text


@dataclass(frozen=True)
class Request:
    """One question with everything needed to answer it (the packet was built before the thread starts)."""

    day: date
    question: str
    lang: str
    packet: Packet
    endpoint: Endpoint
    timeout: float
    stream: bool
    history: tuple[dict, ...] = ()
    questions: tuple[str, ...] = ()  # the trader's own words today, whose numbers are theirs to repeat


def messages(request: Request) -> list[ChatCompletionMessageParam]:
    system = t("mentor.chat.system", request.lang) + "\n\n" + request.packet.text(request.lang)
    out: list[ChatCompletionMessageParam] = [{"role": "system", "content": system}]
    for turn in request.history[-HISTORY_TURNS:]:
        out += [{"role": "user", "content": turn["question"]}, {"role": "assistant", "content": turn["answer"]}]
    return out + [{"role": "user", "content": request.question}]


def correction(problems: list[Msg], lang: str) -> str:
    """What the model is told when its answer broke the rules: each problem, then what to do."""
    named = "; ".join(render(p, lang) for p in problems)
    return f"{t('mentor.chat.fix.intro', lang)} {named}. {t('mentor.chat.fix.outro', lang)}"


class Stopped(Exception):
    """The answer was stopped by the watchdog or a cancel; ``msg`` says which."""

    def __init__(self, msg: Msg):
        super().__init__(msg.key)
        self.msg = msg


@dataclass
class _Attempt:
    text: str = ""
    finish: str | None = None


class Turn:
    """One question being answered. Read :meth:`events` (as the page does) or :meth:`wait` for :attr:`record`."""

    def __init__(self, request: Request, owner: Chat, turn_id: int, generation: int, asked_at: float):
        self.request = request
        self.id = turn_id
        self.asked_at = asked_at
        self._owner = owner
        self._generation = generation
        self._events: queue.Queue[dict] = queue.Queue()
        self._done = threading.Event()
        self._cancelled = threading.Event()
        self._expired = threading.Event()
        self._closer: Callable[[], None] | None = None
        self._closer_lock = threading.Lock()
        self.record: dict | None = None
        self.thread = threading.Thread(target=self._run, name="qbx-mentor-chat", daemon=True)

    # -- for the reader ----------------------------------------------------------------------------------------
    def events(self) -> Iterator[dict]:
        """``{"kind": "attempt", "n", "problems"}``, ``{"kind": "text", "text"}``, ``{"kind": "thinking"}``, then
        ``{"kind": "done", "turn": record}``. Each event is handed out once."""
        while True:
            event = self._events.get()
            yield event
            if event["kind"] == "done":
                return

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def cancel(self) -> None:
        self._cancelled.set()
        self._close_stream()

    # -- the work ----------------------------------------------------------------------------------------------
    def _emit(self, kind: str, **fields: Any) -> None:
        self._events.put({"kind": kind, **fields})

    def _run(self) -> None:
        started = time.monotonic()
        watchdog = threading.Timer(self.request.timeout * TOTAL_FACTOR, self._expire)
        watchdog.daemon = True
        watchdog.start()
        try:
            outcome = self._answer()
        except Stopped as stop:
            outcome = {"status": "failed", "problem": stop.msg.to_json()}
        except openai.OpenAIError as exc:
            outcome = {"status": "failed", "problem": self._problem(exc).to_json()}
        except Exception as exc:  # noqa: BLE001 - the trader gets a message, the log gets the traceback
            log.exception("mentor chat: unexpected failure")
            outcome = {"status": "failed", "problem": Msg("mentor.chat.err.unexpected",
                                                          {"kind": type(exc).__name__}).to_json()}
        finally:
            watchdog.cancel()
        outcome["seconds"] = round(time.monotonic() - started, 1)
        self._owner.save(self.request.day, self.id, outcome, self._generation)
        self.record = {"id": self.id, "ts": self.asked_at, "question": self.request.question, "lang": self.request.lang,
                       "model": self.request.endpoint.model, "host": self.request.endpoint.host,
                       "where": self.request.endpoint.where, **outcome}
        self._owner.ended(self)
        self._done.set()
        self._emit("done", turn=self.record)

    def _answer(self) -> dict:
        request = self.request
        facts = request.packet.facts(request.questions)
        conversation = messages(request)
        notes: list[dict] = []
        verdict: Check | None = None
        answer = ""
        finish = None
        attempts = 0
        for n in (1, 2):
            attempts = n
            problems = verdict.problems() if verdict is not None else []
            self._emit("attempt", n=n, problems=[p.to_json() for p in problems])
            attempt = self._complete(conversation)
            answer, finish = THINK.sub("", attempt.text).strip(), attempt.finish
            verdict = check(answer, facts, request.lang)
            if verdict.ok or n == 2:
                break
            notes.append(Msg("mentor.chat.note.retried", {"problems": "; ".join(
                render(p, request.lang) for p in verdict.problems())}).to_json())
            conversation = conversation + [{"role": "assistant", "content": answer},
                                           {"role": "user", "content": correction(verdict.problems(), request.lang)}]
        assert verdict is not None
        if verdict.empty:
            return {"status": "failed", "problem": Msg("mentor.chat.err.empty").to_json(), "notes": notes,
                    "attempts": attempts}
        if verdict.wrong_language:
            notes.append(Msg("mentor.chat.note.language", {
                "got": Msg(f"mentor.chat.lang.{verdict.language}"),
                "wanted": Msg(f"mentor.chat.lang.{request.lang}")}).to_json())
        if finish == "length":
            notes.append(Msg("mentor.chat.note.cut").to_json())
        marks = verdict.marks()
        told = [p for p in verdict.problems() if p.key.startswith("mentor.audit.fix.")]
        if marks and told:  # an amount told the wrong way round, words that cannot be checked: say which
            notes.append(Msg("mentor.audit.note.marked", {"problems": "; ".join(
                render(p, request.lang) for p in told)}).to_json())
        return {"status": "unverified" if marks else "verified", "answer": answer, "marks": sorted(marks),
                "notes": notes, "attempts": attempts, "numbers": len(mentions(answer))}

    def _complete(self, conversation: list[ChatCompletionMessageParam]) -> _Attempt:
        """One answer from the endpoint, streamed into events as it comes."""
        request, endpoint = self.request, self.request.endpoint
        client = openai.OpenAI(base_url=endpoint.url, api_key=endpoint.api_key or "no-key-needed", max_retries=0,
                               timeout=openai.Timeout(request.timeout, connect=min(CONNECT_TIMEOUT, request.timeout)))
        # A variable like OPENAI_ORG_ID set for another program must not travel to this endpoint.
        client.organization = client.project = client.admin_api_key = None
        attempt = _Attempt()
        try:
            self._set_closer(client.close)
            if request.stream:
                stream = client.chat.completions.create(model=endpoint.model, messages=conversation, stream=True,
                                                        max_tokens=MAX_TOKENS, temperature=TEMPERATURE)
                self._set_closer(stream.close)
                thinking = False
                pieces = 0
                for chunk in stream:
                    self._check_stopped()
                    thinking = self._take(chunk, attempt, thinking)
                    pieces += 1
                self._check_stopped()
                if not pieces:  # a 200 whose body held no event at all: not a chat server's answer
                    raise Stopped(Msg("mentor.chat.err.garbled", {"host": endpoint.host}))
                if attempt.finish is None:  # every OpenAI-compatible server ends a whole answer with its reason
                    raise Stopped(Msg("mentor.chat.err.dropped", {"host": endpoint.host}))
            else:
                reply = client.chat.completions.create(model=endpoint.model, messages=conversation, stream=False,
                                                       max_tokens=MAX_TOKENS, temperature=TEMPERATURE)
                self._check_stopped()
                if not isinstance(reply, ChatCompletion):  # a proxy's page, or JSON of another shape
                    raise Stopped(Msg("mentor.chat.err.garbled", {"host": endpoint.host}))
                choice = reply.choices[0] if reply.choices else None
                attempt.text = (choice.message.content or "") if choice else ""
                attempt.finish = choice.finish_reason if choice else None
                visible = THINK.sub("", attempt.text)
                if visible:
                    self._emit("text", text=visible)
        except Exception:
            self._check_stopped()  # a connection closed by the watchdog or a cancel fails in whatever way it fails
            raise
        finally:
            self._set_closer(None)
            client.close()
        self._check_stopped()
        return attempt

    def _take(self, chunk, attempt: _Attempt, thinking: bool) -> bool:
        """Add one streamed piece; the model's reasoning (``<think>`` or a reasoning field) is not shown."""
        if not chunk.choices:
            return thinking
        choice = chunk.choices[0]
        if choice.finish_reason:
            attempt.finish = choice.finish_reason
        delta = choice.delta
        piece = delta.content if delta is not None else None
        extra = (delta.model_extra or {}) if delta is not None else {}
        if not piece:
            if extra.get("reasoning_content") or extra.get("reasoning"):
                self._emit("thinking")
            return thinking
        before = len(THINK.sub("", attempt.text))
        attempt.text += piece
        visible = THINK.sub("", attempt.text)
        now_thinking = attempt.text.count("<think>") > attempt.text.count("</think>")
        if now_thinking and not thinking:
            self._emit("thinking")
        if len(visible) > before:
            self._emit("text", text=visible[before:])
        return now_thinking

    # -- stopping ----------------------------------------------------------------------------------------------
    def _set_closer(self, closer: Callable[[], None] | None) -> None:
        with self._closer_lock:
            self._closer = closer
        if closer is not None and (self._expired.is_set() or self._cancelled.is_set()):
            self._close_stream()

    def _close_stream(self) -> None:
        with self._closer_lock:
            closer = self._closer
        if closer is not None:
            try:
                closer()
            except Exception:  # noqa: BLE001 - closing a connection mid-read may complain; the reader stops anyway
                log.debug("mentor chat: closing the answer's connection", exc_info=True)

    def _expire(self) -> None:
        self._expired.set()
        self._close_stream()

    def _check_stopped(self) -> None:
        if self._cancelled.is_set():
            raise Stopped(Msg("mentor.chat.err.cancelled"))
        if self._expired.is_set():
            raise Stopped(Msg("mentor.chat.err.too_slow", {"host": self.request.endpoint.host,
                                                           "seconds": round(self.request.timeout * TOTAL_FACTOR)}))

    # -- what went wrong ------------------------------------------------------------------------------------------
    def _problem(self, exc: openai.OpenAIError) -> Msg:
        endpoint = self.request.endpoint
        host = endpoint.host
        status = getattr(exc, "status_code", None)
        detail = self._detail(exc)
        log.warning("mentor chat: %s from %s (%s)", type(exc).__name__, host, status or "no status")
        if isinstance(exc, openai.APITimeoutError):
            return Msg("mentor.chat.err.timeout", {"host": host, "seconds": round(self.request.timeout)})
        if isinstance(exc, openai.APIConnectionError):
            return Msg("mentor.chat.err.connect", {"host": host})
        if isinstance(exc, (openai.AuthenticationError, openai.PermissionDeniedError)):
            return Msg("mentor.chat.err.auth", {"host": host, "status": status})
        if isinstance(exc, openai.NotFoundError):
            return Msg("mentor.chat.err.not_found", {"host": host, "model": endpoint.model, "detail": detail})
        if isinstance(exc, openai.RateLimitError):
            return Msg("mentor.chat.err.rate_limit", {"host": host})
        if isinstance(exc, openai.APIStatusError) and status is not None and status < 500:
            return Msg("mentor.chat.err.refused", {"host": host, "status": status, "detail": detail})
        if isinstance(exc, openai.APIStatusError):
            return Msg("mentor.chat.err.server", {"host": host, "status": status, "detail": detail})
        return Msg("mentor.chat.err.garbled", {"host": host})

    def _detail(self, exc: openai.OpenAIError) -> str:
        """The server's own words about a refusal, short and without anything secret."""
        body = getattr(exc, "body", None)
        text = body.get("message") if isinstance(body, dict) else None
        if not isinstance(text, str):
            return ""
        for secret in self.request.endpoint.secrets():
            text = text.replace(secret, "***")
        text = " ".join(text.split())
        return text if len(text) <= DETAIL_MAX else text[:DETAIL_MAX - 1] + "…"


@dataclass
class Chat:
    """The questions in flight (at most one per day) and the conversation log."""

    log: ChatLog
    now: Callable[[], float]
    _turns: dict[date, Turn] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    closed: bool = False
    sealed: bool = False  # after close: nothing more is written to the data folder

    def start(self, request: Request) -> Turn:
        with self._lock:
            if self.closed:
                raise ChatError("err.engine_closed")
            running = self._turns.get(request.day)
            if running is not None and not running.done:
                raise ChatError("mentor.chat.err.busy")
            turn_id, generation = self.log.add(request.day, {
                "ts": self.now(), "question": request.question, "lang": request.lang, "status": "pending",
                "model": request.endpoint.model, "host": request.endpoint.host, "where": request.endpoint.where})
            turn = Turn(request, self, turn_id, generation, self.now())
            self._turns[request.day] = turn
        turn.thread.start()
        return turn

    def save(self, day: date, turn_id: int, outcome: dict, generation: int) -> None:
        """Complete a turn in the log (not once closed, not into a day deleted since; a full disk is logged)."""
        with self._lock:
            if self.sealed:
                return
            try:
                self.log.update(day, turn_id, outcome, generation)
            except QbxError as exc:
                log.warning("mentor chat: the answer could not be saved: %s", exc)

    def ended(self, turn: Turn) -> None:
        with self._lock:
            if self._turns.get(turn.request.day) is turn:
                del self._turns[turn.request.day]

    def running(self, day: date) -> Turn | None:
        with self._lock:
            return self._turns.get(day)

    def turns(self, day: date) -> list[dict]:
        """The day's conversation; a question whose answer never came (QuantumBotX stopped) says so."""
        live = self.running(day)
        out = []
        for row in self.log.turns(day):
            if row.get("status") == "pending" and (live is None or live.id != row["id"]):
                row = {**row, "status": "failed", "problem": Msg("mentor.chat.err.interrupted").to_json()}
            out.append(row)
        return out

    def forget(self, day: date) -> int:
        """Delete the day's conversation; an answer still coming for it is stopped and will not be saved."""
        turn = self.running(day)
        if turn is not None:
            turn.cancel()
            turn.wait(STOP_WAIT)
        return self.log.forget(day)

    def close(self, wait: float) -> None:
        """Stop the answers in flight, waiting at most ``wait`` (and ``STOP_WAIT``); then write nothing more."""
        with self._lock:
            self.closed = True
            turns = list(self._turns.values())
        for turn in turns:
            turn.cancel()
        deadline = time.monotonic() + min(wait, STOP_WAIT)
        for turn in turns:
            turn.wait(max(0.0, deadline - time.monotonic()))
        with self._lock:
            self.sealed = True
