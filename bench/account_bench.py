"""Account backtest benchmark: 20 bots over one year of M5 bars on 8 paper symbols, one balance.

The bots trade five strategies with ATR stops (so one rule fits every symbol), a third of
them with entry gates; the account has a daily-loss brake that re-arms the next day. Bars
are built once before timing (the paper market's year of M5 per symbol: its own cost is
shown apart, and is cached by the dashboard between runs); the replay is timed in CPU
seconds of this process, best of ``--repeat``, with the machine's load beside it.

Usage: python bench/account_bench.py [--days 365] [--bots 20] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import report  # noqa: E402

SYMBOLS = ("EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "EURJPY", "XAUUSD", "BTCUSD", "US500")
STRATEGIES = (("ma_crossover", {"fast_period": 10, "slow_period": 30}), ("donchian_breakout", {}),
              ("bollinger_reversion", {}), ("rsi_reversal", {}), ("macd_crossover", {}))
UNTIL = datetime(2026, 11, 27, 0, 0, tzinfo=UTC).timestamp()


def bots(count: int):
    from qbx_engine.trading.bots import Bot

    made = []
    for k in range(count):
        name, params = STRATEGIES[k % len(STRATEGIES)]
        gates = {"cooldown_minutes": 60} if k % 3 == 1 else {"max_trades_per_day": 6} if k % 3 == 2 else {}
        made.append(Bot(id=k + 1, name=f"bench {k + 1}", market=SYMBOLS[k % len(SYMBOLS)], timeframe="M5",
                        strategy_name=name, strategy_params=params, risk_percent=0.5, sl_pips=0.0, tp_pips=0.0,
                        check_interval=60, status="active", stop_mode="atr", sl_atr=2.0, tp_atr=3.0,
                        atr_period=14, **gates))
    return made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--bots", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from qbx_engine.backtest.account_run import History, run_account, warmup_bars
    from qbx_engine.backtest.runner import Contract
    from qbx_engine.market.paper_market import PaperMarket
    from qbx_engine.settings import DEFAULTS

    since = UNTIL - args.days * 86400
    market = PaperMarket()
    chosen = bots(args.bots)
    started = time.perf_counter()
    count = int(args.days * 288) + max(warmup_bars(b) for b in chosen) + 10
    found = {symbol: History(market.bars(symbol, "M5", count, UNTIL), Contract.paper(symbol), True)
             for symbol in {b.market for b in chosen}}
    load_s = time.perf_counter() - started
    settings = {**DEFAULTS, "brake_daily_loss": 3.0, "brake_daily_loss_unit": "percent", "brake_rearm": "next_day"}
    rows = []
    for timing in ("schedule", "close"):
        best, run = float("inf"), None
        for _ in range(args.repeat):
            start = time.process_time()
            run = run_account(chosen, lambda bot: found[bot.market], since=since, until=UNTIL, balance=10_000.0,
                              settings=settings, timing=timing)
            best = min(best, time.process_time() - start)
        assert run is not None
        rows.append({"timing": timing, "bots": len(chosen), "symbols": len(found), "days": args.days,
                     "bars_per_symbol": min(len(h.bars) for h in found.values()), "replay_s": round(best, 2),
                     "trades": run.stats["trades"], "refused": run.stats["refused"],
                     "brake_trips": run.stats["brake_trips"], "net": run.stats["net_profit"],
                     "bars_load_s": round(load_s, 1), "load1": round(os.getloadavg()[0], 2)})
    report("account", f"Account backtest: {args.bots} bots, {len(found)} symbols, {args.days} days of M5 (best of "
           f"{args.repeat})", ["timing", "bots", "symbols", "days", "bars_per_symbol", "replay_s", "trades", "refused",
                               "brake_trips", "net", "bars_load_s", "load1"], rows,
           notes="replay_s: CPU seconds of the replay with the bars in memory (the bots' strategies computed on "
                 "them included); bars_load_s: building the paper market's year of M5 for every symbol once, "
                 "before timing (the dashboard caches them). timing: the bots' live schedule (their check "
                 "intervals and offsets) or each bar's close. Goal: under 5 s for 20 bots over a year on 8 "
                 "symbols. load1: the machine's 1-minute load average (2 cores, shared).")


if __name__ == "__main__":
    main()
