"""``engine.alerts``: TradingView alert bots — their webhook secrets, the alerts they receive, what became of them.

The domain is :mod:`qbx_engine.trading.alerts`; the HTTP receiver that TradingView reaches is
:mod:`qbx_engine.remote.http`, which only calls :meth:`Alerts.receive`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ..core import inputs
from ..core.errors import PartlySaved, QbxError, StoreWriteError, ValidationError
from ..core.i18n import Msg
from ..strategies.tradingview_alert import NAME as ALERT_STRATEGY
from ..strategies.tradingview_alert import AlertTape
from ..trading import events as ev
from ..trading.alerts import AlertInbox, AlertQueue, AlertSecrets, is_alert_bot, max_age
from ..trading.bots import ACTIVE

if TYPE_CHECKING:
    from ..engine import Engine

log = logging.getLogger(__name__)

WEBHOOK_PREFIX = "/alerts/"
# Lifecycle lines after which a bot's waiting alerts are not kept for later.
_ENDS_TRADING = {ev.PAUSE: "paused", ev.STOP: "stopped", ev.HALTED: "halted", ev.DELETE: "deleted"}


def webhook_path(secret: str) -> str:
    return WEBHOOK_PREFIX + secret


class Alerts:
    def __init__(self, engine: Engine):
        self._engine = engine
        self.queue = AlertQueue(engine.store.log("alerts", index_fields=("bot_id", "kind")), engine.clock)
        self.secrets = AlertSecrets(engine.store.db("alerts/secrets.json"))
        self.inbox = AlertInbox(engine.book, self.secrets, self.queue, engine.clock)
        engine.event_log.listeners.append(self._on_event)
        for bot_id in self.queue.bots_waiting():  # a bot that is not active on opening keeps nothing for later
            bot = engine.book.find(bot_id)
            if bot is None or bot.status != ACTIVE:
                self._not_kept(bot_id, "stopped" if bot is not None else "deleted")

    # -- alert bots and their secrets ------------------------------------------------------------
    def create_bot(self, data: dict) -> dict:
        """Create a TradingView alert bot and issue its webhook secret, shown only in what this returns:
        ``{"bot", "secret", "webhook_path"}``."""
        engine = self._engine
        engine.check_open()
        if not isinstance(data, dict) or data.get("strategy_name", ALERT_STRATEGY) != ALERT_STRATEGY:
            raise ValidationError.one("strategy_name", "alert.create_kind",
                                      value=inputs.shown(data.get("strategy_name") if isinstance(data, dict)
                                                         else data))
        bot = engine.create_bot({**data, "strategy_name": ALERT_STRATEGY})
        try:
            secret = self._issue(bot["id"], "ev.alert_secret_issued")
        except QbxError as exc:
            raise PartlySaved("alert.created_no_secret", bot_id=bot["id"], problem=exc.msg) from exc
        return {"bot": engine.get_bot(bot["id"]), "secret": secret, "webhook_path": webhook_path(secret)}

    def rotate_secret(self, bot_id: int) -> dict:
        """A new webhook secret for the bot (``{"secret", "webhook_path"}``); the old one stops working now."""
        engine = self._engine
        engine.check_open()
        with engine.book.lock:
            bot = engine.book.get(bot_id)
        if not is_alert_bot(bot):
            raise ValidationError.one("bot_id", "alert.not_alert_bot_id", bot_id=bot.id)
        secret = self._issue(bot.id, "ev.alert_secret_rotated")
        return {"secret": secret, "webhook_path": webhook_path(secret)}

    def _issue(self, bot_id: int, key: str) -> str:
        secret = self.secrets.issue(bot_id, self._engine.now())
        self._engine.book.event(bot_id, ev.ALERT, Msg(key))
        return secret

    def is_alert_bot(self, bot_id: int) -> bool:
        bot = self._engine.book.find(bot_id)
        return bot is not None and is_alert_bot(bot)

    def taken(self, bot_id: int) -> AlertTape:
        """The alerts the bot acted on, when it took them: what a replay of the bot feeds its strategy."""
        records = self.queue.acted_on(bot_id)
        return AlertTape.of((r["ts"], r["signal"]) for r in records if r.get("signal") in ("BUY", "SELL", "EXIT"))

    def alert_bots(self) -> list[int]:
        return [bot.id for bot in self._engine.book if is_alert_bot(bot)]

    # -- receiving -----------------------------------------------------------------------------
    def receive(self, token: str | None, body: Any) -> dict:
        """One webhook: the secret (from the URL, or None to read it from the body's ``token``) and the body as
        TradingView sent it. Returns the receipt (queued or duplicate); refusals raise (see AlertInbox)."""
        self._engine.check_open()
        return self.inbox.receive(token, body).to_json()

    def status(self, bot_id: int) -> dict:
        """The bot's webhook secret (whether issued and when, never the secret), what waits, what happened."""
        engine = self._engine
        with engine.book.lock:
            bot = engine.book.get(bot_id)
        return {"alert_bot": is_alert_bot(bot), "secret_issued_at": self.secrets.issued_at(bot.id),
                "max_age": max_age(bot) if is_alert_bot(bot) else None,
                "waiting": [{**a.shown(), "received_at": a.received_at, "sent_at": a.sent_at}
                            for a in self.queue.pending(bot.id)],
                "recent": self.queue.records(bot.id, 50)}

    # -- the lifecycle ends a bot's trading: what waits is not kept ----------------------------------
    def _on_event(self, event: dict) -> None:
        action, bot_id = event.get("action"), event.get("bot_id")
        if action not in _ENDS_TRADING or not isinstance(bot_id, int):
            return
        if action == ev.DELETE:
            try:
                self.secrets.forget(bot_id)
            except StoreWriteError as exc:  # the bot is gone, so the secret matches no bot whatever is on disk
                log.warning("bot %s deleted; its webhook secret's digest stays on disk: %s", bot_id, exc)
        if self.queue.has_pending(bot_id):
            self._not_kept(bot_id, _ENDS_TRADING[action])

    def _not_kept(self, bot_id: int, why: str) -> None:
        try:
            dropped = self.queue.drop(bot_id)
            if dropped:
                self._engine.event_log.add(bot_id, ev.ALERT_REFUSED, Msg("ev.alert_not_kept", {
                    "count": len(dropped), "ids": ", ".join(a.alert_id for a in dropped[:5]),
                    "why": Msg(f"alert.why_{why}")}))
        except StoreWriteError as exc:  # the bot is not active: the next tick that could take them drops them
            log.warning("bot %s: its waiting alerts could not be dropped: %s", bot_id, exc)
