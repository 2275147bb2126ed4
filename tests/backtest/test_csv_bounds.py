"""Hostile uploads: the work per file is bounded by construction, and impossible times are refused by line.

No timing here (see bench/): the bounds are checked before parsing, so these inputs are refused
on their length or width alone, with the line a text editor would show.
"""

from __future__ import annotations

import pytest

from qbx_engine.backtest import load_csv
from qbx_engine.backtest.data import MAX_CELL, MAX_COLUMNS, MAX_HEADER
from qbx_engine.core.errors import ValidationError
from qbx_engine.core.i18n import Msg, render

GOOD = "time,open,high,low,close\n" + "".join(f"{1704153600 + 3600 * i},1.1,1.2,1.0,1.15\n" for i in range(5))
GOOD_DATES = "time,open,high,low,close\n" + "".join(f"2024-01-02 {i:02d}:00,1.1,1.2,1.0,1.15\n" for i in range(5))
BAD_LINE = 7  # header, five good rows, then the bad one


def refused(content: str) -> Msg:
    with pytest.raises(ValidationError) as failed:
        load_csv(content.encode("utf-8"))
    return failed.value.field_errors["csv"]


def test_a_320k_digit_time_cell_is_refused_on_its_length_with_its_line():
    problem = refused(GOOD + "9" * 320_000 + ",1.1,1.2,1.0,1.15\n")
    assert problem == Msg("bt.csv_cell_too_long", {"line": BAD_LINE, "column": "time", "length": 320_000,
                                                   "max": MAX_CELL})
    assert "Baris 7" in render(problem, "id") and "Line 7" in render(problem, "en")


def test_a_long_price_or_date_cell_is_refused_too():
    assert refused(GOOD + "1704200000,1." + "1" * 100_000 + ",1.2,1.0,1.15\n").params["column"] == "open"
    mt5 = ("<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\n"
           "2024.01.02\t00:00:00\t1.1\t1.2\t1.0\t1.15\t5\n"
           f"2024.01.02\t{'0' * 5000}\t1.1\t1.2\t1.0\t1.15\t5\n")
    assert refused(mt5).params == {"line": 3, "column": "time", "length": 5000, "max": MAX_CELL}
    volume = f"time,open,high,low,close,volume\n1704153600,1.1,1.2,1.0,1.15,{'7' * 9000}\n"
    assert refused(volume).params == {"line": 2, "column": "volume", "length": 9000, "max": MAX_CELL}


def test_a_long_cell_in_a_column_that_is_not_read_is_fine():
    frame = load_csv(("time,open,high,low,close,comment\n"
                      f"1704153600,1.1,1.2,1.0,1.15,{'x' * 100_000}\n1704157200,1.1,1.2,1.0,1.15,ok\n").encode())
    assert len(frame) == 2


def test_a_200k_column_header_is_refused_at_once():
    header = "time,open,high,low,close," + ",".join(f"c{i}" for i in range(200_000))
    problem = refused(header + "\n1704153600,1,1,1,1\n")
    assert problem == Msg("bt.csv_too_many_columns", {"line": 1, "columns": 200_005, "max": MAX_COLUMNS})
    assert "Baris 1" in render(problem, "id") and "200005" in render(problem, "en")


def test_a_header_of_few_but_huge_names_is_refused_too():
    problem = refused("\n\ntime," + "o" * 50_000 + ",high,low,close\n1704153600,1,1,1,1\n")
    assert problem == Msg("bt.csv_header_too_long", {"line": 3, "length": 50_020, "max": MAX_HEADER})


def test_the_widest_allowed_header_still_loads():
    extra = ",".join(f"c{i}" for i in range(MAX_COLUMNS - 5))
    frame = load_csv((f"time,open,high,low,close,{extra}\n1704153600,1.1,1.2,1.0,1.15,{',' * (MAX_COLUMNS - 6)}\n"
                      ).encode())
    assert list(frame["close"]) == [1.15]


@pytest.mark.parametrize("cell, key", [
    ("1e20", "bt.csv_time_range"),
    ("-1e20", "bt.csv_time_range"),
    ("1e300", "bt.csv_time_range"),
    ("99999999999999999999", "bt.csv_time_range"),
    ("-99999999999", "bt.csv_time_range"),
    ("inf", "bt.csv_bad_time"),
    ("-inf", "bt.csv_bad_time"),
    ("nan", "bt.csv_bad_time"),
    ("NaN", "bt.csv_bad_time"),
    ("yesterday", "bt.csv_bad_time"),
])
def test_impossible_epoch_times_are_refused_with_their_line(cell, key):
    problem = refused(GOOD + f"{cell},1.1,1.2,1.0,1.15\n")
    assert (problem.key, problem.params["line"], problem.params["value"]) == (key, BAD_LINE, cell)
    assert "Baris 7" in render(problem, "id") and "Line 7" in render(problem, "en")


@pytest.mark.parametrize("cell, key", [
    ("9999-12-31", "bt.csv_time_range"),
    ("2263-01-01 00:00", "bt.csv_time_range"),
    ("2100-01-01", "bt.csv_time_range"),
    ("1677-09-21", "bt.csv_time_range"),
    ("0001-01-01", "bt.csv_time_range"),
    ("1969-12-31 23:00", "bt.csv_time_range"),
    ("10000-01-01", "bt.csv_bad_time"),
    ("NaT", "bt.csv_bad_time"),
    ("inf", "bt.csv_bad_time"),
])
def test_dates_outside_pandas_range_or_ours_are_refused_with_their_line(cell, key):
    problem = refused(GOOD_DATES + f"{cell},1.1,1.2,1.0,1.15\n")
    assert (problem.key, problem.params["line"]) == (key, BAD_LINE)
    if key == "bt.csv_time_range":
        assert "1970–2099" in render(problem, "en") and "1970–2099" in render(problem, "id")


def test_epochs_in_milliseconds_and_the_edges_of_the_range_still_load():
    frame = load_csv(b"time,open,high,low,close\n0,1.1,1.2,1.0,1.15\n1704153600000,1.1,1.2,1.0,1.15\n"
                     b"4102444799,1.1,1.2,1.0,1.15\n")
    assert [str(t) for t in frame["time"]] == ["1970-01-01 00:00:00+00:00", "2024-01-02 00:00:00+00:00",
                                               "2099-12-31 23:59:59+00:00"]
