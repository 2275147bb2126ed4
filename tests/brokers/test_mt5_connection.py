"""The MT5 connection test on the fake terminal, with each failure a trader meets first injected in turn.

Every failure stops the walk at its own step, says what it means and what to do in both languages, and leaves
the steps after it "not reached"; a closed market and an unknown clock offset are warnings. The engine runs on
paper here (the test connects, checks and disconnects by itself), except where it trades on MT5 itself.
"""

from __future__ import annotations

import json
import sys

import pytest

from qbx_engine import Engine
from qbx_engine.brokers.mt5 import doctor, retcodes
from qbx_engine.core.clock import ManualClock
from qbx_engine.core.i18n import render
from tests import mt5_fake
from tests.engine.test_weekend import SUNDAY_10_WIB


@pytest.fixture
def terminal(monkeypatch, clock):
    return mt5_fake.plug_in(monkeypatch, clock)


@pytest.fixture
def engine(data_dir, clock):
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as opened:
        yield opened


def walked(result: dict) -> dict[str, str]:
    return {step["name"]: step["state"] for step in result["steps"]}


def said(result: dict, name: str, lang: str = "en") -> str:
    """What the step says: what it found, or the problem and what to do."""
    step = next(s for s in result["steps"] if s["name"] == name)
    return " | ".join(render(step[part], lang) for part in ("found", "problem", "fix") if step[part])


def stopped_at(result: dict, name: str) -> None:
    """Failed at ``name``: the steps before it passed, the ones after it were not reached, nothing connected."""
    states = walked(result)
    assert result["state"] == "failed" and states[name] == "failed", states
    at = doctor.STEPS.index(name)
    assert all(states[s] == "ok" for s in doctor.STEPS[:at]), states
    assert all(states[s] == "not_reached" for s in doctor.STEPS[at + 1:]), states
    for lang in ("id", "en"):
        step = next(s for s in result["steps"] if s["name"] == name)
        assert render(step["problem"], lang) and render(step["fix"], lang)


def test_every_step_passes_on_a_working_terminal(engine, terminal):
    result = engine.connection.test_mt5("xauusd")
    assert result["state"] == "ok" and set(walked(result).values()) == {"ok"}
    assert list(walked(result)) == list(doctor.STEPS)
    assert said(result, "terminal") == "MetaTrader 5 build 5120 (QBX Fake Broker) at C:\\Program Files\\MetaTrader 5."
    assert said(result, "login") == "Account …0123 (Demo Trader)."
    assert said(result, "account").startswith("Server QBX-Demo (QBX Fake Broker), demo account, USD, balance 10,000.00")
    assert said(result, "symbol").startswith("xauusd is XAUUSD.m at this broker (with the broker's suffix); bid ")
    assert said(result, "offset") == "Server clock UTC+2: bar and deal times are converted to UTC."
    assert said(result, "offset", "id") == "Jam server UTC+2: waktu bar dan deal diubah ke UTC."
    assert not terminal.initialized and terminal.calls[-1][0] == "shutdown"  # the paper engine's test disconnects
    assert not [c for c in terminal.calls if c[0] == "order_send"]  # no order is sent
    assert terminal.password not in json.dumps(result)


def test_without_the_package_it_says_windows(engine, monkeypatch):
    monkeypatch.setitem(sys.modules, "MetaTrader5", None)  # what `import MetaTrader5` meets on Linux or macOS
    result = engine.connection.test_mt5()
    stopped_at(result, "terminal")
    assert "64-bit Windows only" in said(result, "terminal")


def test_a_login_that_is_not_an_account_number_is_said_before_anything_is_tried(engine, terminal, monkeypatch):
    monkeypatch.setenv("QBX_MT5_LOGIN", "my-account")
    result = engine.connection.test_mt5()
    states = walked(result)
    assert states["login"] == "failed" and states["terminal"] == states["initialized"] == "not_reached"
    assert "account number" in said(result, "login") and terminal.calls == []


@pytest.mark.parametrize("inject, step, words", [
    (lambda term, env: setattr(term, "installed", False), "terminal",
     "No MetaTrader 5 terminal was found on this computer (IPC initialize failed, MetaTrader 5 x64 not found)"),
    (lambda term, env: env.setenv("QBX_MT5_PATH", "D:\\MT5\\terminal.exe"), "terminal",
     "The terminal path D:\\MT5\\terminal.exe does not start a terminal (IPC initialize failed, Process create "
     "failed 'D:\\MT5\\terminal.exe')"),
    (lambda term, env: setattr(term, "ipc_timeout", True), "initialized",
     "The terminal did not answer in time (IPC timeout: IPC timeout)"),
    (lambda term, env: setattr(term, "outdated", True), "initialized",
     "The terminal is too old for the MetaTrader5 Python package"),
    (lambda term, env: env.setenv("QBX_MT5_PASSWORD", "wrong-Pa55"), "login",
     "Authorization failed: the account number, password or server was refused (account …0123 on server QBX-Demo)"),
    (lambda term, env: env.setenv("QBX_MT5_SERVER", "QBX-Real"), "login", "Authorization failed"),
    (lambda term, env: setattr(term, "connected", False), "account",
     "The terminal is not connected to the trade server QBX-Demo."),
    (lambda term, env: setattr(term, "algo_trading", False), "autotrading_terminal",
     "code 10027 'AutoTrading disabled by client'"),
    (lambda term, env: setattr(term, "api_trading", False), "autotrading_terminal",
     "'Disable automated trading via external Python API' is ticked"),
    (lambda term, env: setattr(term, "account_trading", False), "autotrading_account",
     "Trading is disabled on this account"),
    (lambda term, env: setattr(term, "experts_allowed", False), "autotrading_account",
     "code 10026 'AutoTrading disabled by server'"),
])
def test_each_failure_stops_at_its_step_and_says_what_to_do(engine, terminal, monkeypatch, inject, step, words):
    inject(terminal, monkeypatch)
    result = engine.connection.test_mt5()
    stopped_at(result, step)
    assert words in said(result, step), said(result, step)
    assert terminal.password not in json.dumps(result) and "wrong-Pa55" not in json.dumps(result)


