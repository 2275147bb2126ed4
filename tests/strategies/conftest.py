from datetime import datetime, timezone

import numpy as np
import pandas as pd
import pytest

from qbx_engine.market.paper_market import PaperMarket

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc).timestamp()


@pytest.fixture(scope="session")
def eurusd_h1() -> pd.DataFrame:
    """Real-looking data: 3,000 hourly EURUSD bars from the paper market."""
    return PaperMarket().bars("EURUSD", "H1", 3000, NOW)


@pytest.fixture(scope="session")
def gold_m15() -> pd.DataFrame:
    return PaperMarket().bars("XAUUSD", "M15", 3000, NOW)


def bars_from_closes(closes, spread=0.0005) -> pd.DataFrame:
    closes = np.asarray(closes, dtype=float)
    opens = np.concatenate([[closes[0]], closes[:-1]])
    return pd.DataFrame({
        "time": pd.date_range("2026-01-05", periods=len(closes), freq="h", tz="UTC"),
        "open": opens, "high": np.maximum(opens, closes) + spread, "low": np.minimum(opens, closes) - spread,
        "close": closes, "tick_volume": 100})
