"""The first connection to MetaTrader 5, checked step by step, each failure said with what to do.

A trader meets the terminal's own failures before any order: no terminal, a wrong path, a refused login, an
IPC timeout, Algo Trading off, an account that may not trade, a symbol with the broker's own suffix, a closed
market. :func:`check_connection` walks the steps in the order the terminal meets them and stops at the first
that fails (the steps after it are "not reached"); a closed market or an unknown clock offset are warnings, not
failures. It talks to the ``MetaTrader5`` package directly, so what it reports is what the package said.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.clock import local_when
from ...core.i18n import Msg
from . import retcodes
from .credentials import Credentials
from .rules import STALE_TICK, TRADE_MODES, category_of, server_offset, usual_open
from .symbols import resolve_symbol

STEPS = ("terminal", "initialized", "login", "account", "autotrading_terminal", "autotrading_account", "symbol",
         "offset")
OK, WARNING, FAILED, NOT_REACHED = "ok", "warning", "failed", "not_reached"
CALIBRATE_WITH = 200  # visible symbols whose ticks may tell the server's clock
NEAR_NAMES = 5  # broker symbols offered when the one asked for is not found


@dataclass(frozen=True)
class Step:
    """One step: ``state`` (ok, warning, failed, not_reached), what was found, what a problem means, what to do."""

    name: str
    state: str
    found: Msg | None = None
    problem: Msg | None = None
    fix: Msg | None = None

    def to_json(self) -> dict:
        return {"name": self.name, "state": self.state,
                **{field: None if value is None else value.to_json()
                   for field, value in (("found", self.found), ("problem", self.problem), ("fix", self.fix))}}


class _Walk:
    """The steps taken so far; :meth:`stop` fails one and marks the rest not reached."""

    def __init__(self) -> None:
        self.steps: list[Step] = []

    def ok(self, step: str, key: str, **params) -> None:
        self.steps.append(Step(step, OK, Msg(key, params)))

    def warn(self, step: str, problem: str, fix: str, **params) -> None:
        self.steps.append(Step(step, WARNING, None, Msg(problem, params), Msg(fix, params)))

    def stop(self, step: str, problem: str, fix: str, *, earlier: str = OK, **params) -> list[Step]:
        """Fail ``step``; steps before it not yet said are ``earlier`` (passed on the way: initialize() does
        several at once), those after it not reached."""
        for before in STEPS[len(self.steps):STEPS.index(step)]:
            self.steps.append(Step(before, earlier))
        self.steps.append(Step(step, FAILED, None, Msg(problem, params), Msg(fix, params)))
        return self.done()

    def done(self) -> list[Step]:
        return self.steps + [Step(name, NOT_REACHED) for name in STEPS[len(self.steps):]]


def check_connection(mt5, credentials: Credentials, now: float, tz: str, symbol: str = "EURUSD", *,
                     keep_connection: bool = False) -> list[Step]:
    """Connect with ``credentials`` and walk every step (times said in ``tz``); the connection is closed
    afterwards unless ``keep_connection`` (the engine trades through it)."""
    walk = _Walk()
    kwargs = credentials.initialize_kwargs()
    started = mt5.initialize(credentials.path, **kwargs) if credentials.path else mt5.initialize(**kwargs)
    try:
        if not started:
            code, detail = mt5.last_error()
            return _not_started(walk, int(code), credentials.scrub(detail), credentials)
        return _connected(walk, mt5, credentials, now, tz, symbol)
    finally:
        if started and not keep_connection:
            mt5.shutdown()


def _not_started(walk: _Walk, code: int, detail: str, credentials: Credentials) -> list[Step]:
    """What initialize()'s failure means, at the step it belongs to."""
    where: dict[str, Any] = {"login": credentials.masked_login() or "?", "server": credentials.server or "?",
                             "code": code, "detail": detail, "path": credentials.path or ""}
    if code == retcodes.INIT_FAILED and "answer" in detail:  # "Pipe server didn't answer in 60 sec": it was found
        return walk.stop("initialized", "mt5c.ipc_timeout", "mt5c.ipc_timeout_fix", **where)
    if code == retcodes.INIT_FAILED:
        if credentials.path:
            return walk.stop("terminal", "mt5c.path_wrong", "mt5c.path_wrong_fix", **where)
        return walk.stop("terminal", "mt5c.not_installed", "mt5c.not_installed_fix", **where)
    if code == retcodes.IPC_TIMEOUT or code in retcodes.IPC_ERRORS:
        return walk.stop("initialized", "mt5c.ipc_timeout", "mt5c.ipc_timeout_fix", **where)
    if code == retcodes.INVALID_VERSION:
        return walk.stop("initialized", "mt5c.old_build", "mt5c.old_build_fix", **where)
    if code == retcodes.AUTH_FAILED:
        return walk.stop("login", "mt5c.auth_failed", "mt5c.auth_failed_fix", **where)
    return walk.stop("initialized", "mt5c.init_failed", "mt5c.init_failed_fix", **where)


