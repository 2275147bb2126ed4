"""The no-trade calendar: whole days and daily windows in the right time zone, lifting at the stated time."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from qbx_engine.core.i18n import render
from qbx_engine.safety.calendar import (
    IDX,
    NYSE,
    PRESETS,
    RAMADAN,
    Window,
    calendar_block,
    careful_risk,
    check_dates,
    check_windows,
)
from qbx_engine.settings import DEFAULTS

JAKARTA = ZoneInfo("Asia/Jakarta")


def at(text: str, tz=JAKARTA) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=tz).timestamp()


def cfg(**changes) -> dict:
    return {**DEFAULTS, "calendar_on": True, **changes}


def test_off_by_default_whatever_it_holds():
    settings = {**DEFAULTS, "calendar_dates": ["2026-11-25"], "calendar_presets": ["idx", "nyse", "ramadan"]}
    assert calendar_block(settings, at("2026-11-25 12:00")) is None


def test_a_date_blocks_the_whole_local_day_and_lifts_at_midnight():
    settings = cfg(calendar_dates=["2026-11-25"])
    assert calendar_block(settings, at("2026-11-24 23:59:59")) is None
    why, until = calendar_block(settings, at("2026-11-25 00:00"))
    assert until == at("2026-11-26 00:00")
    assert render(why, "en") == "2026-11-25 is on your list of no-trade days."
    assert calendar_block(settings, until) is None


def test_back_to_back_days_and_a_window_after_midnight_lift_together():
    settings = cfg(calendar_dates=["2026-12-24", "2026-12-25"], calendar_windows=["00:00-01:30"])
    _, until = calendar_block(settings, at("2026-12-24 09:00"))
    assert until == at("2026-12-26 01:30")


def test_a_window_past_midnight():
    settings = cfg(calendar_windows=["23:30-00:30"])
    assert calendar_block(settings, at("2026-11-25 23:29:59")) is None
    assert calendar_block(settings, at("2026-11-25 23:30"))[1] == at("2026-11-26 00:30")
    assert calendar_block(settings, at("2026-11-26 00:15"))[1] == at("2026-11-26 00:30")
    assert calendar_block(settings, at("2026-11-26 00:30")) is None


def test_windows_follow_the_traders_time_zone():
    settings = cfg(timezone="Europe/London", calendar_windows=["08:00-09:00"])
    london = ZoneInfo("Europe/London")
    assert calendar_block(settings, at("2026-07-01 08:30", london))[1] == at("2026-07-01 09:00", london)  # summer
    assert calendar_block(settings, at("2026-12-01 08:30", london))[1] == at("2026-12-01 09:00", london)


def test_exchange_holidays_are_whole_days_in_the_exchanges_own_time_zone():
    new_york = ZoneInfo("America/New_York")
    settings = cfg(calendar_presets=["nyse"])
    why, until = calendar_block(settings, at("2026-11-26 00:00", new_york))  # Thanksgiving
    assert until == at("2026-11-27 00:00", new_york)
    assert "New York Stock Exchange holiday (2026-11-26)" in render(why, "en")
    assert calendar_block(settings, at("2026-11-26 11:59", JAKARTA)) is None  # still the 25th in New York
    idx = cfg(calendar_presets=["idx"])
    assert calendar_block(idx, at("2026-12-24 09:00"))[1] == at("2026-12-26 00:00")  # cuti bersama, then Christmas


def test_ramadan_windows_only_on_ramadan_days():
    settings = cfg(calendar_presets=["ramadan"])
    assert calendar_block(settings, at("2026-03-01 18:00"))[1] == at("2026-03-01 18:45")
    assert calendar_block(settings, at("2026-03-01 04:00"))[1] == at("2026-03-01 04:45")
    assert calendar_block(settings, at("2026-03-01 12:00")) is None
    assert calendar_block(settings, at("2026-04-01 18:00")) is None  # after Idul Fitri


def test_presets_hold_the_published_days():
    assert len([d for d in IDX.days if d.year == 2026 and d.weekday() < 5]) == 261 - 239  # 239 trading days
    assert len([d for d in NYSE.days if d.year == 2026]) == len([d for d in NYSE.days if d.year == 2027]) == 10
    assert not IDX.estimated & {d for d in IDX.days if d.year == 2026}
    assert RAMADAN.windows and set(PRESETS) == {"idx", "nyse", "ramadan"}


def test_careful_days_cap_the_risk():
    settings = cfg(calendar_careful_dates=["2026-11-25"], calendar_careful_risk=0.5)
    assert careful_risk(settings, at("2026-11-25 10:00")) == 0.5
    assert careful_risk(settings, at("2026-11-26 10:00")) is None
    assert careful_risk({**settings, "calendar_careful_risk": 0.0}, at("2026-11-25 10:00")) is None
    assert careful_risk(cfg(calendar_careful_presets=["nyse"], calendar_careful_risk=0.25),
                        at("2026-11-26 12:00", ZoneInfo("America/New_York"))) == 0.25


@pytest.mark.parametrize("dates, bad", [(["2026-13-01"], "2026-13-01"), (["25-12-2026"], "25-12-2026"),
                                        ([20261225], "20261225"), (["1999-12-31"], "1999-12-31")])
def test_bad_dates_are_named(dates, bad):
    problem = check_dates(dates)
    assert problem is not None and problem.params["value"] == bad


@pytest.mark.parametrize("text", ["24:00-01:00", "10:00-10:00", "9-10", "10:00"])
def test_bad_windows_are_named(text):
    assert Window.parse(text) is None
    assert check_windows([text]).params["value"] == text
