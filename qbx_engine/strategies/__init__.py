"""Strategies: pure functions of closed bars, each declaring its parameters."""

from .base import BUY, HOLD, SELL, Analysis, Strategy
from .registry import STRATEGIES, build, strategy_class

__all__ = ["Analysis", "Strategy", "STRATEGIES", "build", "strategy_class", "BUY", "SELL", "HOLD"]
