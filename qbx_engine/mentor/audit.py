"""The check on a model's answer: every number it states must be one the facts packet states.

A number is read the way a trader would write it, in either language: ``1.234,56`` (Indonesian) and ``1,234.56``
(English) are the same amount, ``12,5%`` is twelve and a half percent, ``20:05`` is a time, ``26 November`` and
``2026-11-26`` are dates, ``#3`` is bot 3, and ``empat``/``four`` count as 4. A written form that could mean two
amounts (``1.234``) is supported when either is. The sign is left aside (the packet says "rugi 45,74" where an answer
may say "-45,74"), and a number followed by its unit (%, R, lot, pip, the currency, ×) must appear with that unit or
with none. Numbers the trader wrote in their own questions are theirs to repeat. A weekday written before a date
must be that date's weekday. The answer's language is read from its common words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from ..core.i18n import Msg

MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2, "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10,
    "october": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "desember": 12, "december": 12, "des": 12,
    "dec": 12}
WEEKDAYS = {"senin": 1, "monday": 1, "selasa": 2, "tuesday": 2, "rabu": 3, "wednesday": 3, "kamis": 4,
            "thursday": 4, "jumat": 5, "jum'at": 5, "friday": 5, "sabtu": 6, "saturday": 6, "minggu": 7, "ahad": 7,
            "sunday": 7}
WORDS = {"dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
         "sepuluh": 10, "sebelas": 11, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
TEENS = {"dua": 12, "tiga": 13, "empat": 14, "lima": 15, "enam": 16, "tujuh": 17, "delapan": 18, "sembilan": 19}
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

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_DAY_BEFORE = rf"(?:(?P<weekday>{_WEEKDAY}),?\s+(?:(?:tanggal|tgl\.?|the)\s+)?)?"
DATES = re.compile(
    rf"(?i)\b{_DAY_BEFORE}(?:(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}}))"
    rf"|(?P<d>\d{{1,2}})\s+(?P<month>{_MONTH})\.?(?:\s+(?P<y>\d{{4}}))?"
    rf"|(?P<sd>\d{{1,2}})/(?P<sm>\d{{1,2}})(?:/(?P<sy>\d{{2}}|\d{{4}}))?)(?!\w)")
TIMES = re.compile(r"(?<![\w.,:])(?P<h>[01]?\d|2[0-3])(?P<sep>[:.])(?P<m>[0-5]\d)(?![\w]|[.,:]\d)")
NUMBERS = re.compile(r"(?<![\w.,])(?P<hash>#)?(?P<num>\d+(?:[.,]\d+)*)")
LIST_MARKER = re.compile(r"(?m)^\s*\d{1,2}[.)](?=\s)")
NUMBER_WORDS = re.compile(rf"(?i)\b(?P<teen>(?:{'|'.join(TEENS)})\s+belas)\b|\b(?P<word>{'|'.join(WORDS)})\b")
UNITS = (("pct", re.compile(r"\s?(?:%|persen\b|percent\b)", re.I)), ("r", re.compile(r"R\b")),
         ("lot", re.compile(r"\s?lots?\b", re.I)), ("pip", re.compile(r"\s?pips?\b", re.I)),
         ("factor", re.compile(r"\s?(?:×|x\b)")),
         ("money", re.compile(r"\s?(?:[A-Z]{3}\b|dolar\b|dollars?\b)")))
_EN_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+\.\d+$")
_ID_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+,\d+$")


@dataclass(frozen=True)
class Mention:
    """A number as written in a text: where, what it may mean, and the unit written after it."""

    start: int
    end: int
    text: str
    kind: str  # "number", "time", "date", "bot"
    values: frozenset
    unit: str | None = None
    weekday: int | None = None  # a weekday written just before a date


def mentions(text: str, lang: str | None = None) -> list[Mention]:
    """Every number in ``text``; ``lang`` fixes the separators (the packet's own texts), None tries both."""
    taken = [False] * len(text)

    def claim(start: int, end: int) -> bool:
        if any(taken[start:end]):
            return False
        taken[start:end] = [True] * (end - start)
        return True

    for marker in LIST_MARKER.finditer(text):
        claim(marker.start(), marker.end())
    found = _dates(text, claim) + _times(text, lang, claim)
    for hit in NUMBERS.finditer(text):
        if any(taken[hit.start():hit.end()]):
            continue
        if hit.group("hash"):
            claim(hit.start(), hit.end())
            found.append(Mention(hit.start(), hit.end(), hit.group(0), "bot", frozenset({int(hit.group("num"))})))
            continue
        for start, end, values in _number_parts(hit, lang):
            claim(start, end)
            found.append(Mention(start, end, text[start:end], "number", frozenset(("n", v) for v in values),
                                 _unit(text, start, end)))
    for hit in NUMBER_WORDS.finditer(text):
        if not claim(hit.start(), hit.end()):
            continue
        value = TEENS[hit.group("teen").split()[0].lower()] if hit.group("teen") else WORDS[hit.group("word").lower()]
        found.append(Mention(hit.start(), hit.end(), hit.group(0), "number", frozenset({("n", Decimal(value))}),
                             _unit(text, hit.start(), hit.end())))
    return sorted(found, key=lambda m: m.start)


def _dates(text: str, claim) -> list[Mention]:
    found = []
    for hit in DATES.finditer(text):
        start = hit.start("weekday") if hit.group("weekday") else hit.start(next(
            g for g in ("iso", "d", "sd") if hit.group(g)))
        value = _date(hit)
        if value is not None and claim(start, hit.end()):
            weekday = WEEKDAYS[hit.group("weekday").lower()] if hit.group("weekday") else None
            found.append(Mention(start, hit.end(), text[start:hit.end()], "date", frozenset({value}), None, weekday))
    return found


def _times(text: str, lang: str | None, claim) -> list[Mention]:
    found = []
    for hit in TIMES.finditer(text):
        if hit.group("sep") == "." and lang is not None:
            continue  # the packet writes times with a colon; "14.05" there is a number
        values: set[tuple] = {("t", int(hit.group("h")), int(hit.group("m")))}
        if hit.group("sep") == ".":  # "14.05" may be a time (as Indonesians often write it) or a number
            values |= {("n", v) for v in _values(hit.group(0), lang)}
        if claim(hit.start(), hit.end()):
            found.append(Mention(hit.start(), hit.end(), hit.group(0), "time", frozenset(values)))
    return found


def _date(hit: re.Match) -> tuple | None:
    year: int | None
    if hit.group("iso"):
        year, month, day = int(hit.group("iy")), int(hit.group("im")), int(hit.group("id"))
    elif hit.group("month"):
        year, month, day = (int(hit.group("y")) if hit.group("y") else None), MONTHS[hit.group("month").lower()], \
            int(hit.group("d"))
    else:
        year = int(hit.group("sy")) if hit.group("sy") else None
        year = year + 2000 if year is not None and year < 100 else year
        month, day = int(hit.group("sm")), int(hit.group("sd"))
    try:
        date(year or 2024, month, day)  # 2024: a leap year, so 29 February stands without a year
    except ValueError:
        return None
    return ("d", year, month, day)


def _number_parts(hit: re.Match, lang: str | None) -> list[tuple[int, int, set[Decimal]]]:
    """The readings of one written number; a string neither language can read (``1.2.3``) counts digit by digit."""
    raw = hit.group("num")
    values = _values(raw, lang)
    if values:
        return [(hit.start("num"), hit.end("num"), values)]
    out = []
    for part in re.finditer(r"\d+", raw):
        out.append((hit.start("num") + part.start(), hit.start("num") + part.end(), {Decimal(part.group(0))}))
    return out


def _values(raw: str, lang: str | None) -> set[Decimal]:
    if raw.isdigit():
        return {Decimal(raw)}
    readings = set()
    if lang in (None, "en") and _EN_NUMBER.match(raw):
        readings.add(raw.replace(",", ""))
    if lang in (None, "id") and _ID_NUMBER.match(raw):
        readings.add(raw.replace(".", "").replace(",", "."))
    out = set()
    for reading in readings:
        try:
            out.add(Decimal(reading))
        except InvalidOperation:
            continue
    return out


def _unit(text: str, start: int, end: int) -> str | None:
    after = text[end:end + 12]
    for name, pattern in UNITS:
        if pattern.match(after):
            return name
    if start > 0 and text[start - 1] == "$":
        return "money"
    return None


@dataclass
class Facts:
    """What an answer may state: the packet's numbers (with their units), times, dates and bots."""

    numbers: dict[Decimal, set[str | None]] = field(default_factory=dict)
    times: set[tuple] = field(default_factory=set)
    dates: set[tuple] = field(default_factory=set)
    bots: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, texts: Mapping[str, str], questions: Iterable[str] = ()) -> Facts:
        """``texts``: the packet in each language (read with that language's separators); ``questions``: what the
        trader wrote, read both ways."""
        facts = cls()
        for lang, text in texts.items():
            facts.add(text, lang)
        for question in questions:
            facts.add(question, None)
        return facts

    def add(self, text: str, lang: str | None) -> None:
        for mention in mentions(text, lang):
            if mention.kind == "bot":
                self.bots |= set(mention.values)
                self.numbers.setdefault(Decimal(next(iter(mention.values))), set()).add(None)
            elif mention.kind == "date":
                (_, year, month, day), = mention.values
                self.dates.add((year, month, day))
                for part in (day, year):
                    if part is not None:
                        self.numbers.setdefault(Decimal(part), set()).add("date")
            else:
                for value in mention.values:
                    if value[0] == "t":
                        self.times.add(value[1:])
                    else:
                        self.numbers.setdefault(value[1], set()).add(mention.unit)

    def supports(self, mention: Mention) -> bool:
        if mention.kind == "bot":
            return bool(mention.values & self.bots)
        if mention.kind == "date":
            (_, year, month, day), = mention.values
            return any((m, d) == (month, day) and (year is None or y is None or y == year) for y, m, d in self.dates)
        return any(self._has(value, mention.unit) for value in mention.values)

    def _has(self, value: tuple, unit: str | None) -> bool:
        if value[0] == "t":
            return value[1:] in self.times
        units = self.numbers.get(value[1])
        if not units:
            return False
        return unit is None or unit in units or None in units


