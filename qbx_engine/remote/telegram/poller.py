"""The inbound bot: reads the chat's commands with long polling, beside the engine, on its own thread and loop.

Built on python-telegram-bot's ``Bot`` (the Bot API calls, its types and errors) with a polling loop of
its own rather than PTB's ``Updater``: the Updater keeps the offset in memory only (it always starts at
0), marks a whole batch as read before its handlers have run, and hides 409/429/network trouble inside
its retry loop. Here, for every update, in order:

1. an update id below the stored offset was read before: skipped (Telegram may deliver it again);
2. a chat not on the allow-list gets nothing (the activity log says a chat was ignored, never what it
   wrote, in at most one line a minute however many come); a chat over its rate gets one "slow down" per
   window; neither runs anything;
3. for a command, the new offset and the command are written durably (``state.begin``) before it runs;
4. the command runs against the Engine's public calls (:class:`~.desk.Desk`), and its result is written
   to the activity log; its reply is kept until sent (``state.replying``), then the slot is cleared.

So a ``kill -9`` anywhere never runs an update twice: at the next start a command caught while acting is
reported to its chat as interrupted, and one caught while replying has its reply sent again.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
import logging
import re
import threading
import warnings
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning

from ...core.errors import QbxError, ValidationError
from ...core.i18n import LANGUAGES, Msg, render, t
from ...notify.config import mask
from ...trading import events as ev
from .desk import Desk, Outcome
from .guard import Question, Questions, RateLimiter
from .hush import Hush
from .parse import CODE, LOOKUP, WORDS, Command, NotForUs, parse, split
from .setup import RemoteConfig
from .state import ACTING, FILE, REPLYING, RemoteState
from .views import esc, tx

log = logging.getLogger(__name__)
# PTB 22 warns on every RetryAfter that ``retry_after`` will become a timedelta; :func:`_seconds` reads both forms.
warnings.filterwarnings("ignore", message=".*attribute `retry_after` will be of type", category=PTBDeprecationWarning)

POLL_TIMEOUT = 25  # seconds Telegram holds a getUpdates open when nothing comes
REQUEST_TIMEOUT = 10.0  # seconds for any other request (and added to the long poll's)
ALLOWED_UPDATES = ["message", "callback_query"]
MAX_BACKOFF = 60.0
SEND_TRIES = 3
STOP_WAIT = REQUEST_TIMEOUT + 5.0  # a stop lets the reply being sent finish
STRANGERS_LOG_EVERY = 60.0  # seconds between two lines about chats not on the allow-list (a flood writes little)
BUTTON = re.compile(r"^qbx:(yes|no):([0-9a-f]{16})$")
MENU = ("status", "balance", "daily", "profit", "positions", "report", "weekly", "pause", "resume", "stop",
        "start", "close", "entries", "brake", "rearm", "help")

# phases shown on the Settings page
STARTING, POLLING, CONFLICT, RATE_LIMITED, NETWORK, REFUSED, FAILED, STOPPED = (
    "starting", "polling", "conflict", "rate_limited", "network", "refused", "failed", "stopped")


class _Stopped(Exception):
    """The poller was asked to stop while waiting on the network or resting."""


def backoff(failures: int) -> float:
    return min(2.0 ** max(0, failures - 1), MAX_BACKOFF)


def language_of(code: str | None) -> str | None:
    """The chat's language from the Telegram app's (``id``/``in`` Indonesian, ``en…`` English)."""
    code = (code or "").lower()
    if code.startswith(("id", "in")):
        return "id"
    return "en" if code.startswith("en") else None


class TelegramRemote:
    """Start with :meth:`start`, stop with :meth:`stop`; :meth:`status` is what the Settings page shows."""

    def __init__(self, engine, config: RemoteConfig, *, clock=None, poll_timeout: float = POLL_TIMEOUT,
                 request_timeout: float = REQUEST_TIMEOUT, rate: tuple[int, float] | None = None,
                 confirm_seconds: float | None = None, rest: Callable[[float], Awaitable[Any]] | None = None):
        self.engine = engine
        self.config = config
        self.clock = clock or engine.clock
        self.poll_timeout, self.request_timeout = poll_timeout, request_timeout
        self.scrub = config.scrub
        self.desk = Desk(engine, config.dashboard_url)
        self.limiter = RateLimiter(*rate) if rate else RateLimiter()
        self.questions = Questions(confirm_seconds) if confirm_seconds else Questions()
        self._rest_for = rest or asyncio.sleep
        self.state: RemoteState | None = None
        self.phase = STOPPED
        self.problem: Msg | None = None
        self.problem_at: float | None = None
        self.username: str | None = None
        self.duplicates = 0
        self.rests: deque[float] = deque(maxlen=50)  # the latest waits after trouble, in order
        self._unbutton: list[tuple[int, int]] = []  # (chat, message) of questions whose buttons should go
        self._strangers = 0  # strangers' updates since the last line about them
        self._stranger_last: tuple[int | None, str] = (None, "message")  # the latest one's chat and kind
        self._strangers_told_at: float | None = None
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None

    # -- the thread -------------------------------------------------------------------------------
    def start(self) -> TelegramRemote:
        if self._thread is None:
            self.phase = STARTING
            self._thread = threading.Thread(target=self._run, name="qbx-telegram", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float = STOP_WAIT) -> bool:
        """Stop reading (a long poll in progress is abandoned; a command being run finishes). True if stopped."""
        self._stopping.set()
        loop, event = self._loop, self._stop_event
        if loop is not None and event is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already finished
                loop.call_soon_threadsafe(event.set)
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except Exception as exc:  # noqa: BLE001 - the dashboard goes on; the Settings page shows it
            log.error("the Telegram command reader stopped: %s", self.scrub(f"{type(exc).__name__}: {exc}"))
            self._trouble(FAILED, Msg("tg.st.unexpected", {"kind": type(exc).__name__}))
            return
        self.phase = STOPPED if self.phase != FAILED else FAILED

    async def _main(self) -> None:
        self._stop_event = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        if self._stopping.is_set():
            return
        try:
            store = self.engine.store
            self.state = RemoteState(store.db(FILE), is_open=lambda: not store.closed)
        except QbxError as exc:
            log.error("the Telegram command reader cannot keep its place: %s", exc)
            self._trouble(FAILED, exc.msg)
            return
        hush = Hush(self.scrub).install()  # before the Bot exists: it logs its URL (with the token) when made
        try:
            bot = self._bot()
            try:
                await self._serve(bot)
            finally:
                with contextlib.suppress(Exception):
                    await bot.shutdown()
        finally:
            hush.remove()

    def _bot(self) -> Bot:
        timeout = self.request_timeout

        def request(pool: int) -> HTTPXRequest:
            return HTTPXRequest(connection_pool_size=pool, connect_timeout=timeout, read_timeout=timeout,
                                write_timeout=timeout, pool_timeout=timeout)

        api = self.config.api_base
        return Bot(self.config.token, base_url=f"{api}/bot", base_file_url=f"{api}/file/bot", request=request(4),
                   get_updates_request=request(1))

    # -- the loop ---------------------------------------------------------------------------------
    async def _connect(self, bot: Bot) -> bool:
        """Log in, set the command menu and finish what a crash interrupted; then the reader is reading (a quiet
        first poll is not "starting" for its 25 s)."""
        await self._net(bot.initialize())
        self.username = bot.username
        await self._menu(bot)
        await self._recover(bot)
        if self.phase == STARTING:
            self.phase, self.problem = POLLING, None
        return True

    async def _serve(self, bot: Bot) -> None:
        failures, ready = 0, False
        while not self._stopping.is_set() and not self.engine.closed:
            try:
                if not ready:
                    ready = await self._connect(bot)
                state = self._state()
                updates = await self._net(bot.get_updates(offset=state.offset, timeout=int(self.poll_timeout),
                                                          allowed_updates=ALLOWED_UPDATES))
                if self.phase != POLLING:
                    self.phase, self.problem = POLLING, None
                failures = 0
                for update in updates:
                    if self._stopping.is_set() or self.engine.closed:
                        break
                    await self._handle(bot, update)
                self._tell_strangers()
            except _Stopped:
                break
            except RetryAfter as exc:
                wait = _seconds(exc)
                self._trouble(RATE_LIMITED, Msg("notify.fail.rate", {"seconds": round(wait)}))
                await self._rest(wait)
            except Conflict:
                failures += 1
                self._trouble(CONFLICT, Msg("tg.st.conflict"))
                await self._rest(backoff(failures))
            except InvalidToken:
                failures += 1
                self._trouble(REFUSED, Msg("tg.st.bad_token"))
                await self._rest(MAX_BACKOFF)
            except (NetworkError, TelegramError) as exc:
                failures += 1
                self._trouble(NETWORK, Msg("notify.fail.network", {"detail": self._detail(exc)}))
                await self._rest(backoff(failures))
            except Exception as exc:  # noqa: BLE001 - e.g. the disk is full: nothing was acted on; try again
                failures += 1
                log.warning("Telegram command reader: %s", self.scrub(f"{type(exc).__name__}: {exc}")[:300])
                self._trouble(NETWORK if isinstance(exc, OSError) else FAILED,
                              exc.msg if isinstance(exc, QbxError) else
                              Msg("tg.st.unexpected", {"kind": type(exc).__name__}))
                await self._rest(backoff(failures))

    async def _net(self, call: Awaitable[Any], *, stoppable: bool = True) -> Any:
        """Await a network call; a stoppable one (a long poll, a rest) is abandoned when the poller is asked to
        stop. A reply is not: it is bounded by the request timeout, and a stop waits for it."""
        assert self._stop_event is not None
        if not stoppable:
            return await call
        task = asyncio.ensure_future(call)
        stopper = asyncio.ensure_future(self._stop_event.wait())
        done, _ = await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if task not in done:
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
            raise _Stopped
        stopper.cancel()
        return task.result()

    async def _rest(self, seconds: float) -> None:
        self.rests.append(seconds)
        await self._net(self._rest_for(seconds))

    def _trouble(self, phase: str, problem: Msg) -> None:
        if (phase, problem) != (self.phase, self.problem):
            log.warning("Telegram command reader: %s", render(problem, "en"))
        self.phase, self.problem, self.problem_at = phase, problem, self.clock.now()

    def _detail(self, exc: Exception) -> str:
        return self.scrub(str(exc) or type(exc).__name__)[:200]

    def _state(self) -> RemoteState:
        assert self.state is not None
        return self.state

    # -- one update ---------------------------------------------------------------------------------
    async def _handle(self, bot: Bot, update: Update) -> None:
        state = self._state()
        uid = update.update_id
        if state.offset is not None and uid < state.offset:
            self.duplicates += 1
            log.info("Telegram update %s was read before; skipped", uid)
            return
        chat = update.effective_chat
        chat_id = chat.id if chat is not None else None
        if chat_id is None or chat_id not in self.config.allowed:
            state.skip(uid, "strangers")
            self._stranger(chat_id, "button" if update.callback_query else "message")
            return
        now = self.clock.now()
        user = update.effective_user
        user_id = user.id if user is not None else None
        hint = language_of(user.language_code if user is not None else None)
        if not self.limiter.allow(chat_id, now):
            state.skip(uid, "limited")
            self.engine.book.event(None, ev.TELEGRAM, Msg("tg.ev.limited", {"chat": mask(str(chat_id))}),
                                   collapse=f"telegram-limited|{chat_id}")
            if self.limiter.tell(chat_id, now):
                lang = self._lang(chat_id, None, hint)
                wait = round(self.limiter.retry_in(chat_id, now))
                await self._send(bot, chat_id, tx("tg.limited", lang, seconds=wait))
            return
        if update.callback_query is not None:
            await self._press(bot, update, chat_id, user_id, hint)
            return
        message = update.message
        if message is None or not message.text:
            state.skip(uid)
            return
        command, refused, word_lang = self._read(message.text, chat_id)
        if command is None:
            state.skip(uid)
            if chat is not None and chat.type == "private":
                await self._send(bot, chat_id, tx("tg.only_commands", self._lang(chat_id, None, hint)))
            return
        lang = self._lang(chat_id, word_lang, hint)
        await self._command(bot, uid, chat_id, user_id, lang, command, refused)

    def _read(self, text: str, chat_id: int) -> tuple[Command | None, ValidationError | None, str | None]:
        """(command, or why the command was refused, the language of its word). Neither: not a command."""
        try:
            found = split(text, self.username)
        except NotForUs:
            return None, None, None
        if found is None:
            code = text.strip()
            if CODE.match(code) and self.questions.open(chat_id) is not None:
                return Command("yes", (code,), None, "ya"), None, None
            return None, None, None
        word, args = found
        try:
            command = parse(word, args)
        except ValidationError as exc:
            return Command("refused", (), None, word), exc, _word_language(word)
        return command, None, command.lang

    def _lang(self, chat_id: int, word_lang: str | None, hint: str | None) -> str:
        chosen = self._state().language(chat_id)
        if chosen in LANGUAGES:
            return chosen
        return word_lang or hint or self.engine.get_settings()["language"]

    async def _command(self, bot: Bot, uid: int, chat_id: int, user_id: int | None, lang: str, command: Command,
                       refused: ValidationError | None = None, nonce: str | None = None) -> None:
        state = self._state()
        open_question = self.questions.open(chat_id) if command.name == "yes" else None
        label = Msg("tg.confirmed_command", {"command": open_question.ask.command.text()}).to_json() \
            if open_question is not None and open_question.user_id == user_id else command.text()
        state.begin(uid, {"update_id": uid, "chat_id": chat_id, "command": label, "lang": lang,
                          "phase": ACTING, "at": self.clock.now()})
        shown, outcome, question = self._act(command, chat_id, user_id, lang, refused, nonce)
        self._log(chat_id, shown, outcome)
        text = outcome.text
        if question is not None:
            text += "\n\n" + tx("tg.confirm.how", lang, code=question.code, seconds=round(self.questions.seconds),
                                yes="/ya" if lang == "id" else "/yes")
        reply = {"chat_id": chat_id, "text": text, "question": question is not None}
        state.replying(reply, {"at": self.clock.now(), "chat": mask(str(chat_id)), "command": shown,
                               "result": outcome.result.to_json()})
        await self._unbutton_pending(bot)
        message_id = await self._send(bot, chat_id, text, self._buttons(question, lang) if question else None)
        if question is not None:
            question.message_id = message_id
        state.done()

    def _act(self, command: Command, chat_id: int, user_id: int | None, lang: str, refused: ValidationError | None,
             nonce: str | None) -> tuple[str | dict, Outcome, Question | None]:
        """Run the command: (what the log calls it, its outcome, the question it asks if any)."""
        if refused is not None:
            return command.text(), Outcome("⚠️ " + esc(refused.message(lang)), _first(refused)), None
        try:
            if command.name == "language":
                self._state().set_language(chat_id, command.args[0])
                result = Msg("tg.done.language")
                return command.text(), Outcome(tx(result.key, command.args[0]), result), None
            if command.name in ("yes", "cancel"):
                return self._answer(command, chat_id, user_id, lang, nonce)
            outcome = self.desk.run(command, lang)
        except QbxError as exc:
            return command.text(), Outcome("⚠️ " + esc(exc.message(lang)), exc.msg), None
        except Exception as exc:  # noqa: BLE001 - a bug must not leave the command unanswered
            log.error("Telegram command %s failed: %s", command.text(), self.scrub(f"{type(exc).__name__}: {exc}"))
            problem = Msg("notify.fail.unexpected", {"kind": type(exc).__name__})
            return command.text(), Outcome("⚠️ " + tx(problem.key, lang, **problem.params), problem), None
        question = None
        if outcome.ask is not None:
            question, replaced = self.questions.ask(chat_id, outcome.ask, self.clock.now(), lang, user_id)
            if replaced is not None and replaced.message_id is not None:
                self._later_unbutton(chat_id, replaced.message_id)
        return command.text(), outcome, question

    def _answer(self, command: Command, chat_id: int, user_id: int | None, lang: str,
                nonce: str | None) -> tuple[str | dict, Outcome, Question | None]:
        """A yes (code or button) or a no to the chat's open question; only its asker's yes counts."""
        if command.name == "cancel":
            question = self.questions.drop(chat_id) if nonce is None else self._by_nonce(chat_id, nonce)
            if question is None:
                result = Msg("tg.confirm.none")
            else:
                lang = question.lang if command.lang is None else lang
                result = Msg("tg.confirm.cancelled", {"command": question.ask.command.text()})
                self._later_unbutton(chat_id, question.message_id)
            return command.text(), Outcome(tx(result.key, lang, **result.params), result), None
        code = command.args[0] if command.args else None
        verdict, question = self.questions.take(chat_id, self.clock.now(), code=code, nonce=nonce, user_id=user_id)
        if question is not None and command.lang is None and verdict != "not_yours":
            lang = question.lang  # a bare code or a button: the question's language
        if verdict != "ok" or question is None:
            result = Msg(f"tg.confirm.{verdict}", {"command": question.ask.command.text() if question else ""})
            if verdict == "expired" and question is not None:
                self._later_unbutton(chat_id, question.message_id)
            return command.text(), Outcome(tx(result.key, lang, **result.params), result), None
        self._later_unbutton(chat_id, question.message_id)
        asked = question.ask.command
        outcome = self.desk.run(asked, lang, confirmed=question.ask)
        return Msg("tg.confirmed_command", {"command": asked.text()}).to_json(), outcome, None

    def _by_nonce(self, chat_id: int, nonce: str) -> Question | None:
        question = self.questions.open(chat_id)
        if question is None or question.nonce != nonce:
            return None
        return self.questions.drop(chat_id)

    async def _press(self, bot: Bot, update: Update, chat_id: int, user_id: int | None, hint: str | None) -> None:
        """A button of a question: answered at once (Telegram shows a spinner until then), then run as yes/no."""
        query = update.callback_query
        assert query is not None
        found = BUTTON.match(query.data or "")
        lang = self._lang(chat_id, None, hint)
        with contextlib.suppress(TelegramError):
            await self._net(query.answer(), stoppable=False)
        if found is None:
            self._state().skip(update.update_id)
            return
        word = "ya" if lang == "id" else "yes"
        if found.group(1) == "no":
            word = "batal" if lang == "id" else "cancel"
        command = Command("yes" if found.group(1) == "yes" else "cancel", (), None, word)
        await self._command(bot, update.update_id, chat_id, user_id, lang, command, nonce=found.group(2))

    # -- what is said and recorded ------------------------------------------------------------------
    def _log(self, chat_id: int, command: str | dict, outcome: Outcome) -> None:
        bot_id = outcome.bot_id if outcome.bot_id is not None and self.engine.book.find(outcome.bot_id) else None
        try:
            self.engine.book.event(bot_id, ev.TELEGRAM, Msg("tg.ev.command", {
                "chat": mask(str(chat_id)), "command": command, "result": outcome.result.to_json()}))
        except QbxError as exc:
            log.warning("Telegram command %s not written to the activity log: %s", command, exc)

    def _stranger(self, chat_id: int | None, kind: str) -> None:
        """Counted; told at most once a minute (the first at once), as unknown webhook secrets are for alerts: a
        flood of strangers' updates costs no disk write or log line each."""
        self._strangers += 1
        self._stranger_last = (chat_id, kind)
        self._tell_strangers()

    def _tell_strangers(self) -> None:
        """The line about strangers' updates since the last one, if a minute has passed (or it is the first)."""
        now = self.clock.now()
        if not self._strangers or (self._strangers_told_at is not None
                                   and now - self._strangers_told_at < STRANGERS_LOG_EVERY):
            return
        count, (chat_id, kind) = self._strangers, self._stranger_last
        self._strangers, self._strangers_told_at = 0, now
        log.warning("Telegram: ignored %s update(s) from chats not on the allow-list (the latest a %s from chat %s)",
                    count, kind, chat_id)
        params = {"chat": chat_id, "kind": Msg(f"tg.kind.{kind}").to_json()}
        try:
            self.engine.book.event(None, ev.TELEGRAM, Msg("tg.ev.stranger", params) if count == 1
                                   else Msg("tg.ev.strangers", {**params, "count": count}))
        except QbxError as exc:
            log.warning("ignored Telegram chats not written to the activity log: %s", exc)

    def _buttons(self, question: Question, lang: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([[
            InlineKeyboardButton(t("tg.button.yes", lang), callback_data=f"qbx:yes:{question.nonce}"),
            InlineKeyboardButton(t("tg.button.no", lang), callback_data=f"qbx:no:{question.nonce}")]])

    async def _send(self, bot: Bot, chat_id: int, text: str, buttons: InlineKeyboardMarkup | None = None) -> int | None:
        """Send a reply, retrying a few times (exactly the wait a 429 asks for); the message id, or None."""
        parse_mode: str | None = "HTML"
        for attempt in range(1, SEND_TRIES + 1):
            try:
                sent = await self._net(bot.send_message(chat_id, text, parse_mode=parse_mode, reply_markup=buttons,
                                                        link_preview_options=LinkPreviewOptions(is_disabled=True)),
                                       stoppable=False)
                return sent.message_id
            except RetryAfter as exc:
                await self._rest(_seconds(exc))
            except BadRequest as exc:
                if parse_mode is None:
                    log.warning("Telegram refused a reply: %s", self._detail(exc))
                    return None
                parse_mode, text = None, html.unescape(re.sub(r"</?[a-z]+>", "", text))
            except (Forbidden, InvalidToken) as exc:
                log.warning("Telegram refused a reply: %s", self._detail(exc))
                return None
            except TelegramError as exc:
                log.warning("a Telegram reply failed (try %s of %s): %s", attempt, SEND_TRIES, self._detail(exc))
                if attempt < SEND_TRIES:
                    await self._rest(backoff(attempt))
        return None

    def _later_unbutton(self, chat_id: int, message_id: int | None) -> None:
        if message_id is not None:
            self._unbutton.append((chat_id, message_id))

    async def _unbutton_pending(self, bot: Bot) -> None:
        """Take the buttons off answered or replaced questions (best effort: a stale button is refused anyway)."""
        while self._unbutton:
            chat_id, message_id = self._unbutton.pop(0)
            with contextlib.suppress(TelegramError):
                await self._net(bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id,
                                                              reply_markup=None), stoppable=False)

    async def _menu(self, bot: Bot) -> None:
        """The command menu of the Telegram app, in both languages (best effort)."""
        for lang in LANGUAGES:
            commands = [BotCommand(_menu_word(name, lang), t(f"tg.menu.{name}", lang)) for name in MENU]
            try:
                await self._net(bot.set_my_commands(commands, language_code=None if lang == "en" else lang))
            except TelegramError as exc:
                log.info("the Telegram command menu was not set: %s", self._detail(exc))
                return

    async def _recover(self, bot: Bot) -> None:
        """A command left in flight by a crash: its chat is told (it is never run again)."""
        state = self._state()
        inflight = state.inflight
        if inflight is None:
            return
        chat_id, lang = inflight["chat_id"], inflight.get("lang") or "id"
        reply = inflight.get("reply")
        if chat_id not in self.config.allowed:  # taken off the allow-list meanwhile: logged, the chat told nothing
            self._log(chat_id, inflight["command"], Outcome("", Msg("tg.res.interrupted")))
            state.interrupted()
            return
        if inflight["phase"] == REPLYING and reply is not None and not reply.get("question"):
            await self._send(bot, chat_id, reply["text"] + "\n\n" + tx("tg.resent", lang))
            state.done()
            return
        self._log(chat_id, inflight["command"], Outcome("", Msg("tg.res.interrupted")))
        await self._send(bot, chat_id, tx("tg.interrupted", lang, command=render_command(inflight["command"], lang)))
        state.interrupted()

    # -- the Settings page --------------------------------------------------------------------------
    def status(self) -> dict:
        snapshot = self.state.snapshot() if self.state is not None else None
        return {"configured": True, "running": self.running, "phase": self.phase,
                "problem": self.problem.to_json() if self.problem else None, "problem_at": self.problem_at,
                "username": self.username, **self.config.masked(),
                "last": snapshot["last"] if snapshot else None,
                "counts": snapshot["counts"] if snapshot else None, "duplicates": self.duplicates}


def render_command(command: str | dict, lang: str) -> str:
    """A command as the log keeps it: its text, or a message around it (a confirmed command)."""
    return render(command, lang) if isinstance(command, dict) else command


def _seconds(exc: RetryAfter) -> float:
    wait = exc.retry_after
    return wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)


def _first(exc: ValidationError) -> Msg:
    return next(iter(exc.field_errors.values()))


def _word_language(word: str) -> str | None:
    return LOOKUP.get(word, (None, None))[1]


def _menu_word(name: str, lang: str) -> str:
    id_words, en_words, both = WORDS[name]
    return ((id_words if lang == "id" else en_words) or both)[0]
