"""How the audit reads the numbers in a text, as a trader would read them, in Bahasa Indonesia and English.

Each number is read with what it is: its value (``1.234,56`` and ``1,234.56`` are one amount; ``1.234`` may be either
reading), its kind from the word or sign written with it (``%``, ``R``, ``lot``, ``pip``, ``×``, a currency before or
after it: ``Rp1.500.000``, ``USD987,65``, ``$120``, ``120$``, ``IDR 1.5 juta``; a count of trades or times; minutes,
hours, days, weeks), and for an amount its direction: the sign written on it, else the nearest word before it in
the same clause (``rugi``, ``untung``, ``lost``, ``profit``...) or right after its currency (``122.50 USD lost``).
A bare number takes the kind of the next one when only a range or comparison word separates them (``100,00–500,00
USD``, ``25,59 vs rata-rata rugi 30,63 USD``, ``4 dari 7 trade``); a number in a Markdown table row takes the kind
its row names (``Hasil bersih (USD)``). Number words are read by :mod:`.numwords`; ``setengah``/``half`` on its own
is a share (50%). Times (``20:05``, ``20.05``), dates (``26 November``, ``2026-11-26``, ``26/11``, with the weekday
written before them) and bots (``#3``) are read as such.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from . import numwords

MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2, "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10,
    "october": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "desember": 12, "december": 12, "des": 12,
    "dec": 12}
WEEKDAYS = {"senin": 1, "monday": 1, "selasa": 2, "tuesday": 2, "rabu": 3, "wednesday": 3, "kamis": 4,
            "thursday": 4, "jumat": 5, "jum'at": 5, "friday": 5, "sabtu": 6, "saturday": 6, "minggu": 7, "ahad": 7,
            "sunday": 7}
CURRENCIES = frozenset({"USD", "USC", "EUR", "GBP", "JPY", "AUD", "NZD", "CAD", "CHF", "IDR", "SGD", "MYR", "HKD",
                        "CNY", "CNH", "THB", "PHP", "INR", "KRW", "ZAR", "TRY", "MXN", "SEK", "NOK", "DKK", "PLN",
                        "HUF", "CZK", "RUB", "BRL", "SAR", "AED", "USDT"})
SYMBOLS = {"US$": "USD", "$": "USD", "Rp": "IDR", "Rp.": "IDR", "€": "EUR", "£": "GBP", "¥": "JPY"}
CURRENCY_WORDS = {"dolar": "USD", "dollar": "USD", "dollars": "USD", "rupiah": "IDR", "euro": "EUR", "euros": "EUR"}
SIGNED_UNITS = ("money:", "r")  # kinds whose amounts gain or lose (and a bare number, which may be one)
SIGNS = "+-−"
_SIGN = r"[+\-−]"

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_DAY_BEFORE = rf"(?:(?P<weekday>{_WEEKDAY}),?\s+(?:(?:tanggal|tgl\.?|the)\s+)?)?"
DATES = re.compile(
    rf"(?i)\b{_DAY_BEFORE}(?:(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}}))"
    rf"|(?P<d>\d{{1,2}})\s+(?P<month>{_MONTH})\.?(?:\s+(?P<y>\d{{4}}))?"
    rf"|(?P<sd>\d{{1,2}})/(?P<sm>\d{{1,2}})(?:/(?P<sy>\d{{2}}|\d{{4}}))?)(?!\w)")
TIMES = re.compile(r"(?<![\w.,:])(?P<h>[01]?\d|2[0-3])(?P<sep>[:.])(?P<m>[0-5]\d)(?![\w]|[.,:]\d)")
NUMBERS = re.compile(r"(?<![\d.,_])(?P<hash>#)?(?P<num>\d+(?:[.,]\d+)*)")
_EN_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+\.\d+$")
_ID_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+,\d+$")
_GLUED = re.compile(r"\d\s?$")
LIST_MARKER = re.compile(r"(?m)^\s*\d{1,2}[.)](?=\s)")
_CODES = "|".join(sorted(CURRENCIES, key=len, reverse=True))
PREFIX = re.compile(rf"(?P<sign>(?<![\w.,]){_SIGN})?(?:(?<![A-Za-z])(?P<code>{_CODES})|(?P<sym>US\$|Rp\.?|[$€£¥]))"
                    rf"\s?(?P<sign2>{_SIGN})?$")
SCALE = re.compile(r"\s?(?i:(?P<word>juta|jt|ribu|rb|miliar|milyar|triliun|thousand|million|billion|trillion))\b"
                   r"|(?P<k>[kK])\b")
SCALES = {"juta": 10**6, "jt": 10**6, "ribu": 10**3, "rb": 10**3, "miliar": 10**9, "milyar": 10**9,
          "triliun": 10**12, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "k": 10**3}
UNIT = re.compile(
    r"(?P<pct>\s?(?:%|(?i:persen|percent|pct)\b))"
    r"|(?P<r>\s?R\b)"
    r"|(?P<lot>\s?-?(?i:lots?)\b)"
    r"|(?P<pip>\s?-?(?i:pips?)\b)"
    r"|(?P<factor>\s?×|\s?x\b|(?i:\s+kali\s+(?:lipat|lebih|dari)|\s+times\s+(?:the|as|larger|bigger|more|higher"
    r"|greater|smaller|less|fewer)|-fold)\b)"
    rf"|\s?(?P<code>{_CODES})\b"
    r"|(?P<sym>\$)"
    r"|\s(?P<word>(?i:dolar|dollars?|rupiah|euros?))\b"
    r"|(?P<minutes>\s?(?i:menit|minutes?|mins?)\b)"
    r"|(?P<hours>\s?(?i:jam|hours?|hrs?|h)\b)"
    r"|(?P<seconds>\s?(?i:detik|seconds?|secs?)\b)"
    r"|(?P<days>\s?(?i:hari|days?)\b)"
    r"|(?P<weeks>\s(?i:minggu|weeks?)\b)"
    r"|(?P<months>\s(?i:bulan|months?)\b)"
    r"|(?P<years>\s(?i:tahun|years?)\b)"
    r"|(?P<count>\s(?i:(?:(?:losing|winning|manual|revenge|more|other|open)\s+)?(?:trades?|transaksi|posisi"
    r"|positions?|entry|entries|orders?|bots?|sinyal|signals?|catatan|notes?))\b)"
    r"|\s(?i:(?:manual|bot|more|other)\s+)?(?P<tally>(?i:kali|times|wins?|winners?|loss|losses|losers?|won|lost"
    r"|profit|rugi))\b")
# A word after an amount's currency saying which way it went: "122.50 USD lost", "45.74 USD down".
AFTER = re.compile(r"\s+(?i:in\s+)?(?P<word>(?i:lost|loss|losses|down|rugi|hilang|kerugian|profits?|gains?|up|untung"
                   r"|keuntungan|won))\b(?!\s+(?i:factor|to)\b)")
# What may stand between a bare number and the next one whose kind it shares.
SHARED = re.compile(r"\s*(?:–|—|-|~|(?i:sampai|hingga|s/d|to|atau|or))\s*[+−]?|\s*(?i:vs\.?|versus)"
                    r"(?:\s+[^\W\d][\w-]*){0,3}\s*")
SHARED_COUNT = re.compile(r"\s*(?i:dari|of|out\s+of)\s*")
TOKENS = re.compile(r"\n|[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,:]\d+)*|[^\w\s]")
TABLE_ROW = re.compile(r"(?m)^[ \t]*\|(?P<head>[^|\n]*)\|(?P<cells>[^\n]*)$")

LOSS = frozenset({"rugi", "merugi", "kerugian", "merugikan", "dirugikan", "kehilangan", "hilang", "loss", "losses",
                  "lost", "lose", "loses", "losing", "cost", "costs", "costing", "biaya", "memakan", "menelan",
                  "drawdown", "defisit"})
GAIN = frozenset({"untung", "keuntungan", "menguntungkan", "profit", "profits", "laba", "cuan", "gain", "gains",
                  "gained", "won", "win", "wins", "winning", "earned", "earn", "earning", "earnings", "surplus",
                  "menang"})
WEAK = {"plus": "gain", "naik": "gain", "up": "gain", "minus": "loss", "turun": "loss", "down": "loss"}
TALLY_LOSS = frozenset({"loss", "losses", "losers", "loser", "lost", "rugi"})
# A direction word that names something else: "stop loss", "take profit", "profit factor", "win rate".
NAMES = frozenset({("stop", "loss"), ("take", "profit"), ("profit", "factor"), ("win", "rate"), ("cut", "loss"),
                   ("cut", "losses")})
# Words that take the claim back: "tidak rugi", "not a loss", "berisiko kehilangan" (at risk of losing).
UNSAID = frozenset({"tidak", "bukan", "tanpa", "belum", "not", "no", "never", "without", "didn't", "wasn't", "isn't",
                    "berisiko", "risiko", "risk", "risking", "could", "might", "bisa", "potensi", "potential",
                    "maksimal", "max", "maximum"})
CLAUSE = frozenset({"tetapi", "tapi", "namun", "sedangkan", "padahal", "sementara", "melainkan", "but", "while",
                    "whereas", "although", "though", "however"})
STOPS = frozenset(".,;!?()[]{}|·•—–-\n“”\"")
WINDOW = 6  # words looked at before an amount for its direction
MEASURED = ("pct", "r", "lot", "pip", "factor", "money:")  # what "satu"/"one" alone must come with to be a number
HYPHEN_UNITS = re.compile(r"(?i)pips?|lots?|minutes?|hours?|days?|weeks?|months?|years?|trades?|percent|fold|menit"
                          r"|jam|hari|minggu|bulan|tahun")
HALF_IDIOMS = frozenset({"hati", "mati", "jalan", "sadar", "matang"})
HALF_PERIODS = frozenset({"first", "second", "other", "latter", "former", "last", "next", "back", "front"})


@dataclass(frozen=True)
class Mention:
    """A number as written in a text: where, what it may mean, its kind (``unit``) and, for an amount, which way
    it went. ``phrase`` spans what says so: the number with its unit and the word or sign giving its direction."""

    start: int
    end: int
    text: str
    kind: str  # "number", "time", "date", "bot"
    values: frozenset
    unit: str | None = None  # "pct", "r", "lot", "pip", "factor", "count", "minutes", ..., "money:USD"
    weekday: int | None = None  # a weekday written just before a date
    direction: str | None = None  # "gain" or "loss"
    phrase: tuple[int, int] | None = None


@dataclass
class _Draft:
    """A number being read: its value(s), then its kind, then its direction."""

    start: int
    end: int
    values: set[Decimal]
    integer: bool
    unit: str | None = None
    unit_end: int = 0
    direction: str | None = None
    cue: tuple[int, int] | None = None
    after: tuple[str, int, int] | None = None  # a direction word read after the unit
    shared: bool = False  # the kind was taken from the next number or from its table row


def mentions(text: str, lang: str | None = None) -> list[Mention]:
    """Every number in ``text``; ``lang`` fixes the separators (the packet's own texts), None tries both."""
    taken = bytearray(len(text))

    def claim(start: int, end: int) -> bool:
        if any(taken[start:end]):
            return False
        taken[start:end] = b"\x01" * (end - start)
        return True

    for marker in LIST_MARKER.finditer(text):
        claim(marker.start(), marker.end())
    found = _dates(text, claim) + _times(text, lang, claim)
    drafts: list[_Draft] = []
    for hit in NUMBERS.finditer(text):
        if any(taken[hit.start():hit.end()]):
            continue
        if hit.group("hash"):
            claim(hit.start(), hit.end())
            found.append(Mention(hit.start(), hit.end(), hit.group(0), "bot", frozenset({int(hit.group("num"))})))
            continue
        drafts += [d for d in _figures(text, hit, lang) if claim(d.start, d.end)]
    tokens = [(m.start(), m.end(), m.group(0).lower()) for m in TOKENS.finditer(text)]
    drafts += [d for d in _worded(text, tokens, taken) if claim(d.start, d.end)]
    drafts.sort(key=lambda d: d.start)
    _share_kinds(text, drafts)
    _table_kinds(text, drafts)
    starts = [t[0] for t in tokens]
    for draft in drafts:
        _direct(text, draft, tokens, starts)
    found += [_mention(text, d) for d in drafts]
    return sorted(found, key=lambda m: m.start)


def _mention(text: str, d: _Draft) -> Mention:
    ends = [d.end] + ([d.unit_end] if d.unit and not d.shared else []) + ([d.cue[1]] if d.cue else [])
    start = min(d.start, d.cue[0]) if d.cue else d.start
    return Mention(d.start, d.end, text[d.start:d.end], "number", frozenset(("n", v) for v in d.values), d.unit,
                   direction=d.direction, phrase=(start, max(ends)))


# -- dates and times ----------------------------------------------------------------------------------------------
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


# -- numbers in digits -------------------------------------------------------------------------------------------
def _figures(text: str, hit: re.Match, lang: str | None) -> list[_Draft]:
    """One written number with its currency, sign and scale word; a string neither language can read (``1.2.3``)
    counts digit by digit, and digits glued to a name (``M15``, ``qwen2.5``) are no number at all."""
    raw, start, end = hit.group("num"), hit.start("num"), hit.end("num")
    prefix = PREFIX.search(text, max(0, start - 6), start) if start and not text[start - 1].isdigit() else None
    if prefix is not None and _GLUED.search(text, max(0, prefix.start() - 2), prefix.start()):
        prefix = None  # "45,74 USD 7": the currency is the amount's before it
    if prefix is None and start and text[start - 1].isalpha():
        return []
    values = _values(raw, lang)
    if not values:
        return [_Draft(hit.start("num") + p.start(), hit.start("num") + p.end(), {Decimal(p.group(0))}, True)
                for p in re.finditer(r"\d+", raw)]
    draft = _Draft(start, end, values, raw.isdigit())
    sign = None
    if prefix is not None:
        draft.start, draft.unit_end = prefix.start(), end
        draft.unit = "money:" + (prefix.group("code") or SYMBOLS[prefix.group("sym")])
        sign = prefix.group("sign2") or prefix.group("sign")
    elif start and text[start - 1] in SIGNS and (start < 2 or not (text[start - 2].isalnum() or text[start - 2] in
                                                                      ".,")):
        draft.start, sign = start - 1, text[start - 1]
    if sign is not None and any(values):
        draft.direction = "gain" if sign == "+" else "loss"
    scale = SCALE.match(text, end)
    if scale is not None:
        factor = SCALES[(scale.group("word") or "k").lower()]
        draft.values = {v * factor for v in values}
        draft.end = end = scale.end()
        draft.integer = True
    _read_unit(text, draft, end)
    return [draft]


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


def _read_unit(text: str, draft: _Draft, at: int) -> None:
    """The kind written after a number (a currency written before it stays), and a direction word that follows an
    amount ("122.50 USD lost"; "4.50 loss", where a win or loss word after a decimal is no count)."""
    hit = UNIT.match(text, at)
    end = at
    if hit is not None and draft.unit is None:
        unit = _unit_of(hit, draft.integer)
        if unit is None:
            word = hit.group("tally").lower()
            draft.after = ("loss" if word in TALLY_LOSS else "gain", hit.start("tally"), hit.end("tally"))
            return
        draft.unit, draft.unit_end, end = unit, hit.end(), hit.end()
    if draft.unit is not None and draft.unit.startswith(SIGNED_UNITS):
        after = AFTER.match(text, end)
        if after is not None:
            word = after.group("word").lower()
            draft.after = ("loss" if word in LOSS or word == "down" else "gain", after.start("word"), after.end())


def _unit_of(hit: re.Match, integer: bool) -> str | None:
    if hit.group("code"):
        return "money:" + hit.group("code")
    if hit.group("sym"):
        return "money:USD"
    if hit.group("word"):
        return "money:" + CURRENCY_WORDS[hit.group("word").lower()]
    if hit.group("tally"):
        word = hit.group("tally").lower()
        if integer:
            return "count"
        return "factor" if word in ("kali", "times") else None
    return next(name for name in ("pct", "r", "lot", "pip", "factor", "minutes", "hours", "seconds", "days", "weeks",
                                  "months", "years", "count") if hit.group(name))


# -- numbers in words ----------------------------------------------------------------------------------------------
def _worded(text: str, tokens: list[tuple[int, int, str]], taken: bytearray) -> list[_Draft]:
    """Runs of number words (``dua puluh``, ``twenty-five``, ``a hundred``), each read whole; a run that cannot be
    read is kept with no value, so that it is flagged."""
    words: list[tuple[int, int, str]] = []  # one entry per number word; a hyphenated "twenty-five" gives two
    for start, end, word in tokens:
        if word in numwords.VOCABULARY and not any(taken[start:end]):
            words.append((start, end, word))
        elif "-" in word and not any(taken[start:end]):
            words += _hyphened(start, word)
        else:
            words.append((start, end, ""))
    out = []
    for run in _runs(text, words):
        draft = _run(text, run, tokens)
        if draft is not None:
            out.append(draft)
    return out


def _hyphened(start: int, word: str) -> list[tuple[int, int, str]]:
    """The number words of a hyphenated word: "twenty-five", "fifty-pip" (a unit after it); "setengah-setengah",
    "half-hearted" are none."""
    parts = word.replace("’", "'").split("-")
    counted = 0
    while counted < len(parts) and parts[counted] in numwords.VOCABULARY:
        counted += 1
    rest = parts[counted:]
    if not counted or len(set(parts)) == 1 or (rest and not HYPHEN_UNITS.fullmatch("-".join(rest))):
        return [(start, start + len(word), "")]
    out, at = [], start
    for part in parts[:counted]:
        out.append((at, at + len(part), part))
        at += len(part) + 1
    return out + ([(at - 1, start + len(word), "")] if rest else [])


def _runs(text: str, words: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    plain = [w for _, _, w in words]
    runs: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    for i, (start, end, word) in enumerate(words):
        joined = bool(word) and (word not in numwords.JOINERS or numwords.joins(plain, i))
        gap = text[current[-1][1]:start] if current else ""
        if joined and current and (gap.strip(" \t-") or gap.count("-") > 1):
            runs.append(current)
            current = []
        if joined:
            current.append((start, end, word))
        elif current:
            runs.append(current)
            current = []
    return runs + ([current] if current else [])


def _run(text: str, run: list[tuple[int, int, str]], tokens: list[tuple[int, int, str]]) -> _Draft | None:
    words = [w for _, _, w in run]
    start, end = run[0][0], run[-1][1]
    before = _word_before(tokens, start)
    after = _word_after(text, end)
    if words in (["satu"], ["one"]):
        draft = _Draft(start, end, {Decimal(1)}, True)
        _read_unit(text, draft, end)
        return draft if draft.unit and draft.unit.startswith(MEASURED) else None
    if words == ["twice"]:
        return _Draft(start, end, {Decimal(2)}, True, "factor" if after in ("the", "as") else "count", end)
    if words[-1] in numwords.FRACTIONS and len(words) == 1 and not _half_is_number(words[0], before, after):
        return None
    reading = numwords.read(words)
    if reading is None:
        return _Draft(start, end, set(), True)
    value, share = reading
    draft = _Draft(start, end, {value}, value == value.to_integral_value())
    if share:
        skip = re.match(r"\s+an?\b", text[end:end + 4], re.I)
        _read_unit(text, draft, end + (skip.end() if skip else 0))
        if draft.unit is None or draft.unit == "count":
            draft.values, draft.unit, draft.unit_end = {value * 100}, "pct", end
        return draft
    _read_unit(text, draft, end)
    return draft


def _half_is_number(word: str, before: str, after: str) -> bool:
    """``setengah``/``half`` alone is a number unless it names part of a period or an idiom (``the first half of
    the week``, ``setengah hati``); ``quarter`` alone is one only as a share (``quarter of``)."""
    if word in ("setengah", "separuh"):
        return after not in HALF_IDIOMS
    if word == "quarter":
        return after == "of"
    return before not in HALF_PERIODS


def _word_before(tokens: list[tuple[int, int, str]], at: int) -> str:
    i = bisect_left(tokens, (at,)) - 1
    return tokens[i][2] if i >= 0 else ""


def _word_after(text: str, at: int) -> str:
    hit = re.match(r"\s+([^\W\d_]+)", text[at:at + 40])
    return hit.group(1).lower() if hit else ""


# -- kinds that follow from where a number stands -------------------------------------------------------------------
def _share_kinds(text: str, drafts: list[_Draft]) -> None:
    """A bare number takes the kind of the next number when only a range or comparison word is between them."""
    for i in range(len(drafts) - 2, -1, -1):
        here, nxt = drafts[i], drafts[i + 1]
        if here.unit is not None or nxt.unit is None or not here.values:
            continue
        gap = text[here.end:nxt.start]
        if SHARED.fullmatch(gap) or (here.integer and nxt.unit == "count" and SHARED_COUNT.fullmatch(gap)):
            here.unit, here.shared = nxt.unit, True


def _table_kinds(text: str, drafts: list[_Draft]) -> None:
    """A number in a Markdown table row takes the kind its row's first cell names: ``Hasil bersih (USD)``,
    ``Expectancy (R)``, ``Trade``, ``Rugi beruntun terpanjang``."""
    if "|" not in text:
        return
    starts = [d.start for d in drafts]
    for row in TABLE_ROW.finditer(text):
        unit = _row_kind(row.group("head"))
        if unit is None:
            continue
        for i in range(bisect_left(starts, row.start("cells")), bisect_left(starts, row.end())):
            if drafts[i].unit is None:
                drafts[i].unit, drafts[i].shared = unit, True


def _row_kind(head: str) -> str | None:
    named = re.search(rf"\((?P<code>{_CODES})\)|\((?P<r>R)\)|(?P<pct>%)", head)
    if named is not None:
        return "money:" + named.group("code") if named.group("code") else "r" if named.group("r") else "pct"
    words = head.strip().lower()
    if re.fullmatch(r"trades?|transaksi", words) or re.search(r"\b(?:beruntun|streak|run)\b", words):
        return "count"
    return None


# -- which way an amount went -----------------------------------------------------------------------------------------
def _direct(text: str, draft: _Draft, tokens: list[tuple[int, int, str]], starts: list[int]) -> None:
    """An amount's direction: its sign, else the nearest direction word before it in its clause, else the word
    right after its currency. Counts, lots, percentages and the like have none."""
    if draft.direction is not None or not draft.values or all(v == 0 for v in draft.values):
        return
    if draft.unit is not None and not draft.unit.startswith(SIGNED_UNITS):
        return
    found = _before(tokens, starts, draft.start) or draft.after
    if found is not None:
        draft.direction, draft.cue = found[0], (found[1], found[2])


def _before(tokens: list[tuple[int, int, str]], starts: list[int], at: int) -> tuple[str, int, int] | None:
    i = bisect_left(starts, at) - 1
    seen = 0
    while i >= 0 and seen < WINDOW:
        start, end, word = tokens[i]
        if word in STOPS or word in CLAUSE or word[0].isdigit():
            return None
        i -= 1
        if not word[0].isalpha():
            continue
        seen += 1
        direction = "loss" if word in LOSS else "gain" if word in GAIN else WEAK.get(word) if seen == 1 else None
        if direction is None:
            continue
        previous = tokens[i][2] if i >= 0 else ""
        following = tokens[i + 2][2] if i + 2 < len(tokens) else ""
        if (previous, word) in NAMES or (word, following) in NAMES or "/" in (previous, following):
            continue
        return None if previous in UNSAID else (direction, start, end)
    return None
