"""The MetaTrader 5 broker: the real terminal through the ``MetaTrader5`` package (Windows only)."""

from .broker import MT5Broker
from .credentials import Credentials
from .symbols import resolve_symbol

__all__ = ["MT5Broker", "Credentials", "resolve_symbol"]
