"""Overfitting, measured: PBO by CSCV, the deflated Sharpe ratio and walk-forward efficiency, each against a case
worked by hand, a published example, and known cases (pure noise is overfit, a planted edge is not)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qbx_engine.backtest import BacktestConfig, overfit
from qbx_engine.backtest import optimise as opt
from qbx_engine.backtest.overfit import DD, LOST, PEAK, PNL, SQ, TRADES, TROUGH, WINS, WON
from qbx_engine.backtest.runner import Contract
from qbx_engine.core.i18n import render
from qbx_engine.market.bars import Bars

NONE = np.array([], dtype=np.int64), np.array([])


# -- per-period results --------------------------------------------------------------------------
def test_per_block_results_worked_by_hand():
    """8 bars in 4 periods of 2 bars, 2 blocks of 2 periods, in sample = bars 0-3.

    In sample, equity at each close 10000, 10010, 9990, 10040 (start 10000): periods +10, +30.
    Out of sample (a fresh start at 10000): 10000, 9980, 9990, 10030: periods -20, +50.
    Block 0: P/L 40, squares 100 + 900 = 1000, path 0, 10, 40: peak 40, trough 0, fall 0.
    Block 1: P/L 30, squares 400 + 2500 = 2900, path 0, -20, 30: peak 30, trough -20, fall 20.
    Trades closing on bars 1 and 3 (+12.5, -2.5) are block 0's; on bars 5 and 7 (-20, +50) block 1's.
    In-sample periods +10, +30: mean 20, deviation 10, Sharpe 2, skew 0, kurtosis 1.
    """
    periods = overfit.Periods((0, 2, 4, 6, 8), blocks=2, split_period=2)
    blocks, sharpe = periods.summary(
        [(0, 4, np.array([10000.0, 10010, 9990, 10040]), np.array([1, 3]), np.array([12.5, -2.5])),
         (4, 8, np.array([10000.0, 9980, 9990, 10030]), np.array([5, 7]), np.array([-20.0, 50.0]))], 10000.0)
    assert blocks[PNL].tolist() == [40, 30] and blocks[SQ].tolist() == [1000, 2900]
    assert blocks[PEAK].tolist() == [40, 30] and blocks[TROUGH].tolist() == [0, -20] and blocks[DD].tolist() == [0, 20]
    assert blocks[TRADES].tolist() == [2, 2] and blocks[WINS].tolist() == [1, 1]
    assert blocks[WON].tolist() == [12.5, 50] and blocks[LOST].tolist() == [2.5, 20]
    assert sharpe.tolist() == [2, 2.0, 0.0, 1.0]


def test_periods_fit_the_bars_and_the_split():
    found = overfit.Periods.over(50_000, 35_000)
    assert found.blocks == 16 and found.per_block == 64 and len(found.edges) == 1025
    assert found.edges[found.split_period] == 35_000 and found.edges[0] == 0 and found.edges[-1] == 50_000
    assert all(b > a for a, b in zip(found.edges, found.edges[1:], strict=False))
    small = overfit.Periods.over(300, 210)
    assert small.per_block == 4 and small.edges[small.split_period] == 210
    assert overfit.Periods.over(3000, 3000).split_period == len(overfit.Periods.over(3000, 3000).edges) - 1
    assert overfit.Periods.over(12, 8) is None  # fewer bars than periods


def test_each_metric_on_a_union_of_blocks():
    """Both blocks of the case above: periods +10, +30, -20, +50."""
    periods = overfit.Periods((0, 2, 4, 6, 8), blocks=2, split_period=2)
    blocks, _ = periods.summary(
        [(0, 4, np.array([10000.0, 10010, 9990, 10040]), np.array([1, 3]), np.array([12.5, -2.5])),
         (4, 8, np.array([10000.0, 9980, 9990, 10030]), np.array([5, 7]), np.array([-20.0, 50.0]))], 10000.0)
    data, both, second = blocks[None], np.array([[True, True]]), np.array([[False, True]])

    def score(metric, mask):
        return float(overfit.scores(mask, data, metric, per_block=2)[0, 0])

    assert score("net_profit", both) == 70 and score("net_profit", second) == 30
    assert score("sharpe", both) == pytest.approx(17.5 / math.sqrt(975 - 17.5 ** 2))
    assert score("win_rate", both) == 0.5
    assert score("profit_factor", both) == pytest.approx(62.5 / 22.5)
    assert score("expectancy", both) == 10
    assert score("max_drawdown_pct", both) == -20  # 0, 10, 40, 20, 70: the fall from 40 to 20


def test_a_fall_across_two_blocks_is_measured_from_the_earlier_peak():
    """Block A: 0, 6, 4 (P/L 4, peak 6, trough 0, fall 2); block B: 0, -5, -1 (P/L -1, peak 0, trough -5, fall 5).
    Joined: 0, 6, 4, -1, 3: the deepest fall is 6 to -1 = 7, more than either block's own."""
    data = np.zeros((1, len(overfit.FIELDS), 2))
    data[0, PNL], data[0, PEAK], data[0, TROUGH], data[0, DD] = [4, -1], [6, 0], [0, -5], [2, 5]
    assert overfit.scores(np.array([[True, True]]), data, "max_drawdown_pct", 1)[0, 0] == -7


