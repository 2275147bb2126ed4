"""The backtester: the bots' own strategies and trading rules, replayed over history."""

from .data import load_csv, paper_history
from .runner import BacktestConfig, BacktestResult, run_backtest

__all__ = ["BacktestConfig", "BacktestResult", "load_csv", "paper_history", "run_backtest"]
