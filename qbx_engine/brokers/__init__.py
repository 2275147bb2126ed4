"""The brokers QuantumBotX can trade through: one registry, so a new broker is one module plus one line.

Each entry names a factory that builds the broker for an engine (from its store
and clock) and imports its module only then: the MetaTrader 5 package exists
only on Windows, and nothing else should need it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import Broker


def _paper(store, clock) -> Broker:
    from .paper import PaperBroker

    return PaperBroker(store, clock)


def _mt5(store, clock) -> Broker:
    from .mt5 import MT5Broker

    return MT5Broker.from_environment(clock)


@dataclass(frozen=True)
class BrokerKind:
    name: str
    label: dict[str, str]  # what the dashboard calls it, id and en
    build: Callable[[Any, Any], Broker]
    simulated: bool = False  # a simulated account whose balance the trader may set


BROKERS: dict[str, BrokerKind] = {kind.name: kind for kind in (
    BrokerKind("paper", {"id": "Broker paper (simulasi)", "en": "Paper broker (simulated)"}, _paper, simulated=True),
    BrokerKind("mt5", {"id": "MetaTrader 5", "en": "MetaTrader 5"}, _mt5),
)}
DEFAULT_BROKER = "paper"  # needs nothing installed: what every engine falls back to
