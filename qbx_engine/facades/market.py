"""``engine.market``: the broker's symbols, their contracts and their closed bars."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core import inputs
from ..core.errors import ValidationError
from ..market.timeframes import TIMEFRAMES
from .lab import MAX_BARS

if TYPE_CHECKING:
    from ..engine import Engine


class Market:
    def __init__(self, engine: Engine):
        self._engine = engine

    def symbols(self) -> list[str]:
        engine = self._engine
        return engine.guard.call(engine.broker.symbols)

    def symbol_info(self, symbol: str) -> dict:
        engine = self._engine
        return engine.guard.call(engine.broker.symbol_info, inputs.text("symbol", symbol, 64)).to_json()

    def rates(self, market: str, timeframe: str, count: int):
        """The last ``count`` closed bars (at most MAX_BARS) of ``market``."""
        if timeframe not in TIMEFRAMES:
            raise ValidationError.one("timeframe", "bot.bad_timeframe", value=inputs.shown(timeframe),
                                      choices=", ".join(TIMEFRAMES))
        count = inputs.whole("count", count, 1, MAX_BARS)
        engine = self._engine
        symbol = engine.guard.call(engine.broker.find_symbol, inputs.text("market", market, 64))
        if symbol is None:
            raise ValidationError.one("market", "bot.unknown_market", market=inputs.shown(market))
        return engine.guard.call(engine.broker.rates, symbol, timeframe, count)
