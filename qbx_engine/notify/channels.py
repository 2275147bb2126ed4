"""The two ways a message leaves: Telegram's Bot API and a generic JSON webhook (urllib, no extra package).

A send either returns (delivered) or raises :class:`SendFailed` carrying a message
for the trader with every secret already scrubbed, whether to try again, and
how long the other side asked us to wait.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from urllib.parse import unquote, urlsplit, urlunsplit

from ..core.i18n import Msg
from .config import Scrubber, TelegramConfig, WebhookConfig
from .messages import telegram_html, webhook_payload

TIMEOUT = 10.0  # seconds for one HTTP request
USER_AGENT = "QuantumBotX-notify"
# Refusals that concern this one message (retrying it cannot help); others are the channel's and are retried.
MESSAGE_REFUSED = {400, 413, 422}
CHAT_INTERVAL = 1.0  # seconds between two messages to one Telegram chat
GROUP_INTERVAL = 3.0  # Telegram allows about 20 messages a minute to a group (negative chat ids)
RETRY_AFTER_DEFAULT = 5.0  # seconds, when a webhook says 429 without saying how long


class SendFailed(Exception):
    def __init__(self, problem: Msg, *, retry_after: float | None = None, permanent: bool = False):
        super().__init__(problem.key)
        self.problem = problem
        self.retry_after = retry_after
        self.permanent = permanent


class Channel(ABC):
    """One way out (Telegram, a webhook): how a queued note is sent, and the other side's rate limit."""

    name = ""
    min_interval = 0.0  # seconds between two messages: the other side's rate limit

    def __init__(self, scrub: Scrubber, timeout: float = TIMEOUT):
        self.scrub = scrub
        self.timeout = timeout

    @abstractmethod
    def send(self, note: dict) -> None:
        """Deliver ``note``; SendFailed says whether to retry."""

    def _post(self, url: str, payload: dict, headers: dict[str, str] | None = None) -> tuple[int, bytes, float | None]:
        """POST JSON; returns (status, body, Retry-After seconds) for any HTTP answer, raises SendFailed for none."""
        url, auth = _without_userinfo(url)
        all_headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT, **(headers or {})}
        if auth:
            all_headers["Authorization"] = auth
        request = urllib.request.Request(url, data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                                         headers=all_headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read(65536), None
        except urllib.error.HTTPError as exc:
            try:
                body = exc.read(65536)
            except (OSError, http.client.HTTPException):
                body = b""
            finally:
                exc.close()
            return exc.code, body, _seconds(exc.headers.get("Retry-After") if exc.headers else None)
        except TimeoutError:
            raise SendFailed(Msg("notify.fail.timeout", {"seconds": _whole(self.timeout)})) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise SendFailed(Msg("notify.fail.timeout", {"seconds": _whole(self.timeout)})) from None
            raise SendFailed(Msg("notify.fail.network", {"detail": self._detail(exc.reason)})) from None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise SendFailed(Msg("notify.fail.network", {"detail": self._detail(exc)})) from None

    def _detail(self, problem) -> str:
        text = getattr(problem, "strerror", None) or str(problem) or type(problem).__name__
        return self.scrub(text)[:200]

    def _refused(self, status: int, detail: str, retry_after: float | None = None, *,
                 permanent: bool | None = None) -> SendFailed:
        if retry_after is not None:
            return SendFailed(Msg("notify.fail.rate", {"seconds": _whole(retry_after)}), retry_after=retry_after)
        return SendFailed(Msg("notify.fail.http", {"code": status, "detail": self.scrub(detail)[:200]}),
                          permanent=status in MESSAGE_REFUSED if permanent is None else permanent)


class TelegramChannel(Channel):
    """``sendMessage`` of the Bot API: about one message a second to a chat, twenty a minute to a group."""

    name = "telegram"

    def __init__(self, config: TelegramConfig, scrub: Scrubber, timeout: float = TIMEOUT):
        super().__init__(scrub, timeout)
        self.config = config
        self.min_interval = GROUP_INTERVAL if config.chat_id.startswith("-") else CHAT_INTERVAL

    def send(self, note: dict) -> None:
        url = f"{self.config.api_base}/bot{self.config.token}/sendMessage"
        status, body, header_wait = self._post(url, {"chat_id": self.config.chat_id, "text": telegram_html(note),
                                        "parse_mode": "HTML", "link_preview_options": {"is_disabled": True}})
        reply = _json_object(body)
        if 200 <= status < 300 and reply.get("ok") is True:
            return
        error_code = reply.get("error_code")
        code = error_code if isinstance(error_code, int) else status
        if 200 <= code < 300:
            raise SendFailed(Msg("notify.fail.reply"))
        retry_after: float | None = None
        if code == 429:
            parameters = reply.get("parameters")
            wait = parameters.get("retry_after") if isinstance(parameters, dict) else None
            retry_after = float(wait) if isinstance(wait, (int, float)) and wait >= 0 else header_wait
        description = reply.get("description")
        detail = description if isinstance(description, str) and description else http.client.responses.get(code, "")
        # A wrong chat id is the setup's fault, not the message's: keep it queued until the trader fixes it.
        wrong_chat = "chat not found" in detail.lower()
        raise self._refused(code, detail, retry_after, permanent=False if wrong_chat else None)

class WebhookChannel(Channel):
    """POST the note's fields (or the trader's template of them) as JSON; any 2xx is delivered."""

    name = "webhook"
    min_interval = 0.2

    def __init__(self, config: WebhookConfig, scrub: Scrubber, timeout: float = TIMEOUT):
        super().__init__(scrub, timeout)
        self.config = config

    def send(self, note: dict) -> None:
        headers = {self.config.secret_header: self.config.secret} if self.config.secret else {}
        status, _, retry_after = self._post(self.config.url, webhook_payload(note, self.config.fields), headers)
        if 200 <= status < 300:
            return
        if status == 429 and retry_after is None:
            retry_after = RETRY_AFTER_DEFAULT
        raise self._refused(status, http.client.responses.get(status, ""), retry_after if status == 429 else None)


def _json_object(body: bytes) -> dict:
    try:
        reply = json.loads(body.decode("utf-8")) if body else {}
    except (UnicodeDecodeError, ValueError):
        return {}
    return reply if isinstance(reply, dict) else {}


def _seconds(value: str | None) -> float | None:
    """The ``Retry-After`` header in seconds (its date form is rare for APIs and read as absent)."""
    try:
        seconds = float(value) if value is not None else None
    except ValueError:
        return None
    return seconds if seconds is not None and 0 <= seconds <= 86400 else None


def _without_userinfo(url: str) -> tuple[str, str | None]:
    """``https://user:pass@host/x`` as ``https://host/x`` plus its Basic authorization header."""
    parts = urlsplit(url)
    if parts.username is None:
        return url, None
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    credentials = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
    return (urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)),
            "Basic " + base64.b64encode(credentials).decode("ascii"))


def _whole(seconds: float) -> float | int:
    return int(seconds) if float(seconds).is_integer() else round(seconds, 1)
