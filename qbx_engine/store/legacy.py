"""Histories as data version 2 wrote them — whole-JSON day chunks (``<day>.<nnnnn>.json``, TinyDB's layout, a
``records`` table) with an ``index.json`` of chunk summaries — brought to the append-only day files.

Each day's records (from all its chunks, in ``seq`` order, exactly as stored) become that day's first file,
written atomically; only once every day is written are the chunks and the old index deleted. Running it again
after a crash redoes only what is missing: a day whose file exists is not written again. The per-value tails
keep their meaning (a value's newest records and how many it has) and are kept.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from .applog import encode
from .durable import atomic_write, fsync_dir, load_json_file, remove_file

log = logging.getLogger(__name__)

TABLE = "records"
CHUNK = re.compile(r"^(\d{4}-\d{2}-\d{2})\.(\d{5})\.json$")
INDEX_FILE = "index.json"  # its chunk summaries: {"version": 1, "chunks": [...]}


def legacy_chunk_files(root: Path | str) -> list[Path]:
    """Day chunks as data version 2 wrote them (``<day>.<nnnnn>.json``)."""
    folder = Path(root)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if CHUNK.match(p.name))


def has_legacy_chunks(root: Path | str) -> bool:
    return bool(legacy_chunk_files(root))


def legacy_records(root: Path | str) -> dict[str, list[dict]]:
    """Per day, the records of the old chunks, oldest ``seq`` first (StoreCorrupted names a damaged chunk)."""
    days: dict[str, list[dict]] = {}
    for path in legacy_chunk_files(root):
        rows = list(load_json_file(path).get(TABLE, {}).values())
        days.setdefault(path.name.split(".")[0], []).extend(rows)
    for rows in days.values():
        rows.sort(key=lambda row: row["seq"])
    return days


def convert_folder(root: Path | str) -> int:
    """Convert one history folder; returns how many records were written into new files."""
    folder = Path(root)
    written = 0
    for day, rows in legacy_records(folder).items():
        target = folder / f"{day}.00000.log"
        if target.exists():
            continue  # written by an earlier run that a crash interrupted
        atomic_write(target, b"".join(encode(row) for row in rows))
        written += len(rows)
    fsync_dir(folder)
    for path in legacy_chunk_files(folder):
        remove_file(path)
    index = folder / INDEX_FILE
    if index.exists() and _is_chunk_index(index):
        remove_file(index)
    fsync_dir(folder)
    if written:
        log.info("history %s: %s records moved from day chunks to append-only files", folder, written)
    return written


def _is_chunk_index(path: Path) -> bool:
    """The old index (or one too damaged to say): the new one is rebuilt from the files."""
    try:
        return "chunks" in json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return True
