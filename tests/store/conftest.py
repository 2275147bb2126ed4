"""Fixtures the store tests borrow from the engine tests."""

from tests.engine.conftest import scripted  # noqa: F401 - a fixture
