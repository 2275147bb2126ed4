"""The strategies from the original QuantumBotX: each rule on hand-made bars (a BUY, its mirror SELL, an exit
where the strategy has one, and a HOLD where a filter says no), and a backtest on paper history that trades."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from qbx_engine.backtest import BacktestConfig, run_backtest
from qbx_engine.backtest.runner import Contract
from qbx_engine.core.i18n import render
from qbx_engine.market.bars import Bars
from qbx_engine.market.paper_market import PaperMarket
from qbx_engine.strategies import build
from qbx_engine.strategies.base import SIGNAL_NAMES
from tests.strategies.conftest import NOW

START = pd.Timestamp("2026-01-05 14:30", tz="UTC").timestamp()


def steps(start: float, n: int, step: float) -> list[float]:
    return [start + step * (i + 1) for i in range(n)]


def mirrored(closes, around: float) -> list[float]:
    """The same path upside down: every rise a fall. A symmetric rule's BUY becomes its SELL."""
    return [2 * around - c for c in closes]


def bars_of(closes, opens=None, volumes=None, lows=None, highs=None, wick=0.0002) -> Bars:
    closes = np.asarray(closes, dtype=float)
    opens = np.concatenate([[closes[0]], closes[:-1]]) if opens is None else np.asarray(opens, dtype=float)
    high = np.maximum(opens, closes) + wick if highs is None else np.asarray(highs, dtype=float)
    low = np.minimum(opens, closes) - wick if lows is None else np.asarray(lows, dtype=float)
    volume = np.full(len(closes), 100) if volumes is None else np.asarray(volumes)
    return Bars.from_arrays(START + 900.0 * np.arange(len(closes)), opens, high, low, closes, volume)


def signals_of(name: str, params: dict, bars: Bars) -> dict[int, str]:
    """Every bar that is not HOLD, with its signal name."""
    signal = build(name, params).columns(bars)["signal"]
    return {int(i): SIGNAL_NAMES[int(signal[i])] for i in np.flatnonzero(signal)}


def reason_on(name: str, params: dict, bars: Bars, index: int) -> str:
    """The message key a bot would show for the bar ``index`` (the strategy reads bars up to it)."""
    return build(name, params).analyze(bars.slice(0, index + 1)).reason.key


# -- RSI crossover ------------------------------------------------------------------------------------
RSIX = {"rsi_period": 5, "rsi_ma_period": 3}
PULLBACK = [1.1 + 0.001 * i for i in range(30)]
PULLBACK += steps(PULLBACK[-1], 3, -0.0015)
PULLBACK += steps(PULLBACK[-1], 8, 0.001)


def test_rsi_crossover_buys_the_turn_of_a_pullback_in_an_uptrend_and_sells_its_mirror():
    # RSI sinks under its 3-bar average in the dip and climbs back over it on bar 33, above the 20-bar SMA.
    assert signals_of("rsi_crossover", {**RSIX, "trend_period": 20}, bars_of(PULLBACK)) == {33: "BUY"}
    assert signals_of("rsi_crossover", {**RSIX, "trend_period": 20},
                      bars_of(mirrored(PULLBACK, 1.1))) == {33: "SELL"}


def test_rsi_crossover_holds_a_turn_below_its_trend_sma():
    # The same turn, but the close (1.1255) is still under the 10-bar SMA (1.12625): the trend filter says no.
    bars = bars_of(PULLBACK)
    assert signals_of("rsi_crossover", {**RSIX, "trend_period": 10}, bars) == {}
    frame = build("rsi_crossover", {**RSIX, "trend_period": 10}).columns(bars)
    assert frame["rsi"][32] <= frame["rsi_ma"][32] and frame["rsi"][33] > frame["rsi_ma"][33]
    assert bars.close[33] < frame["sma_trend"][33]


# -- Ichimoku -----------------------------------------------------------------------------------------
ICHI = {"tenkan_period": 3, "kijun_period": 6, "senkou_period": 12}
V_TURN = steps(1.2, 30, -0.002) + steps(1.14, 12, 0.002)
DIP_IN_RISE = steps(1.1, 30, 0.002)
DIP_IN_RISE += steps(DIP_IN_RISE[-1], 4, -0.001)
DIP_IN_RISE += steps(DIP_IN_RISE[-1], 6, 0.002)