def test_the_failures_the_doctor_explains_are_the_packages_own_codes():
    assert (retcodes.INIT_FAILED, retcodes.IPC_TIMEOUT, retcodes.AUTH_FAILED, retcodes.INVALID_VERSION,
            retcodes.API_TRADING_DISABLED) == (mt5_fake.RES_E_INTERNAL_FAIL_INIT, mt5_fake.RES_E_INTERNAL_FAIL_TIMEOUT,
                                               mt5_fake.RES_E_AUTH_FAILED, mt5_fake.RES_E_INVALID_VERSION,
                                               mt5_fake.RES_E_AUTO_TRADING_DISABLED)


def test_a_symbol_with_an_unknown_suffix_offers_the_brokers_names(engine, monkeypatch, clock):
    mt5_fake.plug_in(monkeypatch, clock, symbols=(mt5_fake.BrokerSymbol("EURUSDPRO", "EURUSD"),
                                                  mt5_fake.BrokerSymbol("EURJPYPRO", "EURJPY"),
                                                  mt5_fake.BrokerSymbol("BTCUSD", "BTCUSD")))
    result = engine.connection.test_mt5("EURUSD")
    stopped_at(result, "symbol")
    assert "EURUSD is not a symbol of this broker, nor with a known suffix. Similar names: EURJPYPRO, EURUSDPRO." \
        in said(result, "symbol")
    assert "Market Watch" in said(result, "symbol")


@pytest.mark.parametrize("symbol, key", [("GOLD", "not in Market Watch"), ("USDCHF", "has disabled trading USDCHF")])
def test_a_symbol_outside_market_watch_or_disabled_is_said(engine, monkeypatch, clock, symbol, key):
    term = mt5_fake.plug_in(monkeypatch, clock)
    term.symbols["GOLD"].selectable = False
    result = engine.connection.test_mt5(symbol)
    stopped_at(result, "symbol")
    assert key in said(result, "symbol")


def test_on_a_sunday_the_closed_market_is_a_warning_with_its_opening(data_dir, monkeypatch):
    sunday = ManualClock(SUNDAY_10_WIB)
    mt5_fake.plug_in(monkeypatch, sunday)
    with Engine.open(data_dir, clock=sunday, start_scheduler=False) as engine:
        result = engine.connection.test_mt5("EURUSD")
    assert result["state"] == "warning" and walked(result)["symbol"] == "warning"
    assert said(result, "symbol", "id").startswith("Pasar EURUSD sedang tutup; biasanya buka Senin 05:00 WIB.")
    assert walked(result)["offset"] == "ok"  # learned from BTCUSD, which trades at weekends


def test_with_every_market_closed_the_clock_offset_is_a_warning(data_dir, monkeypatch):
    sunday = ManualClock(SUNDAY_10_WIB)
    mt5_fake.plug_in(monkeypatch, sunday, symbols=mt5_fake.DEFAULT_SYMBOLS[:4])
    with Engine.open(data_dir, clock=sunday, start_scheduler=False) as engine:
        result = engine.connection.test_mt5("EURUSD")
    assert walked(result)["offset"] == "warning" and result["state"] == "warning"
    assert "offset is not known yet" in said(result, "offset")


def test_an_engine_trading_on_mt5_is_checked_in_place_and_keeps_its_connection(data_dir, clock, terminal):
    with Engine.open(data_dir, broker="mt5", clock=clock, start_scheduler=False) as engine:
        result = engine.connection.test_mt5("EURUSD")
        assert result["state"] == "ok"
        assert terminal.initialized and engine.account()["login"] == terminal.login
        assert "shutdown" not in [c[0] for c in terminal.calls]


def test_a_terminal_that_started_but_never_answered_is_an_ipc_timeout(engine, terminal, monkeypatch):
    """The package's other wording of a timeout: initialize() failing with "Pipe server didn't answer"."""
    def silent(*_args, **_kwargs):
        terminal.error = (mt5_fake.RES_E_INTERNAL_FAIL_INIT,
                          "IPC initialize failed, Pipe server didn't answer in 60 sec")
        return False

    monkeypatch.setattr(mt5_fake, "initialize", silent)
    result = engine.connection.test_mt5()
    stopped_at(result, "initialized")
    assert "Pipe server didn't answer in 60 sec" in said(result, "initialized")
