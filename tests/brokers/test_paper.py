"""The paper broker: a deterministic market, exact SL/TP between ticks, honest money."""

import numpy as np
import pandas as pd
import pytest

from qbx_engine.brokers.paper import PaperBroker
from qbx_engine.core.clock import ManualClock
from qbx_engine.core.errors import OrderRejected
from qbx_engine.core.money import position_profit
from qbx_engine.market.paper_market import PaperMarket
from qbx_engine.market.synthetic import KNOT
from qbx_engine.market.timeframes import TIMEFRAMES, seconds
from qbx_engine.store import Store
from tests.conftest import WEDNESDAY_10H

HOUR = 3600.0


def test_symbols_resolve_case_and_punctuation_insensitively(paper):
    assert paper.find_symbol("eurusd") == "EURUSD"
    assert paper.find_symbol("EUR/USD") == "EURUSD"
    assert paper.find_symbol("xau_usd") == "XAUUSD"
    assert paper.find_symbol("DOGEUSD") is None
    assert {"EURUSD", "GBPUSD", "USDJPY", "XAUUSD", "BTCUSD"} <= set(paper.symbols())


@pytest.mark.parametrize("symbol, digits, spread_points", [
    ("EURUSD", 5, 12), ("GBPUSD", 5, 16), ("USDJPY", 3, 14), ("XAUUSD", 2, 25), ("BTCUSD", 2, 2500)])
def test_quotes_have_real_digits_and_spreads(paper, symbol, digits, spread_points):
    tick = paper.tick(symbol)
    info = paper.symbol_info(symbol)
    assert info.digits == digits
    assert round(tick.bid, digits) == tick.bid
    assert round((tick.ask - tick.bid) / info.point) == spread_points


@pytest.mark.parametrize("timeframe", TIMEFRAMES)
def test_5000_closed_bars_for_every_timeframe(paper, clock, timeframe):
    bars = paper.rates("EURUSD", timeframe, 5000)
    assert len(bars) == 5000
    assert (np.diff(bars.time) > 0).all()
    last_end = bars.time[-1] + seconds(timeframe)
    assert last_end <= clock.now() < last_end + seconds(timeframe) + 3 * 86400
    assert (bars.high >= np.maximum(bars.open, bars.close)).all()
    assert (bars.low <= np.minimum(bars.open, bars.close)).all()
    frame = bars.frame()  # forex is shut from Friday 17:00 to Sunday 17:00 New York time
    assert (frame["time"].dt.day_of_week != 5).all()
    new_york = frame["time"].dt.tz_convert("America/New_York")
    assert not ((new_york.dt.day_of_week == 4) & (new_york.dt.hour >= 17) & (seconds(timeframe) <= 3600)).any()


def test_crypto_trades_at_weekends_forex_does_not(paper, clock):
    saturday = WEDNESDAY_10H + 3 * 86400
    clock.set(saturday)
    assert paper.is_market_open("BTCUSD") and not paper.is_market_open("EURUSD")
    assert (paper.rates("BTCUSD", "H1", 48).frame()["time"].dt.day_of_week >= 5).any()
    with pytest.raises(OrderRejected) as raised:
        paper.open_position("EURUSD", "buy", 0.1, sl=0, tp=0, magic=1, comment="t")
    assert raised.value.code == "market_closed"


def test_the_same_bars_after_a_restart_and_in_another_folder(data_dir, tmp_path, clock):
    with Store(data_dir) as store:
        first = PaperBroker(store, clock).rates("XAUUSD", "M15", 300)
    with Store(tmp_path / "elsewhere") as store:
        second = PaperBroker(store, clock, market=PaperMarket()).rates("XAUUSD", "M15", 300)
    pd.testing.assert_frame_equal(first.frame(), second.frame())
    clock.advance(15 * 60)
    with Store(data_dir) as store:
        later = PaperBroker(store, clock).rates("XAUUSD", "M15", 300)
    pd.testing.assert_frame_equal(first.frame().iloc[1:].reset_index(drop=True),
                                  later.frame().iloc[:-1].reset_index(drop=True))


