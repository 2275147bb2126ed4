"""CSV import: MT5's bar export and plain OHLCV files, and the line a bad file goes wrong on."""

from __future__ import annotations

import pandas as pd
import pytest

from qbx_engine.backtest import load_csv
from qbx_engine.core.errors import ValidationError
from qbx_engine.core.i18n import render

MT5_EXPORT = (
    "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n"
    "2024.01.02\t00:00:00\t1.10427\t1.10481\t1.10383\t1.10419\t1180\t0\t2\n"
    "2024.01.02\t01:00:00\t1.10419\t1.10459\t1.10391\t1.10431\t1061\t0\t2\n"
    "2024.01.02\t02:00:00\t1.10431\t1.10470\t1.10402\t1.10455\t987\t0\t3\n")


def refusal(content) -> str:
    with pytest.raises(ValidationError) as refused:
        load_csv(content)
    return render(refused.value.field_errors["csv"], "id") + " | " + render(refused.value.field_errors["csv"], "en")


def test_mt5_export():
    frame = load_csv(MT5_EXPORT.encode("utf-8"))
    assert list(frame.columns) == ["time", "open", "high", "low", "close", "tick_volume"]
    assert list(frame["time"]) == list(pd.date_range("2024-01-02", periods=3, freq="h", tz="UTC"))
    assert list(frame["close"]) == [1.10419, 1.10431, 1.10455] and list(frame["tick_volume"]) == [1180, 1061, 987]


@pytest.mark.parametrize("content", [
    "time,open,high,low,close,volume\n2024-01-02 00:00,1.1,1.2,1.0,1.15,10\n2024-01-02 01:00,1.15,1.2,1.1,1.12,12\n",
    "Date;Open;High;Low;Close\n2024-01-02T00:00:00Z;1,1;1,2;1,0;1,15\n2024-01-02T01:00:00Z;1,15;1,2;1,1;1,12\n",
    "timestamp,open,high,low,close\n1704153600,1.1,1.2,1.0,1.15\n1704157200,1.15,1.2,1.1,1.12\n",
    "\ufefftime,open,high,low,close\n2024-01-02 00:00,1.1,1.2,1.0,1.15\n2024-01-02 01:00,1.15,1.2,1.1,1.12\n",
])
def test_plain_ohlcv_in_its_common_shapes(content):
    frame = load_csv(content.encode("utf-8"))
    assert list(frame["time"]) == [pd.Timestamp("2024-01-02 00:00", tz="UTC"),
                                   pd.Timestamp("2024-01-02 01:00", tz="UTC")]
    assert list(frame["close"]) == [1.15, 1.12]


@pytest.mark.parametrize("content, words", [
    ("", "File CSV kosong"),
    ("time,open,high,low,close\n2024-01-02 00:00,1.1,1.2,1.0,1.15\n2024-01-02 01:00,1.15,abc,1.1,1.12\n",
     "Baris 3: high 'abc' bukan angka"),
    ("time,open,high,low,close\n2024-01-02 00:00,1.1,1.2,1.0,1.15\nkemarin,1.15,1.2,1.1,1.12\n",
     "Baris 3: 'kemarin' bukan tanggal"),
    ("time,open,high,low,close\n2024-01-02 01:00,1.1,1.2,1.0,1.15\n2024-01-02 00:00,1.15,1.2,1.1,1.12\n",
     "Baris 3: waktu 2024-01-02 00:00 tidak lebih baru"),
    ("time,open,high,low,close\n2024-01-02 00:00,1.1,1.2,1.0,1.15\n2024-01-02 01:00,1.15,1.0,1.1,1.12\n",
     "Baris 3: bar tidak masuk akal"),
    ("time,open,high,close\n2024-01-02 00:00,1.1,1.2,1.15\n", "Baris 1: kolom 'low' tidak ada"),
    ("when,open,high,low,close\n2024-01-02 00:00,1.1,1.2,1.0,1.15\n", "Line 1: no 'time' column"),
    ("time,open,high,low,close\n2024-01-02 00:00,1.1,1.2,1.0,1.15\n2024-01-02 01:00,1.15,1.2,1.1,1.12,99,7\n",
     "Baris 3: jumlah kolom berbeda"),
    ("\n\ntime,open,high,low,close\n2024-01-02 00:00,1.1,1.2,1.0,1.15\n2024-01-02 01:00,1.15,x,1.1,1.12\n",
     "Baris 5: high 'x'"),
    ("time,open,high,low,close\n", "The CSV file holds only its header (line 1) and not one bar"),
    ("\n<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>",
     "File CSV hanya berisi baris judul kolom (baris 2)"),
])
def test_malformed_csv_names_the_line(content, words):
    assert words in refusal(content.encode("utf-8"))
