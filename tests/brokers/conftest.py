from datetime import datetime, timezone

import pytest

from qbx_engine.brokers.paper import PaperBroker
from qbx_engine.clock import ManualClock
from qbx_engine.store import Store

WEDNESDAY_10H = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc).timestamp()


@pytest.fixture
def clock():
    return ManualClock(WEDNESDAY_10H)


@pytest.fixture
def store(data_dir):
    with Store(data_dir) as opened:
        yield opened


@pytest.fixture
def paper(store, clock):
    return PaperBroker(store, clock)