def test_prices_move_with_the_clock(paper, clock):
    before = paper.tick("EURUSD")
    clock.advance(600)
    after = paper.tick("EURUSD")
    assert after.time == before.time + 600 and after.bid != before.bid


def test_daily_volatility_is_realistic(paper):
    for symbol, target in (("EURUSD", 0.0045), ("XAUUSD", 0.010), ("BTCUSD", 0.030)):
        closes = paper.rates(symbol, "D1", 3000).close
        realised = np.diff(np.log(closes)).std(ddof=1)
        assert target * 0.8 < realised < target * 1.35, (symbol, realised)


def _find_dip(market, symbol, start, side="buy"):
    """An hour whose path touches a level and comes back before the hour ends."""
    for hour in range(200):
        t0 = start + hour * HOUR
        times = t0 + KNOT * np.arange(1, 721)
        path = market.path(symbol, times)
        low, end = path.min(), path[-1]
        if end - low > 0.0008 and market.path(symbol, [t0])[0] - low > 0.0008:
            return t0, round(low + 0.00003, 5), times, path
    raise AssertionError("no dip found")


def test_a_stop_loss_touched_between_ticks_fills_at_the_stop(paper, clock):
    t0, sl, times, path = _find_dip(paper.market, "EURUSD", WEDNESDAY_10H)
    clock.set(t0)
    opened = paper.open_position("EURUSD", "buy", 0.4, sl=sl, tp=0, magic=7, comment="dip")
    clock.advance(HOUR)
    assert paper.tick("EURUSD").bid > sl  # at the next look the price is back above the stop
    assert paper.positions(magic=7) == []
    closed = paper.closed_position(opened.ticket)
    assert closed.reason == "sl" and closed.close_price == sl
    crossing = times[np.argmax(path <= sl)]
    assert crossing - KNOT < closed.close_time <= crossing
    assert closed.profit == position_profit("buy", 0.4, opened.open_price, sl, 100_000, 1.0)
    assert paper.account().balance == round(10_000 + closed.profit, 2)


def test_a_take_profit_touched_between_ticks_fills_at_the_target(paper, clock):
    market = paper.market
    for hour in range(300):
        t0 = WEDNESDAY_10H + hour * HOUR
        times = t0 + KNOT * np.arange(1, 721)
        path = market.path("USDJPY", times) + 0.014  # a sell closes at the ask
        if path[-1] - path.min() > 0.08 and market.path("USDJPY", [t0])[0] - path.min() > 0.1:
            break
    tp = round(path.min() + 0.005, 3)
    clock.set(t0)
    opened = paper.open_position("USDJPY", "sell", 0.2, sl=0, tp=tp, magic=8, comment="tp")
    clock.advance(HOUR)
    closed = paper.closed_position(opened.ticket)
    assert closed.reason == "tp" and closed.close_price == tp
    rate = 1 / paper.market.bid("USDJPY", closed.close_time)
    assert closed.profit == position_profit("sell", 0.2, opened.open_price, tp, 100_000, rate) > 0


def test_a_weekend_gap_fills_at_the_first_price_after_the_open(paper, clock):
    market = paper.market
    friday_noon = WEDNESDAY_10H + 2 * 86400 + 2 * HOUR
    for week in range(60):
        # the close is 17:00 New York: 22:00 UTC in winter, 21:00 in summer
        close_t = next(t for t in friday_noon + week * 7 * 86400 + 60.0 * np.arange(720)
                       if not market.is_open("EURUSD", float(t)))
        open_t = market.next_open("EURUSD", close_t)
        last = market.path("EURUSD", [close_t - KNOT])[0]
        reopen = market.path("EURUSD", [open_t])[0]
        if last - reopen > 0.0015:
            break
    assert open_t - close_t == 2 * 86400
    clock.set(close_t - 60)
    sl = round((last + reopen) / 2, 5)
    friday_path = market.path("EURUSD", close_t - 60 + KNOT * np.arange(13))
    assert friday_path.min() > sl
    opened = paper.open_position("EURUSD", "buy", 0.1, sl=sl, tp=0, magic=9, comment="gap")
    clock.set(open_t + HOUR)
    closed = paper.closed_position(opened.ticket)
    assert closed.reason == "sl"
    assert closed.close_time == open_t
    assert closed.close_price == round(reopen, 5) < sl  # slipped past the stop


