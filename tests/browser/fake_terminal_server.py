"""`streamlit run app.py` with the project's fake MetaTrader 5 terminal in place of the real package.

Usage: ``python tests/browser/fake_terminal_server.py SCENARIO.json [streamlit run options]``. The browser test of
the connection check starts the dashboard this way: ``import MetaTrader5`` finds :mod:`tests.mt5_fake`, logged in
through the environment, and before each connection test the terminal takes the failures written in the scenario
file (``{"terminal": {"algo_trading": false}, "env": {"QBX_MT5_PATH": "..."}}``), so the test changes what the
terminal does while the server runs. The dashboard and the terminal share one clock that starts on a Wednesday
morning and runs in real time, so markets are open whatever day the test runs.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from qbx_engine.brokers.mt5.credentials import Credentials  # noqa: E402 - after the project is importable
from qbx_engine.core.clock import AcceleratedClock  # noqa: E402
from tests import mt5_fake  # noqa: E402
from tests.conftest import WEDNESDAY_10H  # noqa: E402

SWITCHES = ("installed", "install_path", "ipc_timeout", "outdated", "password", "connected", "algo_trading",
            "api_trading", "account_trading", "experts_allowed")


def main() -> None:
    scenario, options = Path(sys.argv[1]), sys.argv[2:]
    clock = AcceleratedClock(WEDNESDAY_10H, 1.0)
    terminal = mt5_fake.Terminal(clock)
    mt5_fake.install(terminal)
    sys.modules["MetaTrader5"] = mt5_fake
    login = {"QBX_MT5_LOGIN": str(terminal.login), "QBX_MT5_PASSWORD": terminal.password,
             "QBX_MT5_SERVER": terminal.server}
    os.environ.update(login)
    defaults = {name: getattr(terminal, name) for name in SWITCHES}
    read_login = Credentials.from_environment.__func__

    def from_environment(cls, secrets_file=None):
        """The scenario's failures first: the terminal's switches and the environment a trader set."""
        wanted = json.loads(scenario.read_text(encoding="utf-8")) if scenario.exists() else {}
        for name, value in {**defaults, **wanted.get("terminal", {})}.items():
            setattr(terminal, name, value)
        os.environ.pop("QBX_MT5_PATH", None)
        os.environ.update({**login, **wanted.get("env", {})})
        return read_login(cls, secrets_file)

    Credentials.from_environment = classmethod(from_environment)  # type: ignore[method-assign]
    from qbx_ui import shell

    shell.CLOCK = clock
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *options]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
