"""Bars to backtest on: the paper market's history, or a CSV the trader uploads.

Two CSV shapes are understood: MetaTrader 5's "Export bars" file (tab
separated, ``<DATE> <TIME> <OPEN> <HIGH> <LOW> <CLOSE> <TICKVOL> <VOL> <SPREAD>``,
dates as ``2024.01.02``) and a plain OHLCV file with a header naming time (or
date), open, high, low, close and optionally volume. A bad file is refused with
the line that is wrong, counted as a text editor counts it.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..i18n import Msg
from ..market.paper_market import PaperMarket
from ..market.timeframes import TIMEFRAMES

MAX_CSV_BYTES = 50 * 1024 * 1024
TIME_NAMES = ("time", "datetime", "date", "timestamp", "date_time", "gmt time", "local time")
VOLUME_NAMES = ("tick_volume", "tickvol", "volume", "vol")
_market = PaperMarket()


def paper_history(symbol: str, timeframe: str, count: int, until: float) -> pd.DataFrame:
    """The ``count`` paper-market bars that closed by ``until`` (the same bars the paper bots saw)."""
    if timeframe not in TIMEFRAMES:
        raise ValidationError({"timeframe": Msg("bt.bad_timeframe", {"value": str(timeframe)})})
    if symbol not in _market.specs:
        raise ValidationError({"symbol": Msg("bot.unknown_market", {"market": str(symbol)})})
    return _market.bars(symbol, timeframe, int(count), until)


def _refuse(key: str, **params):
    raise ValidationError({"csv": Msg(key, params)})


def load_csv(content: bytes | str) -> pd.DataFrame:
    """Bars (time UTC, open, high, low, close, tick_volume), oldest first, or ValidationError naming the line."""
    if isinstance(content, bytes):
        if len(content) > MAX_CSV_BYTES:
            _refuse("bt.csv_too_big", mb=MAX_CSV_BYTES // (1024 * 1024))
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            content = content.decode("latin-1")
    lines = content.splitlines()
    if not any(line.strip() for line in lines):
        _refuse("bt.csv_empty")
    first = next(i for i, line in enumerate(lines) if line.strip())
    try:
        dialect = csv.Sniffer().sniff(lines[first], delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    header = [h.strip().strip("<>").strip().lower() for h in next(csv.reader([lines[first]], delimiter=delimiter))]
    frame = _read(content, delimiter, first)
    frame.columns = [c.strip().strip("<>").strip().lower() for c in frame.columns]
    if len(header) != len(frame.columns):
        _refuse("bt.csv_header", line=first + 1)
    times = _times(frame, first)
    out = pd.DataFrame({"time": times})
    for name in ("open", "high", "low", "close"):
        if name not in frame.columns:
            _refuse("bt.csv_missing", line=first + 1, column=name, found=", ".join(frame.columns))
        out[name] = _numbers(frame[name], name, first)
    volume = next((c for c in VOLUME_NAMES if c in frame.columns), None)
    out["tick_volume"] = _numbers(frame[volume], volume, first).astype(np.int64) if volume else 0
    _check_prices(out, first)
    return out.reset_index(drop=True)


def _read(content: str, delimiter: str, first: int) -> pd.DataFrame:
    try:
        return pd.read_csv(io.StringIO(content), sep=delimiter, skiprows=first, dtype=str, skip_blank_lines=False,
                           keep_default_na=False)
    except pd.errors.ParserError as exc:
        text = str(exc)
        line = int(text.split("line ")[1].split(",")[0]) + first if "line " in text else first + 1
        _refuse("bt.csv_columns", line=line)


def _line(first: int, row: int) -> int:
    return first + 2 + row  # the header is line first+1; rows follow it


def _times(frame: pd.DataFrame, first: int) -> pd.Series:
    if "date" in frame.columns and "time" in frame.columns:  # MT5 export: separate date and time
        raw = frame["date"].str.strip() + " " + frame["time"].str.strip()
    else:
        column = next((c for c in TIME_NAMES if c in frame.columns), None)
        if column is None:
            _refuse("bt.csv_missing", line=first + 1, column="time", found=", ".join(frame.columns))
        raw = frame[column].str.strip()
    blank = raw.str.strip() == ""
    if blank.any():
        _refuse("bt.csv_blank_line", line=_line(first, int(np.flatnonzero(blank.to_numpy())[0])))
    cleaned = raw.str.replace(".", "-", n=2, regex=False)  # MT5's 2024.01.02 → 2024-01-02
    numeric = pd.to_numeric(raw, errors="coerce")
    if numeric.notna().all():  # epoch seconds (or milliseconds)
        seconds = numeric.where(numeric < 1e11, numeric / 1000)
        times = pd.to_datetime(seconds, unit="s", utc=True)
    else:
        times = pd.to_datetime(cleaned, errors="coerce", utc=True, format="mixed")
    bad = times.isna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        _refuse("bt.csv_bad_time", line=_line(first, row), value=str(raw.iloc[row])[:40])
    steps = times.diff().dt.total_seconds().to_numpy()[1:]
    if (steps <= 0).any():
        row = int(np.flatnonzero(steps <= 0)[0]) + 1
        _refuse("bt.csv_order", line=_line(first, row), value=str(raw.iloc[row])[:40])
    return times


def _numbers(column: pd.Series, name: str, first: int) -> pd.Series:
    values = pd.to_numeric(column.str.strip().str.replace(",", ".", regex=False), errors="coerce")
    bad = values.isna() | ~np.isfinite(values)
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        _refuse("bt.csv_bad_number", line=_line(first, row), column=name, value=str(column.iloc[row])[:30])
    return values.astype(float)


def _check_prices(bars: pd.DataFrame, first: int) -> None:
    o, h, low, c = (bars[k].to_numpy() for k in ("open", "high", "low", "close"))
    broken = (h < low) | (h < np.maximum(o, c)) | (low > np.minimum(o, c)) | (low <= 0)
    if broken.any():
        row = int(np.flatnonzero(broken)[0])
        _refuse("bt.csv_bad_bar", line=_line(first, row), open=o[row], high=h[row], low=low[row], close=c[row])
