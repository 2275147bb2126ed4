"""A realistic mixed trading week for the mentor: three bots and trades by hand, a trader in Jakarta.

Monday 23 – Sunday 29 November 2026, with three earlier weeks (and one empty) to
compare against. The report is read on Saturday 28 at 09:00, with the gold bot's
position still open over the weekend. What happens, in the trader's words:

* Mon (trending, calm): the bots and one manual trade make money.
* Tue (ranging, confident → frustrated): the EMA scalper whipsaws, 4 losses in a row in
  London; the RSI bot does well; by hand, a loss and a revenge trade twice the size. 9 trades
  against a daily limit of 8.
* Wed (no note): a gold trade by hand without a stop loss.
* Thu (volatile, fearful → tired): tilt by hand, 3 losses in 25 minutes, then an entry risking 5%.
* Fri (trending, calm): a clean day; the gold bot opens a trade that stays open.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from qbx_engine import Engine
from qbx_engine.core.clock import ManualClock
from qbx_engine.strategies import STRATEGIES
from tests.fakes import Scripted
from tests.mentor.scenario import TZ, Desk, scripted_as

MON, TUE, WED, THU, FRI, SAT = (date(2026, 11, d) for d in range(23, 29))
READ_AT = datetime.combine(SAT, time(9, 0), tzinfo=ZoneInfo(TZ)).timestamp()
DAILY_LIMIT = 8


def build(data_dir) -> dict:
    """Fill ``data_dir``; returns the journal records of the week's trades by mark, and the bots' ids."""
    clock = ManualClock(datetime.combine(date(2026, 11, 2), time(8, 0), tzinfo=ZoneInfo(TZ)).timestamp())
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(STRATEGIES, Scripted.name, Scripted)
        for name in ("ma_crossover", "rsi_reversal", "donchian_breakout"):
            scripted_as(patch, name)
        with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
            desk = Desk(engine, clock)
            engine.update_settings(mentor_max_trades_per_day=DAILY_LIMIT)
            bots = {"scalper": desk.bot("Scalper EURUSD", market="EURUSD", strategy="ma_crossover", timeframe="M5",
                                        risk=1.0, sl=15, tp=25),
                    "gold": desk.bot("Gold Breakout", market="XAUUSD", strategy="donchian_breakout", timeframe="M15",
                                     risk=0.5, sl=150, tp=300),
                    "rsi": desk.bot("RSI GBPUSD", market="GBPUSD", strategy="rsi_reversal", timeframe="M15",
                                    risk=1.0, sl=20, tp=30)}
            _earlier_weeks(desk, **bots)
            desk.run()
            earlier = set(desk.records)
            _the_week(desk, **bots)
            records = desk.run()
            clock.set(READ_AT)
            return {"bots": bots, "records": {k: v for k, v in records.items() if k not in earlier},
                    "open": desk.open_tickets}


def _earlier_weeks(desk: Desk, scalper: int, gold: int, rsi: int) -> None:
    """Three ordinary weeks before (2, 9 and 16 November); the week of 26 October had no trades."""
    for monday, outcomes in ((date(2026, 11, 2), ("win", "loss", "win", "loss", "win")),
                             (date(2026, 11, 9), ("loss", "win", "win", "win", "loss")),
                             (date(2026, 11, 16), ("win", "win", "loss", "loss", "loss"))):
        tuesday, thursday = date.fromordinal(monday.toordinal() + 1), date.fromordinal(monday.toordinal() + 3)
        desk.note(tuesday, "13:40", "tenang", "trending", "Minggu biasa, ikut rencana.")
        desk.bot_trade(scalper, tuesday, "14:05", "14:35", outcomes[0])
        desk.bot_trade(rsi, tuesday, "15:00", "15:45", outcomes[1])
        desk.bot_trade(gold, thursday, "14:15", "15:30", outcomes[2])
        desk.bot_trade(scalper, thursday, "15:50", "16:20", outcomes[3])
        desk.manual(thursday, "21:00", "21:40", lot=0.5, sl_pips=20, outcome=outcomes[4])


def _the_week(desk: Desk, scalper: int, gold: int, rsi: int) -> None:
    # Monday: trending, calm
    desk.note(MON, "13:50", "tenang", "trending", "Tren EURUSD jelas sejak pagi. Rencana: bot jalan, manual hanya "
                                                  "setup A+.")
    desk.bot_trade(scalper, MON, "14:05", "14:35", "win")
    desk.bot_trade(gold, MON, "14:15", "16:15", "win")
    desk.bot_trade(rsi, MON, "15:00", "15:45", "win")
    desk.bot_trade(scalper, MON, "15:10", "15:40", "win")
    desk.bot_trade(scalper, MON, "16:00", "16:20", "loss")
    desk.manual(MON, "21:10", "21:55", lot=0.5, sl_pips=20, outcome="win")
    # Tuesday: ranging; the trend scalper whipsaws, the reversion bot is fine; a revenge trade by hand
    desk.note(TUE, "13:55", "percaya_diri", "ranging", "Semalam profit. Pasar sempit, EURUSD cuma gerak 20 pip.")
    for n, (opened, closed) in enumerate((("14:05", "14:15"), ("14:25", "14:35"), ("14:45", "14:55"),
                                          ("15:05", "15:20"))):
        desk.bot_trade(scalper, TUE, opened, closed, "loss", mark=f"whipsaw{n}")
    desk.bot_trade(rsi, TUE, "14:30", "15:15", "win")
    desk.bot_trade(gold, TUE, "15:30", "16:30", "loss")
    desk.bot_trade(rsi, TUE, "16:00", "16:45", "win")
    desk.manual(TUE, "20:40", "21:00", lot=0.5, sl_pips=20, outcome="loss", mark="tue_loss")
    desk.manual(TUE, "21:05", "21:25", lot=1.0, sl_pips=20, outcome="loss", mark="revenge")
    desk.note(TUE, "22:30", "percaya_diri", "ranging", "Dua kali kena, yang kedua harusnya tidak saya ambil.",
              after="frustrasi")
    # Wednesday: no note; gold by hand without a stop loss
    desk.bot_trade(scalper, WED, "14:10", "14:40", "win")
    desk.bot_trade(rsi, WED, "14:45", "15:30", "win")
    desk.bot_trade(scalper, WED, "15:30", "15:50", "loss")
    desk.manual(WED, "21:15", "22:05", symbol="XAUUSD", lot=0.2, sl_pips=None, outcome="loss", mark="no_sl")
    # Thursday: volatile, fearful; tilt by hand, then an entry risking 5%
    desk.bot_trade(scalper, THU, "14:05", "14:30", "win")
    desk.bot_trade(gold, THU, "14:30", "15:45", "win")
    desk.note(THU, "19:30", "takut", "volatile", "Kemarin gold tanpa SL bikin rugi. Hari ini harus balik modal.")
    desk.manual(THU, "20:05", "20:10", lot=0.5, sl_pips=20, outcome="loss", mark="tilt0")
    desk.manual(THU, "20:13", "20:18", lot=0.5, sl_pips=20, outcome="loss", mark="tilt1")
    desk.manual(THU, "20:21", "20:26", lot=0.5, sl_pips=20, outcome="loss", mark="tilt2")
    desk.manual(THU, "20:36", "21:06", lot=1.0, sl_pips=50, outcome="loss", mark="big")
    desk.manual(THU, "21:30", "22:00", lot=0.5, sl_pips=20, outcome="win", mark="after_big")
    desk.note(THU, "23:40", "takut", "volatile", "Harusnya berhenti setelah 3 kali SL.", after="lelah")
    # Friday: trending, calm; the gold bot's trade stays open over the weekend
    desk.note(FRI, "13:45", "tenang", "trending", "Istirahat cukup. Hari ini hanya ikut rencana.")
    desk.bot_trade(scalper, FRI, "14:05", "14:40", "win")
    desk.bot_trade(rsi, FRI, "14:30", "15:15", "loss")
    desk.bot_trade(scalper, FRI, "15:05", "15:35", "win")
    desk.bot_trade(gold, FRI, "20:15", None, side="buy", mark="gold_open")
    desk.manual(FRI, "21:00", "21:45", lot=0.5, sl_pips=20, outcome="win")