@dataclass(frozen=True)
class Check:
    """The verdict on one answer: the numbers it cannot back, weekdays that do not fit their date, its language."""

    unsupported: tuple[Mention, ...]
    wrong_weekdays: tuple[Mention, ...]
    language: str | None
    wanted: str
    empty: bool

    @property
    def wrong_language(self) -> bool:
        return self.language is not None and self.language != self.wanted

    @property
    def ok(self) -> bool:
        return not (self.unsupported or self.wrong_weekdays or self.wrong_language or self.empty)

    def problems(self) -> list[Msg]:
        """What was wrong, as messages (for the model's second try and for the trader)."""
        out = []
        if self.empty:
            out.append(Msg("mentor.chat.fix.empty"))
        if self.unsupported:
            out.append(Msg("mentor.chat.fix.numbers", {"numbers": "; ".join(dict.fromkeys(
                m.text for m in self.unsupported))}))
        for mention in self.wrong_weekdays:
            (_, year, month, day), = mention.values
            out.append(Msg("mentor.chat.fix.weekday", {"said": mention.text, "weekday": Msg(
                f"mentor.weekday.{date(year, month, day).isoweekday()}")}))
        if self.wrong_language:
            out.append(Msg("mentor.chat.fix.language", {"language": Msg(f"mentor.chat.lang.{self.wanted}")}))
        return out


def check(answer: str, facts: Facts, wanted: str) -> Check:
    found = mentions(answer)
    unsupported = tuple(m for m in found if not facts.supports(m))
    wrong_days = tuple(m for m in found if m.kind == "date" and m.weekday is not None and not _weekday_fits(m, facts))
    return Check(unsupported, wrong_days, language_of(answer), wanted, not answer.strip())


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
