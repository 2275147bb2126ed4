"""QuantumBotX engine: everything that is not Streamlit."""

from .engine import Engine
from .errors import (BrokerError, BrokerUnavailable, DataDirLocked, LifecycleError, OrderRejected, QbxError,
                     StoreCorrupted, StoreWriteError, UnknownBot, ValidationError)

__all__ = ["Engine", "QbxError", "ValidationError", "UnknownBot", "LifecycleError", "DataDirLocked",
           "StoreCorrupted", "StoreWriteError", "BrokerError", "BrokerUnavailable", "OrderRejected"]
