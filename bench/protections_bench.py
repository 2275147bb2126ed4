"""Protections benchmark: what the entry gates cost an entry, what the brake's look costs, trailing in a backtest.

Usage: python bench/protections_bench.py [--trades 0,100,900] [--positions 0,10,50] [--bars 20000] [--repeat 200]

* gates: ``Gates.first`` for a bot with every per-bot protection on and the calendar on with all presets,
  its journal holding N trades closed today (the journal part reads today's trades of the bot);
* brake look: ``Trader.watch_account`` (the periodic 5-s job and the look after a close) on the paper account
  with K open positions and both limits set, limits not reached;
* backtest: MA crossover on paper-market M5 bars, trailing off vs. break-even + trailing on (the trailing
  walks the bars a position is held one by one in Python).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import report, summary, timed  # noqa: E402
from qbx_engine import Engine  # noqa: E402
from qbx_engine.core.clock import ManualClock  # noqa: E402

WEDNESDAY_10H = 1795600800.0  # 2026-11-25 10:00 UTC: markets open


def _journal(engine, bot_id: int, trades: int) -> None:
    """``trades`` closed trades of the bot today, written straight into the journal (as the trader would)."""
    now = engine.now()
    engine.journal.log.append_many(
        {"ts": now - 60 - i, "position_id": 900_000 + i, "bot_id": bot_id, "symbol": "EURUSD", "side": "buy",
         "open_time": now - 120 - i, "close_time": now - 60 - i, "net_profit": -1.0 if i % 3 else 2.0,
         "profit": -1.0 if i % 3 else 2.0, "reason": "sl" if i % 5 == 0 else "bot"} for i in range(trades))


def bench_gates(trades: list[int], repeat: int) -> list[dict]:
    rows = []
    for count in trades:
        folder = Path(tempfile.mkdtemp(prefix="qbx-gates-"))
        try:
            with Engine.open(folder, clock=ManualClock(WEDNESDAY_10H), start_scheduler=False) as engine:
                engine.update_settings(calendar_on=True, calendar_presets=["idx", "nyse", "ramadan"],
                                       calendar_windows=["03:00-03:30"], brake_daily_loss=1000.0)
                bot = engine.create_bot({"name": "gated", "market": "EURUSD", "cooldown_minutes": 1,
                                         "sl_guard_count": 100, "sl_guard_window": 1, "sl_guard_pause": 1,
                                         "max_trades_per_day": 1000})
                _journal(engine, bot["id"], count)
                record = engine.book.get(bot["id"])
                now = engine.now() + 3600
                assert engine.safety.gates.first(record, now) is None
                ms = timed(lambda record=record, now=now: engine.safety.gates.first(record, now), repeat)
                rows.append({"case": f"gates, {count} trades today", **summary(ms)})
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return rows


def bench_brake(positions: list[int], repeat: int) -> list[dict]:
    rows = []
    for count in positions:
        folder = Path(tempfile.mkdtemp(prefix="qbx-brake-"))
        try:
            with Engine.open(folder, clock=ManualClock(WEDNESDAY_10H), start_scheduler=False) as engine:
                engine.update_settings(brake_daily_loss=5_000.0, brake_max_drawdown=50.0)
                for i in range(count):
                    engine.broker.open_position("EURUSD", "buy" if i % 2 else "sell", 0.01, sl=0.0, tp=0.0,
                                                magic=0, comment="bench")
                ms = timed(engine.trader.watch_account, repeat)
                assert engine.safety.brake()["on"] is False
                rows.append({"case": f"brake look, {count} open positions", **summary(ms)})
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return rows


def bench_backtest(bars: int, repeat: int) -> list[dict]:
    from qbx_engine.backtest import BacktestConfig, paper_history, run_backtest
    from qbx_engine.backtest.runner import Contract

    history = paper_history("EURUSD", "M5", bars, WEDNESDAY_10H)
    rows = []
    for label, extra in (("off", {}), ("break-even 10 + trailing 15 pips", {"breakeven_at": 10.0,
                                                                          "trail_distance": 15.0})):
        config = BacktestConfig("ma_crossover", {"fast_period": 10, "slow_period": 30}, sl_pips=30.0,
                                tp_pips=0.0, **extra)
        times, result = [], None
        for _ in range(repeat):
            start = time.perf_counter()
            result = run_backtest(history, config, Contract.paper("EURUSD"))
            times.append((time.perf_counter() - start) * 1000.0)
        rows.append({"case": f"backtest {bars} M5 bars, trailing {label}", **summary(times),
                     "trades": len(result.trades), "sl_moves": len(result.sl_moves)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trades", default="0,100,900")
    parser.add_argument("--positions", default="0,10,50")
    parser.add_argument("--bars", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    rows = bench_gates([int(n) for n in args.trades.split(",")], args.repeat)
    rows += bench_brake([int(n) for n in args.positions.split(",")], max(20, args.repeat // 4))
    rows += bench_backtest(args.bars, 3)
    report("protections", "Protections: entry gates per entry, the brake's look at the account, trailing in a backtest",
           ["case", "p50_ms", "p99_ms", "mean_ms", "max_ms", "trades", "sl_moves"], rows,
           "Gates are asked once per entry (not per tick); the brake looks every 5 s and after each close.")


if __name__ == "__main__":
    main()
