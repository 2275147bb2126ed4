"""The chat-side safety: how many commands a chat may send, and the questions waiting for a yes.

Both run on the engine's clock, so tests move time instead of sleeping. Questions live in memory
only: a restart forgets them, so a yes can never act on a question asked before the restart.
"""

from __future__ import annotations

import hmac
import secrets
from collections import deque
from dataclasses import dataclass

from .desk import Ask

CONFIRM_SECONDS = 60.0
MOST_PER_WINDOW, WINDOW_SECONDS = 20, 60.0
WRONG_CODES = 3  # a question is dropped after this many wrong codes


class RateLimiter:
    """At most ``most`` updates per chat in any ``seconds``; the first refusal of a window is answered."""

    def __init__(self, most: int = MOST_PER_WINDOW, seconds: float = WINDOW_SECONDS):
        self.most, self.seconds = most, seconds
        self._seen: dict[int, deque[float]] = {}
        self._told: dict[int, float] = {}

    def allow(self, chat_id: int, now: float) -> bool:
        seen = self._seen.setdefault(chat_id, deque())
        while seen and seen[0] <= now - self.seconds:
            seen.popleft()
        if len(seen) >= self.most:
            return False
        seen.append(now)
        return True

    def retry_in(self, chat_id: int, now: float) -> float:
        seen = self._seen.get(chat_id)
        return max(0.0, seen[0] + self.seconds - now) if seen else 0.0

    def tell(self, chat_id: int, now: float) -> bool:
        """Whether this refusal is the first of its window (answered; the rest are dropped in silence)."""
        told = self._told.get(chat_id)
        if told is not None and now - told < self.seconds:
            return False
        self._told[chat_id] = now
        return True


@dataclass
class Question:
    ask: Ask
    code: str  # six digits, for /ya CODE
    nonce: str  # in the buttons' data
    expires_at: float
    lang: str
    message_id: int | None = None  # the question's message, whose buttons go once it is answered
    wrong: int = 0
    user_id: int | None = None  # who asked (Telegram's from.id): the only one who may say yes


class Questions:
    """At most one open question per chat: a new one replaces the old."""

    def __init__(self, seconds: float = CONFIRM_SECONDS):
        self.seconds = seconds
        self._open: dict[int, Question] = {}

    def ask(self, chat_id: int, ask: Ask, now: float, lang: str,
            user_id: int | None = None) -> tuple[Question, Question | None]:
        """(the new question, the one it replaced)."""
        question = Question(ask, f"{secrets.randbelow(10**6):06d}", secrets.token_hex(8), now + self.seconds, lang,
                            user_id=user_id)
        replaced = self._open.get(chat_id)
        self._open[chat_id] = question
        return question, replaced

    def open(self, chat_id: int) -> Question | None:
        return self._open.get(chat_id)

    def take(self, chat_id: int, now: float, *, code: str | None = None, nonce: str | None = None,
             user_id: int | None = None) -> tuple[str, Question | None]:
        """``user_id`` answers the chat's question: ("ok" | "expired" | "wrong" | "not_yours" | "none", the
        question). It is consumed (never answerable again) unless the code was wrong and tries are left, or
        someone other than its asker answered (in a group, a member cannot confirm another's command)."""
        question = self._open.get(chat_id)
        if question is None:
            return "none", None
        given, expected = (code, question.code) if code is not None else (nonce, question.nonce)
        matches = hmac.compare_digest(str(given).encode(), expected.encode())
        if nonce is not None and not matches:
            return "none", None  # the button of an older, replaced question
        if user_id != question.user_id:
            return "not_yours", question
        if now >= question.expires_at:
            del self._open[chat_id]
            return "expired", question
        if not matches:
            question.wrong += 1
            if question.wrong >= WRONG_CODES:
                del self._open[chat_id]
            return "wrong", question
        del self._open[chat_id]
        return "ok", question

    def drop(self, chat_id: int) -> Question | None:
        return self._open.pop(chat_id, None)