def test_ichimoku_buys_a_tenkan_kijun_cross_above_the_cloud_and_sells_its_mirror():
    assert signals_of("ichimoku_cloud", ICHI, bars_of(DIP_IN_RISE)) == {37: "BUY"}
    assert signals_of("ichimoku_cloud", ICHI, bars_of(mirrored(DIP_IN_RISE, 1.1))) == {37: "SELL"}
    assert "above the cloud" in render(build("ichimoku_cloud", ICHI).analyze(
        bars_of(DIP_IN_RISE).slice(0, 38)).reason, "en")


def test_ichimoku_cloud_filter_holds_a_cross_below_the_cloud():
    bars = bars_of(V_TURN)  # Tenkan crosses up on bar 33, still under the cloud of the decline
    assert signals_of("ichimoku_cloud", {**ICHI, "cloud_filter": True}, bars) == {}
    assert signals_of("ichimoku_cloud", {**ICHI, "cloud_filter": False}, bars) == {33: "BUY"}
    assert reason_on("ichimoku_cloud", ICHI, bars, 33) == "why.ichi.hold_below"


# -- Dynamic breakout ---------------------------------------------------------------------------------
DYN = {"channel_period": 10, "ema_period": 5, "atr_period": 5, "atr_multiplier": 0.8}
RANGE = [1.10 + (0.002 if i % 2 else 0.0) for i in range(50)]  # 10-bar high 1.1022 (wick included)


def test_dynamic_breakout_needs_a_wide_bar_beyond_the_channel():
    closes = RANGE + [1.1025, 1.110]  # bar 50 pokes above on a narrow bar (range 0.0009 < 0.8 ATR), bar 51 is wide
    assert signals_of("dynamic_breakout", DYN, bars_of(closes)) == {51: "BUY"}
    assert reason_on("dynamic_breakout", DYN, bars_of(closes), 50) == "why.dyn.hold"
    assert signals_of("dynamic_breakout", DYN, bars_of(mirrored(closes, 1.101))) == {51: "SELL"}


def test_dynamic_breakout_without_the_volatility_filter_takes_the_narrow_bar():
    closes = RANGE + [1.1025, 1.110]
    assert signals_of("dynamic_breakout", {**DYN, "atr_multiplier": 0.0}, bars_of(closes)) == \
        {50: "BUY", 51: "BUY"}


# -- Turtle ---------------------------------------------------------------------------------------------
TURTLE = {"entry_period": 20, "exit_period": 10}
TURTLE_PATH = [1.10 + (0.004 if i % 2 else 0.0) for i in range(30)]
TURTLE_PATH += steps(TURTLE_PATH[-1], 5, 0.003)     # 30-34: new 20-bar highs
TURTLE_PATH += steps(TURTLE_PATH[-1], 4, -0.002)    # 35-38: a pullback inside the channels
TURTLE_PATH += steps(TURTLE_PATH[-1], 3, -0.004)    # 39: inside; 40: under the 10-bar low; 41: under the 20-bar low


def test_turtle_enters_on_the_entry_channel_and_exits_on_the_exit_channel_without_reversing():
    found = signals_of("turtle_breakout", TURTLE, bars_of(TURTLE_PATH))
    assert found == {30: "BUY", 31: "BUY", 32: "BUY", 33: "BUY", 34: "BUY", 40: "EXIT_LONG", 41: "SELL"}
    assert signals_of("turtle_breakout", TURTLE, bars_of(mirrored(TURTLE_PATH, 1.1))) == \
        {30: "SELL", 31: "SELL", 32: "SELL", 33: "SELL", 34: "SELL", 40: "EXIT_SHORT", 41: "BUY"}
    bars = bars_of(TURTLE_PATH)
    assert reason_on("turtle_breakout", TURTLE, bars, 37) == "why.turtle.hold"
    assert "a BUY is closed, no SELL is opened" in render(
        build("turtle_breakout", TURTLE).analyze(bars.slice(0, 41)).reason, "en")


