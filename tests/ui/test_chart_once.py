"""The bot page builds its candle chart once per closed bar, not on every rerun (it was most of the page's
243 ms; bench/pages_bench.py measures the page, this checks the work is not repeated)."""

from __future__ import annotations

from collections import OrderedDict

import pandas as pd
import pytest

from qbx_engine.reports import charts
from qbx_ui import chart_cache


@pytest.fixture
def builds(monkeypatch):
    """Counts candle charts built; the spec cache starts empty."""
    monkeypatch.setattr(chart_cache, "_SPECS", OrderedDict())
    counted = {"candles": 0}
    real = charts.candles

    def counting(*args, **kwargs):
        counted["candles"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(charts, "candles", counting)
    return counted


def test_the_candle_chart_is_built_once_per_closed_bar_and_shown_on_every_rerun(app, builds):
    view = app("bots")
    engine = view.engine
    engine.create_bot({"name": "Minute bot", "market": "EURUSD", "timeframe": "M1", "strategy_name": "ma_crossover",
                       "risk_percent": 1.0, "sl_pips": 30, "tp_pips": 60, "check_interval": 60})
    view.at.switch_page("pages/bot_detail.py").run()
    view.assert_clean()
    first = view.at.get("vega_lite_chart")
    for _ in range(3):
        view.at.run()
        view.assert_clean()
    assert builds["candles"] == 1
    shown = view.at.get("vega_lite_chart")
    assert len(shown) == len(first) >= 1 and shown[0].proto.spec == first[0].proto.spec
    assert [d.name for d in shown[0].proto.datasets] == [d.name for d in first[0].proto.datasets]
    from qbx_ui import shell

    shell.CLOCK.advance(60)  # the next M1 bar closes: its candle is new, so is the chart
    view.at.run()
    view.assert_clean()
    assert builds["candles"] == 2
    view.at.run()
    assert builds["candles"] == 2


def test_a_chart_is_rebuilt_when_any_input_changes():
    bars = pd.DataFrame({"time": pd.date_range("2026-11-25", periods=3, freq="min", tz="UTC"),
                                "close": [1.1, 1.2, 1.3]})
    moved = bars.copy()
    moved.loc[2, "close"] = 1.31
    key = chart_cache._fingerprint
    assert key((bars, {"lang": "id"})) == key((bars.copy(), {"lang": "id"}))
    assert key((bars, {"lang": "id"})) != key((bars, {"lang": "en"}))
    assert key((bars, {"lang": "id"})) != key((moved, {"lang": "id"}))
    assert key((bars, {"tz": "Asia/Jakarta"})) != key((bars, {"tz": "Europe/London"}))
