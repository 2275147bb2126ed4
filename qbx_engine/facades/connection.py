"""``engine.connection``: the first connection to MetaTrader 5, checked step by step before trading on it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..brokers.mt5 import doctor
from ..brokers.mt5.credentials import Credentials
from ..core import inputs

if TYPE_CHECKING:
    from ..engine import Engine

log = logging.getLogger(__name__)


class Connection:
    def __init__(self, engine: Engine):
        self._engine = engine

    def test_mt5(self, symbol: str = "EURUSD") -> dict:
        """Walk terminal found → connected → logged in → account and server → AutoTrading (terminal, account) →
        the symbol and its price → the server clock, with the login from secrets.toml or the environment. Each
        step says what it found, or what its failure means and what to do. No order is sent; the engine's own
        MT5 connection, when it trades through one, is checked in place and kept."""
        engine = self._engine
        symbol = inputs.text("symbol", symbol, 64).strip() or "EURUSD"
        now, tz = engine.now(), engine.settings.get("timezone")
        diagnose = getattr(engine.broker, "diagnose", None)
        steps = diagnose(symbol, tz) if diagnose is not None else _from_here(symbol, now, tz)
        states = {step.state for step in steps}
        state = doctor.FAILED if doctor.FAILED in states else doctor.WARNING if doctor.WARNING in states \
            else doctor.OK
        log.info("MT5 connection test (%s): %s", symbol, ", ".join(f"{s.name}={s.state}" for s in steps))
        return {"symbol": symbol, "at": now, "state": state, "steps": [step.to_json() for step in steps]}


def _from_here(symbol: str, now: float, tz: str) -> list[doctor.Step]:
    """This process is not connected: import the package, read the login, connect, check, disconnect."""
    try:
        import MetaTrader5  # noqa: N813 - the package's own name
    except ImportError:
        return doctor.without_package()
    try:
        credentials = Credentials.from_environment()
    except ValueError as exc:
        return doctor.bad_login_setting(str(exc))
    return doctor.check_connection(MetaTrader5, credentials, now, tz, symbol)