def test_turtle_exit_closes_in_the_backtest_and_opens_nothing(monkeypatch):
    closes = TURTLE_PATH + [TURTLE_PATH[-1]] * 3
    result = run_backtest(bars_of(closes), BacktestConfig("turtle_breakout", TURTLE, size_mode="fixed",
                                                                    volume=1, spread_points=0), Contract.units())
    trades = result.trades
    assert list(trades["side"]) == ["buy", "sell"]
    assert list(trades["reason"]) == ["exit", "end"]
    assert list(trades["entry_bar"]) == [31, 42] and trades["exit_bar"].iloc[0] == 41  # flat between 41 and 42


def test_turtle_refuses_an_exit_channel_as_long_as_the_entry_channel():
    from qbx_engine.core.errors import ValidationError

    with pytest.raises(ValidationError) as raised:
        build("turtle_breakout", {"entry_period": 20, "exit_period": 20})
    assert "shorter than the entry channel" in str(raised.value)


# -- Hybrid regime ---------------------------------------------------------------------------------------
HYBRID_TREND = {"adx_period": 5, "adx_threshold": 25.0, "fast_period": 3, "slow_period": 8, "bb_period": 10,
                "bb_std": 1.5, "trend_period": 20}
HYBRID_RANGE = {"adx_period": 14, "adx_threshold": 25.0, "fast_period": 5, "slow_period": 20, "bb_period": 20,
                "bb_std": 2.0, "trend_period": 50}


def wave(drift: float, wick_at: int = 480, n: int = 500) -> Bars:
    """A sideways market (a small wave, ADX near 10) drifting by ``drift`` a bar, with one long lower wick."""
    i = np.arange(n)
    closes = 1.10 + 0.002 * np.sin(2 * np.pi * i / 8) + drift * i
    opens = np.concatenate([[closes[0]], closes[:-1]])
    lows = np.minimum(opens, closes) - 0.0002
    lows[wick_at] -= 0.004
    return bars_of(closes, opens=opens, lows=lows)


def test_hybrid_follows_an_ma_cross_when_adx_says_trend():
    closes = steps(1.0, 150, 0.001)
    closes += steps(closes[-1], 3, -0.001)
    closes += steps(closes[-1], 6, 0.001)
    bars = bars_of(closes)
    assert signals_of("hybrid_regime", HYBRID_TREND, bars) == {155: "BUY"}
    assert reason_on("hybrid_regime", HYBRID_TREND, bars, 155) == "why.hybrid.trend_buy"
    assert build("hybrid_regime", HYBRID_TREND).columns(bars)["adx"][155] > 25


def test_hybrid_buys_a_band_touch_when_adx_says_range_and_only_with_the_trend():
    up = wave(0.000002)
    found = {i: s for i, s in signals_of("hybrid_regime", HYBRID_RANGE, up).items() if i > 402}
    assert found == {480: "BUY"}
    assert reason_on("hybrid_regime", HYBRID_RANGE, up, 480) == "why.hybrid.range_buy"
    assert build("hybrid_regime", HYBRID_RANGE).columns(up)["adx"][480] < 25
    down = wave(-0.000002)  # the same touch under a falling trend SMA: no BUY
    assert {i: s for i, s in signals_of("hybrid_regime", HYBRID_RANGE, down).items() if i > 402} == {}
    assert reason_on("hybrid_regime", HYBRID_RANGE, down, 480) == "why.hybrid.range_hold"


# -- Pulse Sync -------------------------------------------------------------------------------------------
PULSE = {"trend_period": 20, "macd_fast": 5, "macd_slow": 10, "macd_signal": 3, "stoch_k": 5, "stoch_d": 3,
         "stoch_smooth": 2}


def pulse_path(rebound: float) -> list[float]:
    closes = steps(1.1, 120, 0.001)
    closes += steps(closes[-1], 2, -0.0008)
    return closes + steps(closes[-1], 6, rebound)


def test_pulse_sync_buys_when_trend_macd_and_stochastic_agree_and_sells_the_mirror():
    assert signals_of("pulse_sync", PULSE, bars_of(pulse_path(0.002))) == {123: "BUY"}
    assert signals_of("pulse_sync", PULSE, bars_of(mirrored(pulse_path(0.002), 1.1))) == {123: "SELL"}


