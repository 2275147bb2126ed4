"""The check on a model's answer: every number it states must be one the facts packet states, as the same kind of
number and, for an amount, in the same direction.

How numbers are read is :mod:`.reading`: ``1.234,56`` (Indonesian) and ``1,234.56`` (English) are one amount, a
currency may stand before or after it (``Rp1.500.000``, ``USD987,65``, ``$120``), number words count in both
languages (``dua puluh``, ``twenty``, ``a hundred``, ``setengah``), and each number has its kind (money in a currency,
%, R, lot, pip, ×, a count, minutes, days...) and, for an amount, its direction (the sign, or ``rugi``/``untung``,
``lost``/``profit`` next to it). An answer's number is backed when the packet states that value as that kind; a
number written with no kind may be any the packet states. An amount said to be a loss or a profit must be one in
the packet (``untung 1.245,74`` against a packet that lost it is caught). A number in words the reader cannot fully
read is flagged, never guessed. Numbers the trader wrote in their own questions are theirs to repeat, in any kind
(but an amount the packet records as a loss stays one).
A weekday written before a date must be that date's weekday. The answer's language is read from its common words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..core.i18n import Msg
from .reading import SIGNED_UNITS, Mention, mentions

__all__ = ["Check", "Facts", "Mention", "asked_language", "check", "language_of", "mentions"]

ID_WORDS = frozenset({"yang", "dan", "di", "ke", "dari", "ini", "itu", "tidak", "dengan", "untuk", "anda", "saya",
    "ada", "pada", "karena", "atau", "juga", "sudah", "akan", "bisa", "lebih", "jika", "kalau", "agar", "adalah",
    "tetapi", "tapi", "saat", "setelah", "sebelum", "masih", "hanya", "sangat", "lagi", "kita", "kami", "mereka",
    "dalam", "oleh", "sebagai", "bahwa", "seperti", "jangan", "perlu", "harus", "mana", "apa", "kenapa", "mengapa",
    "bagaimana", "hari", "rugi", "berhenti", "sebaiknya", "minggu"})
EN_WORDS = frozenset({"the", "and", "is", "are", "you", "your", "to", "of", "that", "this", "with", "for", "was",
    "were", "it", "be", "have", "has", "not", "on", "at", "by", "but", "or", "if", "they", "we", "an", "as",
    "from", "will", "would", "should", "can", "which", "what", "why", "how", "day", "loss", "stop", "week",
    "these", "those", "there", "their", "been"})

# Words of a short English question that Indonesian does not use (a question is too short to read as an answer is).
QUESTION_WORDS = frozenset({"did", "do", "does", "i", "my", "me", "am", "lose", "lost", "much", "many", "off",
                            "switch"})


@dataclass
class Facts:
    """What an answer may state: the packet's numbers (each with the kinds and directions it is stated in), times,
    dates and bots, and the numbers of the trader's own questions."""

    numbers: dict[Decimal, set[tuple[str | None, str | None]]] = field(default_factory=dict)
    times: set[tuple] = field(default_factory=set)
    dates: set[tuple] = field(default_factory=set)
    bots: set[int] = field(default_factory=set)
    theirs: set[Decimal] = field(default_factory=set)

    @classmethod
    def of(cls, texts: Mapping[str, str], questions: Iterable[str] = ()) -> Facts:
        """``texts``: the packet in each language (read with that language's separators); ``questions``: what the
        trader wrote, read both ways."""
        facts = cls()
        for lang, text in texts.items():
            facts.add(text, lang)
        for question in questions:
            facts.add(question, None, theirs=True)
        return facts

    def add(self, text: str, lang: str | None, theirs: bool = False) -> None:
        for mention in mentions(text, lang):
            if mention.kind == "bot":
                self.bots |= set(mention.values)
                self._number(Decimal(next(iter(mention.values))), None, None, theirs)
            elif mention.kind == "date":
                (_, year, month, day), = mention.values
                self.dates.add((year, month, day))
                for part in (day, year):
                    if part is not None:
                        self._number(Decimal(part), "date", None, theirs)
            else:
                for value in mention.values:
                    if value[0] == "t":
                        self.times.add(value[1:])
                    else:
                        self._number(value[1], mention.unit, mention.direction, theirs)

    def _number(self, value: Decimal, unit: str | None, direction: str | None, theirs: bool) -> None:
        if theirs:
            self.theirs.add(value)
        else:
            self.numbers.setdefault(value, set()).add((unit, direction))

    def supports(self, mention: Mention) -> bool:
        return self.verdict(mention) is None

    def verdict(self, mention: Mention) -> str | None:
        """None when the packet backs the mention, else why not: "absent" (no such number), "kind" (the number,
        but not as this kind), "sign" (the amount, but not in this direction) or "unread" (words not understood)."""
        if mention.kind == "bot":
            return None if mention.values & self.bots else "absent"
        if mention.kind == "date":
            (_, year, month, day), = mention.values
            found = any((m, d) == (month, day) and (year is None or y is None or y == year) for y, m, d in self.dates)
            return None if found else "absent"
        if not mention.values:
            return "unread"
        reasons = set()
        for value in mention.values:
            if value[0] == "t":
                if value[1:] in self.times:
                    return None
                continue
            reason = _fit(value[1], mention, self.numbers.get(value[1]) or set())
            if reason is None or (reason != "sign" and value[1] in self.theirs):
                return None  # the trader's own number, in any kind, unless it turns a recorded loss into a profit
            reasons.add(reason)
        return "sign" if "sign" in reasons else "kind" if "kind" in reasons else "absent"


