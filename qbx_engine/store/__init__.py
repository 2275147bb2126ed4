"""Crash-safe persistence: see :mod:`.durable` (TinyDB files), :mod:`.applog` (append-only lines),
:mod:`.tablelog`, :mod:`.partitioned` and :mod:`.store`."""

from .durable import DurableDB
from .partitioned import PartitionedLog, day_of
from .store import DATA_DIR_ENV, Store, resolve_data_dir
from .tablelog import TableLog

__all__ = ["DurableDB", "PartitionedLog", "TableLog", "Store", "DATA_DIR_ENV", "resolve_data_dir", "day_of"]
