"""MT5Broker against the faithful fake of the MetaTrader5 package: mapping, orders, retcodes, history."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import numpy as np
import pytest

from qbx_engine.brokers.mt5 import Credentials, MT5Broker, resolve_symbol
from qbx_engine.core.errors import BrokerUnavailable, OrderRejected
from qbx_engine.core.i18n import render
from tests import mt5_fake
from tests.conftest import WEDNESDAY_10H

SATURDAY = datetime(2026, 11, 28, 12, 0, tzinfo=UTC).timestamp()


@pytest.fixture
def terminal(clock, monkeypatch):
    return mt5_fake.plug_in(monkeypatch, clock)


@pytest.fixture
def broker(terminal, clock):
    opened = MT5Broker.from_environment(clock)
    yield opened
    opened.close()


def message(exc) -> str:
    return render(exc.msg, "id")


# -- connection and credentials ------------------------------------------------------------------
def test_connects_with_the_login_from_the_environment(broker, terminal):
    name, (path, login, password, server) = terminal.calls[0]
    assert (name, login, password, server) == ("initialize", terminal.login, terminal.password, terminal.server)
    account = broker.account()
    assert (account.login, account.currency, account.balance, account.leverage, account.trade_mode) == \
        (terminal.login, "USD", 10_000.0, 100, "demo")
    assert account.margin_level is None  # no positions: MT5 reports 0, which is not a level


def test_credentials_from_secrets_toml(tmp_path, monkeypatch):
    for name in ("QBX_MT5_LOGIN", "QBX_MT5_PASSWORD", "QBX_MT5_SERVER", "QBX_MT5_PATH"):
        monkeypatch.delenv(name, raising=False)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[mt5]\nlogin = 7001\npassword = "pa ss"\nserver = "Broker-Live"\n'
                       'path = "C:/MT5/terminal64.exe"\n', encoding="utf-8")
    creds = Credentials.from_environment(secrets)
    assert (creds.login, creds.password, creds.server, creds.path) == (7001, "pa ss", "Broker-Live",
                                                                         "C:/MT5/terminal64.exe")
    assert "pa ss" not in repr(creds) and creds.masked_login() == "…7001"
    monkeypatch.setenv("QBX_MT5_LOGIN", "oops")
    with pytest.raises(ValueError, match="account number"):
        Credentials.from_environment(secrets)


def test_wrong_password_is_a_clear_error_without_the_password(terminal, clock, monkeypatch):
    monkeypatch.setenv("QBX_MT5_PASSWORD", "wrong-Secret-123")
    with pytest.raises(BrokerUnavailable) as failed:
        MT5Broker.from_environment(clock)
    text = message(failed.value) + str(failed.value)
    assert "-6" in text and "Authorization failed" in text and "wrong-Secret-123" not in text


def test_terminal_down_then_back(broker, terminal):
    terminal.crash()
    with pytest.raises(BrokerUnavailable) as down:
        broker.account()
    assert down.value.retcode == -10004
    with pytest.raises(BrokerUnavailable):
        broker.reconnect()
    terminal.restart()
    broker.reconnect()
    assert broker.account().login == terminal.login


# -- symbols -----------------------------------------------------------------------------------
GOLDS = [("XAUUSD.m", True), ("XAUUSDm", True), ("GOLD", True), ("xauusd", True)]


@pytest.mark.parametrize("wanted, available, symbol, how", [
    ("XAUUSD", GOLDS, "xauusd", "case"),
    ("XAUUSD", GOLDS[:3], "XAUUSDm", "suffix"),
    ("XAUUSD", [("XAUUSD.m", True), ("XAUUSDm", False)], "XAUUSD.m", "suffix"),
    ("XAUUSD", [("GOLD", False), ("EURUSD", True)], "GOLD", "alias"),
    ("xauusd", [("XAUUSD", True)], "XAUUSD", "case"),
    ("EURUSD", [("EURUSD", True), ("EURUSD.m", True)], "EURUSD", "exact"),
    ("EURUSD", [("XAUUSD", True), ("GOLD", True), ("EURUSD.pro", True)], "EURUSD.pro", "suffix"),
    ("EURUSD", [("EURUSD_i", False), ("EURUSD#", True)], "EURUSD#", "suffix"),
])
def test_symbol_resolution(wanted, available, symbol, how):
    found = resolve_symbol(wanted, available)
    assert (found.symbol, found.how) == (symbol, how)
    assert resolve_symbol(wanted, list(reversed(available))) == found  # the broker's order does not matter


@pytest.mark.parametrize("wanted, available", [
    ("EURUSD", [("XAUUSD", True), ("GOLD", True)]),   # never gold for a forex pair
    ("EUR", [("EURUSD", True)]),                      # "USD" is not a broker tag
    ("XAUUSD", [("XAUUSDPREMIUM", True)]),            # too long to be a tag
    ("", GOLDS),
])
def test_symbol_resolution_refuses_a_different_instrument(wanted, available):
    assert resolve_symbol(wanted, available) is None


def test_find_symbol_selects_it_and_says_which(broker, terminal):
    terminal.symbols["XAUUSD.m"].visible = False
    assert broker.find_symbol("xauusd") == "XAUUSD.m"
    assert terminal.symbols["XAUUSD.m"].visible
    assert broker.describe()["symbols"]["xauusd"] == {"symbol": "XAUUSD.m", "how": "suffix"}
    assert broker.find_symbol("NOPE") is None


def test_symbol_info_maps_the_contract(broker):
    gold = broker.symbol_info("XAUUSD.m")
    assert (gold.category, gold.digits, gold.pip, gold.contract_size, gold.stops_level, gold.trade_allowed) == \
        ("metal", 2, 0.1, 100, 50, True)
    assert gold.tick_value == pytest.approx(1.0)  # 0.01 x 100 oz in USD
    yen = broker.symbol_info("USDJPY")
    assert (yen.category, yen.pip) == ("forex", 0.01)
    assert yen.tick_value == pytest.approx(0.001 * 100_000 / broker.tick("USDJPY").bid, rel=1e-6)
    assert not broker.symbol_info("USDCHF").trade_allowed
    with pytest.raises(OrderRejected):
        broker.symbol_info("NOPE")


def test_rates_are_closed_bars_in_utc(broker, terminal, clock, paper):
    bars = broker.rates("EURUSD", "M5", 50)
    assert len(bars) == 50
    assert bars.time[-1] == (clock.now() // 300) * 300 - 300  # the forming bar is not included; offset removed
    assert broker.server_offset == terminal.offset
    same = paper.rates("EURUSD", "M5", 50)  # the fake prices with the paper market: the same bars
    for column in ("time", "open", "close"):
        assert np.array_equal(bars[column], same[column])
    assert broker.tick("EURUSD").time == pytest.approx(clock.now(), abs=1)


def test_server_clock_is_learnt_at_connect_even_at_the_weekend(terminal, clock):
    clock.set(SATURDAY)  # forex is closed; BTCUSD still quotes
    broker = MT5Broker.from_environment(clock)
    assert broker.server_offset == terminal.offset
    last = broker.rates("EURUSD", "H1", 3).frame()["time"].iloc[-1]
    assert (last.weekday(), last.hour) == (4, 21)  # the last hour before Friday 17:00 New York (22:00 UTC)


def test_market_open_follows_the_ticks(broker, clock):
    assert broker.is_market_open("EURUSD")
    clock.set(SATURDAY)
    assert not broker.is_market_open("EURUSD")
    assert broker.is_market_open("BTCUSD")
    assert not broker.is_market_open("USDCHF")  # trading disabled


# -- orders ----------------------------------------------------------------------------------
@pytest.mark.parametrize("symbol, filling", [("EURUSD", 0), ("USDJPY", 1), ("GBPUSD", 2)])
def test_open_sends_a_complete_market_request(broker, terminal, symbol, filling):
    tick = broker.tick(symbol)
    pip = broker.symbol_info(symbol).pip
    opened = broker.open_position(symbol, "buy", 0.1, sl=round(tick.bid - 30 * pip, 5),
                                  tp=round(tick.bid + 60 * pip, 5), magic=7, comment="QBX#7 ma_crossover")
    request = terminal.requests[-1]
    assert request == {"action": 1, "symbol": symbol, "volume": 0.1, "type": 0, "sl": opened.sl, "tp": opened.tp,
                       "magic": 7, "comment": "QBX#7 ma_crossover", "price": tick.ask, "deviation": 20,
                       "type_time": 0, "type_filling": filling}
    assert (opened.side, opened.volume, opened.magic, opened.open_price) == ("buy", 0.1, 7, tick.ask)
    assert [p.ticket for p in broker.positions(magic=7)] == [opened.ticket]
    assert broker.positions(magic=8) == []


def open_eurusd(broker, side="buy", magic=1, volume=0.1):
    tick = broker.tick("EURUSD")
    direction = 1 if side == "buy" else -1
    return broker.open_position("EURUSD", side, volume, sl=round(tick.bid - direction * 0.003, 5),
                                tp=round(tick.bid + direction * 0.006, 5), magic=magic, comment="t")


def test_requote_is_retried_at_a_fresh_price(broker, terminal):
    terminal.script(10004, 10020)
    opened = open_eurusd(broker)
    assert len(terminal.requests) == 3 and opened.ticket in {p.ticket for p in broker.positions()}


def test_endless_requotes_are_refused_after_bounded_tries(broker, terminal):
    terminal.script(10004, 10004, 10004, 10004)
    with pytest.raises(OrderRejected) as refused:
        open_eurusd(broker)
    assert (refused.value.code, refused.value.retcode) == ("requote", 10004)
    assert len(terminal.requests) == 4 and broker.positions() == []
    assert "kode 10004" in message(refused.value)


def test_filling_mode_the_server_refuses_falls_back_to_the_next_allowed(broker, terminal):
    terminal.script(10030)
    open_eurusd(broker)
    assert [r["type_filling"] for r in terminal.requests] == [0, 1]


@pytest.mark.parametrize("setup, code, retcode, words", [
    (lambda term, clock: term.script(10030), "invalid_fill", 10030, "mode pengisian"),
    (lambda term, clock: setattr(term, "algo_trading", False), "autotrading_client", 10027, "Algo Trading"),
    (lambda term, clock: term.script(10019), "no_money", 10019, "Dana tidak cukup"),
    (lambda term, clock: term.script(10017), "trade_disabled", 10017, "dinonaktifkan"),
    (lambda term, clock: term.script(10016), "invalid_stops", 10016, "minimal 50 poin"),
    (lambda term, clock: term.script(10018), "market_closed", 10018, "sedang tutup"),
    (lambda term, clock: term.script(10006), "rejected", 10006, "menolak order"),
])
def test_every_refusal_says_why_with_its_retcode(broker, terminal, clock, setup, code, retcode, words):
    setup(terminal, clock)
    tick = broker.tick("XAUUSD.m")
    with pytest.raises(OrderRejected) as refused:
        broker.open_position("XAUUSD.m", "buy", 0.01, sl=round(tick.bid - 5, 2), tp=round(tick.bid + 10, 2), magic=1,
                             comment="t")
    assert (refused.value.code, refused.value.retcode) == (code, retcode)
    assert words in message(refused.value) and str(retcode) in message(refused.value)
    assert broker.positions() == []


def test_real_server_checks_stops_no_money_and_closed_market(broker, terminal, clock):
    tick = broker.tick("XAUUSD.m")
    with pytest.raises(OrderRejected) as close_stops:
        broker.open_position("XAUUSD.m", "buy", 0.01, sl=round(tick.bid - 0.2, 2), tp=0, magic=1, comment="t")
    assert close_stops.value.retcode == 10016
    with pytest.raises(OrderRejected) as too_big:
        open_eurusd(broker, volume=90.0)
    assert too_big.value.code == "no_money"
    clock.set(SATURDAY)
    with pytest.raises(OrderRejected) as closed:
        open_eurusd(broker)
    assert closed.value.code == "market_closed"


def test_connection_lost_during_an_order_is_unavailable_not_refused(broker, terminal):
    terminal.script(10031)
    with pytest.raises(BrokerUnavailable) as lost:
        open_eurusd(broker)
    assert lost.value.retcode == 10031


def test_close_journals_the_real_profit_from_the_deals(broker, terminal, clock):
    opened = open_eurusd(broker, magic=3)
    clock.advance(3600)
    expected = terminal.profit(terminal.positions[opened.ticket], broker.tick("EURUSD").bid)
    closed = broker.close_position(opened.ticket, comment="QBX#3 SELL")
    request = terminal.requests[-1]
    assert (request["position"], request["type"], request["volume"]) == (opened.ticket, 1, 0.1)
    assert (closed.ticket, closed.reason, closed.side, closed.profit) == (opened.ticket, "bot", "buy", expected)
    assert closed.commission == -0.7 and closed.net_profit == round(expected - 0.7, 2)
    assert (closed.sl, closed.tp) == (opened.sl, opened.tp)
    assert closed.close_time == pytest.approx(clock.now(), abs=1)
    assert closed.open_time == pytest.approx(opened.open_time)
    assert broker.close_position(opened.ticket) == closed  # already closed: the same record, no second order
    assert broker.account().balance == round(10_000 + closed.net_profit, 2)


@pytest.mark.parametrize("reason, expected", [(4, "sl"), (5, "tp"), (0, "manual")])
def test_server_side_closes_keep_their_reason(broker, terminal, clock, reason, expected):
    opened = open_eurusd(broker, magic=4)
    clock.advance(600)
    terminal.trigger(opened.ticket, reason)
    closed = broker.closed_position(opened.ticket)
    assert closed.reason == expected
    if expected in ("sl", "tp"):
        assert closed.close_price == (opened.sl if expected == "sl" else opened.tp)
    listed = broker.closed_positions(WEDNESDAY_10H, clock.now() + 1, magic=4)
    assert [c.ticket for c in listed] == [opened.ticket]
    assert broker.closed_positions(WEDNESDAY_10H, clock.now() + 1, magic=5) == []


def test_nothing_secret_reaches_logs_or_descriptions(broker, terminal, caplog):
    caplog.set_level(logging.DEBUG)
    broker.find_symbol("XAUUSD")
    terminal.crash()
    with pytest.raises(BrokerUnavailable) as down:
        broker.account()
    described = repr(broker.describe()) + repr(broker.credentials) + message(down.value)
    assert terminal.password not in caplog.text + described
    assert str(terminal.login) not in described