# -- PBO -------------------------------------------------------------------------------------------
def test_pbo_worked_by_hand():
    """Three strategies, four blocks, net profit. Each split takes two blocks in sample:

    ========  ===================  ====  ====================  ============  ======
    in        in-sample A, B, C    best  out-of-sample A, B, C  rank of best  logit
    ========  ===================  ====  ====================  ============  ======
    0, 1      2, 1, 1              A     2, 1, -2              3 of 3        +ln 3
    0, 2      6, 0, -1             A     -2, 2, 0              1 of 3        -ln 3
    0, 3      2, 1, 1              A     2, 1, -2              3 of 3        +ln 3
    1, 2      2, 1, -2             A     2, 1, 1               3 of 3        +ln 3
    1, 3      -2, 2, 0             B     6, 0, -1              2 of 3        0
    2, 3      2, 1, -2             A     2, 1, 1               3 of 3        +ln 3
    ========  ===================  ====  ====================  ============  ======

    (rank / (N + 1) is the relative rank: 3/4, 1/4, 2/4.) One split of six has a negative logit: PBO = 1/6.
    The chosen strategy lost out of sample once (A's -2): 1/6.
    """
    data = np.zeros((3, len(overfit.FIELDS), 4))
    data[:, PNL] = [[3, -1, 3, -1], [0, 1, 0, 1], [1, 0, -2, 0]]
    found = overfit.pbo(data, "net_profit", per_block=1)
    assert found["splits"] == 6 and found["blocks"] == 4
    assert found["pbo"] == pytest.approx(1 / 6)
    assert found["logit_median"] == pytest.approx(math.log(3))
    assert found["oos_loss"] == pytest.approx(1 / 6)
    assert overfit.pbo(data[:1], "net_profit", per_block=1) is None  # one combination: nothing was chosen


def test_pbo_samples_the_splits_when_there_are_too_many():
    rng = np.random.default_rng(3)
    data = rng.normal(size=(50, len(overfit.FIELDS), 16))
    every = overfit.pbo(data, "net_profit", per_block=8)
    sampled = overfit.pbo(data, "net_profit", per_block=8, max_cells=50 * 3000)
    assert every["splits"] == 12_870 and sampled["splits"] == 3000
    assert abs(sampled["pbo"] - every["pbo"]) < 0.05


# -- the deflated Sharpe ratio ---------------------------------------------------------------------
def test_deflated_sharpe_ratio_of_the_published_example():
    """Bailey & López de Prado (2014), the numerical example: annualised SR 2.5 after 100 trials whose
    annualised Sharpe ratios vary by 0.5, five years of daily returns (T = 1,250), skew -3, kurtosis 10.

    Per day: SR = 2.5 / sqrt(250) = 0.1581, V = 0.5 / 250 = 0.002.
    SR0 = sqrt(0.002) * (0.4228 * Z^-1(0.99) + 0.5772 * Z^-1(1 - 1/(100e))) = 0.04472 * 2.5305 = 0.1132
    (1.7894 annualised). DSR = Z((0.1581 - 0.1132) * sqrt(1249) / sqrt(1 + 3 * 0.1581 + 9/4 * 0.1581^2))
    = Z(1.2835) = 0.9004.
    """
    daily = 2.5 / math.sqrt(250)
    variance = 0.5 / 250
    assert overfit.expected_max_sharpe(variance, 100) * math.sqrt(250) == pytest.approx(1.7894, abs=1e-4)
    assert overfit.deflated_sharpe(daily, 1250, -3.0, 10.0, variance, 100) == pytest.approx(0.9004, abs=1e-4)
    # One trial: nothing to deflate; the probabilistic Sharpe ratio against zero. Normal returns (kurtosis 3):
    # Z(0.1 * sqrt(100) / sqrt(1 + 2/4 * 0.01)) = Z(0.99751) = 0.8407.
    assert overfit.expected_max_sharpe(variance, 1) == 0.0
    assert overfit.deflated_sharpe(0.1, 101, 0.0, 3.0, variance, 1) == pytest.approx(0.8407, abs=1e-4)


