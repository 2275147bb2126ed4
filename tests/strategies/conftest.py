from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from qbx_engine.market.bars import Bars
from qbx_engine.market.paper_market import PaperMarket

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC).timestamp()


@pytest.fixture(scope="session")
def eurusd_h1() -> Bars:
    """Real-looking data: 3,000 hourly EURUSD bars from the paper market."""
    return PaperMarket().bars("EURUSD", "H1", 3000, NOW)


@pytest.fixture(scope="session")
def gold_m15() -> Bars:
    return PaperMarket().bars("XAUUSD", "M15", 3000, NOW)


@pytest.fixture(scope="session")
def us500_m15() -> Bars:
    """An index in its cash session: 26 bars a day and a gap at every open."""
    return PaperMarket().bars("US500", "M15", 3000, NOW)


def bars_from_closes(closes, spread=0.0005) -> Bars:
    closes = np.asarray(closes, dtype=float)
    opens = np.concatenate([[closes[0]], closes[:-1]])
    start = pd.Timestamp("2026-01-05", tz="UTC").timestamp()
    return Bars.from_arrays(start + 3600.0 * np.arange(len(closes)), opens, np.maximum(opens, closes) + spread,
                            np.minimum(opens, closes) - spread, closes, np.full(len(closes), 100))