def _connected(walk: _Walk, mt5, credentials: Credentials, now: float, tz: str, symbol: str) -> list[Step]:
    terminal = mt5.terminal_info()
    if terminal is None:
        code, detail = mt5.last_error()
        return walk.stop("initialized", "mt5c.ipc_timeout", "mt5c.ipc_timeout_fix", code=code,
                         detail=credentials.scrub(detail))
    walk.ok("terminal", "mt5c.terminal_ok", build=terminal.build, company=terminal.company, path=terminal.path)
    walk.ok("initialized", "mt5c.initialized_ok", package=getattr(mt5, "__version__", "?"))
    account = mt5.account_info()
    if account is None:
        return walk.stop("login", "mt5c.not_logged_in", "mt5c.not_logged_in_fix")
    shown_login = "…" + str(account.login)[-4:]
    if credentials.login is not None and account.login != credentials.login:
        return walk.stop("login", "mt5c.other_account", "mt5c.auth_failed_fix", login=shown_login,
                         wanted=credentials.masked_login(), server=credentials.server or "?")
    walk.ok("login", "mt5c.login_ok", login=shown_login, name=account.name)
    if not terminal.connected:
        return walk.stop("account", "mt5c.no_server", "mt5c.no_server_fix", server=account.server)
    walk.ok("account", "mt5c.account_ok", server=account.server, company=account.company,
            mode=Msg(f"mt5c.mode.{TRADE_MODES.get(account.trade_mode, 'real')}"), currency=account.currency,
            balance=account.balance)
    if not terminal.trade_allowed:
        return walk.stop("autotrading_terminal", "mt5c.algo_off", "mt5c.algo_off_fix")
    if terminal.tradeapi_disabled:
        return walk.stop("autotrading_terminal", "mt5c.api_off", "mt5c.api_off_fix")
    walk.ok("autotrading_terminal", "mt5c.algo_ok")
    if not account.trade_allowed:
        return walk.stop("autotrading_account", "mt5c.account_no_trading", "mt5c.account_no_trading_fix")
    if not account.trade_expert:
        return walk.stop("autotrading_account", "mt5c.server_algo_off", "mt5c.server_algo_off_fix")
    walk.ok("autotrading_account", "mt5c.account_trading_ok")
    offset = _offset(mt5, now)
    symbol_step = _symbol(walk, mt5, symbol, now, tz, offset)
    if symbol_step is not None:
        return symbol_step
    if offset is None:
        walk.warn("offset", "mt5c.offset_unknown", "mt5c.offset_unknown_fix")
    else:
        walk.ok("offset", "mt5c.offset_ok", offset=_utc_offset(offset))
    return walk.done()


def _symbol(walk: _Walk, mt5, wanted: str, now: float, tz: str, offset: float | None) -> list[Step] | None:
    """Resolve the symbol as the bots do, select it, read its tick; a closed market is a warning."""
    available = [(s.name, bool(s.visible)) for s in mt5.symbols_get() or ()]
    resolution = resolve_symbol(wanted, available)
    if resolution is None:
        key = "".join(ch for ch in wanted.upper() if ch.isalnum())[:6]
        near = sorted(name for name, _ in available if key and key[:3] in name.upper())[:NEAR_NAMES]
        return walk.stop("symbol", "mt5c.symbol_unknown", "mt5c.symbol_unknown_fix", symbol=wanted,
                         near=", ".join(near) or "-")
    name = resolution.symbol
    if not mt5.symbol_select(name, True):
        return walk.stop("symbol", "mt5c.not_in_market_watch", "mt5c.not_in_market_watch_fix", symbol=name)
    info = mt5.symbol_info(name)
    if info is None or info.trade_mode == mt5.SYMBOL_TRADE_MODE_DISABLED:
        return walk.stop("symbol", "mt5c.symbol_disabled", "mt5c.symbol_disabled_fix", symbol=name)
    tick = mt5.symbol_info_tick(name)
    if tick is None or not tick.bid:
        return walk.stop("symbol", "mt5c.no_tick", "mt5c.no_tick_fix", symbol=name)
    if offset is None or now - (tick.time - offset) >= STALE_TICK:
        opens = usual_open(category_of(info, mt5), now)
        walk.warn("symbol", "mt5c.market_closed" if opens is None else "mt5c.market_closed_until",
                  "mt5c.market_closed_fix", symbol=name, opens=local_when(opens, tz, now) if opens else "")
        return None
    walk.ok("symbol", "mt5c.symbol_ok", wanted=wanted, symbol=name, how=Msg(f"mt5c.how.{resolution.how}"),
            bid=tick.bid, ask=tick.ask)
    return None


def _offset(mt5, now: float) -> float | None:
    """The server clock's offset from UTC, from the first visible symbol still quoting (None: none is)."""
    for found in (mt5.symbols_get() or ())[:CALIBRATE_WITH]:
        if found.visible:
            tick = mt5.symbol_info_tick(found.name)
            offset = server_offset(tick.time, now) if tick is not None else None
            if offset is not None:
                return offset
    return None


def _utc_offset(seconds: float) -> str:
    hours, rest = divmod(abs(int(seconds)), 3600)
    return f"UTC{'-' if seconds < 0 else '+'}{hours}" + (f":{rest // 60:02d}" if rest else "")


def without_package() -> list[Step]:
    """No ``MetaTrader5`` package here: it exists for 64-bit Windows only."""
    return _Walk().stop("terminal", "mt5c.no_package", "mt5c.no_package_fix")


def bad_login_setting(problem: str) -> list[Step]:
    """The login in secrets.toml or the environment is not an account number: nothing was tried."""
    return _Walk().stop("login", "mt5c.bad_login_setting", "mt5c.bad_login_setting_fix", earlier=NOT_REACHED,
                        detail=problem)
