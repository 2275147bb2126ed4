"""The bots in memory, each mirrored durably in the store, with its runtime state, behind one lock.

Every change is written to the bot's file first and mirrored in memory only
once it is on disk, so a failed write changes nothing. ``lock`` is the one the
engine holds for lifecycle calls (store and scheduler change together); a save
takes only its bot's own lock, so bots writing their files at a bar close do
not queue behind one another's disk flushes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from ..core.errors import UnknownBot
from ..core.i18n import Msg
from ..store.store import BotTable
from .bots import Bot, stored_bot
from .events import EventLog
from .runtime import BotRuntime


class BotBook:
    def __init__(self, table: BotTable, events: EventLog):
        self.table = table
        self.events = events
        self.lock = threading.RLock()
        self._bots: dict[int, Bot] = {}
        self._runtimes: dict[int, BotRuntime] = {}
        self._save_locks: dict[int, threading.Lock] = {}
        for bot_id in table.ids():
            bot = stored_bot(table.get(bot_id), table.path(bot_id), bot_id)  # StoreCorrupted names file and field
            self._bots[bot.id] = bot
            self._runtimes[bot.id] = BotRuntime(bot.id)
            self._save_locks[bot.id] = threading.Lock()

    # -- reading -----------------------------------------------------------------
    def get(self, bot_id: Any) -> Bot:
        """The bot, for a call a trader made: UnknownBot if there is none (or it is being deleted)."""
        bot = self._bots.get(bot_id) if isinstance(bot_id, int) and not isinstance(bot_id, bool) else None
        if bot is None or self._runtimes[bot_id].deleting:
            raise UnknownBot(bot_id)
        return bot

    def find(self, bot_id: int) -> Bot | None:
        """The bot as it is now, or None once deleted (records are immutable: no copy needed)."""
        return self._bots.get(bot_id)

    def runtime(self, bot_id: int) -> BotRuntime | None:
        return self._runtimes.get(bot_id)

    def ids(self) -> list[int]:
        with self.lock:
            return sorted(self._bots)

    def __iter__(self) -> Iterator[Bot]:
        with self.lock:
            bots = [self._bots[i] for i in sorted(self._bots)]
        return iter(bots)

    def __len__(self) -> int:
        return len(self._bots)

    def runtimes(self) -> list[BotRuntime]:
        with self.lock:
            return list(self._runtimes.values())

    # -- changing ----------------------------------------------------------------
    def create(self, record: dict[str, Any]) -> Bot:
        with self.lock:
            bot_id = self.table.create(record)
            bot = Bot.from_record({**record, "id": bot_id})
            self._bots[bot_id] = bot
            self._runtimes[bot_id] = BotRuntime(bot_id)
            self._save_locks[bot_id] = threading.Lock()
            return bot

    def save(self, bot_id: int, **changes: Any) -> Bot | None:
        """Persist fields, then mirror them; None (and nothing written) if the bot was deleted meanwhile."""
        lock = self._save_locks.get(bot_id)
        if lock is None:
            return None
        with lock:
            if bot_id not in self._bots:
                return None
            self.table.update(bot_id, changes)
            bot = self._bots.get(bot_id)
            if bot is None:
                return None
            bot = self._bots[bot_id] = bot.but(**changes)
            return bot

    def remove(self, bot_id: int) -> None:
        with self.lock:
            with self._save_locks[bot_id]:
                self.table.delete(bot_id)
                del self._bots[bot_id]
            self._runtimes.pop(bot_id, None)
            self._save_locks.pop(bot_id, None)

    # -- telling the trader --------------------------------------------------------
    def event(self, bot_id: int | None, action: str, msg: Msg, *, collapse: bool | str = False) -> int:
        """Log an event about a bot, under its current name."""
        bot = self._bots.get(bot_id) if bot_id is not None else None
        return self.events.add(bot_id, action, msg, collapse=collapse, bot_name=bot.name if bot else None)
