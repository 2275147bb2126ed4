"""The code stays clean under the checks pyproject.toml configures: ruff on the whole repository, mypy on the
engine, import-linter on the layers. requirements-dev.txt installs them; a test is skipped, saying why, only
where its tool is missing."""

import ast
import importlib.util
import shutil
import subprocess
import sys
import tomllib
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
    """pyproject.toml's contracts: qbx_ui -> remote -> Engine -> facades -> domains -> core, no cycle inside a
    package, strategies and market never import trading, nothing below qbx_ui imports Streamlit, the dashboard
    reaches live state only through the Engine."""
    done = _lint_imports(ROOT)
    assert done.returncode == 0, f"import-linter found broken contracts:\n{done.stdout}{done.stderr}"
    assert "0 broken" in done.stdout


def _dashboard_forbidden() -> list[str]:
    """The stateful modules pyproject.toml forbids the dashboard (qbx_ui) to import."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    (found,) = [c for c in contracts if c["type"] == "forbidden" and c["source_modules"] == ["qbx_ui"]]
    return found["forbidden_modules"]


def _forbidden_imports(source: str, forbidden: list[str]) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return sorted({n for n in names if any(n == f or n.startswith(f + ".") for f in forbidden)})


def test_pages_reach_live_state_only_through_the_engine():
    """import-linter reads packages only; the pages and app.py (scripts Streamlit runs) keep the dashboard's rule."""
    forbidden = _dashboard_forbidden()
    found = {path.name: _forbidden_imports(path.read_text(), forbidden)
             for path in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]}
    assert {name: bad for name, bad in found.items() if bad} == {}
    assert _forbidden_imports("from qbx_engine.trading import journal\nimport qbx_engine.store.durable", forbidden) == \
        ["qbx_engine.store.durable", "qbx_engine.trading.journal"]  # the check sees both forms


@pytest.mark.parametrize(("module", "planted", "broken"), [
    ("qbx_engine/core/clock.py", "from qbx_engine.trading import journal", "qbx_engine.core is not allowed to import"),
    ("qbx_engine/strategies/base.py", "from qbx_engine.trading import plan", "never import trading"),
    ("qbx_engine/trading/feed.py", "import streamlit", "imports Streamlit"),
    ("qbx_ui/widgets.py", "from qbx_engine.trading import journal", "reaches live state only through the Engine"),
])
def test_a_lower_layer_importing_a_higher_one_is_caught(tmp_path, module, planted, broken):
    for name in ("qbx_engine", "qbx_ui"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text() + f"\n{planted}  # planted by the test\n")
    done = _lint_imports(tmp_path)
    assert done.returncode != 0 and broken in done.stdout, done.stdout + done.stderr
