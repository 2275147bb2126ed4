"""One-click start: the virtual environment made if missing, the requirements installed when they changed, then
the dashboard (``streamlit run app.py``), which opens in the browser.

What ``QuantumBotX.bat`` runs when double-clicked on Windows; ``python start.py`` does the same anywhere.
Arguments go on to ``streamlit run`` (``python start.py --server.port 8502``). Only the standard library is used
(it runs before anything is installed), and every path is passed as one argument, never through a shell, so a
folder such as ``C:\\Users\\Siti Ärger\\My Apps\\QuantumBotX`` works.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
MIN_PYTHON = (3, 11)
MARKER = "qbx-requirements.sha256"  # in .venv: the requirements.txt last installed there


def venv_python(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def requirements_digest(root: Path = ROOT) -> str:
    return hashlib.sha256((root / "requirements.txt").read_bytes()).hexdigest()


def main(arguments: list[str]) -> int:
    if sys.version_info < MIN_PYTHON:
        print(f"QuantumBotX needs Python {'.'.join(map(str, MIN_PYTHON))} or newer; this is "
              f"{sys.version.split()[0]}. Install it from python.org and start again.")
        return 1
    folder = ROOT / ".venv"
    python = venv_python(folder)
    if not python.exists():
        print(f"Creating the virtual environment in {folder} ...", flush=True)
        made = subprocess.run([sys.executable, "-m", "venv", str(folder)])
        if made.returncode:
            return made.returncode
    marker = folder / MARKER
    wanted = requirements_digest()
    if not marker.exists() or marker.read_text(encoding="ascii").strip() != wanted:
        print("Installing the requirements (the first start, or they changed) ...", flush=True)
        installed = subprocess.run([str(python), "-m", "pip", "install", "-r", str(ROOT / "requirements.txt")])
        if installed.returncode:
            print("The requirements could not be installed (see above); nothing was started.")
            return installed.returncode
        marker.write_text(wanted, encoding="ascii")
    env = dict(os.environ, PYTHONUTF8="1", PYTHONIOENCODING="utf-8")  # Indonesian text and emoji in any console
    command = [str(python), "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "false", *arguments]
    try:
        return subprocess.run(command, cwd=ROOT, env=env).returncode
    except KeyboardInterrupt:  # Ctrl+C in the console window: the dashboard got it too and stopped
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
