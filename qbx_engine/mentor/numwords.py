"""Numbers written in words, in Bahasa Indonesia and English, read whole or not at all.

``dua puluh lima``, ``seratus ribu``, ``satu setengah``, ``tiga perempat``, ``satu koma lima``, ``twenty-five``,
``a hundred``, ``one thousand and five``, ``two and a half``, ``one point five``. A run of number words is read by
the grammar of its language (hundreds, then tens, then units, then a smaller scale word than the one before); a run
the grammar does not fit (``dua tiga``, ``twenty twenty``, a lone ``ribu``), a vague amount (``ratusan``,
``thousands``) or a fraction no decimal writes exactly (``sepertiga``) has no reading: the audit flags it rather
than guess what it meant.
"""

from __future__ import annotations

from decimal import Decimal

ID_DIGITS = {"nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
             "sembilan": 9}
ID_SINGLE: dict[str, tuple[str, Decimal]] = {
    "sepuluh": ("teen", Decimal(10)), "sebelas": ("teen", Decimal(11)), "seratus": ("hundreds", Decimal(100)),
    "seribu": ("one_scale", Decimal(10**3)), "sejuta": ("one_scale", Decimal(10**6)),
    "semiliar": ("one_scale", Decimal(10**9)), "semilyar": ("one_scale", Decimal(10**9)),
    "setriliun": ("one_scale", Decimal(10**12)), "setengah": ("frac", Decimal("0.5")),
    "separuh": ("frac", Decimal("0.5")), "seperempat": ("frac", Decimal("0.25")), "koma": ("point", Decimal(0))}
ID_SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}
ID_AFTER_DIGIT = ("belas", "puluh", "ratus", "perempat")

EN_DIGITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9}
EN_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
            "seventeen": 17, "eighteen": 18, "nineteen": 19}
EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
           "ninety": 90}
EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
EN_FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25")}

# Amounts no number states: "ratusan dolar", "thousands of dollars", "a third of your trades".
VAGUE = frozenset({"puluhan", "belasan", "ratusan", "ribuan", "jutaan", "miliaran", "milyaran", "triliunan",
                   "sepertiga", "pertiga", "hundreds", "thousands", "millions", "billions", "trillions", "dozens"})
# Words that join number words only in some places ("a hundred", "one hundred and five", "satu koma lima").
JOINERS = frozenset({"a", "an", "and", "koma", "point"})

ID_WORDS = frozenset(ID_DIGITS) | frozenset(ID_SINGLE) | frozenset(ID_SCALES) | frozenset(ID_AFTER_DIGIT)
EN_WORDS = (frozenset(EN_DIGITS) | frozenset(EN_TEENS) | frozenset(EN_TENS) | frozenset(EN_SCALES)
            | frozenset(EN_FRACTIONS) | {"hundred", "dozen", "quarters", "a", "an", "and", "point"})
VOCABULARY = ID_WORDS | EN_WORDS | VAGUE | {"twice"}
FRACTIONS = frozenset({"setengah", "separuh", "seperempat", "half", "quarter"})
_BIG = frozenset({"hundred", "dozen"}) | frozenset(EN_SCALES)


def joins(words: list[str], i: int) -> bool:
    """Whether the joiner ``words[i]`` belongs to the number around it."""
    word = words[i]
    before = words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    if word in ("a", "an"):
        return after in _BIG or after in EN_FRACTIONS
    if word == "and":
        then = words[i + 2] if i + 2 < len(words) else ""
        if after in ("a", "an") and then in EN_FRACTIONS:
            return before in EN_WORDS and before not in JOINERS
        return before in _BIG and after in EN_WORDS and after not in JOINERS and after not in _BIG
    if word == "koma":
        return before in ID_WORDS and before not in JOINERS and after in ID_DIGITS
    if word == "point":
        return before in EN_WORDS and before not in JOINERS and after in EN_DIGITS
    return True


def read(words: list[str]) -> tuple[Decimal, bool] | None:
    """The value of a run of number words (lower case, one word each) and whether it is a bare fraction
    (``setengah``, ``a half``: a share of something rather than an amount); None when the run cannot be read."""
    if not words or any(w in VAGUE for w in words):
        return None
    if all(w in ID_WORDS for w in words):
        elements = _indonesian(words)
    elif all(w in EN_WORDS for w in words):
        elements = _english(words)
    else:
        return None
    if elements is None:
        return None
    value = _evaluate(elements)
    if value is None:
        return None
    return value, all(kind == "frac" for kind, _ in elements)


def _indonesian(words: list[str]) -> list[tuple[str, Decimal]] | None:
    out: list[tuple[str, Decimal]] = []
    i = 0
    while i < len(words):
        word, after = words[i], words[i + 1] if i + 1 < len(words) else ""
        if word in ID_DIGITS:
            digit = ID_DIGITS[word]
            pair = _id_pair(digit, after)
            if pair is None and after in ID_AFTER_DIGIT:
                return None  # "satu puluh", "nol ratus": not how a number is said
            out.append(pair or ("unit", Decimal(digit)))
            i += 2 if pair else 1
        elif word in ID_SINGLE:
            out.append(ID_SINGLE[word])
            i += 1
        elif word in ID_SCALES:
            out.append(("scale", Decimal(ID_SCALES[word])))
            i += 1
        else:
            return None
    return out