def test_pulse_sync_holds_when_macd_still_disagrees():
    bars = bars_of(pulse_path(0.001))  # the stochastic turns on bar 123, the histogram is still negative
    frame = build("pulse_sync", PULSE).columns(bars)
    assert frame["stoch_k"][122] <= frame["stoch_d"][122] and frame["stoch_k"][123] > frame["stoch_d"][123]
    assert frame["macd_hist"][123] < 0
    assert signals_of("pulse_sync", PULSE, bars) == {}
    assert "2 of 3 lean up" in render(build("pulse_sync", PULSE).analyze(bars.slice(0, 124)).reason, "en")


# -- Quantum Velocity ---------------------------------------------------------------------------------------
QV = {"ema_period": 20, "bb_period": 10, "bb_std": 2.0, "squeeze_window": 10, "squeeze_factor": 0.7}
NOISY_RISE = [1.10 + 0.0005 * i + (0.003 if i % 2 else 0.0) for i in range(200)]
QUIET = [NOISY_RISE[-1] + (0.0003 if i % 2 else 0.0) for i in range(12)]


def test_quantum_velocity_buys_a_breakout_from_a_squeeze_above_the_ema_and_sells_the_mirror():
    closes = NOISY_RISE + QUIET + [NOISY_RISE[-1] + 0.006]
    assert signals_of("quantum_velocity", QV, bars_of(closes)) == {212: "BUY"}
    assert reason_on("quantum_velocity", QV, bars_of(closes), 211) == "why.qv.squeeze"
    assert signals_of("quantum_velocity", QV, bars_of(mirrored(closes, 1.1))) == {212: "SELL"}


def test_quantum_velocity_holds_the_same_jump_without_a_squeeze():
    closes = NOISY_RISE + [NOISY_RISE[-1] + 0.006]
    assert signals_of("quantum_velocity", QV, bars_of(closes)) == {}
    assert reason_on("quantum_velocity", QV, bars_of(closes), 200) == "why.qv.hold"


# -- Index momentum -----------------------------------------------------------------------------------------
IDX_MOM = {"rsi_period": 5, "oversold": 30.0, "overbought": 70.0, "volume_period": 10, "volume_multiplier": 1.5,
           "gap_percent": 0.5}


def choppy_rise(n: int = 80, up: float = 3.0, down: float = -2.0) -> np.ndarray:
    return 6000 + np.cumsum([up if i % 2 else down for i in range(n)])  # RSI(5) swings 54-65


def test_index_momentum_buys_a_rising_close_on_heavy_volume_and_sells_the_mirror():
    volumes = np.full(80, 100)
    volumes[70] = volumes[71] = 200  # 70 closes down, 71 closes up: only 71 is upward momentum
    closes = choppy_rise()
    assert signals_of("index_momentum", IDX_MOM, bars_of(closes, volumes=volumes, wick=0.5)) == {71: "BUY"}
    assert signals_of("index_momentum", IDX_MOM, bars_of(mirrored(closes, 6000), volumes=volumes, wick=0.5)) == \
        {71: "SELL"}


def test_index_momentum_holds_a_rising_close_on_ordinary_volume():
    assert signals_of("index_momentum", IDX_MOM, bars_of(choppy_rise(), wick=0.5)) == {}


def test_index_momentum_follows_an_opening_gap_that_holds():
    closes = list(choppy_rise(240, up=-30.0, down=20.0))  # a choppy fall, RSI(14) near 40
    opens = [closes[0]] + closes[:-1]
    gap_open = closes[-1] * 1.006
    params = {**IDX_MOM, "rsi_period": 14}
    held = bars_of(closes + [gap_open + 4], opens=opens + [gap_open], wick=0.5)
    assert signals_of("index_momentum", params, held) == {240: "BUY"}
    assert "opening gap up of +0.60%" in render(build("index_momentum", params).analyze(held).reason, "en")
    filled = bars_of(closes + [gap_open - 4], opens=opens + [gap_open], wick=0.5)  # the gap did not hold
    assert signals_of("index_momentum", params, filled) == {}
    assert signals_of("index_momentum", {**params, "gap_percent": 0.0}, held) == {}


# -- Index breakout -------------------------------------------------------------------------------------------
IDX_BO = {"breakout_period": 10, "atr_period": 5, "breakout_atr": 0.5, "fast_ema": 5, "slow_ema": 10,
          "volume_period": 10, "volume_multiplier": 1.5}


