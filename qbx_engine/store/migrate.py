"""Bring a data folder written by an older QuantumBotX up to this version's formats, when it is opened.

The folder's version is in ``schema.json`` (:mod:`qbx_engine.store.schema`); a folder without one was
written before versions existed (version 1). Each step takes the folder one version up, may run
again after a crash (it only adds what is missing), and the new version is written last.

What stays as it was, on purpose: the histories (events, journal, emotions, backtests, the paper
deals) and the paper book keep their old records; fields added later (a trade's risk at entry, its
``source``, a position's ``initial_sl``) are read with a default where they are absent, because a
rewrite of years of history would cost more than it gives.
"""

from __future__ import annotations

import logging

from ..core.i18n import Msg
from . import Store
from .schema import CURRENT, way_out

log = logging.getLogger(__name__)

def migrate(store: Store, bot_fields: dict) -> None:
    """``bot_fields``: every field a bot file holds and the value it gets when it lacks one
    (:data:`qbx_engine.trading.bots.BOT_FIELDS`; the store does not know what a bot is)."""
    while store.schema.version < CURRENT:
        version = store.schema.version
        STEPS[version](store, bot_fields)
        store.schema.set_version(version + 1)
        log.info("data folder %s: migrated from version %s to %s", store.data_dir, version, version + 1)


def _v1_to_v2(store: Store, bot_fields: dict) -> None:
    """Bot files get the fields added since (stop mode, ATR stops...); the folder's inventory is written."""
    from ..core.errors import StoreMissing
    from .partitioned import chunk_files

    history, book = store.data_dir / "paper" / "history", store.data_dir / "paper" / "book.json"
    if history.is_dir() and chunk_files(history) and not book.exists():
        raise StoreMissing(book, Msg("store.book_missing", {"path": "paper/book.json"}), way_out("paper/book.json"))
    for bot_id in store.bots.ids():
        record = store.bots.get(bot_id)
        if not isinstance(record, dict):
            continue  # refused, naming the file, when the bots are loaded
        missing = {name: value for name, value in bot_fields.items() if name not in record}
        if missing:
            store.bots.update(bot_id, missing)


STEPS = {1: _v1_to_v2}
