"""Bring a data folder written by an older QuantumBotX up to this version's formats, when it is opened.

The folder's version is in ``schema.json`` (:mod:`qbx_engine.store.schema`); a folder without one was
written before versions existed (version 1). Each step takes the folder one version up, may run
again after a crash (it only adds what is missing), and the new version is written last.

Version 3 moved the histories (events, journal, emotions, backtests, the paper deals) from whole-JSON day
chunks to append-only day files of checksummed lines (:mod:`qbx_engine.store.legacy`), record for record.
The small tables that now keep a change log beside them (the paper book, entry facts, the outbox) need nothing:
their JSON file is read as the snapshot their log starts from.

What stays as it was, on purpose: the records themselves. Fields added later (a trade's risk at entry, its
``source``, a position's ``initial_sl``) are read with a default where they are absent, because a rewrite of
years of history would cost more than it gives.
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
    from .legacy import legacy_chunk_files
    from .partitioned import chunk_files

    history, book = store.data_dir / "paper" / "history", store.data_dir / "paper" / "book.json"
    if (chunk_files(history) or legacy_chunk_files(history)) and not book.exists():
        raise StoreMissing(book, Msg("store.book_missing", {"path": "paper/book.json"}), way_out("paper/book.json"))
    for bot_id in store.bots.ids():
        record = store.bots.get(bot_id)
        if not isinstance(record, dict):
            continue  # refused, naming the file, when the bots are loaded
        missing = {name: value for name, value in bot_fields.items() if name not in record}
        if missing:
            store.bots.update(bot_id, missing)


def _v2_to_v3(store: Store, bot_fields: dict) -> None:
    """Every history folder of the data folder: day chunks become append-only day files."""
    from .legacy import convert_folder, legacy_chunk_files

    folders = sorted({path.parent for path in store.data_dir.rglob("*.json") if path.parent != store.data_dir})
    for folder in folders:
        if legacy_chunk_files(folder):
            convert_folder(folder)


STEPS = {1: _v1_to_v2, 2: _v2_to_v3}
