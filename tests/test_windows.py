"""Windows, where every MetaTrader user is, simulated here: a user name with spaces and non-ASCII letters, the
data folder under the user's profile, a console that is not UTF-8, time zones from the tzdata package only,
and the one-click start from such a folder.

(Two Windows behaviours are proved elsewhere: the store's replace of a file a reader holds, and the
optimiser's workers started with ``spawn``.)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from qbx_engine import Engine
from qbx_engine.core.errors import DataDirLocked
from qbx_engine.store import resolve_data_dir
from qbx_engine.store.store import default_data_dir
from tests.conftest import ROOT, run_python

USER = "Siti Ärger-Nur Ñandú"  # a Windows account name with a space and letters outside ASCII
PROFILE_LOCAL = ("Users", USER, "AppData", "Local")


@pytest.fixture
def windows(tmp_path, monkeypatch):
    """This process as Windows names its folders: sys.platform "win32", %LOCALAPPDATA% in the user's profile,
    no QBX_DATA_DIR, started from a working folder with no data in it."""
    local = tmp_path.joinpath(*PROFILE_LOCAL)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    monkeypatch.delenv("QBX_DATA_DIR", raising=False)
    work = tmp_path / "Desktop" / "Shortcut folder"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    return local


def test_the_data_folder_is_under_the_users_profile_by_default(windows, tmp_path, monkeypatch):
    assert default_data_dir() == windows / "QuantumBotX" == resolve_data_dir()
    with Engine.open(start_scheduler=False) as engine:
        assert engine.data_dir == (windows / "QuantumBotX").resolve()
        engine.create_bot({"name": "Bot Ärger 🙂", "market": "EURUSD", "strategy_name": "ma_crossover"})
        engine.set_paper_balance(12_345.67)
        with pytest.raises(DataDirLocked) as held:
            Engine.open(start_scheduler=False)
        assert USER in str(held.value)  # the message names the folder as it is spelled
    monkeypatch.chdir(tmp_path)  # started from another folder (a double-click starts in the script's own)
    with Engine.open(start_scheduler=False) as again:
        assert [b["name"] for b in again.list_bots()] == ["Bot Ärger 🙂"]
        assert again.account()["balance"] == 12_345.67
    monkeypatch.delenv("LOCALAPPDATA")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no %LOCALAPPDATA%: the profile's AppData\Local
    assert default_data_dir() == tmp_path / "home" / "AppData" / "Local" / "QuantumBotX"


def test_an_earlier_versions_folder_in_the_working_folder_is_still_used(windows, tmp_path):
    (Path.cwd() / ".qbx-data").mkdir()
    assert resolve_data_dir() == Path(".qbx-data")


def test_other_systems_keep_their_own_places(tmp_path, monkeypatch):
    monkeypatch.delenv("QBX_DATA_DIR")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir() == tmp_path / "xdg" / "quantumbotx"
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path / "mac"))
    assert resolve_data_dir() == tmp_path / "mac" / "Library" / "Application Support" / "QuantumBotX"


@pytest.mark.parametrize("encoding", ["cp1252", "cp437"])
def test_a_console_that_is_not_utf8_logs_indonesian_text_and_emoji(encoding):
    """A Windows console or redirect in cp1252/cp437 used to lose such a line to "--- Logging error ---"."""
    code = ("import logging\n"
            "from qbx_engine.core.logging_config import configure_logging\n"
            "configure_logging()\n"
            "logging.getLogger('qbx').warning('Rem darurat aktif 🚨: rugi −12,50 USD → bot berhenti; Ärger ✓')\n"
            "print('Pasar EURUSD tutup; buka Senin 05:00 WIB 🙂', flush=True)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING=encoding, PYTHONUTF8="0"))
    err = done.stderr.decode(encoding)  # as the console shows it
    assert done.returncode == 0, err
    assert "Logging error" not in err and "UnicodeEncodeError" not in err, err
    assert "Rem darurat aktif \\U0001f6a8: rugi \\u221212,50 USD \\u2192 bot berhenti; " in err, err
    assert "Ärger \\u2713" in err  # what the code page has stays itself
    assert done.stdout.decode(encoding).strip() == "Pasar EURUSD tutup; buka Senin 05:00 WIB \\U0001f642"


def test_time_zones_come_from_the_tzdata_package_where_the_system_has_none(monkeypatch):
    """Windows has no zoneinfo database: only the tzdata package (requirements.txt) knows Asia/Jakarta."""
    code = ("import zoneinfo\n"
            "from qbx_engine.core.clock import local_when\n"
            "from qbx_engine.core.i18n import render\n"
            "assert zoneinfo.TZPATH == ()\n"
            "print(render(local_when(1795989600.0, 'Asia/Jakarta', 1795921200.0), 'id'))\n")
    monkeypatch.setenv("PYTHONTZPATH", "")
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Senin 05:00 WIB"


# -- the one-click start ------------------------------------------------------------------------------------------
def test_the_bat_file_starts_from_its_own_folder_whatever_its_name_holds():
    text = (ROOT / "QuantumBotX.bat").read_bytes().decode("ascii")
    lines = text.split("\r\n")
    assert all("\n" not in line for line in lines)  # cmd.exe reads CRLF lines (.gitattributes keeps them)
    assert 'cd /d "%~dp0"' in lines and "chcp 65001 >nul" in lines  # the script's folder, quoted; a UTF-8 console
    assert '    py -3 "%~dp0start.py" %*' in lines and '    python "%~dp0start.py" %*' in lines
    assert "if errorlevel 1 pause" in lines  # a failure stays on screen to be read
    assert "*.bat text eol=crlf" in (ROOT / ".gitattributes").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "QuantumBotX.bat" in readme.split("---")[0]  # documented beside the two commands


def _copy_project(to: Path) -> None:
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout
    for name in files.splitlines():
        if name.startswith(("tests/fixtures/", "bench/")):
            continue
        source = ROOT / name
        if source.is_file():
            (to / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, to / name)


def _health(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"start.py ended with {process.returncode}: {process.stdout.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail("the dashboard did not answer within 90 s")


def _stop_group(process: subprocess.Popen) -> None:
    """Stop start.py and the dashboard it ran (one process group): politely, then for sure."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):  # a server stopped while still starting may hang in its stop
        os.killpg(process.pid, signal.SIGKILL)


