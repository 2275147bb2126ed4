"""From a chat message to a command: the words in both languages and their arguments, checked.

A word belongs to a language (``/saldo`` is Indonesian, ``/balance`` English) or to both (``/status``);
the reply follows it. Wrong arguments raise ValidationError with a sentence that shows the right form
(``/bot abc`` -> "'abc' is not a bot number ... e.g. /bot 3"); nothing runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...core.errors import ValidationError
from ...core.i18n import shown

# name -> (Indonesian words, English words, words of both); the first word of each language is the one /help shows
WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "help": (("bantuan",), ("help",), ()),
    "status": ((), (), ("status",)),
    "bot": ((), (), ("bot",)),
    "balance": (("saldo",), ("balance",), ()),
    "daily": (("hari",), ("daily", "today"), ()),
    "profit": (("laba",), (), ("profit",)),
    "positions": (("posisi",), ("positions",), ()),
    "report": (("laporan",), ("report",), ()),
    "weekly": (("mingguan",), ("weekly",), ()),
    "pause": (("jeda",), ("pause",), ()),
    "resume": (("lanjut",), ("resume",), ()),
    "stop": (("henti", "berhenti"), ("stop",), ()),
    "start": (("mulai",), ("start",), ()),
    "close": (("tutup",), ("close",), ()),
    "entries": (("entri",), ("entries",), ()),
    "brake": (("rem",), ("brake",), ()),
    "rearm": (("lepasrem",), ("rearm",), ()),
    "yes": (("ya",), ("yes",), ()),
    "cancel": (("batal",), ("cancel",), ()),
    "language": (("bahasa",), ("language",), ()),
}
LOOKUP: dict[str, tuple[str, str | None]] = {}
for _name, (_id_words, _en_words, _both) in WORDS.items():
    LOOKUP.update({w: (_name, "id") for w in _id_words})
    LOOKUP.update({w: (_name, "en") for w in _en_words})
    LOOKUP.update({w: (_name, None) for w in _both})

ALL = {"all", "semua"}
ON = {"on", "hidup", "nyala", "buka"}
OFF = {"off", "mati", "tutup"}
TARGETED = ("pause", "resume", "stop", "start")  # one bot or all of them
MOST_DAYS = 3660
DEFAULT_DAYS = 7
CODE = re.compile(r"^\d{6}$")
_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,64}))?$")


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple = ()
    lang: str | None = None  # the language of the word used; None when it is the same in both
    word: str = ""  # the word as typed (lower case), for the log and the reply

    def text(self) -> str:
        """The command as the activity log shows it: its word and its checked arguments, nothing else typed."""
        shown_args = ["all" if a == "all" else ("on" if a is True else "off") if isinstance(a, bool) else str(a)
                      for a in self.args]
        return " ".join([f"/{self.word or self.name}", *shown_args])


class NotForUs(Exception):
    """A command addressed to another bot in a group (``/status@other_bot``): ignored."""


def split(text: str, username: str | None) -> tuple[str, list[str]] | None:
    """(command word, arguments) of a message, or None when it is not a command."""
    parts = text.strip().split()
    if not parts:
        return None
    found = _COMMAND.match(parts[0])
    if found is None:
        return None
    if found.group(2) and (username is None or found.group(2).lower() != username.lower()):
        raise NotForUs
    return found.group(1).lower(), parts[1:]


def parse(word: str, args: list[str]) -> Command:
    """The command for ``/word args``; ValidationError (field ``command`` or ``args``) says what is wrong."""
    if word not in LOOKUP:
        raise ValidationError.one("command", "tg.err.unknown", word=shown(word))
    name, lang = LOOKUP[word]
    if name == "start" and not args:
        return Command("help", (), lang, word)  # Telegram's own /start, when a chat first opens the bot
    return Command(name, _arguments(name, word, args), lang, word)


def _arguments(name: str, word: str, args: list[str]) -> tuple:
    if name == "bot":
        _count(word, args, 1, 1, "3")
        return (bot_number(word, args[0]),)
    if name == "status":
        _count(word, args, 0, 1, "3")
        return (bot_number(word, args[0]),) if args else ()
    if name == "profit":
        _count(word, args, 0, 1, "7")
        return (_days(word, args[0]) if args else DEFAULT_DAYS,)
    if name in TARGETED:
        _count(word, args, 1, 1, "3")
        return (_target(word, args[0]),)
    if name == "close":
        _count(word, args, 1, 1, "3")
        return (bot_number(word, args[0]),)
    if name == "entries":
        _count(word, args, 2, 2, "3 off")
        return _target(word, args[0]), _switch(word, args[1])
    if name == "yes":
        _count(word, args, 1, 1, "123456")
        if not CODE.match(args[0]):
            raise ValidationError.one("args", "tg.err.code", value=shown(args[0]), word=word)
        return (args[0],)
    if name == "language":
        _count(word, args, 1, 1, "en")
        if args[0].lower() not in ("id", "en"):
            raise ValidationError.one("args", "tg.err.language", value=shown(args[0]), word=word)
        return (args[0].lower(),)
    _count(word, args, 0, 0, "")
    return ()


def _count(word: str, args: list[str], least: int, most: int, example: str) -> None:
    if least <= len(args) <= most:
        return
    if most == 0:
        raise ValidationError.one("args", "tg.err.no_args", word=word)
    raise ValidationError.one("args", "tg.err.args", word=word, example=f"/{word} {example}")


def bot_number(word: str, value: str) -> int:
    text = value[1:] if value.startswith("#") else value
    if not (0 < len(text) <= 10 and text.isascii() and text.isdigit()) or not 1 <= int(text) <= 10**9:
        raise ValidationError.one("args", "tg.err.bot_number", value=shown(value), word=word)
    return int(text)


def _target(word: str, value: str) -> int | str:
    return "all" if value.lower() in ALL else bot_number(word, value)


def _switch(word: str, value: str) -> bool:
    """True for "entries on" (entries allowed), False for off."""
    lowered = value.lower()
    if lowered in ON | OFF:
        return lowered in ON
    raise ValidationError.one("args", "tg.err.switch", value=shown(value), word=word)


def _days(word: str, value: str) -> int:
    if not (0 < len(value) <= 5 and value.isascii() and value.isdigit()) or not 1 <= int(value) <= MOST_DAYS:
        raise ValidationError.one("args", "tg.err.days", value=shown(value), word=word, most=MOST_DAYS)
    return int(value)
