"""One family of exceptions whose messages a trader can act on.

Every error carries a translation key and its parameters, so the dashboard can
show it in Bahasa Indonesia or English; ``str(error)`` is the English text for
Python logs and tests.
"""

from __future__ import annotations

from .i18n import Msg, render, shown


class QbxError(Exception):
    """Base of every error the engine raises on purpose."""

    def __init__(self, key: str, **params):
        self.msg = Msg(key, params)
        super().__init__(render(self.msg, "en"))

    def message(self, lang: str) -> str:
        return render(self.msg, lang)


class ValidationError(QbxError):
    """Input was refused; nothing was saved.

    ``field_errors`` maps a field name to its message so a form can show each
    message next to its widget.
    """

    def __init__(self, field_errors: dict[str, Msg]):
        self.field_errors = dict(field_errors)
        lines = "; ".join(f"{name}: {render(m, 'en')}" for name, m in self.field_errors.items())
        super().__init__("err.validation", details=lines)

    def message(self, lang: str) -> str:
        return "; ".join(render(m, lang) for m in self.field_errors.values())

    @classmethod
    def one(cls, field: str, key: str, **params) -> ValidationError:
        return cls({field: Msg(key, params)})


class UnknownBot(QbxError):
    def __init__(self, bot_id):
        plain = isinstance(bot_id, int) and not isinstance(bot_id, bool) and abs(bot_id) < 10**15
        super().__init__("err.unknown_bot", bot_id=bot_id if plain else shown(bot_id))
        self.bot_id = bot_id


class LifecycleError(QbxError):
    """A lifecycle call that cannot apply to the bot's current status."""


class DataDirLocked(QbxError):
    """Another engine (this process or another) already uses the data directory."""


class StoreCorrupted(QbxError):
    """A data file cannot be read; it is named and left untouched.

    ``problem`` is English text or a :class:`Msg` (then it is shown in the trader's language).
    """

    def __init__(self, path, problem: str | Msg, key: str = "err.store_corrupted", **params):
        super().__init__(key, path=str(path), problem=problem, **params)
        self.path = str(path)


class StoreMissing(StoreCorrupted):
    """Data the folder is known to have had is gone (a deleted file or chunk); the folder is not opened."""

    def __init__(self, path, missing: Msg, way_out: Msg):
        super().__init__(path, missing, key="err.store_missing", way_out=way_out)


class StoreTooNew(QbxError):
    """The data folder was written by a newer QuantumBotX, whose records this version may misread."""

    def __init__(self, path, found: int, known: int):
        super().__init__("err.store_too_new", path=str(path), found=found, known=known)
        self.path = str(path)


class StoreWriteError(QbxError):
    """A write could not be made durable (disk full, permissions); nothing changed.

    ``path`` and ``problem`` (the operating system's words) stay available, so a caller that
    knows more (what else was or was not saved) can say it in its own message (``key``).
    """

    def __init__(self, path, problem: str, key: str = "err.store_write", **params):
        super().__init__(key, path=str(path), problem=problem, **params)
        self.path = str(path)
        self.problem = problem


class PartlySaved(QbxError):
    """A change was saved but something that belongs with it was not; the message says exactly which.

    Raised where undoing the saved part would be worse than keeping it (a bot stopped while its log
    line could not be written stays stopped).
    """

    def __init__(self, key: str, **params):
        super().__init__(key, **params)


class BrokerError(QbxError):
    """The broker refused or failed a request."""

    def __init__(self, key: str, retcode: int | None = None, **params):
        self.retcode = retcode
        super().__init__(key, retcode=retcode if retcode is not None else "-", **params)


class BrokerUnavailable(BrokerError):
    """No connection to the broker; worth retrying later."""

    handled = False  # set by the BrokerGuard once it has counted this failure


class OrderRejected(BrokerError):
    """The broker refused one order; ``code`` says why in a stable word."""

    def __init__(self, code: str, key: str, retcode: int | None = None, **params):
        self.code = code
        super().__init__(key, retcode=retcode, **params)
