"""How likely the optimiser's best point is luck: PBO by CSCV, the Deflated Sharpe Ratio, walk-forward efficiency.

* **Probability of Backtest Overfitting** (Bailey, Borwein, López de Prado, Zhu, 2015, "The probability of
  backtest overfitting"), by combinatorially symmetric cross-validation. The bars are cut into ``T`` periods
  grouped in ``S`` blocks; every combination has a result per period. For each way of taking half the
  blocks as "in sample" (C(S, S/2) splits), the combination best on those blocks is found and its rank
  among all combinations on the other half is taken; PBO is the share of splits where that rank is below
  the median (logit < 0). The chosen metric is recomputed on each half from per-block sums, so the
  statistic ranked is the one the trader optimised.
* **Deflated Sharpe Ratio** (Bailey & López de Prado, 2014): the probability that the best point's Sharpe
  ratio is above the one expected from the best of ``N`` unskilled trials, given the variance of the trials'
  Sharpe ratios and the skewness and kurtosis of the best point's returns.
* **Walk-forward efficiency**: the out-of-sample result per unit of in-sample result, per bar for results
  that grow with time (net profit, return), as it is for the other metrics.

A :func:`verdict` turns the three into what the trader should do with the point.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from ..core.i18n import Msg

BLOCKS = 16  # S: C(16, 8) = 12,870 splits
MAX_PER_BLOCK = 64  # periods per block: T up to 1,024, so the deflated Sharpe ratio has observations to judge by
BARS_PER_PERIOD = 4  # at least, where the bars allow
FIELDS = ("pnl", "sq", "peak", "trough", "dd", "trades", "wins", "won", "lost")
PNL, SQ, PEAK, TROUGH, DD, TRADES, WINS, WON, LOST = range(len(FIELDS))
MAX_CELLS = 50_000_000  # splits x combinations evaluated; past it a seeded sample of the splits is used
MAX_DRAWDOWN_CELLS = 4_000_000  # the drawdown metric walks the blocks one by one: fewer splits
EULER_GAMMA = 0.5772156649015329
_NORMAL = NormalDist()

PBO_HIGH, PBO_CAUTION = 0.5, 0.25
DSR_LOW, DSR_OK = 0.5, 0.95
WFE_OK = 0.5


# -- per-period results (computed where each combination is evaluated) ------------------------------
@dataclass(frozen=True)
class Periods:
    """``T`` periods of consecutive bars over the whole bar set, grouped in ``blocks`` blocks of equal count.

    The in-sample/out-of-sample split is a period edge, so every period belongs to one replay: the
    in-sample periods are the first ``split_period``.
    """

    edges: tuple[int, ...]  # T + 1 bar numbers
    blocks: int
    split_period: int

    @property
    def per_block(self) -> int:
        return (len(self.edges) - 1) // self.blocks

    @classmethod
    def over(cls, size: int, split: int, blocks: int = BLOCKS, per_block: int | None = None) -> Periods | None:
        """The periods of ``size`` bars split at ``split``; None when there are too few bars for them."""
        if per_block is None:
            per_block = max(1, min(MAX_PER_BLOCK, size // (blocks * BARS_PER_PERIOD)))
        total = blocks * per_block
        inside = total if split >= size else min(total - 1, max(1, round(total * split / size)))
        if split < inside or size - split < total - inside:
            return None
        first = np.linspace(0, split, inside + 1).round().astype(int)
        second = np.linspace(split, size, total - inside + 1).round().astype(int)
        edges = tuple(int(e) for e in np.concatenate([first, second[1:]])) if split < size else \
            tuple(int(e) for e in first)
        return cls(edges, blocks, inside)

    def summary(self, windows: list[tuple[int, int, np.ndarray, np.ndarray, np.ndarray]],
                initial: float) -> tuple[np.ndarray, np.ndarray]:
        """(per-block figures, ``FIELDS`` x blocks; the in-sample periods' Sharpe statistics: n, SR, skew, kurtosis).

        ``windows``: for each replay (in sample, then out of sample), its first and end bar, its equity at every
        bar's close, its trades' exit bars and net results.
        """
        edges = np.asarray(self.edges)
        pnl = []
        for start, end, values, _exits, _nets in windows:
            inside = edges[(edges >= start) & (edges <= end)]
            curve = np.concatenate([[initial], values])
            pnl.append(curve[inside[1:] - start] - curve[inside[:-1] - start])
        flat = np.concatenate(pnl)
        grid = flat.reshape(self.blocks, self.per_block)
        path = np.concatenate([np.zeros((self.blocks, 1)), np.cumsum(grid, axis=1)], axis=1)
        out = np.zeros((len(FIELDS), self.blocks))
        out[PNL] = grid.sum(axis=1)
        out[SQ] = (grid * grid).sum(axis=1)
        out[PEAK] = path.max(axis=1)
        out[TROUGH] = path.min(axis=1)
        out[DD] = (np.maximum.accumulate(path, axis=1) - path).max(axis=1)
        block_edges = edges[::self.per_block]
        for _start, _end, _values, exits, nets in windows:
            if not len(exits):
                continue
            where = np.clip(np.searchsorted(block_edges, exits, side="right") - 1, 0, self.blocks - 1)
            out[TRADES] += np.bincount(where, minlength=self.blocks)
            out[WINS] += np.bincount(where, weights=(nets > 0).astype(float), minlength=self.blocks)
            out[WON] += np.bincount(where, weights=np.where(nets > 0, nets, 0.0), minlength=self.blocks)
            out[LOST] += np.bincount(where, weights=np.where(nets < 0, -nets, 0.0), minlength=self.blocks)
        return out, sharpe_statistics(flat[:self.split_period])


def sharpe_statistics(returns: np.ndarray) -> np.ndarray:
    """(n, Sharpe ratio per period, skewness, kurtosis) of ``returns``; NaN figures when they do not vary."""
    n = len(returns)
    if n < 2:
        return np.array([n, np.nan, np.nan, np.nan])
    centred = returns - returns.mean()
    m2 = float((centred ** 2).mean())
    if not m2 > 1e-18:
        return np.array([n, np.nan, np.nan, np.nan])
    m3, m4 = float((centred ** 3).mean()), float((centred ** 4).mean())
    return np.array([n, float(returns.mean()) / math.sqrt(m2), m3 / m2 ** 1.5, m4 / m2 ** 2])


# -- PBO ------------------------------------------------------------------------------------------
def splits(blocks: int) -> np.ndarray:
    """Every choice of half the blocks as in-sample, as a boolean matrix (splits x blocks)."""
    chosen = list(itertools.combinations(range(blocks), blocks // 2))
    masks = np.zeros((len(chosen), blocks), dtype=bool)
    for row, picked in enumerate(chosen):
        masks[row, list(picked)] = True
    return masks


def scores(masks: np.ndarray, data: np.ndarray, metric: str, per_block: int) -> np.ndarray:
    """The metric of every combination on the blocks of each mask (masks x combinations; higher is better, NaN
    where it cannot be told). ``data``: combinations x ``FIELDS`` x blocks."""
    weights = masks.astype(float)

    def total(field: int) -> np.ndarray:
        return weights @ data[:, field, :].T

    with np.errstate(divide="ignore", invalid="ignore"):
        if metric in ("net_profit", "return_pct"):
            return total(PNL)
        if metric == "sharpe":
            count = (weights.sum(axis=1) * per_block)[:, None]
            mean = total(PNL) / count
            variance = total(SQ) / count - mean * mean
            return np.where(variance > 1e-18, mean / np.sqrt(np.maximum(variance, 1e-300)), np.nan)
        trades = total(TRADES)
        if metric == "win_rate":
            return np.where(trades > 0, total(WINS) / trades, np.nan)
        if metric == "expectancy":
            return np.where(trades > 0, (total(WON) - total(LOST)) / trades, np.nan)
        if metric == "profit_factor":
            won, lost = total(WON), total(LOST)
            return np.where(lost > 0, won / lost, np.where(won > 0, np.inf, np.nan))
        if metric == "max_drawdown_pct":
            return -_drawdown(masks, data)
    raise ValueError(f"unknown metric {metric!r}")


def _drawdown(masks: np.ndarray, data: np.ndarray) -> np.ndarray:
    """The deepest fall in money over the chosen blocks joined in time order, from per-block summaries."""
    chosen = [np.flatnonzero(row) for row in masks]
    width = len(chosen[0]) if chosen else 0
    if any(len(c) != width for c in chosen):
        raise ValueError("every mask must choose the same number of blocks")
    order = np.array(chosen, dtype=np.intp).reshape(len(masks), width)  # chosen blocks, in time order
    fields = {f: data[:, f, :].T for f in (PNL, PEAK, TROUGH, DD)}  # blocks x combinations
    shape = (len(masks), len(data))
    level, peak, deepest = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    for position in range(width):
        block = order[:, position]
        np.maximum(deepest, fields[DD][block], out=deepest)
        np.maximum(deepest, peak - (level + fields[TROUGH][block]), out=deepest)
        np.maximum(peak, level + fields[PEAK][block], out=peak)
        level += fields[PNL][block]
    return deepest


def pbo(data: np.ndarray, metric: str, per_block: int, *, max_cells: int = MAX_CELLS, seed: int = 0) -> dict | None:
    """PBO of choosing the best combination by ``metric`` (None for fewer than two combinations).

    ``data``: combinations x ``FIELDS`` x blocks. Returns the probability, the number of splits, the median
    logit and the share of splits whose chosen combination lost money on the other half.

    The splits come in complementary pairs (split ``i``'s other half is split ``K - 1 - i``'s in-sample half),
    so each half's scores are computed once and serve both splits of its pair.
    """
    count, _, blocks = data.shape
    if count < 2 or blocks < 2:
        return None
    masks = splits(blocks)
    pairs = np.arange(len(masks) // 2)
    if metric == "max_drawdown_pct":
        max_cells = min(max_cells, MAX_DRAWDOWN_CELLS)
    if len(masks) * count > max_cells:
        keep = max(100, max_cells // count // 2)
        pairs = np.sort(np.random.default_rng(seed).choice(pairs, size=min(keep, len(pairs)), replace=False))
    money = data[:, PNL, :].T
    logits, losses = [], []
    step = max(1, 1_000_000 // count)
    for first in range(0, len(pairs), step):
        own = masks[pairs[first:first + step]]
        other = masks[len(masks) - 1 - pairs[first:first + step]]
        one, two = _ranked(scores(own, data, metric, per_block)), _ranked(scores(other, data, metric, per_block))
        for chosen_on, judged_on, judged_mask in ((one, two, other), (two, one, own)):
            best = chosen_on.argmax(axis=1)
            rows = np.arange(len(best))
            value = judged_on[rows, best][:, None]
            rank = (judged_on < value).sum(axis=1) + ((judged_on == value).sum(axis=1) + 1) / 2
            omega = rank / (count + 1)
            logits.append(np.log(omega / (1 - omega)))
            losses.append((judged_mask.astype(float) @ money)[rows, best] < 0)
    logit = np.concatenate(logits)
    return {"pbo": float((logit < 0).mean()), "splits": len(logit), "blocks": blocks,
            "logit_median": float(np.median(logit)), "oos_loss": float(np.concatenate(losses).mean())}


def _ranked(values: np.ndarray) -> np.ndarray:
    """NaN (no figure) ranks below everything."""
    return np.where(np.isnan(values), -np.inf, values)


# -- the deflated Sharpe ratio -------------------------------------------------------------------------
def expected_max_sharpe(variance: float, trials: int) -> float:
    """SR0: the Sharpe ratio the best of ``trials`` unskilled trials reaches, given their Sharpe ratios' variance."""
    if trials < 2:
        return 0.0
    z = _NORMAL.inv_cdf
    return math.sqrt(max(variance, 0.0)) * ((1 - EULER_GAMMA) * z(1 - 1 / trials)
                                            + EULER_GAMMA * z(1 - 1 / (trials * math.e)))


def deflated_sharpe(sharpe: float, observations: int, skew: float, kurtosis: float, variance: float,
                    trials: int) -> float | None:
    """The probability that the true Sharpe ratio exceeds SR0 (all per period, kurtosis not in excess)."""
    if observations < 2 or not math.isfinite(sharpe):
        return None
    spread = 1 - skew * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe
    if not spread > 0:
        return None
    z = (sharpe - expected_max_sharpe(variance, trials)) * math.sqrt(observations - 1) / math.sqrt(spread)
    return _NORMAL.cdf(z)


def deflated(best: np.ndarray, trials: np.ndarray) -> dict | None:
    """The deflated Sharpe ratio of the best point (its ``sharpe_statistics``) among ``trials`` (one row each)."""
    known = trials[np.isfinite(trials[:, 1])]
    n, sharpe, skew, kurtosis = (float(x) for x in best)
    if not len(known) or not math.isfinite(sharpe):
        return None
    variance = float(np.var(known[:, 1], ddof=1)) if len(known) > 1 else 0.0
    value = deflated_sharpe(sharpe, int(n), skew, kurtosis, variance, len(known))
    if value is None:
        return None
    return {"dsr": value, "sharpe": sharpe, "sharpe_expected_max": expected_max_sharpe(variance, len(known)),
            "trials": len(known), "observations": int(n), "skew": skew, "kurtosis": kurtosis}


# -- walk-forward efficiency -----------------------------------------------------------------------------
RATE_METRICS = ("net_profit", "return_pct")


def efficiency(metric: str, pairs: list[tuple[float | None, int, float | None, int]]) -> float | None:
    """Out-of-sample result per unit of in-sample result over (in value, in bars, out value, out bars) pairs.

    Net profit and return are taken per bar (an out-of-sample stretch is shorter); each pair's in-sample
    rate is what its out-of-sample stretch would have made at that rate. Other metrics are already rates:
    the ratio of their means. Drawdown is the inverse ratio (a shallower fall out of sample is better).
    None when the in-sample side is not positive: nothing to keep.
    """
    known = [(float(a), b, float(c), d) for a, b, c, d in pairs if a is not None and c is not None and b > 0 and d > 0]
    if not known:
        return None
    if metric in RATE_METRICS:
        expected = sum(value_in / bars_in * bars_out for value_in, bars_in, _, bars_out in known)
        achieved = sum(value_out for _, _, value_out, _ in known)
    elif metric == "max_drawdown_pct":
        expected = -sum(value_out for _, _, value_out, _ in known)
        achieved = -sum(value_in for value_in, _, _, _ in known)
    else:
        expected = sum(value_in for value_in, _, _, _ in known)
        achieved = sum(value_out for _, _, value_out, _ in known)
    if not expected > 0:
        return None
    return achieved / expected


# -- what the trader is told ---------------------------------------------------------------------------
def verdict(pbo_value: float | None, dsr: float | None, wfe: float | None, *, trials: int, splits_count: int = 0,
            in_sample_lost: bool = False) -> dict:
    """``level`` (high, caution, low, unknown), a headline and the reasons, as messages.

    Each figure looks from its own side: the selection (PBO), luck given the trials (DSR), decay on new data
    (WFE). One serious failure (PBO at least 50%, DSR under 0.5, a loss out of sample, or in sample) or two
    warnings (PBO at least 25%, DSR under 0.95, WFE under 50%) make it high; one warning, caution.
    """
    reasons: list[Msg] = []
    serious = warnings = 0
    pct = None if pbo_value is None else round(pbo_value * 100)
    if in_sample_lost:
        reasons.append(Msg("ovf.reason_lost_in"))
        serious += 1
    if pbo_value is not None:
        reasons.append(Msg("ovf.reason_pbo", {"pbo": pct, "splits": splits_count}))
        serious += pbo_value >= PBO_HIGH
        warnings += pbo_value >= PBO_CAUTION
    if dsr is not None:
        shown = round(dsr, 2)
        if dsr >= DSR_OK:
            reasons.append(Msg("ovf.reason_dsr_ok", {"dsr": shown, "trials": trials}))
        else:
            reasons.append(Msg("ovf.reason_dsr_low", {"dsr": shown, "trials": trials}))
            serious += dsr < DSR_LOW
            warnings += 1
    if wfe is not None:
        kept = round(wfe * 100)
        if wfe < 0:
            reasons.append(Msg("ovf.reason_wfe_lost", {"wfe": kept}))
            serious += 1
        else:
            reasons.append(Msg("ovf.reason_wfe", {"wfe": kept}))
        warnings += wfe < WFE_OK
    if pbo_value is None and dsr is None and wfe is None and not in_sample_lost:
        return {"level": "unknown", "headline": Msg("ovf.unknown").to_json(), "reasons": []}
    level = "high" if serious or warnings >= 2 else "caution" if warnings else "low"
    key = f"ovf.{level}" if pct is not None else f"ovf.{level}_no_pbo"
    return {"level": level, "headline": Msg(key, {"pbo": pct}).to_json(), "reasons": [r.to_json() for r in reasons]}
