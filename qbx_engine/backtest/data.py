"""Bars to backtest on: the paper market's history, or a CSV the trader uploads; and past TradingView alerts.

Two CSV shapes are understood: MetaTrader 5's "Export bars" file (tab
separated, ``<DATE> <TIME> <OPEN> <HIGH> <LOW> <CLOSE> <TICKVOL> <VOL> <SPREAD>``,
dates as ``2024.01.02``) and a plain OHLCV file with a header naming time (or
date), open, high, low, close and optionally volume. A bad file is refused with
the line that is wrong, counted as a text editor counts it.

The work per file is bounded before anything is parsed: the header's width and
the length of every cell that is read are capped (parsing one 320,000-digit
number takes seconds, and a 200,000-column header half a minute), and times
outside 1970–2099 are refused by line rather than overflowing pandas.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from ..core.errors import ValidationError
from ..core.i18n import Msg, shown
from ..market.paper_market import PaperMarket
from ..market.timeframes import TIMEFRAMES
from ..strategies.tradingview_alert import WORDS
from ..trading.alerts import MAX_BODY, check_fields, read_body

MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 64
MAX_CELL = 64  # characters in one cell that is read; "2024-01-02T00:00:00.000000+07:00" has 32
MAX_HEADER = MAX_COLUMNS * MAX_CELL
EARLIEST, LATEST = pd.Timestamp("1970-01-01", tz="UTC"), pd.Timestamp("2100-01-01", tz="UTC")
TIME_RANGE = {"start": str(EARLIEST.year), "end": str(LATEST.year - 1)}
DELIMITERS = ",;\t|"
TIME_NAMES = ("time", "datetime", "date", "timestamp", "date_time", "gmt time", "local time")
VOLUME_NAMES = ("tick_volume", "tickvol", "volume", "vol")
_market = PaperMarket()


def paper_history(symbol: str, timeframe: str, count: int, until: float) -> pd.DataFrame:
    """The ``count`` paper-market bars that closed by ``until`` (the same bars the paper bots saw)."""
    if timeframe not in TIMEFRAMES:
        raise ValidationError({"timeframe": Msg("bt.bad_timeframe", {"value": shown(timeframe)})})
    if symbol not in _market.specs:
        raise ValidationError({"symbol": Msg("bot.unknown_market", {"market": shown(symbol)})})
    return _market.bars(symbol, timeframe, int(count), until)


def _refuse(key: str, **params):
    raise ValidationError({"csv": Msg(key, params)})


def load_csv(content: bytes | str) -> pd.DataFrame:
    """Bars (time UTC, open, high, low, close, tick_volume), oldest first, or ValidationError naming the line."""
    frame, first, header = _table(content)
    if len(header) != len(frame.columns):
        _refuse("bt.csv_header", line=first + 1)
    if frame.empty:
        _refuse("bt.csv_no_rows", line=first + 1)
    volume = next((c for c in VOLUME_NAMES if c in frame.columns), None)
    _check_cells(frame, [*TIME_NAMES, "open", "high", "low", "close", volume], first)
    times = _times(frame, first)
    out = pd.DataFrame({"time": times})
    for name in ("open", "high", "low", "close"):
        if name not in frame.columns:
            _refuse("bt.csv_missing", line=first + 1, column=name, found=", ".join(frame.columns))
        out[name] = _numbers(frame[name], name, first)
    out["tick_volume"] = _numbers(frame[volume], volume, first).astype(np.int64) if volume else 0
    _check_prices(out, first)
    return out.reset_index(drop=True)


def _table(content: bytes | str) -> tuple[pd.DataFrame, int, list[str]]:
    """The file decoded, its header found and checked, the rows as text: (frame, header line index, header)."""
    if isinstance(content, bytes):
        if len(content) > MAX_CSV_BYTES:
            _refuse("bt.csv_too_big", mb=MAX_CSV_BYTES // (1024 * 1024))
        raw = content
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            content = raw.decode("latin-1")
    lines = content.splitlines()
    if not any(line.strip() for line in lines):
        _refuse("bt.csv_empty")
    first = next(i for i, line in enumerate(lines) if line.strip())
    _check_header(lines[first], first)
    try:
        delimiter = csv.Sniffer().sniff(lines[first], delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    header = [_column(h) for h in next(csv.reader([lines[first]], delimiter=delimiter))]
    frame = _read(content, delimiter, first)
    frame.columns = [_column(c) for c in frame.columns]
    return frame, first, header


def _column(name: str) -> str:
    return name.strip().strip("<>").strip().lower()


def _check_header(line: str, first: int) -> None:
    """A header wider than any price file is refused before it is sniffed or parsed (both grow with it)."""
    columns = max(line.count(d) for d in DELIMITERS) + 1
    if columns > MAX_COLUMNS:
        _refuse("bt.csv_too_many_columns", line=first + 1, columns=columns, max=MAX_COLUMNS)
    if len(line) > MAX_HEADER:
        _refuse("bt.csv_header_too_long", line=first + 1, length=len(line), max=MAX_HEADER)


def _check_cells(frame: pd.DataFrame, names: list[str | None], first: int) -> None:
    """Cells that will be parsed are short: a number or a date never needs more than MAX_CELL characters."""
    for name in dict.fromkeys(n for n in names if n in frame.columns):
        lengths = frame[name].str.len().to_numpy()
        long = np.flatnonzero(lengths > MAX_CELL)
        if len(long):
            row = int(long[0])
            _refuse("bt.csv_cell_too_long", line=_line(first, row), column=name, length=int(lengths[row]),
                    max=MAX_CELL)


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
    numeric = pd.to_numeric(raw, errors="coerce")
    if pd.notna(numeric.iloc[0]):  # epoch seconds (or milliseconds), as the first row shows
        _refuse_rows(~np.isfinite(numeric.to_numpy(dtype=float, na_value=np.nan)), "bt.csv_bad_time", raw, first)
        seconds = numeric.where(numeric.abs() < 1e11, numeric / 1000)
        _refuse_rows(((seconds < EARLIEST.timestamp()) | (seconds >= LATEST.timestamp())).to_numpy(),
                     "bt.csv_time_range", raw, first, **TIME_RANGE)
        times = pd.to_datetime(seconds, unit="s", utc=True)
    else:
        cleaned = raw.str.replace(".", "-", n=2, regex=False)  # MT5's 2024.01.02 → 2024-01-02
        times = pd.to_datetime(cleaned, errors="coerce", utc=True, format="mixed")
        _refuse_rows(times.isna().to_numpy(), "bt.csv_bad_time", raw, first)
        _refuse_rows(((times < EARLIEST) | (times >= LATEST)).to_numpy(), "bt.csv_time_range", raw, first,
                     **TIME_RANGE)
    steps = times.diff().dt.total_seconds().to_numpy()[1:]
    if (steps <= 0).any():
        row = int(np.flatnonzero(steps <= 0)[0]) + 1
        _refuse("bt.csv_order", line=_line(first, row), value=str(raw.iloc[row])[:40])
    return times


def _refuse_rows(bad: np.ndarray, key: str, raw: pd.Series, first: int, **params) -> None:
    """Refuse the first row marked ``bad``, quoting its time cell."""
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        _refuse(key, line=_line(first, row), value=str(raw.iloc[row])[:40], **params)


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


# -- past TradingView alerts ---------------------------------------------------------------------------------
MAX_ALERTS = 100_000
MESSAGE_NAMES = ("message", "description", "body")  # a column holding each alert's JSON, as TradingView sent it


def load_alerts_csv(content: bytes | str) -> pd.DataFrame:
    """Past alerts (time UTC, signal BUY/SELL/EXIT, price, id), oldest first, or ValidationError naming the line.

    Two shapes: columns ``time`` and ``signal`` (buy, sell, close, or long, short, flat), with ``price`` and ``id``
    if you have them; or ``time`` and a ``message`` (or ``description``) column holding each alert's JSON body
    as TradingView sent it, from which signal, price and id are read the way the live receiver reads them. An
    id seen before is dropped (a duplicate is acted on once, live and here); ``attrs["duplicates"]`` counts them.
    """
    frame, first, _ = _table(content)
    if len(frame) > MAX_ALERTS:
        _refuse("bt.alerts_too_many", count=len(frame), max=MAX_ALERTS)
    column = next((c for c in TIME_NAMES if c in frame.columns), None)
    if column is None:
        _refuse("bt.csv_missing", line=first + 1, column="time", found=", ".join(frame.columns))
    message = next((c for c in MESSAGE_NAMES if c in frame.columns), None) if "signal" not in frame.columns else None
    if message is None and "signal" not in frame.columns:
        _refuse("bt.csv_missing", line=first + 1, column="signal", found=", ".join(frame.columns))
    _check_cells(frame, [column, "signal", "price", "id"], first)
    times = _alert_times(frame[column], first)
    rows = _alert_rows(frame, message, times, first)
    out = pd.DataFrame(rows, columns=["time", "signal", "price", "id", "line"])
    out = out.sort_values(["time", "line"], kind="stable")
    duplicated = out["id"].notna() & out["id"].duplicated(keep="first")
    out = out[~duplicated].drop(columns="line").reset_index(drop=True)
    out.attrs["duplicates"] = int(duplicated.sum())
    return out


def _alert_times(raw: pd.Series, first: int) -> pd.Series:
    raw = raw.str.strip()
    blank = raw == ""
    if blank.any():
        _refuse("bt.csv_blank_line", line=_line(first, int(np.flatnonzero(blank.to_numpy())[0])))
    numeric = pd.to_numeric(raw, errors="coerce")
    if numeric.notna().all():
        seconds = numeric.where(numeric.abs() < 1e11, numeric / 1000)
        _refuse_rows(((seconds < EARLIEST.timestamp()) | (seconds >= LATEST.timestamp())).to_numpy(),
                     "bt.csv_time_range", raw, first, **TIME_RANGE)
        return pd.to_datetime(seconds, unit="s", utc=True)
    times = pd.to_datetime(raw.str.replace(".", "-", n=2, regex=False), errors="coerce", utc=True, format="mixed")
    _refuse_rows(times.isna().to_numpy(), "bt.csv_bad_time", raw, first)
    _refuse_rows(((times < EARLIEST) | (times >= LATEST)).to_numpy(), "bt.csv_time_range", raw, first, **TIME_RANGE)
    return times


def _alert_rows(frame: pd.DataFrame, message: str | None, times: pd.Series, first: int) -> list[tuple]:
    """Each row's (time, signal, price, id, line), checked as the live receiver checks an alert."""
    rows = []
    for row, when in enumerate(times):
        line = _line(first, row)
        if message is not None:
            cell = frame[message].iloc[row]
            if len(cell) > MAX_BODY:
                _refuse("bt.csv_cell_too_long", line=line, column=message, length=len(cell), max=MAX_BODY)
            try:
                fields = check_fields(read_body(cell), LATEST.timestamp())
            except ValidationError as exc:
                field, why = next(iter(exc.field_errors.items()))
                raise ValidationError({"csv": Msg("bt.alerts_bad_message", {"line": line, "field": field,
                                                                           "problem": why})}) from None
            rows.append((when, fields["signal"], fields["price"], fields["alert_id"], line))
            continue
        word = frame["signal"].iloc[row].strip().lower()
        if word not in WORDS:
            _refuse("bt.alerts_bad_signal", line=line, value=shown(frame["signal"].iloc[row]))
        price = None
        if "price" in frame.columns and frame["price"].iloc[row].strip():
            price = pd.to_numeric(frame["price"].iloc[row].strip().replace(",", "."), errors="coerce")
            if pd.isna(price) or not np.isfinite(price) or price <= 0:
                _refuse("bt.csv_bad_number", line=line, column="price", value=frame["price"].iloc[row][:30])
        alert_id = frame["id"].iloc[row].strip() or None if "id" in frame.columns else None
        rows.append((when, WORDS[word], None if price is None else float(price), alert_id, line))
    return rows
