"""Two-way Telegram: the trader's allow-listed chats command the engine (status, results, pause, close...).

:func:`start` runs the command reader beside an open Engine when ``allowed_chats`` is configured
(see :mod:`.setup`); :func:`describe` is what the Settings page shows about it, running or not.
Outbound notifications stay in :mod:`qbx_engine.notify`, with their own outbox and guarantees.
"""

from __future__ import annotations

import atexit
import logging
import weakref

from .poller import TelegramRemote
from .setup import RemoteConfig, RemoteSetup, load

__all__ = ["RemoteConfig", "RemoteSetup", "TelegramRemote", "describe", "load", "start"]

log = logging.getLogger(__name__)
_RUNNING: weakref.WeakSet[TelegramRemote] = weakref.WeakSet()


def start(engine, setup: RemoteSetup | None = None, **options) -> TelegramRemote | None:
    """Start reading commands for ``engine`` if the inbound bot is configured; None when it is not (or when it
    cannot start: the dashboard opens anyway, and the Settings page says the reader is not running)."""
    setup = setup if setup is not None else load()
    if setup.config is None:
        return None
    try:
        remote = TelegramRemote(engine, setup.config, **options).start()
    except Exception as exc:  # noqa: BLE001 - the dashboard and the bots matter more than the phone
        log.error("the Telegram command reader did not start: %s", type(exc).__name__)
        return None
    _RUNNING.add(remote)
    return remote


@atexit.register
def _stop_running() -> None:
    """Registered after the engine's own exit hook, so it runs first: no command starts while engines close."""
    for remote in list(_RUNNING):
        remote.stop(1.0)


def describe(remote: TelegramRemote | None) -> dict:
    """The inbound bot's state for the Settings page: the running reader's, or why there is none."""
    if remote is not None:
        return remote.status()
    setup = load()
    return {"configured": False, "running": False, "problem": setup.problem.to_json() if setup.problem else None}
