"""``engine.notifications``: the dashboard's unread notifications, and the channels that send them out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core import inputs
from ..notify.notifier import Notifier

if TYPE_CHECKING:
    from ..engine import Engine


class Notifications:
    def __init__(self, engine: Engine):
        self._engine = engine
        self.notifier = Notifier(engine.store, engine.settings, engine.clock, reports=engine.mentor,
                                 error_streak=engine.error_streak)
        engine.event_log.listeners.append(self.notifier.on_event)

    def unread(self, limit: int = 100) -> list[dict]:
        engine = self._engine
        return engine.event_log.unread(engine.settings.get("notifications_seen_seq"), inputs.whole("limit", limit, 0))

    def mark_read(self) -> None:
        """Everything logged so far counts as read (by sequence, whatever the events' own times)."""
        self._engine.settings.update(notifications_seen_seq=self._engine.event_log.log.last_seq)

    def status(self) -> dict:
        """Per channel: configured (masked), categories on, counters, last error; and the report time."""
        return self.notifier.status()

    def send_test(self, channel: str) -> None:
        """Send a test message through ``channel`` now; NotificationFailed says why it did not arrive."""
        self._engine.check_open()
        self.notifier.send_test(channel)
