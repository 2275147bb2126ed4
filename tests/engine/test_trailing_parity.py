"""Break-even and trailing give the same SL path live — paper broker and MT5 fake — and in the backtester.

Live, a bot ticks on each new closed M1 bar (the clock exactly on bar opens) and moves its position's SL
through the broker; the backtester replays the same bars with the same rule. Both are compared bar by bar,
with the symbols' real (non-zero) spreads.
"""

import numpy as np
import pytest

from qbx_engine import Engine
from qbx_engine.backtest import BacktestConfig, paper_history, run_backtest
from qbx_engine.backtest.runner import Contract
from qbx_engine.core.i18n import render
from qbx_engine.market.symbols import PAPER_SYMBOLS
from qbx_engine.strategies import STRATEGIES
from tests import mt5_fake
from tests.engine.conftest import force, new_bot
from tests.fakes import BarScript

BAR = 60.0
CASES = {  # symbol, side, the bot's stops and trailing, minutes after the start of the test clock
    "eurusd-buy-breakeven": ("EURUSD", "BUY", {"sl_pips": 10, "tp_pips": 0, "breakeven_at": 3, "trail_distance": 5},
                             11),
    "eurusd-sell-trail-only": ("EURUSD", "SELL", {"sl_pips": 10, "tp_pips": 0, "trail_distance": 4}, 0),
    "usdjpy-sell-breakeven": ("USDJPY", "SELL", {"sl_pips": 12, "tp_pips": 0, "breakeven_at": 4,
                                                 "trail_distance": 6}, 48),
    "btcusd-sell-atr": ("BTCUSD", "SELL", {"stop_mode": "atr", "sl_atr": 2, "tp_atr": 0, "atr_period": 14,
                                           "breakeven_at": 0.5, "trail_distance": 1}, 11),
    "xauusd-buy-breakeven": ("XAUUSD", "BUY", {"sl_pips": 30, "tp_pips": 0, "breakeven_at": 10,
                                               "trail_distance": 15}, 45),
}


@pytest.fixture
def bar_script(monkeypatch, scripted):
    monkeypatch.setitem(STRATEGIES, BarScript.name, BarScript)


def live_path(engine, clock, symbol: str, side: str, stops: dict, offset: int, bars: int = 40):
    """Open on a bar open, then tick on each following bar open: the SL after each bar that closed."""
    start = (clock.now() // BAR) * BAR + BAR + offset * BAR
    clock.set(start)
    bot_id = new_bot(engine, market=symbol, status="active", risk_percent=1.0, **stops)["id"]
    force(engine, side)
    engine.run_tick(bot_id)
    force(engine, "HOLD")
    ticket = engine.get_bot(bot_id)["position_ticket"]
    initial = [p for p in engine.positions() if p["ticket"] == ticket][0]["sl"]
    path, closed_at = [], None
    for _ in range(bars):
        clock.advance(BAR)
        engine.run_tick(bot_id)
        held = [p for p in engine.positions() if p["ticket"] == ticket]
        if not held:
            closed_at = engine.trades(bot_id=bot_id)[0]
            break
        path.append(held[0]["sl"])
    moves = [e for e in engine.events(bot_id=bot_id, limit=None) if e["action"] == "SL MOVED"]
    assert [render(e["msg"], "en").split(": ")[1].split(" (bar")[0] for e in reversed(moves)] == [
        f"{before} → {after}" for before, after in changes(initial, path)]
    return start, path, closed_at


def changes(initial: float, path: list[float]) -> list[tuple[float, float]]:
    return [(before, after) for before, after in zip([initial, *path], path, strict=False) if after != before]


def backtest_path(start: float, symbol: str, side: str, stops: dict):
    bars = paper_history(symbol, "M1", 120, until=start + 60 * BAR)
    signal_bar = int(np.flatnonzero(bars.time == start - BAR)[0])
    BarScript.script = np.zeros(len(bars), dtype=np.int8)
    BarScript.script[signal_bar] = 1 if side == "BUY" else -1
    result = run_backtest(bars, BacktestConfig("bar_script", risk_percent=1.0, **stops), Contract.paper(symbol))
    trade = result.trades.iloc[0]
    entry_bar = signal_bar + 1
    assert trade["entry_bar"] == entry_bar
    sl, path = trade["sl"], []
    moved = {m["bar"]: m["sl"] for m in result.sl_moves}
    for bar in range(entry_bar, int(trade["exit_bar"])):
        sl = moved.get(bar, sl)
        path.append(sl)
    return path, trade, bars


def compare(start, path, symbol, side, stops):
    expected, trade, bars = backtest_path(start, symbol, side, stops)
    assert len(set(expected) - {trade["sl"]}) >= 2, "the case must move the SL more than once"
    length = min(len(path), len(expected))
    assert path[:length] == expected[:length]
    return expected, trade, bars


@pytest.mark.parametrize("case", CASES)
def test_paper_and_backtest_move_the_sl_on_the_same_bars(engine, clock, bar_script, case):
    symbol, side, stops, offset = CASES[case]
    assert PAPER_SYMBOLS[symbol].spread_points > 0
    start, path, closed = live_path(engine, clock, symbol, side, stops, offset)
    expected, trade, bars = compare(start, path, symbol, side, stops)
    assert closed is not None and len(path) == len(expected)  # closed on the same bar, at the moved SL
    assert (closed["reason"], closed["close_price"], closed["initial_sl"]) == ("sl", trade["exit_price"], trade["sl"])
    assert bars.time[trade["exit_bar"]] <= closed["close_time"] < bars.time[trade["exit_bar"]] + BAR


@pytest.mark.parametrize("case", ["eurusd-buy-breakeven", "eurusd-sell-trail-only", "usdjpy-sell-breakeven",
                                  "btcusd-sell-atr"])
def test_the_mt5_fake_and_backtest_move_the_sl_on_the_same_bars(data_dir, clock, monkeypatch, bar_script, case):
    """The fake's server does not close positions at their SL by itself: the paths are compared up to the bar
    the backtester's stop was hit, and each move is one TRADE_ACTION_SLTP request."""
    terminal = mt5_fake.plug_in(monkeypatch, clock)
    symbol, side, stops, offset = CASES[case]
    with Engine.open(data_dir, broker="mt5", clock=clock, start_scheduler=False) as engine:
        start, path, _ = live_path(engine, clock, symbol, side, stops, offset)
        (position,) = engine.positions()
    expected, trade, _ = compare(start, path, symbol, side, stops)
    assert len(path) > len(expected)
    modifies = [r for r in terminal.requests if r["action"] == mt5_fake.TRADE_ACTION_SLTP]
    assert {(r["position"], r["symbol"], r["tp"]) for r in modifies} == {(position["ticket"], symbol, 0.0)}
    assert [r["sl"] for r in modifies] == [after for _, after in changes(trade["sl"], path)]
