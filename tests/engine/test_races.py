"""Races found under load, made deterministic: a tick that straddles a bar close, a close seen mid-write."""

import threading
from collections import Counter

from qbx_engine.core.i18n import render
from tests.engine.conftest import force, new_bot

MINUTE = 60.0


def entries_per_bar(engine) -> Counter:
    """Entries of each bot by the minute they opened in (history and open positions)."""
    history = engine.broker.closed_positions(0, engine.now() + 10**6)
    return Counter((p.magic, int(p.open_time // MINUTE)) for p in list(history) + engine.broker.positions())


def test_a_tick_that_straddles_a_bar_close_does_not_enter_twice_in_one_bar(hooked_engine, clock):
    """Under load a tick that read bar N's signal sent its order after bar N+1 closed; the next tick then acted
    on N+1 in the same minute: two entries in one bar. Now an order goes out only while its bar is the newest."""
    engine = hooked_engine
    clock.set((clock.now() // MINUTE) * MINUTE + 59.5)
    bot_id = new_bot(engine, status="active", sl_pips=30, tp_pips=60)["id"]
    engine.hooks.hooks["tick"] = lambda *_: clock.advance(1.0)  # the quote arrives after the minute closed
    force(engine, "BUY")
    engine.run_tick(bot_id)
    assert engine.broker.positions(magic=bot_id) == []
    note = engine.get_bot(bot_id)["last_analysis"]["note"]
    assert "newer bar closed" in render(note, "en")
    assert engine.get_bot(bot_id)["last_acted_bar"] is None  # the bar stays unacted

    del engine.hooks.hooks["tick"]
    clock.advance(29)  # the next tick, in the new minute: bar N+1 is newest
    force(engine, "SELL")
    engine.run_tick(bot_id)
    (position,) = engine.broker.positions(magic=bot_id)
    assert position.side == "sell"
    assert max(entries_per_bar(engine).values()) == 1


def test_a_close_seen_while_it_is_being_written_is_still_journaled(engine, clock):
    """The paper broker closes a position in two writes (book, then history). A bot looking in between used to
    find its position gone and its close nowhere, and forgot it: the journal missed that trade for good."""
    bot_id = new_bot(engine, status="active", sl_pips=20, tp_pips=40)["id"]
    force(engine, "BUY")
    engine.run_tick(bot_id)
    ticket = engine.get_bot(bot_id)["position_ticket"]
    history = engine.broker._history
    original = history.append
    looked = {}

    def append_after_a_look(record):
        looked["closed"] = engine.broker.closed_position(ticket)  # what another thread sees mid-close
        return original(record)

    history.append = append_after_a_look
    try:
        engine.broker.close_by_hand(ticket)
    finally:
        history.append = original
    assert looked["closed"] is not None and looked["closed"].ticket == ticket
    clock.advance(60)
    engine.run_tick(bot_id)
    (trade,) = engine.trades(bot_id=bot_id)
    assert trade["position_id"] == ticket and trade["reason"] == "manual"


def test_a_refusal_repeated_on_alternating_signals_is_one_event(engine, clock):
    engine.set_paper_balance(100.0)
    bot_id = new_bot(engine, status="active", risk_percent=0.5, sl_pips=50, tp_pips=0)["id"]
    for n in range(28):
        force(engine, "BUY" if n % 2 else "SELL")
        clock.advance(MINUTE)
        engine.run_tick(bot_id)
    refusals = engine.events(bot_id=bot_id, actions=["NO TRADE"], limit=None)
    assert len(refusals) == 1 and refusals[0]["repeat"] == 28
    assert "minimum lot 0.01" in render(refusals[0]["msg"], "en")
    assert engine.broker.positions() == []


def test_an_edit_while_a_tick_waits_for_a_quote_does_not_fail_the_tick(hooked_engine):
    """The trader pauses the bot and changes its strategy while its tick waits for the broker's quote; the plan is
    then refused (1 USD of risk buys less than the smallest lot). Writing that note into the analysis the edit had
    just cleared raised TypeError: the tick failed and counted towards the error streak."""
    engine = hooked_engine
    bot_id = new_bot(engine, status="active", risk_percent=0.01)["id"]
    inside, carry_on = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def wait_for_the_trader(*_):
        engine.hooks.hooks.pop("tick")
        inside.set()
        carry_on.wait(10)

    def tick():
        try:
            engine.run_tick(bot_id)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    engine.hooks.hooks["tick"] = wait_for_the_trader
    force(engine, "BUY")
    ticking = threading.Thread(target=tick)
    ticking.start()
    assert inside.wait(10)
    engine.pause_bot(bot_id)
    engine.update_bot(bot_id, strategy_name="ma_crossover", strategy_params={})
    carry_on.set()
    ticking.join(10)
    assert failures == []
    bot = engine.get_bot(bot_id)
    assert (bot["status"], bot["strategy_name"], bot["position_ticket"]) == ("paused", "ma_crossover", None)
    assert engine.broker.positions(magic=bot_id) == []
    assert [e["action"] for e in engine.events(bot_id=bot_id, actions=["ERROR"], limit=5)] == []
