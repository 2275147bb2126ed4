"""Random bad values into every public Engine method that takes input: only the engine's own errors come out.

Plain pytest with a seeded generator (no extra dependency): each round picks a method, one of its
arguments (or a field inside a record argument) and a hostile value — wrong types, NaN, infinities,
numbers too large for a float, long and odd unicode strings, nested structures — and calls it with
everything else valid. The call may succeed (a numeric string is a number, see qbx_engine.core.inputs) or
raise a QbxError; anything else fails the test. After every refusal the data folder's files are
byte-for-byte what they were. Failures print the seed, the method, the argument and the value.
"""

from __future__ import annotations

import dataclasses
import math
import random
import time
from datetime import date
from pathlib import Path

import pytest

from qbx_engine import Engine, QbxError
from qbx_engine.backtest import BacktestConfig
from qbx_engine.backtest import optimise as opt
from qbx_engine.settings import DEFAULTS as SETTINGS
from qbx_engine.trading.bots import EDITABLE

SEED = 19
ROUNDS = 800
NOT_DATA = {".lock", ".lock-owner.json"}


class Hostile:
    def __str__(self):
        raise RuntimeError("no text for you")

    __repr__ = __str__


def _deep(levels: int):
    value: object = "bottom"
    for _ in range(levels):
        value = [value, {"k": value}]
    return value


BAD = [
    None, True, False, 0, -1, 10**400, -(10**400), 2**63, 10**5000, 1e308, -1e308, 5e-324,
    math.nan, math.inf, -math.inf, "", " ", "x", "1", "1,5", " 2 ", "٣", "NaN", "inf", "-inf", "1e999", "0x10",
    "A" * 256, "A" * 20_000, "\x00", "nul\x00byte", "\u202eevil", "👩‍💻", "e\u0301", "../../etc/passwd",
    "Asia/Jakarta/../../x", "2026-11-25", "9999-12-31", "0001-01-01", "2026-02-30", "H9", "EURUSD",
    [], [1], ["START", 1], ["START"], {}, {"a": 1}, {1: 2, "b": [None]}, {"fast_period": math.nan}, (1, 2), set(),
    {1, 2}, frozenset({"STOP"}), b"bytes", bytearray(b"x"), object(), Hostile(), _deep(30), date(9999, 12, 31),
    date(1, 1, 1), 1.5, -0.0, 3.0,
]

GOOD_BOT = {"name": "Prop", "market": "EURUSD", "timeframe": "M15", "strategy_name": "ma_crossover",
            "strategy_params": {"fast_period": 5, "slow_period": 20}, "risk_percent": 1.0, "sl_pips": 20,
            "tp_pips": 40, "check_interval": 60}
GOOD_CONFIG = BacktestConfig("ma_crossover", {"fast_period": 5, "slow_period": 20}, sl_pips=20, tp_pips=40)
GOOD_SPEC = opt.Spec(GOOD_CONFIG, (opt.axis("ma_crossover", "fast_period", 5, 10, 5),))
EMOTION = {"emotion_before": "tenang", "emotion_after": "netral", "market_condition": "trending", "note": "ok"}


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in NOT_DATA}


