"""An engine on a temp data folder driven like a trader's day (see scenario.Desk), bots on scripted signals."""

from __future__ import annotations

import re
import shutil

import pytest

from qbx_engine import Engine
from qbx_engine.core.clock import ManualClock
from qbx_engine.mentor import report_markdown
from tests.engine.conftest import scripted  # noqa: F401 - the fixture that registers the scripted strategy
from tests.mentor.scenario import Desk, scripted_as


@pytest.fixture
def desk(data_dir, clock, scripted, monkeypatch):  # noqa: F811
    for name in ("ma_crossover", "rsi_reversal", "donchian_breakout"):
        scripted_as(monkeypatch, name)
    with Engine.open(data_dir, clock=clock, start_scheduler=False) as engine:
        yield Desk(engine, clock)


def both(analysis: dict) -> dict[str, str]:
    """The report as the trader reads it, in each language; every message key exists and every placeholder
    is filled (a missing one would show as "mentor.…" or "{name}")."""
    text = {lang: report_markdown(analysis, lang) for lang in ("id", "en")}
    for rendered in text.values():
        assert not re.search(r"\b(mentor|emotion|market|ui)\.[a-z]", rendered), rendered
        assert "{" not in rendered and "}" not in rendered, rendered
    return text


@pytest.fixture(scope="session")
def week_template(tmp_path_factory):
    """The realistic mixed week (tests/mentor/week.py), built once: (folder, the week's records by mark)."""
    from tests.mentor.week import build

    folder = tmp_path_factory.mktemp("week")
    return folder, build(folder)


@pytest.fixture
def week(week_template, data_dir):
    """A private copy of the week, opened on Saturday 28 November 09:00 in Jakarta: (engine, marks)."""
    from tests.mentor.week import READ_AT

    folder, marks = week_template
    shutil.rmtree(data_dir)
    shutil.copytree(folder, data_dir)
    with Engine.open(data_dir, clock=ManualClock(READ_AT), start_scheduler=False) as engine:
        yield engine, marks
