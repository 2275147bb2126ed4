"""Under the dashboard's logging set-up, the scheduler's per-run lines stay out of the log; its warnings do not.

The real scheduler runs three 1 s bots (one of them slower than its interval, so APScheduler
has something to warn about) for several ticks each.
"""

from __future__ import annotations

import logging
import time

import pytest

from qbx_engine.core.logging_config import QUIET, configure_logging
from tests.engine.conftest import new_bot


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def dashboard_logging():
    """Logging as app.py leaves it in a fresh `streamlit run` (no handlers yet); undone afterwards."""
    root = logging.getLogger()
    before = (root.level, {name: logging.getLogger(name).level for name in QUIET})
    kept = root.handlers[:]  # pytest's own capture handlers, put back at once
    for handler in kept:
        root.removeHandler(handler)
    configure_logging()
    added = root.handlers[:]
    for handler in kept:
        root.addHandler(handler)
    collect = Collect()
    root.addHandler(collect)
    yield collect.records
    for handler in [*added, collect]:
        root.removeHandler(handler)
    root.setLevel(before[0])
    for name, level in before[1].items():
        logging.getLogger(name).setLevel(level)


def test_no_per_run_lines_while_warnings_still_pass(dashboard_logging, hooked_engine):
    records = dashboard_logging
    engine = hooked_engine
    engine.hooks.hooks["rates"] = lambda symbol, *_a, **_k: time.sleep(1.6) if symbol == "GBPUSD" else None
    fast = [new_bot(engine, name=f"Fast {i}", status="active", check_interval=1)["id"] for i in range(2)]
    slow = new_bot(engine, name="Slow", market="GBPUSD", status="active", check_interval=1)["id"]
    logging.getLogger("qbx_engine").info("probe: INFO lines of our own still pass")

    deadline = time.monotonic() + 60  # a bound on the wait, not a measurement
    while time.monotonic() < deadline:
        bots = engine.health()["bots"]
        if min(bots[b]["ticks"] for b in fast) >= 4 and bots[slow]["overruns"] >= 1:
            break
        time.sleep(0.1)
    bots = engine.health()["bots"]
    assert min(bots[b]["ticks"] for b in fast) >= 4 and bots[slow]["overruns"] >= 1

    scheduler_lines = [r for r in records if r.name.startswith("apscheduler")]
    assert [r.getMessage() for r in scheduler_lines if r.levelno < logging.WARNING] == []
    assert any(r.levelno == logging.WARNING and "maximum number of running instances" in r.getMessage()
               for r in scheduler_lines)
    assert any(r.name == "qbx_engine" and r.levelno == logging.INFO for r in records)
