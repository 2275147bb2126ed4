"""Trading hours: forex follows New York's 17:00 close and reopen through daylight saving; crypto never closes."""

from datetime import UTC, datetime

import numpy as np
import pytest

from qbx_engine.market.hours import ALWAYS, FOREX, weekly
from qbx_engine.market.paper_market import PaperMarket


def utc(*args) -> float:
    return datetime(*args, tzinfo=UTC).timestamp()


@pytest.mark.parametrize("last_open, first_closed, reopen", [
    (utc(2026, 11, 27, 21, 59, 59), utc(2026, 11, 27, 22), utc(2026, 11, 29, 22)),  # winter: UTC-5
    (utc(2026, 7, 3, 20, 59, 59), utc(2026, 7, 3, 21), utc(2026, 7, 5, 21)),  # summer: UTC-4
    (utc(2026, 3, 6, 21, 59, 59), utc(2026, 3, 6, 22), utc(2026, 3, 8, 21)),  # clocks change on Sunday 8 March
])
def test_forex_closes_friday_17h_and_reopens_sunday_17h_new_york(last_open, first_closed, reopen):
    assert FOREX.is_open(last_open) and not FOREX.is_open(first_closed)
    assert not FOREX.is_open(reopen - 1) and FOREX.is_open(reopen)
    assert FOREX.next_open(first_closed) == reopen
    times = np.array([last_open, first_closed, reopen - 1, reopen])
    assert FOREX.is_open(times).tolist() == [True, False, False, True]  # arrays agree with scalars


def test_crypto_is_always_open_and_a_cash_session_keeps_its_hours():
    saturday = utc(2026, 11, 28, 12)
    assert ALWAYS.is_open(saturday) and ALWAYS.next_open(saturday) == saturday
    cash = weekly("America/New_York", range(5), 9.5, 16.0)
    assert cash.is_open(utc(2026, 11, 25, 14, 30)) and not cash.is_open(utc(2026, 11, 25, 14, 29))
    assert cash.next_open(utc(2026, 11, 27, 21)) == utc(2026, 11, 30, 14, 30)


def test_the_paper_market_has_no_bar_in_the_weekend_gap_and_a_partial_sunday_bar():
    market = PaperMarket()
    bars = market.bars("EURUSD", "H4", 12, utc(2026, 11, 30, 8)).frame()
    starts = list(bars["time"].dt.strftime("%a %H"))
    assert "Fri 20" in starts and "Sat 00" not in starts and "Sun 20" in starts
    sunday = bars[bars["time"].dt.strftime("%a %H") == "Sun 20"].iloc[0]
    # the Sunday 20:00 bar traded only from 22:00: it opens at the reopening price
    assert sunday["open"] == round(float(market.path("EURUSD", [utc(2026, 11, 29, 22)])[0]), 5)
    assert market.last_closed("EURUSD", "M1", utc(2026, 11, 28, 12)) == utc(2026, 11, 27, 21, 59)
