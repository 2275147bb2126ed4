"""QuantumBotX engine: everything that is not Streamlit.

The Engine (and with it pandas and APScheduler) is imported on first use, so a
leaf module such as :mod:`qbx_engine.store` loads in milliseconds on its own.
"""

from typing import TYPE_CHECKING

from .core.errors import (
    BrokerError,
    BrokerUnavailable,
    DataDirLocked,
    LifecycleError,
    OrderRejected,
    PartlySaved,
    QbxError,
    StoreCorrupted,
    StoreMissing,
    StoreTooNew,
    StoreWriteError,
    UnknownBot,
    ValidationError,
)

if TYPE_CHECKING:
    from .engine import Engine

__all__ = ["Engine", "QbxError", "ValidationError", "UnknownBot", "LifecycleError", "DataDirLocked",
           "StoreCorrupted", "StoreMissing", "StoreTooNew", "StoreWriteError", "PartlySaved", "BrokerError",
           "BrokerUnavailable", "OrderRejected"]


def __getattr__(name: str):
    if name == "Engine":
        from .engine import Engine

        return Engine
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