def test_profit_and_margin_for_eurusd_usdjpy_and_gold(paper, clock):
    positions = {s: paper.open_position(s, "buy", v, sl=0, tp=0, magic=1, comment="m")
                 for s, v in (("EURUSD", 1.0), ("USDJPY", 0.5), ("XAUUSD", 0.1))}
    acct = paper.account()
    eurusd_bid = paper.market.bid("EURUSD", clock.now())
    xau_bid = paper.market.bid("XAUUSD", clock.now())
    expected_margin = round(100_000 * eurusd_bid / 100 + 0.5 * 100_000 / 100 + 0.1 * 100 * xau_bid / 100, 2)
    assert acct.margin == pytest.approx(expected_margin, abs=0.02)
    clock.advance(2 * HOUR)
    for symbol, opened in positions.items():
        closed = paper.close_position(opened.ticket)
        assert closed.reason == "bot"
        move = closed.close_price - opened.open_price
        if symbol == "EURUSD":
            assert closed.profit == round(move * 100_000 * 1.0, 2)
        elif symbol == "USDJPY":
            assert closed.profit == pytest.approx(move * 100_000 * 0.5 / closed.close_price, abs=0.006)
        else:
            assert closed.profit == round(move * 100 * 0.1, 2)
    total = sum(paper.closed_position(p.ticket).profit for p in positions.values())
    assert paper.account().balance == pytest.approx(10_000 + total, abs=1e-9)
    assert paper.account().margin == 0


def test_an_order_the_account_cannot_afford_is_refused_and_changes_nothing(paper):
    with pytest.raises(OrderRejected) as raised:
        paper.open_position("EURUSD", "buy", 10.0, sl=0, tp=0, magic=1, comment="big")
    assert raised.value.code == "no_money"
    assert "Not enough margin" in str(raised.value) and "needs" in str(raised.value)
    assert paper.positions() == [] and paper.account().balance == 10_000


@pytest.mark.parametrize("volume", [0.001, 0.015, 500])
def test_invalid_volumes_are_refused(paper, volume):
    with pytest.raises(OrderRejected) as raised:
        paper.open_position("EURUSD", "buy", volume, sl=0, tp=0, magic=1, comment="v")
    assert raised.value.code == "invalid_volume"


def test_stops_on_the_wrong_side_or_too_close_are_refused(paper):
    bid = paper.tick("XAUUSD").bid
    for sl, tp in ((bid + 1, 0), (0, bid - 1), (bid - 0.1, 0)):  # gold stops level is 20 points = 0.20
        with pytest.raises(OrderRejected) as raised:
            paper.open_position("XAUUSD", "buy", 0.01, sl=sl, tp=tp, magic=1, comment="s")
        assert raised.value.code == "invalid_stops"
    ok = paper.open_position("XAUUSD", "buy", 0.01, sl=bid - 0.5, tp=bid + 0.5, magic=1, comment="s")
    assert ok.sl == round(bid - 0.5, 2)


def test_positions_are_filtered_by_magic(paper):
    a = paper.open_position("EURUSD", "buy", 0.1, sl=0, tp=0, magic=11, comment="a")
    paper.open_position("GBPUSD", "sell", 0.1, sl=0, tp=0, magic=12, comment="b")
    assert [p.ticket for p in paper.positions(magic=11)] == [a.ticket]
    assert len(paper.positions()) == 2


def test_account_positions_and_history_survive_a_restart(data_dir, clock):
    with Store(data_dir) as store:
        broker = PaperBroker(store, clock)
        kept = broker.open_position("EURUSD", "buy", 0.1, sl=0, tp=0, magic=3, comment="kept")
        gone = broker.open_position("GBPUSD", "sell", 0.2, sl=0, tp=0, magic=4, comment="gone")
        clock.advance(HOUR)
        closed = broker.close_position(gone.ticket)
        broker.close()
    with Store(data_dir) as store:
        again = PaperBroker(store, clock)
        assert [p.ticket for p in again.positions()] == [kept.ticket]
        assert again.closed_position(gone.ticket) == closed
        assert again.account().balance == round(10_000 + closed.profit, 2)
        new = again.open_position("EURUSD", "buy", 0.1, sl=0, tp=0, magic=3, comment="new")
        assert new.ticket == gone.ticket + 1


