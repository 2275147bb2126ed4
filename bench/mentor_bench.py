"""Mentor benchmark: time of the daily report, the weekly review and the instant advice as the journal grows.

A data folder is filled with ``--days`` days of journal records (a mix of bots, trades by hand and another EA,
with risk at entry) and two emotion notes a day; each call is then timed ``--repeat`` times on the last day.
The journal is imported directly, as months of use would have left it. Goal: the mentor page's calls stay
well under the 500 ms page budget at 200 trades a day. Each call is timed right after new data (the desk's
cache of local days emptied, as a new trade or note does) and on a rerun with nothing new.

Usage: python bench/mentor_bench.py [--days 35] [--per-day 20,200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import report, summary, timed  # noqa: E402

NOW = datetime(2026, 11, 27, 15, 0, tzinfo=UTC).timestamp()  # a Friday, 22:00 in Jakarta


def records(days: int, per_day: int, rng: random.Random):
    position = 1
    for day in range(days, 0, -1):
        start = NOW - day * 86400 + 3600
        for n in range(per_day):
            opened = start + n * (20 * 3600 / per_day)
            who = n % 4  # bots 1 and 2, the trader by hand, another EA
            net = round(rng.gauss(2.0, 30.0), 2)
            risk = round(rng.choice((50.0, 100.0, 100.0, 250.0)), 2)
            yield {"ts": opened + 900, "position_id": position, "magic": {0: 1, 1: 2, 2: 0, 3: 777}[who],
                   "bot_id": who + 1 if who < 2 else None, "bot_name": f"Bot {who + 1}" if who < 2 else None,
                   "source": ("bot", "bot", "manual", "ea")[who], "symbol": "EURUSD", "side": "buy", "volume": 0.5,
                   "open_time": opened, "open_price": 1.1, "close_time": opened + 900, "close_price": 1.1,
                   "profit": net, "commission": 0.0, "swap": 0.0, "net_profit": net, "sl": 1.09, "tp": 1.12,
                   "initial_sl": 1.09, "initial_tp": 1.12, "sl_used": True, "tp_used": True, "sl_pips": 20.0,
                   "tp_pips": 40.0, "risk_money": risk, "risk_pct": round(risk / 100, 2), "balance_at_entry": 10000.0,
                   "r_multiple": round(net / risk, 2), "entry_source": "bot",
                   "strategy": ("ma_crossover", "rsi_reversal", None, None)[who], "timeframe": "M15",
                   "reason": "bot", "currency": "USD"}
            position += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=35)
    parser.add_argument("--per-day", default="20,200")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from qbx_engine import Engine
    from qbx_engine.core.clock import ManualClock
    from qbx_engine.mentor import report_markdown

    rows = []
    for per_day in (int(x) for x in args.per_day.split(",")):
        folder = Path(tempfile.mkdtemp(prefix="qbx-mentor-bench-"))
        clock = ManualClock(NOW - args.days * 86400)
        try:
            with Engine.open(folder, clock=clock, start_scheduler=False) as engine:
                engine.store.journal.append_many(records(args.days, per_day, random.Random(per_day)))
                for day in range(args.days, -1, -1):
                    clock.set(NOW - day * 86400)
                    engine.mentor.add_emotion({"emotion_before": "tenang", "emotion_after": "lelah",
                                        "market_condition": "ranging", "note": "bench"})
                clock.set(NOW)
                calls = {"daily report": lambda: report_markdown(engine.mentor.report(), "id"),
                         "weekly review": lambda: report_markdown(engine.mentor.weekly(), "id"),
                         "instant advice": lambda: engine.mentor.feedback("tenang")}
                for name, call in calls.items():
                    call()

                    def after_new_trade(call=call):
                        engine.mentor.desk._cache.clear()  # what a new journal record or note does to the cache
                        call()

                    rows.append({"trades_per_day": per_day, "journal": args.days * per_day, "call": name,
                                 "new_data_p50_ms": summary(timed(after_new_trade, args.repeat))["p50_ms"],
                                 **summary(timed(call, args.repeat))})
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    report("mentor", f"Mentor calls on a {args.days}-day journal (Markdown rendering included)",
           ["trades_per_day", "journal", "call", "new_data_p50_ms", "p50_ms", "max_ms"], rows,
           notes="new_data: the first call after a new trade or note (the journal is read again); p50/max: a page "
                 "rerun with nothing new. The weekly review reads the week and the 30 days before it.")


if __name__ == "__main__":
    main()
