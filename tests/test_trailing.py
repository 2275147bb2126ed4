"""Break-even and trailing: the rule against levels worked out by hand, BUY and SELL, with a spread."""

import pytest

from qbx_engine.trading.trailing import BREAKEVEN, TRAIL, Trailing, trailed_sl, why_moved
from tests.test_plan import info

EURUSD = info("EURUSD", 5, 0.0001, 100_000, 1.0)
GOLD = info("XAUUSD", 2, 0.1, 100, 1.0, stops_level=50)
SPREAD = 0.00010  # one pip
BREAK_EVEN_10 = Trailing("pips", 10, 0)


def buy(close, *, sl=1.09900, rule=BREAK_EVEN_10, atr=None, symbol=EURUSD, entry=1.10000):
    return trailed_sl("buy", entry=entry, sl=sl, close=close, spread=SPREAD, rule=rule, info=symbol, atr=atr)


def sell(close, *, sl=1.10100, rule=BREAK_EVEN_10):
    return trailed_sl("sell", entry=1.10000, sl=sl, close=close, spread=SPREAD, rule=rule, info=EURUSD)


def test_break_even_at_the_exact_profit_not_a_point_before():
    assert buy(1.10099) is None  # 9.9 pips at the bid
    assert buy(1.10100) == 1.10000  # 10.0 pips: the SL goes to the entry


def test_a_sell_measures_its_profit_at_the_ask():
    # a SELL entered at the bid 1.10000 closes at the ask: the bar's close (a bid) plus the spread
    assert sell(1.09891) is None  # ask 1.09901: 9.9 pips
    assert sell(1.09890) == 1.10000  # ask 1.09900: 10 pips


def test_trailing_follows_the_price_and_never_goes_back():
    rule = Trailing("pips", 10, 5)
    assert buy(1.10120, rule=rule) == 1.10070  # 12 pips up: 5 behind the bid, above the entry
    assert buy(1.10110, sl=1.10070, rule=rule) is None  # the price fell back: the SL stays
    assert buy(1.10200, sl=1.10070, rule=rule) == 1.10150
    assert buy(1.10030, rule=Trailing("pips", 3, 5)) == 1.10000  # trailing would sit below the entry
    assert sell(1.09800, rule=rule) == 1.09860  # ask 1.09810 + 5 pips


def test_trailing_alone_starts_at_once_but_only_tightens():
    rule = Trailing("pips", 0, 5)
    assert buy(1.10000, rule=rule) == 1.09950  # tighter than the initial SL at 1.09900
    assert buy(1.09930, rule=rule) is None  # would be 1.09880: looser than the SL
    assert buy(1.09930, sl=0.0, rule=rule) == 1.09880  # no SL yet: any level is a tightening


def test_no_move_inside_the_brokers_minimum_distance():
    rule = Trailing("pips", 0, 3)  # gold: 3 pips = 0.30, the broker wants 50 points = 0.50 from the bid
    assert trailed_sl("buy", entry=2000.0, sl=1990.0, close=2010.0, spread=0.2, rule=rule, info=GOLD) is None
    wider = Trailing("pips", 0, 6)
    assert trailed_sl("buy", entry=2000.0, sl=1990.0, close=2010.0, spread=0.2, rule=wider, info=GOLD) == 2009.4


def test_atr_multiples_use_the_atr_of_the_bar_that_closed():
    rule = Trailing("atr", 1.5, 0, 14)
    assert buy(1.10029, rule=rule, atr=0.0002) is None  # 1.5 x 2 pips = 3 pips
    assert buy(1.10030, rule=rule, atr=0.0002) == 1.10000
    assert buy(1.10030, rule=rule, atr=None) is None  # no ATR yet: nothing moves


@pytest.mark.parametrize("rule", [Trailing("pips", 0, 0), Trailing("atr", 0, 0)])
def test_switched_off_does_nothing(rule):
    assert not rule.on
    assert buy(1.2, rule=rule, atr=0.001) is None


def test_which_part_moved_it():
    assert why_moved(1.1, 1.10000, 5) == BREAKEVEN
    assert why_moved(1.1007, 1.10000, 5) == TRAIL


def test_the_float_precheck_never_changes_the_answer(monkeypatch):
    """The quick "no move" answer agrees with the exact rule, also right at the thresholds."""
    import random

    import qbx_engine.trading.trailing as trailing

    rng = random.Random(7)
    cases = []
    for _ in range(4000):
        side = rng.choice(["buy", "sell"])
        rule = Trailing(rng.choice(["pips", "atr"]), rng.choice([0, 3, 10]), rng.choice([0, 4, 15]))
        if not rule.on:
            continue
        atr = round(rng.uniform(0.0001, 0.003), 6)
        entry = 1.10000
        unit = 0.0001 if rule.mode == "pips" else atr
        step = rng.choice([0.00001, unit * rule.breakeven_at, unit * rule.distance])
        close = round(entry + rng.randint(-40, 40) * step / 4 + rng.choice([-0.00001, 0, 0.00001]), 5)
        sl = rng.choice([0.0, round(entry - 0.0010, 5), round(entry + 0.0010, 5), round(close - 0.0003, 5),
                         round(close + 0.0003, 5)])
        cases.append((side, sl, close, rule, atr))
    quick = [trailed_sl(s, entry=1.1, sl=sl, close=c, spread=SPREAD, rule=r, info=EURUSD, atr=a)
             for s, sl, c, r, a in cases]
    monkeypatch.setattr(trailing, "_surely_unmoved", lambda *args: False)
    exact = [trailed_sl(s, entry=1.1, sl=sl, close=c, spread=SPREAD, rule=r, info=EURUSD, atr=a)
             for s, sl, c, r, a in cases]
    assert quick == exact
    assert sum(1 for q in quick if q is not None) > 200  # the cases do move the SL often enough to mean something
