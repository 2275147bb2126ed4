"""A busy data folder for page tests and benchmarks: many bots, a long log, real trades.

Trades come from the real engine and paper broker (bots ticked through past
days on a manual clock); the bulk of the log is imported, as years of use
would have left it.
"""

from __future__ import annotations

import random
import time

from qbx_engine import Engine
from qbx_engine.core.clock import ManualClock
from qbx_engine.core.i18n import Msg
from qbx_engine.trading.events import ACTIONS, NOTIFY

SYMBOLS = ("EURUSD", "GBPUSD", "USDJPY", "XAUUSD", "BTCUSD", "AUDUSD", "USDCHF", "EURJPY", "ETHUSD")
STRATEGIES = (("ma_crossover", {"fast_period": 3, "slow_period": 8}), ("rsi_reversal", {"rsi_period": 7}),
              ("macd_crossover", {}), ("bollinger_reversion", {"bb_period": 10}), ("stochastic", {}))


def populate(data_dir, *, bots: int = 50, events: int = 10_000, trading_bots: int = 6, steps: int = 150,
             now: float | None = None) -> dict:
    """Fill ``data_dir``; returns the figures (bots, events, trades) it made."""
    now = time.time() if now is None else now
    start = now - steps * 900
    clock = ManualClock(start)
    rng = random.Random(5)
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        ids = []
        for n in range(bots):
            name, params = STRATEGIES[n % len(STRATEGIES)]
            ids.append(engine.create_bot({
                "name": f"{SYMBOLS[n % len(SYMBOLS)]} {name.replace('_', ' ')} #{n + 1}",
                "market": SYMBOLS[n % len(SYMBOLS)], "timeframe": "M15", "strategy_name": name,
                "strategy_params": params, "risk_percent": 0.5, "sl_pips": 15 if n % 3 else 60,
                "tp_pips": 30, "check_interval": 60})["id"])
        for bot_id in ids[:trading_bots]:
            engine.start_bot(bot_id)
        for _ in range(steps):
            clock.advance(900)
            for bot_id in ids[:trading_bots]:
                engine.run_tick(bot_id)
        for bot_id in ids[trading_bots:trading_bots + bots // 5]:
            engine.start_bot(bot_id)
            engine.pause_bot(bot_id)
        made = engine.count_events()
        engine.store.events.append_many(_old_events(max(0, events - made), ids, now, rng))
        figures = {"bots": len(ids), "events": engine.count_events(), "trades": len(engine.trades())}
    return figures


def _old_events(count: int, ids: list[int], now: float, rng: random.Random):
    span = 90 * 86400.0
    for n in range(count):
        action = rng.choice(ACTIONS)
        bot_id = rng.choice(ids)
        yield {"ts": now - span + span * n / max(count, 1) - 86400 * 2, "bot_id": bot_id,
               "bot_name": f"bot #{bot_id}", "action": action,
               "msg": Msg("ev.error", {"type": "Note", "message": f"archived event {n}"}).to_json(),
               "notification": action in NOTIFY, "repeat": 1, "last_ts": 0.0}