def _fit(value: Decimal, mention: Mention, stated: set[tuple[str | None, str | None]]) -> str | None:
    """Whether the packet's statements of ``value`` back the mention (None), or why not."""
    if not stated:
        return "absent"
    wanted = mention.direction if value else None
    if mention.unit is None:
        if wanted is None:
            return None
        # A bare amount said to be a loss: backed by that loss, or by a count or the like (no direction to miss).
        backed = any(d == wanted or (u is not None and not u.startswith(SIGNED_UNITS)) for u, d in stated)
        return None if backed else "sign"
    directions = [d for u, d in stated if u == mention.unit]
    if not directions:
        return "kind"
    if wanted is None or not mention.unit.startswith(SIGNED_UNITS):
        return None
    return None if wanted in directions else "sign"


@dataclass(frozen=True)
class Check:
    """The verdict on one answer: the numbers it cannot back (and why each), weekdays that do not fit their date,
    its language."""

    unsupported: tuple[Mention, ...]
    wrong_weekdays: tuple[Mention, ...]
    language: str | None
    wanted: str
    empty: bool
    reasons: tuple[str, ...] = ()
    answer: str = ""

    @property
    def wrong_language(self) -> bool:
        return self.language is not None and self.language != self.wanted

    @property
    def ok(self) -> bool:
        return not (self.unsupported or self.wrong_weekdays or self.wrong_language or self.empty)

    def _said(self, mention: Mention, reason: str) -> tuple[int, int]:
        """What to show for a flagged number: an amount in the wrong direction with the word or sign saying so."""
        return mention.phrase if reason == "sign" and mention.phrase else (mention.start, mention.end)

    def marks(self) -> list[list]:
        """``[start, end, text]`` of every part of the answer the trader should not rely on."""
        spans = [self._said(m, r) for m, r in zip(self.unsupported, self.reasons, strict=True)]
        spans += [(m.start, m.end) for m in self.wrong_weekdays]
        return sorted([start, end, self.answer[start:end]] for start, end in spans)

    def problems(self) -> list[Msg]:
        """What was wrong, as messages (for the model's second try and for the trader)."""
        out = []
        if self.empty:
            out.append(Msg("mentor.chat.fix.empty"))
        flagged = list(zip(self.unsupported, self.reasons, strict=True))
        absent = [m.text for m, r in flagged if r in ("absent", "kind")]
        if absent:
            out.append(Msg("mentor.chat.fix.numbers", {"numbers": "; ".join(dict.fromkeys(absent))}))
        unread = [m.text for m, r in flagged if r == "unread"]
        if unread:
            out.append(Msg("mentor.audit.fix.words", {"words": "; ".join(dict.fromkeys(unread))}))
        out += self.wrong_signs()
        for mention in self.wrong_weekdays:
            (_, year, month, day), = mention.values
            out.append(Msg("mentor.chat.fix.weekday", {"said": mention.text, "weekday": Msg(
                f"mentor.weekday.{date(year, month, day).isoweekday()}")}))
        if self.wrong_language:
            out.append(Msg("mentor.chat.fix.language", {"language": Msg(f"mentor.chat.lang.{self.wanted}")}))
        return out

    def wrong_signs(self) -> list[Msg]:
        """Each amount told as a profit the packet records as a loss (or the reverse), with the words that told it."""
        out: dict[str, Msg] = {}
        for mention, reason in zip(self.unsupported, self.reasons, strict=True):
            if reason == "sign" and mention.direction is not None:
                start, end = self._said(mention, reason)
                said = self.answer[start:end] if self.answer else mention.text
                out.setdefault(said, Msg("mentor.audit.fix.sign", {"said": said, "direction": Msg(
                    f"mentor.audit.dir.{mention.direction}")}))
        return list(out.values())