def test_a_close_interrupted_before_the_history_write_is_finished_on_start(data_dir, clock):
    with Store(data_dir) as store:
        broker = PaperBroker(store, clock)
        opened = broker.open_position("EURUSD", "buy", 0.1, sl=0, tp=0, magic=3, comment="x")
        broker._history.append = lambda record: (_ for _ in ()).throw(KeyboardInterrupt("killed"))
        with pytest.raises(KeyboardInterrupt):
            broker.close_position(opened.ticket)
    with Store(data_dir) as store:
        again = PaperBroker(store, clock)
        closed = again.closed_position(opened.ticket)
        assert closed is not None and closed.reason == "bot"
        assert again.account().balance == round(10_000 + closed.profit, 2)
        assert again._book.all("pending") == []


def test_stop_out_closes_the_worst_position(paper, clock):
    opened = paper.open_position("XAUUSD", "buy", 1.0, sl=0, tp=0, magic=5, comment="so")
    paper.set_balance(paper.account().margin * 0.3)
    paper.advance_checks()
    closed = paper.closed_position(opened.ticket)
    assert closed.reason == "so"
    assert paper.positions() == []


def test_closed_positions_by_period_and_magic(paper, clock):
    tickets = []
    for magic in (1, 2, 1):
        tickets.append(paper.open_position("EURUSD", "buy", 0.1, sl=0, tp=0, magic=magic, comment="h").ticket)
        clock.advance(60)
        paper.close_position(tickets[-1])
    mine = paper.closed_positions(WEDNESDAY_10H, clock.now() + 1, magic=1)
    assert [c.ticket for c in mine] == [tickets[0], tickets[2]]
    assert paper.closed_positions(WEDNESDAY_10H + 61, clock.now() + 1, magic=1)[0].ticket == tickets[2]


def test_manual_close_is_reported_as_manual(paper):
    opened = paper.open_position("EURUSD", "sell", 0.1, sl=0, tp=0, magic=1, comment="h")
    paper.close_by_hand(opened.ticket)
    assert paper.closed_position(opened.ticket).reason == "manual"


def test_clock_is_injectable_without_sleeping(store):
    clock = ManualClock(WEDNESDAY_10H)
    broker = PaperBroker(store, clock)
    first = broker.rates("EURUSD", "M1", 3)
    clock.advance(60)
    assert broker.rates("EURUSD", "M1", 3).time[-2] == first.time[-1]


def test_every_symbol_priced_in_one_pass_has_the_quote_each_symbol_has_alone():
    """An account look prices all symbols at one instant at once; each must be the very quote a tick sees."""
    rng = np.random.default_rng(11)
    symbols = list(PaperMarket().specs)
    for ts in rng.uniform(WEDNESDAY_10H - 400 * 86400, WEDNESDAY_10H, 400):
        together = PaperMarket().bids_at(symbols, float(ts))
        alone = PaperMarket()  # a fresh market: no quote remembered from the pass above
        assert together == {symbol: alone.bid(symbol, float(ts)) for symbol in symbols}


def test_quotes_priced_ahead_in_one_pass_are_the_quotes_each_tick_sees():
    """A replay prices the instants its bots will ask at in one pass; each must be the very quote a tick sees."""
    rng = np.random.default_rng(12)
    for symbol in PaperMarket().specs:
        ts = np.concatenate([rng.uniform(WEDNESDAY_10H - 400 * 86400, WEDNESDAY_10H, 300),
                             np.round(rng.uniform(WEDNESDAY_10H - 400 * 86400, WEDNESDAY_10H, 100) / 300) * 300])
        ahead = PaperMarket().bids_each(symbol, ts)
        alone = PaperMarket()
        assert ahead.tolist() == [alone.bid(symbol, float(t)) for t in ts]
