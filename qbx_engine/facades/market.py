"""``engine.market``: the broker's symbols, their contracts, their closed bars and their hours."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core import inputs
from ..core.errors import QbxError, ValidationError
from ..market.timeframes import TIMEFRAMES, seconds
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

    def first_look(self, market: str, timeframe: str) -> dict:
        """When a bot on ``market`` and ``timeframe`` started now would first judge a bar: now's next bar close
        if the market is open, else the close of the first bar after it opens (``opens_at`` None: unknown)."""
        if timeframe not in TIMEFRAMES:
            raise ValidationError.one("timeframe", "bot.bad_timeframe", value=inputs.shown(timeframe),
                                      choices=", ".join(TIMEFRAMES))
        engine = self._engine
        symbol = engine.guard.call(engine.broker.find_symbol, inputs.text("market", market, 64))
        if symbol is None:
            raise ValidationError.one("market", "bot.unknown_market", market=inputs.shown(market))
        now = engine.now()
        is_open = engine.guard.call(engine.broker.is_market_open, symbol)
        opens = now if is_open else engine.guard.call(engine.broker.next_open, symbol)
        length = seconds(timeframe)
        first_bar = None if opens is None else (opens // length) * length + length
        return {"symbol": symbol, "open": is_open, "opens_at": None if is_open else opens, "first_bar_at": first_bar}

    def open_now(self, candidates: tuple[str, ...]) -> str | None:
        """The first of ``candidates`` this broker has and whose market trades now (None: none of them)."""
        engine = self._engine
        for wanted in candidates:
            try:
                symbol = engine.guard.call(engine.broker.find_symbol, wanted)
                if symbol is not None and engine.guard.call(engine.broker.is_market_open, symbol):
                    return symbol
            except QbxError:
                continue
        return None