def _id_pair(digit: int, after: str) -> tuple[str, Decimal] | None:
    if after == "belas" and digit >= 2:
        return "teen", Decimal(10 + digit)
    if after == "puluh" and digit >= 2:
        return "tens", Decimal(10 * digit)
    if after == "ratus" and digit >= 2:
        return "hundreds", Decimal(100 * digit)
    if after == "perempat" and 1 <= digit <= 3:
        return "frac", Decimal(digit) / 4
    return None


def _english(words: list[str]) -> list[tuple[str, Decimal]] | None:
    out: list[tuple[str, Decimal]] = []
    i = 0
    while i < len(words):
        word, after = words[i], words[i + 1] if i + 1 < len(words) else ""
        step = 1
        if word in EN_DIGITS or word in ("a", "an"):
            counted = _en_counted(word, after)
            if counted is None:
                return None
            element, step = counted
            out.append(element)
        elif word in EN_TEENS or word in EN_TENS:
            out.append(("teen" if word in EN_TEENS else "tens", Decimal(EN_TEENS.get(word) or EN_TENS[word])))
        elif word in EN_SCALES:
            out.append(("scale", Decimal(EN_SCALES[word])))
        elif word in EN_FRACTIONS:
            out.append(("frac", EN_FRACTIONS[word]))
        elif word in ("dozen", "point"):
            out.append((word, Decimal(12 if word == "dozen" else 0)))
        elif word != "and":
            return None
        i += step
    return out


def _en_counted(word: str, after: str) -> tuple[tuple[str, Decimal], int] | None:
    """A digit or "a" with what it counts: "two hundred", "three quarters", "a thousand", "a half", "a dozen"."""
    digit = EN_DIGITS.get(word, 1)
    if after == "hundred":
        return ("hundreds", Decimal(100 * digit)), 2
    if after == "quarters" and 1 <= digit <= 3:
        return ("frac", Decimal(digit) / 4), 2
    if word in EN_DIGITS:
        return ("unit", Decimal(digit)), 1
    if after in EN_SCALES:
        return ("one_scale", Decimal(EN_SCALES[after])), 2
    if after in EN_FRACTIONS:
        return ("frac", EN_FRACTIONS[after]), 2
    if after == "dozen":
        return ("unit", Decimal(1)), 1
    return None


class _Group:
    """The part of a number below its last scale word: hundreds, tens, units, a fraction and decimals."""

    def __init__(self) -> None:
        self.hundreds: Decimal | None = None
        self.tens: Decimal | None = None
        self.units: Decimal | None = None
        self.frac: Decimal | None = None
        self.decimals: str | None = None

    @property
    def empty(self) -> bool:
        return self.hundreds is None and self.tens is None and self.units is None and self.frac is None

    def value(self) -> Decimal:
        whole = (self.hundreds or 0) + (self.tens or 0) + (self.units or 0) + (self.frac or 0)
        return Decimal(whole) + (Decimal(f"0.{self.decimals}") if self.decimals else 0)

    def take(self, kind: str, value: Decimal) -> bool:
        """Add one element; False when it cannot stand where it is."""
        if self.decimals is not None:
            if kind != "unit":
                return False
            self.decimals += str(value)
            return True
        if self.frac is not None and kind != "point":
            return False
        if kind == "hundreds" and self.empty:
            self.hundreds = value
        elif kind in ("tens", "teen") and self.tens is None and self.units is None:
            self.tens = value
            self.units = Decimal(0) if kind == "teen" else None
        elif kind == "unit" and self.units is None:
            self.units = value
        elif kind == "dozen" and self.hundreds is None and self.tens is None:
            self.units = (self.units or 1) * value
            self.tens = Decimal(0)
        elif kind == "frac":
            self.frac = value
        elif kind == "point" and not self.empty and self.frac is None:
            self.decimals = ""
        else:
            return False
        return True


def _evaluate(elements: list[tuple[str, Decimal]]) -> Decimal | None:
    if _zero_misplaced(elements):
        return None
    total = Decimal(0)
    group = _Group()
    last_scale: Decimal | None = None
    for kind, value in elements:
        if kind in ("scale", "one_scale"):
            if (kind == "scale") == group.empty or group.decimals == "":
                return None  # "ribu" with nothing before it, "seribu" after a number
            if last_scale is not None and value >= last_scale:
                return None
            total += (group.value() if kind == "scale" else 1) * value
            group, last_scale = _Group(), value
        elif not group.take(kind, value):
            return None
    if group.decimals == "" or (group.empty and last_scale is None):
        return None
    return total + group.value()


def _zero_misplaced(elements: list[tuple[str, Decimal]]) -> bool:
    """"nol"/"zero" is a number on its own or before a decimal point ("nol koma lima"), else a digit after one."""
    pointed = False
    for i, (kind, value) in enumerate(elements):
        pointed = pointed or kind == "point"
        if kind == "unit" and value == 0 and not pointed and (
                i or (len(elements) > 1 and elements[1][0] != "point")):
            return True
    return False
