"""AppTest harness: the real app script, the real engine, a temp data folder per test."""

from __future__ import annotations

import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from qbx_engine.core.clock import ManualClock
from tests.busy_store import populate
from tests.conftest import ROOT, WEDNESDAY_10H
from tests.ui.harness import run_app_py_every_time

APP = str(ROOT / "app.py")


class Page:
    """One browser session on the app; `engine` is the very engine the pages use."""

    def __init__(self, at: AppTest):
        self.at = at

    def open(self, page: str | None = None) -> Page:
        self.at.run()
        if page:
            self.at.switch_page(f"pages/{page}.py").run()
        self.assert_clean()
        return self

    @property
    def engine(self):
        from qbx_ui import shell

        return shell.engine()

    def button(self, label: str):
        matches = [b for b in self.at.button if b.label == label]
        assert matches, f"no button {label!r}; have {[b.label for b in self.at.button]}"
        return matches[0]

    def click(self, label: str) -> Page:
        self.button(label).click().run()
        self.assert_clean()
        return self

    def texts(self) -> str:
        parts = [*self.at.markdown, *self.at.caption, *self.at.title, *self.at.subheader, *self.at.error,
                 *self.at.info, *self.at.warning, *self.at.success, *self.at.toast]
        return "\n".join(str(p.value) for p in parts)

    def errors(self) -> list[str]:
        return [e.value for e in self.at.error]

    def assert_clean(self) -> None:
        assert not self.at.exception, [e.value for e in self.at.exception]


@pytest.fixture
def app(data_dir, monkeypatch):
    """Build pages on ``data_dir``; the cached engine is released (closed) afterwards."""
    monkeypatch.setenv("QBX_DATA_DIR", str(data_dir))
    monkeypatch.delenv("QBX_BROKER", raising=False)
    from qbx_ui import shell

    monkeypatch.setattr(shell, "CLOCK", ManualClock(WEDNESDAY_10H))  # markets open, whatever day CI runs
    run_app_py_every_time(monkeypatch.setattr)

    def make(page: str | None = None, *, secrets: dict | None = None) -> Page:
        at = AppTest.from_file(APP, default_timeout=60)
        for name, value in (secrets or {}).items():
            at.secrets[name] = value
        return Page(at).open(page) if secrets is None else Page(at)

    yield make
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def busy_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("busy")
    populate(folder, bots=50, events=10_000, now=WEDNESDAY_10H)
    return folder


@pytest.fixture
def busy_dir(busy_template, data_dir):
    """A private copy of the busy folder (50 bots, 10,000 events, real trades)."""
    shutil.rmtree(data_dir)
    shutil.copytree(busy_template, data_dir)
    return data_dir
