"""One trade plan live and in the backtest, and each trade's own risk in the journal."""

import numpy as np
import pytest

from qbx_engine import Engine
from qbx_engine.backtest import BacktestConfig, paper_history, run_backtest
from qbx_engine.backtest.runner import Contract
from qbx_engine.core.i18n import render
from qbx_engine.reports.views import trades_csv
from qbx_engine.strategies import STRATEGIES
from tests.engine.conftest import force, new_bot
from tests.fakes import BarScript

BAR = 60.0


@pytest.fixture
def bar_script(monkeypatch):
    monkeypatch.setitem(STRATEGIES, BarScript.name, BarScript)


def at_bar_open(clock) -> float:
    """Put the clock exactly on a bar's open, so the live quote is that bar's open (the backtest's fill)."""
    start = (clock.now() // BAR) * BAR + BAR
    clock.set(start)
    return start


STOPS = [("pips", {"sl_pips": 20, "tp_pips": 45}), ("atr", {"stop_mode": "atr", "sl_atr": 1.5, "tp_atr": 2.5,
                                                          "atr_period": 14})]


@pytest.mark.parametrize("symbol", ["EURUSD", "USDJPY", "XAUUSD", "BTCUSD"])
@pytest.mark.parametrize("side", ["BUY", "SELL"])
@pytest.mark.parametrize("mode, stops", STOPS, ids=[m for m, _ in STOPS])
def test_live_and_backtest_plan_the_same_entry(engine, clock, bar_script, symbol, side, mode, stops):
    if symbol == "BTCUSD" and mode == "pips":
        stops = {"sl_pips": 150, "tp_pips": 300}  # beyond BTC's 25-dollar spread and 10-dollar stops level
    start = at_bar_open(clock)
    bot_id = new_bot(engine, market=symbol, status="active", risk_percent=1.0, **stops)["id"]
    force(engine, side)
    engine.run_tick(bot_id)
    engine.close_position(bot_id)
    (live,) = engine.trades(bot_id=bot_id)

    bars = paper_history(symbol, "M1", 60, until=start + 10 * BAR)
    signal_bar = int(np.flatnonzero(bars.time == start - BAR)[0])
    BarScript.script = np.zeros(len(bars), dtype=np.int8)
    BarScript.script[signal_bar] = 1 if side == "BUY" else -1
    config = BacktestConfig("bar_script", risk_percent=1.0, **{"sl_pips": 0.0, "tp_pips": 0.0, **stops})
    tested = run_backtest(bars, config, Contract.paper(symbol)).trades.iloc[0]

    assert tested["entry_bar"] == signal_bar + 1
    assert (live["side"], live["open_price"], live["volume"]) == \
        (tested["side"], tested["entry_price"], tested["volume"])
    assert (live["initial_sl"], live["initial_tp"]) == (tested["sl"], tested["tp"])
    assert (live["risk_money"], live["risk_pct"]) == (tested["risk_money"], tested["risk_pct"])
    spread = engine.broker.symbol_info(symbol).spread * engine.broker.symbol_info(symbol).point
    assert spread > 0
    distance = abs(live["open_price"] - live["initial_sl"])
    if mode == "pips":
        assert distance == pytest.approx(stops["sl_pips"] * engine.broker.symbol_info(symbol).pip, abs=1e-9)


def test_journal_keeps_the_trades_risk_even_if_the_bot_is_edited(engine, clock):
    at_bar_open(clock)
    bot_id = new_bot(engine, status="active", risk_percent=1.0, sl_pips=20, tp_pips=0)["id"]
    force(engine, "BUY")
    engine.run_tick(bot_id)
    position = engine.positions()[0]
    engine.update_bot(bot_id, risk_percent=5.0, sl_pips=50)  # edited while its position is open
    clock.advance(30)
    engine.close_position(bot_id)
    (trade,) = engine.trades(bot_id=bot_id)
    # 20 pips x 0.50 lot x 10 USD per pip per lot = 100.00 USD = 1.00% of 10,000
    assert (trade["volume"], trade["initial_sl"], trade["sl_pips"]) == (0.5, round(position["open_price"] - 0.002, 5),
                                                                        20.0)
    assert (trade["risk_money"], trade["risk_pct"], trade["balance_at_entry"]) == (100.0, 1.0, 10_000.0)
    assert trade["r_multiple"] == round(trade["net_profit"] / 100.0, 2)
    assert (trade["source"], trade["entry_source"], trade["strategy"]) == ("bot", "bot", "scripted")


def test_a_manual_trade_is_journaled_with_its_own_risk(engine, clock):
    broker = engine.broker
    ask = broker.tick("EURUSD").ask
    opened = broker.open_position("EURUSD", "buy", 1.0, sl=round(ask - 0.0050, 5), tp=0, magic=0, comment="hand")
    clock.advance(90)
    broker.close_by_hand(opened.ticket)
    assert engine.sync_journal() == 1
    (trade,) = engine.trades()
    # 1.00 lot with a 50-pip stop on 10,000: 50 x 10 USD = 500 USD = 5% of the balance
    assert (trade["bot_id"], trade["source"], trade["magic"]) == (None, "manual", 0)
    assert (trade["risk_money"], trade["risk_pct"], trade["sl_pips"]) == (500.0, 5.0, 50.0)
    assert trade["r_multiple"] == round(trade["net_profit"] / 500.0, 2)
    assert trade["entry_source"] == "broker" and trade["balance_at_entry"] == 10_000.0
    assert engine.sync_journal() == 0  # once
    (event,) = engine.events(actions=["CLOSED MANUALLY"])
    assert "Manual position BUY" in render(event["msg"], "en")


def test_another_eas_trade_without_a_stop_has_no_risk_figure(engine, clock):
    broker = engine.broker
    first = broker.open_position("XAUUSD", "sell", 0.1, sl=0, tp=0, magic=777, comment="other EA")
    clock.advance(120)
    broker.close_by_hand(first.ticket)
    engine.sync_journal()
    (trade,) = engine.trades()
    assert (trade["source"], trade["magic"], trade["sl_used"]) == ("ea", 777, False)
    assert trade["risk_money"] is None and trade["risk_pct"] is None and trade["r_multiple"] is None


def test_balance_at_entry_discounts_what_closed_since(engine, clock):
    broker = engine.broker
    held = broker.open_position("EURUSD", "buy", 0.1, sl=round(broker.tick("EURUSD").ask - 0.0030, 5), tp=0, magic=0,
                                comment="long hold")
    clock.advance(60)
    quick = broker.open_position("GBPUSD", "sell", 0.2, sl=0, tp=0, magic=0, comment="scalp")
    clock.advance(600)
    scalp = broker.close_by_hand(quick.ticket)
    clock.advance(600)
    broker.close_by_hand(held.ticket)
    engine.sync_journal()
    trades = {t["position_id"]: t for t in engine.trades()}
    assert trades[held.ticket]["balance_at_entry"] == 10_000.0  # the scalp's result came after the entry
    assert trades[quick.ticket]["balance_at_entry"] == 10_000.0
    assert engine.account()["balance"] == round(10_000 + scalp.profit + trades[held.ticket]["profit"], 2)


def test_a_stop_out_at_the_sl_is_minus_one_r(engine, clock):
    bot_id = new_bot(engine, status="active", risk_percent=1.0, sl_pips=3, tp_pips=0)["id"]
    force(engine, "BUY")
    engine.run_tick(bot_id)
    clock.advance(6 * 3600)
    clock.advance(60)
    engine.run_tick(bot_id)
    (trade,) = engine.trades(bot_id=bot_id)
    assert trade["reason"] == "sl" and trade["r_multiple"] == -1.0
    assert trade["net_profit"] == -trade["risk_money"]


def test_old_journal_records_without_risk_fields_still_load(data_dir, clock):
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        engine.journal.add({"ts": clock.now(), "position_id": 1, "bot_id": 1, "bot_name": "old", "symbol": "EURUSD",
                            "side": "buy", "volume": 0.1, "open_time": clock.now() - 60, "open_price": 1.1,
                            "close_time": clock.now(), "close_price": 1.101, "profit": 10.0, "commission": 0.0,
                            "swap": 0.0, "net_profit": 10.0, "sl": 1.09, "tp": 0.0, "sl_used": True,
                            "tp_used": False, "risk_percent": 1.0, "sl_pips": 100, "tp_pips": 0,
                            "strategy": "ma_crossover", "timeframe": "H1", "reason": "bot", "currency": "USD"})
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        (trade,) = engine.trades()
        assert trade.get("risk_money") is None
        text = trades_csv(engine)
        assert "risk_money" in text.splitlines()[0] and engine.mentor.report()["summary"]["total_trades"] == 1


def test_journal_csv_shows_the_risk_fields(engine, clock):
    bot_id = new_bot(engine, status="active", risk_percent=1.0, sl_pips=20, tp_pips=0)["id"]
    force(engine, "SELL")
    engine.run_tick(bot_id)
    clock.advance(60)
    engine.close_position(bot_id)
    header, row = trades_csv(engine).splitlines()[:2]
    columns = header.split(",")
    for name in ("source", "initial_sl", "risk_money", "risk_pct", "balance_at_entry", "r_multiple"):
        assert name in columns
    values = dict(zip(columns, row.split(","), strict=True))
    assert (values["risk_money"], values["risk_pct"], values["source"]) == ("100.0", "1.0", "bot")