def test_the_deflated_sharpe_ratio_reads_the_trials_it_was_chosen_from():
    best = np.array([101, 0.1, 0.0, 3.0])
    trials = np.array([best, [101, 0.0, 0, 3], [101, -0.1, 0, 3], [101, np.nan, np.nan, np.nan]])
    found = overfit.deflated(best, trials)
    assert found["trials"] == 3  # a trial without a Sharpe ratio (no trading) does not count
    assert found["sharpe_expected_max"] == pytest.approx(overfit.expected_max_sharpe(0.01, 3))
    assert found["dsr"] == pytest.approx(overfit.deflated_sharpe(0.1, 101, 0.0, 3.0, 0.01, 3))


# -- walk-forward efficiency -----------------------------------------------------------------------
def test_walk_forward_efficiency_worked_by_hand():
    # +1,000 over 700 bars in sample would make 300 / 700 * 1,000 = 428.57 over 300 bars; it made 300: 70%.
    assert overfit.efficiency("net_profit", [(1000.0, 700, 300.0, 300)]) == pytest.approx(0.7)
    # Two folds: expected 1000 * 100/500 + 400 * 100/600 = 266.67; made 120 + 40 = 160: 60%.
    assert overfit.efficiency("net_profit", [(1000.0, 500, 120.0, 100), (400.0, 600, 40.0, 100)]) == \
        pytest.approx(160 / (200 + 400 / 6))
    assert overfit.efficiency("sharpe", [(2.0, 700, 0.5, 300)]) == pytest.approx(0.25)  # already a rate
    assert overfit.efficiency("max_drawdown_pct", [(-10.0, 700, -20.0, 300)]) == pytest.approx(0.5)
    assert overfit.efficiency("net_profit", [(-50.0, 700, 300.0, 300)]) is None  # nothing earned to keep
    assert overfit.efficiency("profit_factor", [(None, 700, 1.2, 300)]) is None


# -- known cases -----------------------------------------------------------------------------------
def _judge(pnl: np.ndarray, split: int) -> dict:
    """What the optimiser says of N strategies' per-period results (one bar per period) chosen on net profit."""
    count, size = pnl.shape
    periods = overfit.Periods(tuple(range(size + 1)), 16, split)
    parts = [periods.summary([(0, split, 10_000 + np.cumsum(p[:split]), *NONE),
                              (split, size, 10_000 + np.cumsum(p[split:]), *NONE)], 10_000.0) for p in pnl]
    blocks, sharpe = np.array([b for b, _ in parts]), np.array([s for _, s in parts])
    order = np.argsort(-pnl[:, :split].sum(axis=1), kind="stable")
    best = order[0]
    chosen = overfit.pbo(blocks[order], "net_profit", periods.per_block)
    deflated = overfit.deflated(sharpe[best], sharpe)
    wfe = overfit.efficiency("net_profit", [(pnl[best, :split].sum(), split, pnl[best, split:].sum(), size - split)])
    return {"pbo": chosen["pbo"], "dsr": deflated["dsr"], "wfe": wfe,
            **overfit.verdict(chosen["pbo"], deflated["dsr"], wfe, trials=count, splits_count=chosen["splits"],
                              in_sample_lost=pnl[best, :split].sum() <= 0)}


@pytest.mark.parametrize("seed", range(8))
def test_pure_noise_strategies_come_out_overfit(seed):
    """100 strategies whose per-period results are pure noise: whatever wins in sample is luck."""
    pnl = np.random.default_rng(seed).normal(0, 10, size=(100, 1024))
    judged = _judge(pnl, 717)
    assert judged["level"] == "high"
    assert judged["dsr"] < overfit.DSR_OK and judged["pbo"] >= overfit.PBO_CAUTION