def check(answer: str, facts: Facts, wanted: str) -> Check:
    found = mentions(answer)
    flagged = [(m, facts.verdict(m)) for m in found]
    unsupported = tuple(m for m, reason in flagged if reason is not None)
    reasons = tuple(reason for _, reason in flagged if reason is not None)
    wrong_days = tuple(m for m in found if m.kind == "date" and m.weekday is not None and not _weekday_fits(m, facts))
    return Check(unsupported, wrong_days, language_of(answer), wanted, not answer.strip(), reasons, answer)


def _weekday_fits(mention: Mention, facts: Facts) -> bool:
    (_, year, month, day), = mention.values
    years = [year] if year is not None else sorted({y for y, m, d in facts.dates if (m, d) == (month, day)
                                                    and y is not None})
    return any(date(y, month, day).isoweekday() == mention.weekday for y in years) if years else True


def language_of(text: str) -> str | None:
    """"id", "en" or "other" when the text says clearly, else None (too short or mixed to tell)."""
    letters = [ch for ch in text if ch.isalpha()]
    if letters:
        foreign = sum(1 for ch in letters if not unicodedata.name(ch, "").startswith("LATIN"))
        if foreign / len(letters) > 0.3:
            return "other"
    words = re.findall(r"[a-zA-Z']+", text.lower())
    ids = sum(1 for w in words if w in ID_WORDS)
    ens = sum(1 for w in words if w in EN_WORDS)
    if max(ids, ens) < 4:
        return None
    if ids >= 2 * ens:
        return "id"
    if ens >= 2 * ids:
        return "en"
    return None


def asked_language(question: str, default: str) -> str:
    """The language to answer in: what the trader asks for, else the language they wrote in, else the dashboard's."""
    lower = question.lower()
    if re.search(r"\b(in english|bahasa inggris|english please|answer in english)\b", lower):
        return "en"
    if re.search(r"\b(bahasa indonesia|in indonesian)\b", lower):
        return "id"
    spoken = language_of(question)
    if spoken in ("id", "en"):
        return spoken
    words = re.findall(r"[a-zA-Z']+", lower)
    ids, ens = sum(1 for w in words if w in ID_WORDS), sum(1 for w in words if w in EN_WORDS | QUESTION_WORDS)
    if ens >= 2 and not ids:  # a short question is clear enough when only one language's words are in it
        return "en"
    if ids >= 2 and not ens:
        return "id"
    return default
