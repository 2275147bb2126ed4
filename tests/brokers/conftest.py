import pytest

from qbx_engine.brokers.paper import PaperBroker
from qbx_engine.store import Store


@pytest.fixture
def store(data_dir):
    with Store(data_dir) as opened:
        yield opened


@pytest.fixture
def paper(store, clock):
    return PaperBroker(store, clock)