@pytest.mark.parametrize("seed", range(8))
def test_a_planted_edge_does_not(seed):
    """The same noise, but ten strategies earn +2 per period (a Sharpe ratio of 0.2 a period) on top of it."""
    pnl = np.random.default_rng(seed).normal(0, 10, size=(100, 1024))
    pnl[:10] += 2.0
    judged = _judge(pnl, 717)
    assert judged["level"] != "high"
    assert judged["pbo"] < 0.1 and judged["wfe"] > 0


def test_the_verdict_speaks_both_languages_and_says_what_to_do():
    high = overfit.verdict(0.64, 0.3, 0.1, trials=1000, splits_count=12_870)
    assert high["level"] == "high"
    assert render(high["headline"], "id") == "Kemungkinan overfit tinggi: 64% — jangan pakai titik ini."
    assert render(high["headline"], "en") == "High chance of overfitting: 64% — do not use this point."
    assert [r["key"] for r in high["reasons"]] == ["ovf.reason_pbo", "ovf.reason_dsr_low", "ovf.reason_wfe"]
    assert "12.870" in render(high["reasons"][0], "id") and "1,000" in render(high["reasons"][1], "en")
    assert overfit.verdict(0.1, 0.99, 0.8, trials=50)["level"] == "low"
    assert overfit.verdict(0.3, 0.99, 0.8, trials=50)["level"] == "caution"  # one warning
    assert overfit.verdict(0.3, 0.9, 0.8, trials=50)["level"] == "high"  # two
    assert overfit.verdict(0.1, 0.99, -0.2, trials=50)["level"] == "high"  # it lost out of sample
    assert overfit.verdict(None, None, None, trials=1)["level"] == "unknown"
    lost = overfit.verdict(None, None, None, trials=3, in_sample_lost=True)
    assert lost["level"] == "high" and render(lost["headline"], "en").startswith("High chance of overfitting —")


# -- end to end: real strategies on synthetic bars -------------------------------------------------------
def _bars(close: np.ndarray, seed: int) -> Bars:
    rng = np.random.default_rng(seed)
    size = len(close)
    opened = np.concatenate([[close[0]], close[:-1]])
    high = np.maximum(opened, close) + np.abs(rng.normal(0, 0.0003, size))
    low = np.minimum(opened, close) - np.abs(rng.normal(0, 0.0003, size))
    return Bars.from_arrays(1_700_000_000 + 3600 * np.arange(size, dtype=float), opened.round(5), high.round(5),
                            low.round(5), close.round(5))


SPEC = opt.Spec(BacktestConfig("ma_crossover", {}, risk_percent=1.0, sl_pips=100),
                (opt.axis("ma_crossover", "fast_period", 5, 40, 5),
                 opt.axis("ma_crossover", "slow_period", 50, 150, 10)))


@pytest.mark.parametrize("seed", [0, 1])
def test_moving_averages_on_a_random_walk_come_out_overfit(seed):
    walk = 1.1 + np.cumsum(np.random.default_rng(seed).normal(0, 0.001, 4000))
    result = opt.run(SPEC, _bars(walk, seed), Contract.paper("EURUSD"), workers=1)
    found = result["overfit"]
    assert found["verdict"]["level"] == "high"
    assert found["pbo_splits"] == 12_870 and found["trials"] == result["combinations"] == 88
    assert render(found["verdict"]["headline"], "id").startswith("Kemungkinan overfit tinggi")


@pytest.mark.parametrize("seed", [0, 1])
def test_moving_averages_on_a_market_that_swings_do_not(seed):
    """A 300-bar cycle of 100 pips under the noise: slower averages ride it in every block."""
    steps = np.arange(4000)
    swings = 1.1 + 0.01 * np.sin(2 * np.pi * steps / 300) + np.cumsum(np.random.default_rng(seed).normal(0, 0.0005,
                                                                                                         4000))
    result = opt.run(SPEC, _bars(swings, seed), Contract.paper("EURUSD"), workers=1)
    found = result["overfit"]
    assert found["verdict"]["level"] == "low"
    assert found["pbo"] < 0.05 and found["dsr"] > 0.99 and found["wfe"] > 0.5
    assert render(found["verdict"]["headline"], "en").startswith("Low chance of overfitting")