def slots(engine, bot_id: int):
    """(method, argument, call with that argument replaced by ``bad``) for every input the public API takes."""
    def kw(method, name, **good):
        return method, name, lambda bad: _method(engine, method)(**{**good, name: bad})

    def pos(method, *rest, **good):
        return method, "first", lambda bad: _method(engine, method)(bad, *rest, **good)

    out = [pos("create_bot")]
    out += [("create_bot", f"data.{name}", lambda bad, n=name: engine.create_bot({**GOOD_BOT, n: bad}))
            for name in (*EDITABLE, "status")]
    out += [("create_bot", "data.strategy_params.fast_period", lambda bad: engine.create_bot(
        {**GOOD_BOT, "strategy_params": {"fast_period": bad}})),
            ("create_bot", "data.<key>", lambda bad: engine.create_bot({**GOOD_BOT, _key(bad): 1}))]
    out += [("update_bot", name, lambda bad, n=name: engine.update_bot(bot_id, **{n: bad})) for name in EDITABLE]
    out += [("update_bot", "strategy_params.slow_period", lambda bad: engine.update_bot(
        bot_id, strategy_params={"slow_period": bad})),
            ("update_bot", "bot_id", lambda bad: engine.update_bot(bad, risk_percent=1.5))]
    for method in ("start_bot", "pause_bot", "resume_bot", "stop_bot", "run_tick", "close_position", "get_bot",
                   "delete_bot", "safety.protections", "history.live_vs_backtest", "lab.open_run", "lab.delete_run"):
        out.append(pos(method))
    out.append(("delete_bot", "close_position", lambda bad: engine.delete_bot(bot_id, close_position=bad)))
    out += [pos("safety.set_entries_off", True),
            ("safety.set_entries_off", "off", lambda bad: engine.safety.set_entries_off(bot_id, bad))]
    for method, names in (("events", ("bot_id", "notifications_only", "limit", "offset", "actions", "since",
                                      "until")),
                          ("count_events", ("bot_id", "notifications_only", "actions", "since", "until")),
                          ("trades", ("bot_id", "since", "until", "limit")),
                          ("notifications.unread", ("limit",)), ("lab.runs", ("limit",)),
                          ("mentor.sessions", ("days",)),
                          ("mentor.emotions", ("day",)), ("mentor.report", ("day",)), ("mentor.weekly", ("week",)),
                          ("mentor.feedback", ("emotion",)),
                          ("market.symbol_info", ("symbol",)), ("set_paper_balance", ("balance",)),
                          ("notifications.send_test", ("channel",)),
                          ("history.deals", ("days", "symbol", "bot", "side", "result")),
                          ("history.performance", ("bot_id", "period", "days"))):
        out += [kw(method, name) for name in names]
    good_rates = {"market": "EURUSD", "timeframe": "M15", "count": 50}
    out += [kw("market.rates", name, **good_rates) for name in good_rates]
    out += [pos("mentor.add_emotion")] + [("mentor.add_emotion", f"entry.{name}",
                                          lambda bad, n=name: engine.mentor.add_emotion({**EMOTION, n: bad}))
                                         for name in EMOTION]
    out += [("update_settings", name, lambda bad, n=name: engine.update_settings(**{n: bad})) for name in SETTINGS]
    good_bt = {"config": GOOD_CONFIG, "symbol": "EURUSD", "timeframe": "H1", "count": 300}
    out += [kw("lab.backtest", name, **good_bt) for name in (*good_bt, "bars", "source", "progress", "span")]
    good_opt = {"spec": GOOD_SPEC, "symbol": "EURUSD", "timeframe": "H1", "count": 300, "workers": 1}
    out += [kw("lab.start_optimisation", name, **good_opt) for name in (*good_opt, "bars", "source", "span")]
    out += [("lab.start_optimisation", f"spec.{f.name}", lambda bad, n=f.name: engine.lab.start_optimisation(
        dataclasses.replace(GOOD_SPEC, **{n: bad}), symbol="EURUSD", timeframe="H1", count=300, workers=1))
            for f in dataclasses.fields(opt.Spec)]
    out += [("lab.backtest", f"config.{f.name}", lambda bad, n=f.name: engine.lab.backtest(
        dataclasses.replace(GOOD_CONFIG, **{n: bad}), symbol="EURUSD", timeframe="H1", count=300))
            for f in dataclasses.fields(BacktestConfig)]
    return out


def _method(engine, name: str):
    """``engine.<name>``, also through a facade (``"mentor.report"``)."""
    found = engine
    for part in name.split("."):
        found = getattr(found, part)
    return found


def _key(value):
    try:
        hash(value)
    except TypeError:
        return str(len(repr(type(value))))
    return value


@pytest.fixture
def prop_engine(data_dir, clock):
    engine = Engine.open(data_dir, clock=clock, start_scheduler=False)
    yield engine
    engine.close()


def test_random_bad_values_meet_only_the_engines_own_errors(prop_engine, data_dir):
    rng = random.Random(SEED)
    engine = prop_engine
    bot_id = engine.create_bot(GOOD_BOT)["id"]
    refusals = accepted = 0
    every = slots(engine, bot_id)
    for round_no in range(ROUNDS):
        if engine.store.bots.get(bot_id) is None:  # a value that was accepted deleted it
            bot_id = engine.create_bot(GOOD_BOT)["id"]
            every = slots(engine, bot_id)
        method, argument, call = rng.choice(every)
        bad = rng.choice(BAD)
        deadline = time.monotonic() + 120  # an optimisation an earlier round started saves its run: let it end
        while (engine.lab.optimisation() or {}).get("state") == "running":
            assert time.monotonic() < deadline, "an optimisation did not end"
            time.sleep(0.02)
        before = files(data_dir)
        try:
            call(bad)
            accepted += 1
        except QbxError:
            refusals += 1
            after = files(data_dir)
            changed = sorted(n for n in set(before) | set(after) if before.get(n) != after.get(n))
            assert not changed, f"round {round_no} (seed {SEED}): {method}({argument}={bad!r:.60}) was refused " \
                                f"but changed {changed}"
        except Exception as exc:  # noqa: BLE001 - the point of the test
            pytest.fail(f"round {round_no} (seed {SEED}): {method}({argument}={_safe(bad)}) raised "
                        f"{type(exc).__name__}: {_safe(exc)}")
    assert refusals > ROUNDS // 2 and accepted > 0  # the generator reaches both sides


def test_every_slot_refuses_every_bad_value_cleanly(prop_engine, data_dir):
    """The same, exhaustively: each argument with each value once (no store check: the random test does it)."""
    engine = prop_engine
    bot_id = engine.create_bot(GOOD_BOT)["id"]
    problems = []
    every = slots(engine, bot_id)
    for index in range(len(every)):
        for bad in BAD:
            if engine.store.bots.get(bot_id) is None:  # an accepted value deleted it
                bot_id = engine.create_bot(GOOD_BOT)["id"]
                every = slots(engine, bot_id)
            method, argument, call = every[index]
            try:
                call(bad)
            except QbxError:
                pass
            except Exception as exc:  # noqa: BLE001 - collected and reported together
                problems.append(f"{method}({argument}={_safe(bad)}): {type(exc).__name__}: {_safe(exc)}")
    assert problems == []


def _safe(value) -> str:
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001
        text = type(value).__name__
    return text[:80]
