"""The code stays clean under the checks pyproject.toml configures: ruff on the whole repository, mypy on the
engine. requirements-dev.txt installs both; a test is skipped, saying why, only where its tool is missing."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess:
    if importlib.util.find_spec(tool) is None:
        pytest.skip(f"{tool} is not installed here: pip install -r requirements-dev.txt")
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing():
    done = _run("ruff", "check", ".")
    assert done.returncode == 0, f"ruff check . found problems (exit {done.returncode}):\n{done.stdout}{done.stderr}"


def test_mypy_finds_nothing():
    done = _run("mypy")
    assert done.returncode == 0, f"mypy found problems (exit {done.returncode}):\n{done.stdout}{done.stderr}"