@pytest.mark.skipif(os.name != "posix", reason="the stand-in virtual environment below is a POSIX shell script")
def test_start_py_installs_once_and_runs_the_dashboard_from_a_folder_with_spaces_and_non_ascii(tmp_path):
    project = tmp_path.joinpath("Users", USER, "My Apps", "QuantumBotX")
    _copy_project(project)
    pip_log = tmp_path / "pip.log"
    python = project / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    # The virtual environment: this interpreter, except that pip only notes what it was asked (no network).
    python.write_text(f'#!/bin/sh\nif [ "$1" = "-m" ] && [ "$2" = "pip" ]; then echo "$@" >> "{pip_log}"; exit 0; fi\n'
                      f'exec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    env = dict(os.environ, QBX_DATA_DIR=str(tmp_path / "data"), PYTHONPATH="")
    for start in (1, 2):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        process = subprocess.Popen([sys.executable, str(project / "start.py"), "--server.port", str(port),
                                    "--server.headless", "true"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, encoding="utf-8", start_new_session=True)
        try:
            _health(port, process)
        finally:
            _stop_group(process)
        installs = pip_log.read_text(encoding="utf-8").splitlines()
        assert installs == [f"-m pip install -r {project / 'requirements.txt'}"], (start, installs)  # once
    assert (project / ".venv" / "qbx-requirements.sha256").read_text(encoding="ascii") == \
        __import__("hashlib").sha256((project / "requirements.txt").read_bytes()).hexdigest()
