"""The fake's constants, and every constant the adapter uses, against the real MetaTrader5 wheel."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests import mt5_fake

ADAPTER = Path(__file__).resolve().parents[2] / "qbx_engine" / "brokers" / "mt5"


@pytest.fixture(scope="session")
def real_constants(tmp_path_factory) -> dict[str, int]:
    """Download the Windows wheel (it cannot be installed here) and read its __init__.py."""
    folder = tmp_path_factory.mktemp("mt5-wheel")
    try:
        subprocess.run([sys.executable, "-m", "pip", "download", "MetaTrader5", "--no-deps", "--platform", "win_amd64",
                        "--only-binary=:all:", "--python-version", "3.11", "-d", str(folder), "-q"],
                       check=True, capture_output=True, timeout=180)
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"the MetaTrader5 wheel could not be downloaded ({type(exc).__name__}); "
                    "this check needs access to the package index")
    wheel = next(folder.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read("MetaTrader5/__init__.py").decode("utf-8")
    constants = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name.isupper():
                constants[name] = eval(compile(ast.Expression(node.value), "<mt5>", "eval"), {})  # ints and |
    assert constants["TIMEFRAME_H1"] == 16385  # the value many public fakes get wrong
    return constants


def test_every_constant_of_the_fake_has_the_real_value(real_constants):
    fake = {name: value for name, value in vars(mt5_fake).items()
            if re.fullmatch(r"(TIMEFRAME|POSITION|ORDER|DEAL|TRADE|SYMBOL|ACCOUNT|RES)_[A-Z0-9_]+", name)}
    assert len(fake) > 90
    assert {name: real_constants.get(name) for name in fake} == fake


def test_every_constant_the_adapter_uses_exists_in_the_real_package(real_constants):
    used = set()
    for path in ADAPTER.glob("*.py"):
        used |= set(re.findall(r"\bmt5\.([A-Z][A-Z0-9_]+)", path.read_text(encoding="utf-8")))
    assert used and used <= set(real_constants), used - set(real_constants)
    for timeframe in ("M1", "M5", "M15", "M30", "H1", "H4", "D1"):
        assert f"TIMEFRAME_{timeframe}" in real_constants


def test_retcode_table_matches_the_real_names(real_constants):
    from qbx_engine.brokers.mt5 import retcodes

    names = {value: name for name, value in real_constants.items() if name.startswith("TRADE_RETCODE_")}
    assert names[10004] == "TRADE_RETCODE_REQUOTE" and names[10030] == "TRADE_RETCODE_INVALID_FILL"
    assert set(retcodes.REFUSALS) | retcodes.DONE <= set(names)
    assert {names[c] for c in retcodes.CONNECTION} == {"TRADE_RETCODE_CONNECTION", "TRADE_RETCODE_TIMEOUT"}
    ipc = {value for name, value in real_constants.items() if name.startswith("RES_E_INTERNAL_FAIL")}
    assert ipc == retcodes.IPC_ERRORS
