"""The strategy registry (the seed's STRATEGY_MAP): name -> class."""

from __future__ import annotations

from ..core.errors import ValidationError
from ..core.i18n import Msg
from ..core.inputs import shown
from .base import Strategy
from .bollinger_reversion import BollingerReversion
from .bollinger_squeeze import BollingerSqueeze
from .donchian_breakout import DonchianBreakout
from .dynamic_breakout import DynamicBreakout
from .ema_rsi_pullback import EMARSIPullback
from .hybrid_regime import HybridRegime
from .ichimoku_cloud import IchimokuCloud
from .index_breakout import IndexBreakout
from .index_momentum import IndexMomentum
from .ma_crossover import MACrossover
from .macd_crossover import MACDCrossover
from .pulse_sync import PulseSync
from .quantum_velocity import QuantumVelocity
from .rsi_crossover import RSICrossover
from .rsi_reversal import RSIReversal
from .stochastic import StochasticCross
from .tradingview_alert import TradingViewAlert
from .turtle_breakout import TurtleBreakout

STRATEGIES: dict[str, type[Strategy]] = {cls.name: cls for cls in (
    MACrossover, RSIReversal, BollingerReversion, MACDCrossover, StochasticCross, EMARSIPullback,
    DonchianBreakout, BollingerSqueeze,
    RSICrossover, IchimokuCloud, DynamicBreakout, TurtleBreakout, HybridRegime, PulseSync, QuantumVelocity,
    IndexMomentum, IndexBreakout, TradingViewAlert)}


def strategy_class(name: object) -> type[Strategy]:
    cls = STRATEGIES.get(name) if isinstance(name, str) else None
    if cls is None:
        raise ValidationError({"strategy_name": Msg("param.unknown_strategy", {
            "name": shown(name), "known": ", ".join(STRATEGIES)})})
    return cls


def build(name: str, params: dict | None) -> Strategy:
    return strategy_class(name)(params)
