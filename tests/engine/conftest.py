import pytest

from qbx_engine import Engine
from qbx_engine.brokers.paper import PaperBroker
from qbx_engine.strategies import STRATEGIES
from tests.fakes import HookedBroker, Scripted


@pytest.fixture
def scripted(monkeypatch):
    """Registers the scripted strategy; returns a function that forces the next signal."""
    monkeypatch.setitem(STRATEGIES, Scripted.name, Scripted)
    monkeypatch.setattr(Scripted, "signal", "HOLD")
    monkeypatch.setattr(Scripted, "fail_with", None)
    return Scripted


@pytest.fixture
def hooked_engine(data_dir, clock, scripted):
    holder = {}

    def factory(store, clk):
        holder["broker"] = HookedBroker(PaperBroker(store, clk))
        return holder["broker"]

    engine = Engine.open(data_dir, broker=factory, clock=clock)
    engine.hooks = holder["broker"]
    yield engine
    engine.close()


@pytest.fixture
def engine(data_dir, clock, scripted):
    opened = Engine.open(data_dir, clock=clock)
    yield opened
    opened.close()


def force(engine, signal: str) -> None:
    """The scripted strategy's signal for the next bar a bot analyses (a closed bar's verdict never changes)."""
    Scripted.signal = signal


def new_bot(engine, **overrides) -> dict:
    data = {"name": "Scripted EURUSD", "market": "EURUSD", "timeframe": "M1", "strategy_name": "scripted",
            "risk_percent": 1.0, "sl_pips": 20, "tp_pips": 40, "check_interval": 60}
    data.update(overrides)
    return engine.create_bot(data)


def next_bar(clock, engine=None, bot_id=None, minutes: int = 1):
    clock.advance(60 * minutes)
    if engine is not None:
        return engine.run_tick(bot_id)
    return None


def into_error(engine, bot_id: int) -> None:
    """Fail the bot's ticks until the engine puts it in error, as a strategy that keeps crashing would."""
    Scripted.fail_with = RuntimeError("the strategy crashed")
    try:
        for _ in range(engine.get_settings()["error_streak_limit"]):
            engine.run_tick(bot_id)
    finally:
        Scripted.fail_with = None
    assert engine.get_bot(bot_id)["status"] == "error"
