"""A local OpenAI-compatible server for tests: what Ollama, LM Studio or a hosted service answer on the wire.

``POST /v1/chat/completions`` (JSON, or server-sent events when ``stream`` is true, ending in ``data: [DONE]``),
``GET /v1/models``, and errors in OpenAI's ``{"error": {...}}`` shape. What it answers is told by :class:`Reply`s
queued in ``script`` or, when the queue is empty, by ``brain(request)``: text (optionally with a reasoning field
or a ``<think>`` block), an error status, a slow answer, one that never finishes, keep-alive comments forever, a
dropped connection, a body that is not JSON, or a hang (no byte until the server stops). Every request is kept
with its headers and body. It runs in a thread of the test process on a free loopback port.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    text: str = ""
    status: int = 200
    error: str = "something went wrong"
    delay: float = 0.0  # seconds before each piece
    hang: bool = False  # never answer (until the server stops)
    trickle: bool = False  # one piece every ``delay`` seconds, never finishing
    pings: bool = False  # SSE comments every ``delay`` seconds, never any content
    drop: bool = False  # close the connection halfway through the answer
    garbage: bool = False  # a 200 whose body is not JSON
    reasoning: str = ""  # sent first as ``reasoning_content`` (as DeepSeek-style servers do)
    finish: str = "stop"


Brain = Callable[[dict], Reply]


class FakeLLM:
    def __init__(self, models: tuple[str, ...] = ("qwen2.5:7b",)):
        self.models = models
        self.script: deque[Reply | Brain] = deque()
        self.brain: Brain = lambda request: Reply("Baik.")
        self.requests: list[dict] = []
        self.release = threading.Event()  # ends every hang (and every endless answer)
        self.hanging = threading.Event()  # set once a request is being held by a hang
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-llm", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> FakeLLM:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeLLM:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def rearm(self) -> None:
        """Make hangs hang again after a release."""
        self.release.clear()
        self.hanging.clear()

    def then(self, *replies: Reply | Brain) -> FakeLLM:
        self.script.extend(replies)
        return self

    def chats(self) -> list[dict]:
        return [r["body"] for r in self.requests if r["path"].endswith("/chat/completions")]

    def _next(self, body: dict) -> Reply:
        step = self.script.popleft() if self.script else self.brain
        return step if isinstance(step, Reply) else step(body)


class _Server(ThreadingHTTPServer):
    fake: FakeLLM


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        fake = self.server.fake
        fake.requests.append({"path": self.path, "headers": dict(self.headers.items()), "body": None})
        if self.path.rstrip("/").endswith("/models"):
            self._json(200, {"object": "list", "data": [
                {"id": m, "object": "model", "created": 1, "owned_by": "library"} for m in fake.models]})
        else:
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        fake = self.server.fake
        fake.requests.append({"path": self.path, "headers": dict(self.headers.items()), "body": body})
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
            return
        reply = fake._next(body)
        if reply.hang:
            fake.hanging.set()
            fake.release.wait()
            self.close_connection = True
            return
        if reply.status != 200:
            self._json(reply.status, {"error": {"message": reply.error, "type": "api_error", "code": None}})
            return
        if reply.garbage:
            self._raw(200, b"<html>proxy error</html>", "text/html")
            return
        model = body.get("model", "")
        try:
            if body.get("stream"):
                self._stream(reply, model)
            else:
                self._whole(reply, model)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _whole(self, reply: Reply, model: str) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        message = {"role": "assistant", "content": reply.text}
        if reply.reasoning:
            message["reasoning_content"] = reply.reasoning
        self._json(200, {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
                         "model": model, "choices": [{"index": 0, "message": message,
                                                      "finish_reason": reply.finish}],
                         "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})

    def _stream(self, reply: Reply, model: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

        def chunk(delta: dict, finish: str | None = None) -> None:
            self._event({"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 1,
                         "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})

        chunk({"role": "assistant", "content": ""})
        if reply.reasoning:
            chunk({"content": None, "reasoning_content": reply.reasoning})
        if reply.pings or reply.trickle:
            while not self.server.fake.release.wait(reply.delay or 0.05):
                if reply.pings:
                    self.wfile.write(b": ping\n\n")
                    self.wfile.flush()
                else:
                    chunk({"content": "lagi "})
            return
        pieces = re.findall(r"\S+\s*|\s+", reply.text)
        for n, piece in enumerate(pieces):
            if reply.drop and n >= len(pieces) // 2:
                self.wfile.flush()
                self.connection.shutdown(2)
                return
            if reply.delay:
                time.sleep(reply.delay)
            chunk({"content": piece})
        chunk({}, reply.finish)
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def _event(self, data: dict) -> None:
        self.wfile.write(b"data: " + json.dumps(data).encode() + b"\n\n")
        self.wfile.flush()

    def _json(self, status: int, data: dict) -> None:
        self._raw(status, json.dumps(data).encode(), "application/json")

    def _raw(self, status: int, payload: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()


def last_question(request: dict) -> str:
    return next(m["content"] for m in reversed(request["messages"]) if m["role"] == "user")


def facts_of(request: dict) -> str:
    """The facts packet the model was given (after its instructions, in the system message)."""
    system = request["messages"][0]["content"]
    return system[system.index("# "):]
