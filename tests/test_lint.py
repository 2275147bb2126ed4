"""The code stays clean under the checks pyproject.toml configures: ruff on the whole repository, mypy on the
engine, import-linter on the layers. requirements-dev.txt installs them; a test is skipped, saying why, only
where its tool is missing."""

import importlib.util
import shutil
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


def _lint_imports(where: Path) -> subprocess.CompletedProcess:
    found = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("import-linter is not installed here: pip install -r requirements-dev.txt")
    return subprocess.run([found, "--no-cache"], cwd=where, capture_output=True, text=True)


def test_import_layers_hold():
    """pyproject.toml's contracts: pages -> qbx_ui -> Engine facade -> domains -> core, no cycle inside a package,
    strategies and market never import trading, nothing below qbx_ui imports Streamlit."""
    done = _lint_imports(ROOT)
    assert done.returncode == 0, f"import-linter found broken contracts:\n{done.stdout}{done.stderr}"
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(("module", "planted", "broken"), [
    ("qbx_engine/core/clock.py", "from qbx_engine.trading import journal", "qbx_engine.core is not allowed to import"),
    ("qbx_engine/strategies/base.py", "from qbx_engine.trading import plan", "never import trading"),
    ("qbx_engine/trading/feed.py", "import streamlit", "imports Streamlit"),
])
def test_a_lower_layer_importing_a_higher_one_is_caught(tmp_path, module, planted, broken):
    for name in ("qbx_engine", "qbx_ui"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text() + f"\n{planted}  # planted by the test\n")
    done = _lint_imports(tmp_path)
    assert done.returncode != 0 and broken in done.stdout, done.stdout + done.stderr
