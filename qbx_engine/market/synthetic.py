"""A deterministic synthetic market: the same prices for the same instant, forever.

The log-price is a sum of thirteen layers of value noise, one per time scale
from 5 seconds to about 2.7 years (each scale four times the previous). Each layer
puts a pseudo-random value, derived by hashing (symbol seed, scale, knot
number), on a grid of knots and interpolates linearly between them. Amplitudes
grow with the square root of the scale, which gives random-walk-like returns at
every horizon while keeping prices within a realistic band around the base.

Two properties matter to the paper broker:

* any instant can be priced without generating history first, so 5,000 bars of
  any timeframe exist at once and are identical after a restart;
* every layer's knots fall on the 5-second grid, so the path is linear between
  5-second knots and its extremes are *at* knots: checking SL/TP at the knots
  between two ticks is exact, not a sampled approximation.
"""

from __future__ import annotations

import numpy as np

KNOT = 5.0
SCALES = KNOT * 4.0 ** np.arange(13)
_AMPLITUDES = np.sqrt(SCALES)
# Standard deviation of one day's change of the unscaled sum, measured over
# 20,000 days of seeds 1-5; each symbol scales its layers by daily_vol / this.
RAW_DAILY_STD = 436.0

_U64 = np.uint64
_GOLDEN = _U64(0x9E3779B97F4A7C15)
_SCALE_SALT = _U64(0xD1B54A32D192ED03)
_SECOND = _U64(0x94D049BB133111EB)


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: a well-spread 64-bit hash, vectorised."""
    x = x ^ (x >> _U64(30))
    x = x * _U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> _U64(27))
    x = x * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


_SCALE_KEYS = (np.arange(len(SCALES), dtype=np.uint64) + _U64(1)) * _GOLDEN


def _normals(seed: int | np.ndarray, knots: np.ndarray) -> np.ndarray:
    """Standard normal values for integer knots (one column per scale), by Box-Muller; ``seed`` may be a column
    of seeds (one row of results per seed).

    Both hashes are taken in one pass over a stacked array: elementwise, so the values are the same as two
    passes, with half the numpy calls (what a single quote costs is mostly their overhead)."""
    with np.errstate(over="ignore"):
        key = knots.astype(np.int64).view(_U64) * _GOLDEN
        key = key ^ (np.asarray(seed, dtype=_U64) * _SCALE_SALT + _SCALE_KEYS)
        both = np.empty((2, *key.shape), dtype=_U64)
        both[0] = key
        np.bitwise_xor(key, _SECOND, out=both[1])
        h1, h2 = _mix(both)
    u1 = (h1 >> _U64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)
    u2 = (h2 >> _U64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)
    return np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2.0 * np.pi * u2)


def _layers(seed: int | np.ndarray, position: np.ndarray) -> np.ndarray:
    """Each scale's offset at ``position`` (time / scale, one column per scale): linear between two knots."""
    knots = np.empty((2, *position.shape))
    np.floor(position, out=knots[0])
    np.add(knots[0], 1.0, out=knots[1])
    left, right = _normals(seed, knots)
    return left + (right - left) * (position - knots[0])


def _row_sums(layers: np.ndarray) -> np.ndarray:
    """The offset of each row, one product per row: a matrix product's rounding depends on its shape, and a
    quote must equal what :func:`raw_path` gives for its time alone."""
    return np.array([(layers[k:k + 1] @ _AMPLITUDES)[0] for k in range(len(layers))])


def raw_path(seed: int, times: np.ndarray) -> np.ndarray:
    """The unscaled log-price offset at each time (epoch seconds)."""
    times = np.asarray(times, dtype=np.float64)
    flat = times.reshape(-1)
    out = np.empty_like(flat)
    for start in range(0, flat.size, _BLOCK):
        out[start:start + _BLOCK] = _layers(seed, flat[start:start + _BLOCK, None] / SCALES) @ _AMPLITUDES
    return out.reshape(times.shape)


def raw_quotes(seeds: np.ndarray, time: float) -> np.ndarray:
    """The unscaled offsets of several seeds (symbols) at one time, in one pass: for each seed, the value
    :func:`raw_path` gives at that time (elementwise the same arithmetic)."""
    position = np.array([[time]], dtype=np.float64) / SCALES
    return _row_sums(_layers(np.asarray(seeds, dtype=np.uint64)[:, None], position))


def raw_each(seed: int, times: np.ndarray) -> np.ndarray:
    """The unscaled offset at each time, each the value :func:`raw_path` gives for that time alone."""
    return _row_sums(_layers(seed, np.asarray(times, dtype=np.float64)[:, None] / SCALES))


_BLOCK = 1024  # rows per pass: keeps the (rows x scales) temporaries in cache


def hashed_uniform(seed: int, salt: int, keys: np.ndarray) -> np.ndarray:
    """Uniform [0, 1) values for integer keys; used for tick volumes."""
    with np.errstate(over="ignore"):
        key = np.asarray(keys).astype(np.int64).view(_U64) * _GOLDEN ^ (_U64(seed) * _SCALE_SALT + _U64(salt))
    return (_mix(key) >> _U64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)
