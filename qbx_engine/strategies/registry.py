"""The strategy registry (the seed's STRATEGY_MAP): name -> class."""

from __future__ import annotations

from ..errors import ValidationError
from ..i18n import Msg
from ..inputs import shown
from .base import Strategy
from .bollinger_reversion import BollingerReversion
from .bollinger_squeeze import BollingerSqueeze
from .donchian_breakout import DonchianBreakout
from .ema_rsi_pullback import EMARSIPullback
from .ma_crossover import MACrossover
from .macd_crossover import MACDCrossover
from .rsi_reversal import RSIReversal
from .stochastic import StochasticCross

STRATEGIES: dict[str, type[Strategy]] = {cls.name: cls for cls in (
    MACrossover, RSIReversal, BollingerReversion, MACDCrossover, StochasticCross, EMARSIPullback,
    DonchianBreakout, BollingerSqueeze)}


def strategy_class(name: str) -> type[Strategy]:
    cls = STRATEGIES.get(name) if isinstance(name, str) else None
    if cls is None:
        raise ValidationError({"strategy_name": Msg("param.unknown_strategy", {
            "name": shown(name), "known": ", ".join(STRATEGIES)})})
    return cls


def build(name: str, params: dict | None) -> Strategy:
    return strategy_class(name)(params)