def index_breakout_bars(jump: float, volume: int) -> Bars:
    closes = list(choppy_rise(80))  # highs step up 1 point a pair of bars; ATR(5) about 4.4 points
    closes.append(closes[-1] + jump)
    volumes = [100] * 80 + [volume]
    return bars_of(closes, volumes=volumes, wick=0.5)


def test_index_breakout_needs_a_clear_break_with_volume_and_trend():
    assert signals_of("index_breakout", IDX_BO, index_breakout_bars(12.0, 300)) == {80: "BUY"}
    assert reason_on("index_breakout", IDX_BO, index_breakout_bars(12.0, 300), 80) == "why.idxbo.buy"
    assert 80 not in signals_of("index_breakout", IDX_BO, index_breakout_bars(12.0, 100))  # no volume
    assert 80 not in signals_of("index_breakout", IDX_BO, index_breakout_bars(1.5, 300))   # a bare poke


def test_index_breakout_sells_the_mirror():
    bars = index_breakout_bars(12.0, 300)
    flipped = bars_of(mirrored(bars.close, 6000), volumes=bars.tick_volume, wick=0.5)
    assert signals_of("index_breakout", IDX_BO, flipped) == {80: "SELL"}


# -- Bollinger reversion's trend filter -------------------------------------------------------------------------
def test_bollinger_reversion_without_the_filter_keeps_its_signals(eurusd_h1):
    close = pd.Series(eurusd_h1.close)
    middle = close.rolling(20).mean()
    spread = close.rolling(20).std(ddof=0) * 2
    lower, upper = middle - spread, middle + spread
    buy = (close.shift() < lower.shift()) & (close >= lower)
    sell = (close.shift() > upper.shift()) & (close <= upper)
    expected = np.where(buy & ~sell, 1, np.where(sell & ~buy, -1, 0))
    assert (build("bollinger_reversion", None).columns(eurusd_h1)["signal"] == expected).all()
    assert build("bollinger_reversion", None).p["trend_filter"] is False


def test_bollinger_reversion_trend_filter_keeps_only_trades_with_the_trend(eurusd_h1):
    plain = build("bollinger_reversion", None).columns(eurusd_h1)
    filtered_strategy = build("bollinger_reversion", {"trend_filter": True, "trend_period": 200})
    filtered = filtered_strategy.columns(eurusd_h1)
    close, trend = eurusd_h1.close, filtered["sma_trend"]
    buys, sells = np.flatnonzero(filtered["signal"] == 1), np.flatnonzero(filtered["signal"] == -1)
    assert len(buys) and len(sells)
    assert (close[buys] > trend[buys]).all() and (close[sells] < trend[sells]).all()
    dropped = np.flatnonzero((plain["signal"] != 0) & (filtered["signal"] == 0))
    assert len(dropped) > 0
    assert all((plain["signal"][i] == 1) == (close[i] <= trend[i]) for i in dropped if i >= 199)
    assert filtered_strategy.warmup() == 200
    explained = render(filtered_strategy.analyze(eurusd_h1.slice(0, int(buys[-1]) + 1)).reason, "en")
    assert "with the trend" in explained


# -- every new strategy trades in a backtest on paper history ----------------------------------------------------
NEW = ["rsi_crossover", "ichimoku_cloud", "dynamic_breakout", "turtle_breakout", "hybrid_regime", "pulse_sync",
       "quantum_velocity", "index_momentum", "index_breakout"]


@pytest.mark.parametrize("name", NEW)
def test_a_backtest_on_paper_history_trades_both_ways(name):
    symbol, timeframe = ("US500", "M15") if name.startswith("index_") else ("EURUSD", "H1")
    bars = PaperMarket().bars(symbol, timeframe, 5000, NOW)
    config = BacktestConfig(name, stop_mode="atr", sl_atr=2.0, tp_atr=4.0, risk_percent=1.0)
    result = run_backtest(bars, config, Contract.paper(symbol))
    trades = result.trades
    assert len(trades) >= 5 and set(trades["side"]) == {"buy", "sell"}, (name, len(trades))
    assert (trades["entry_bar"] > build(name, None).warmup()).all()
    assert result.stats["trades"] == len(trades)
    if name == "turtle_breakout":
        assert "exit" in set(trades["reason"])
