"""A local HTTP server on 127.0.0.1 that plays Telegram's Bot API for a bot that reads commands.

``POST /bot<TOKEN>/<method>`` with the form fields python-telegram-bot sends (each value JSON-encoded
where it is not a plain string), answered like the real API: ``{"ok": true, "result": ...}`` or
``{"ok": false, "error_code": ..., "description": ...}``, 401 for a wrong token.

* ``getUpdates`` long-polls: it answers at once with the updates at or after ``offset`` (every update
  below ``offset`` is confirmed and forgotten), else holds the request up to ``timeout`` seconds until
  one arrives. A second ``getUpdates`` while one is held ends the held one with 409 Conflict ("terminated
  by other getUpdates request"), as Telegram does when two programs poll one bot.
* ``sendMessage``, ``answerCallbackQuery``, ``editMessageReplyMarkup``, ``setMyCommands``, ``getMe``.
* Scripts per method: ``"hang"`` (never answered until released), ``409``, ``("429", seconds)``, ``500``,
  ``400`` (bad request). :meth:`down` closes the port (connections refused) and :meth:`up` opens it again.

Everything received is recorded for the tests to read; updates the tests send are kept across
:meth:`down`/:meth:`up`, like Telegram keeps them while the bot's network is out.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl


@dataclass
class Call:
    method: str
    body: dict
    answered: int | None = None  # the status sent back (None: hung)


@dataclass
class FakeTelegram:
    token: str
    username: str = "qbx_test_bot"
    calls: list[Call] = field(default_factory=list)
    scripts: dict[str, list] = field(default_factory=dict)

    def __post_init__(self):
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        self.release = threading.Event()
        self.pending: list[dict] = []  # updates not yet confirmed by an offset
        self.repeats: list[dict] = []  # updates to deliver again whatever the offset (a server repeating itself)
        self.history: dict[int, dict] = {}  # every update ever sent, by id
        self.messages: dict[int, dict] = {}  # message_id -> what was sent (chat, text, buttons)
        self._ids = itertools.count(500_001)
        self._message_ids = itertools.count(1)
        self._poll_generation = 0
        self.port = 0
        self.httpd: ThreadingHTTPServer | None = None
        self.up()

    # -- the network ------------------------------------------------------------------------------
    def up(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                body = _form(raw, self.headers.get("Content-Type", ""))
                prefix, _, method = self.path.lstrip("/").partition("/")
                status, reply = server.serve(prefix, method, body)
                if status is None:
                    self.close_connection = True
                    return
                payload = json.dumps(reply).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up (it was stopped)

        httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        httpd.daemon_threads = True
        self.port = httpd.server_address[1]
        self.httpd = httpd
        threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def down(self) -> None:
        """The network is out: the port refuses connections; held polls are dropped unanswered."""
        httpd, self.httpd = self.httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        with self.lock:
            self._poll_generation += 1
            self.changed.notify_all()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def then(self, method: str, *behaviours) -> None:
        with self.lock:
            self.scripts.setdefault(method, []).extend(behaviours)

    def close(self) -> None:
        self.release.set()
        self.down()

    # -- answering ----------------------------------------------------------------------------------
    def serve(self, prefix: str, method: str, body: dict) -> tuple[int | None, dict]:
        call = Call(method, body)
        with self.lock:
            self.calls.append(call)
            script = self.scripts.get(method) or []
            behaviour = script.pop(0) if script else "ok"
            self.changed.notify_all()
        if prefix != f"bot{self.token}":
            return self._answer(call, 401, _error(401, "Unauthorized"))
        if behaviour == "hang":
            self.release.wait(120)
            return None, {}
        if behaviour == 409:
            return self._answer(call, 409, _error(409, "Conflict: terminated by other getUpdates request; make sure "
                                                       "that only one bot instance is running"))
        if isinstance(behaviour, tuple) and behaviour[0] == "429":
            return self._answer(call, 429, {**_error(429, f"Too Many Requests: retry after {behaviour[1]}"),
                                             "parameters": {"retry_after": behaviour[1]}})
        if behaviour == 500:
            return self._answer(call, 500, _error(500, "Internal Server Error"))
        if behaviour == 400:
            return self._answer(call, 400, _error(400, "Bad Request: can't parse entities"))
        handler = getattr(self, f"_{method}", None)
        if handler is None:
            return self._answer(call, 404, _error(404, "Not Found"))
        return handler(call)

    def _answer(self, call: Call, status: int | None, reply: dict) -> tuple[int | None, dict]:
        with self.lock:
            call.answered = status
            self.changed.notify_all()
        return status, reply

    def _getMe(self, call: Call):
        return self._answer(call, 200, _ok({"id": 7000001, "is_bot": True, "first_name": "QBX test",
                                            "username": self.username}))

    def _getUpdates(self, call: Call):
        offset = int(call.body.get("offset") or 0)
        timeout = float(call.body.get("timeout") or 0)
        limit = int(call.body.get("limit") or 100)
        deadline = time.monotonic() + timeout
        with self.lock:
            self._poll_generation += 1
            mine = self._poll_generation
            self.changed.notify_all()
            while True:
                if offset:
                    self.pending = [u for u in self.pending if u["update_id"] >= offset]
                found = (self.repeats + [u for u in self.pending if u["update_id"] >= offset])[:limit]
                if found:
                    self.repeats = []
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                if self._poll_generation != mine:
                    if self.httpd is None:
                        return None, {}
                    call.answered = 409
                    return 409, _error(409, "Conflict: terminated by other getUpdates request; make sure that "
                                            "only one bot instance is running")
                self.changed.wait(min(remaining, 0.05))
        return self._answer(call, 200, _ok(found))

    def _sendMessage(self, call: Call):
        message_id = next(self._message_ids)
        chat_id = int(call.body["chat_id"])
        with self.lock:
            self.messages[message_id] = {"chat_id": chat_id, "text": call.body.get("text", ""),
                                         "buttons": call.body.get("reply_markup"),
                                         "parse_mode": call.body.get("parse_mode")}
        return self._answer(call, 200, _ok({"message_id": message_id, "date": int(time.time()),
                                            "chat": _chat(chat_id), "text": call.body.get("text", "")}))

    def _answerCallbackQuery(self, call: Call):
        return self._answer(call, 200, _ok(True))

    def _editMessageReplyMarkup(self, call: Call):
        message_id = int(call.body["message_id"])
        with self.lock:
            if message_id in self.messages:
                self.messages[message_id]["buttons"] = call.body.get("reply_markup")
        return self._answer(call, 200, _ok(True))

    def _setMyCommands(self, call: Call):
        return self._answer(call, 200, _ok(True))

    # -- what the tests send -------------------------------------------------------------------------
    def message(self, chat_id: int, text: str, *, lang: str = "id", user_id: int | None = None) -> int:
        """The trader (or a stranger) writes ``text`` in chat ``chat_id``; returns the update id."""
        entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] \
            if text.startswith("/") else []
        return self._add({"message": {"message_id": next(self._message_ids), "date": int(time.time()),
                                      "chat": _chat(chat_id), "from": _user(chat_id, lang, user_id), "text": text,
                                      "entities": entities}})

    def press(self, chat_id: int, message_id: int, data: str, *, lang: str = "id", user_id: int | None = None) -> int:
        """A button of message ``message_id`` is pressed (by ``user_id``, in a group), sending ``data``."""
        return self._add({"callback_query": {"id": uuid.uuid4().hex, "from": _user(chat_id, lang, user_id),
                                             "chat_instance": "1", "data": data,
                                             "message": {"message_id": message_id, "date": int(time.time()),
                                                         "chat": _chat(chat_id), "text": "?"}}})

    def repeat(self, update: dict) -> None:
        """Deliver ``update`` again at the next poll, whatever its offset (Telegram may send an update twice)."""
        with self.lock:
            self.repeats.append(update)
            self.changed.notify_all()

    def _add(self, content: dict) -> int:
        with self.lock:
            update = {"update_id": next(self._ids), **content}
            self.pending.append(update)
            self.history[update["update_id"]] = update
            self.changed.notify_all()
            return update["update_id"]

    def update(self, update_id: int) -> dict:
        """An update as it was first sent (for :meth:`repeat`)."""
        with self.lock:
            return self.history[update_id]

    # -- what the tests read -------------------------------------------------------------------------
    def of(self, method: str, answered: int | None = 200) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.method == method and (answered is None or c.answered == answered)]

    def replies(self, chat_id: int) -> list[str]:
        """The texts sent to ``chat_id``, oldest first."""
        with self.lock:
            return [m["text"] for _, m in sorted(self.messages.items()) if m["chat_id"] == chat_id]

    def buttons(self, message_id: int) -> list[dict]:
        """The inline buttons message ``message_id`` shows now (none once they were taken off)."""
        with self.lock:
            markup = self.messages[message_id]["buttons"]
        markup = json.loads(markup) if isinstance(markup, str) else markup
        return [button for row in (markup or {}).get("inline_keyboard", []) for button in row]

    def last_message(self, chat_id: int) -> tuple[int, dict]:
        with self.lock:
            return max((mid, m) for mid, m in self.messages.items() if m["chat_id"] == chat_id)

    def wait(self, predicate: Callable[[], object], what: str, within: float = 30.0):
        """Block until ``predicate()`` is true (re-checked on every request); fail loudly after ``within``."""
        deadline = time.monotonic() + within
        while True:
            found = predicate()
            if found:
                return found
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"never happened: {what}; calls: {[c.method for c in self.calls][-20:]}"
            with self.lock:
                self.changed.wait(min(remaining, 0.05))

    def wait_replies(self, chat_id: int, count: int, within: float = 30.0) -> list[str]:
        return self.wait(lambda: (lambda r: r if len(r) >= count else None)(self.replies(chat_id)),
                         f"{count} replies to chat {chat_id}", within)

    def confirmed_up_to(self) -> int:
        """The highest offset any getUpdates has sent (every update below it is confirmed)."""
        with self.lock:
            return max((int(c.body.get("offset") or 0) for c in self.calls if c.method == "getUpdates"), default=0)


def _ok(result) -> dict:
    return {"ok": True, "result": result}


def _error(code: int, description: str) -> dict:
    return {"ok": False, "error_code": code, "description": description}


def _chat(chat_id: int) -> dict:
    if chat_id < 0:
        return {"id": chat_id, "type": "group", "title": "Trading desk"}
    return {"id": chat_id, "type": "private", "first_name": "Trader"}


def _user(chat_id: int, lang: str, user_id: int | None) -> dict:
    return {"id": user_id or abs(chat_id), "is_bot": False, "first_name": "Trader", "language_code": lang}


def _form(raw: str, content_type: str) -> dict:
    """The request's fields: python-telegram-bot posts a form whose non-string values are JSON."""
    if "json" in content_type:
        return json.loads(raw or "{}")
    fields = {}
    for name, value in parse_qsl(raw, keep_blank_values=True):
        if name == "text":
            fields[name] = value
            continue
        try:
            fields[name] = json.loads(value)
        except ValueError:
            fields[name] = value
    return fields
