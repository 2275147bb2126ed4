"""Crash-safe persistence on TinyDB: see :mod:`.durable`, :mod:`.partitioned`, :mod:`.store`."""

from .durable import DurableDB
from .partitioned import PartitionedLog, day_of
from .store import DATA_DIR_ENV, Store, resolve_data_dir

__all__ = ["DurableDB", "PartitionedLog", "Store", "DATA_DIR_ENV", "resolve_data_dir", "day_of"]
