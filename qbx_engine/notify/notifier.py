"""Outbound notifications: what the engine tells the trader through Telegram and a webhook.

The engine owns one :class:`Notifier`. It listens to the activity log; an event
of a category a channel has switched on becomes a note in the outbox (a short
local write, so a tick never waits on the network) and each channel's worker thread sends
it. Scheduled reports are queued by a job on the engine's scheduler.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.triggers.interval import IntervalTrigger

from ..core.errors import QbxError, ValidationError
from ..core.i18n import shown
from ..trading import events as ev
from . import config
from .categories import CATEGORIES, PRIORITY, REPORTS, category_of
from .channels import TIMEOUT, Channel, SendFailed, TelegramChannel, WebhookChannel
from .config import Scrubber, Setup
from .messages import event_note, report_note, test_note
from .outbox import Outbox, empty_stats
from .reports import SCHEDULED, parse_time
from .worker import Worker

log = logging.getLogger(__name__)

CHANNELS = ("telegram", "webhook")
OUTBOX_FILE = "notify/outbox.json"
REPORT_CHECK_EVERY = 30  # seconds between two looks at the clock for scheduled reports
CLOSE_WAIT = 2.0  # seconds close() waits for a send in flight


class NotificationFailed(QbxError):
    """The test message did not arrive; the message says why in the trader's terms."""


def setting_name(channel: str) -> str:
    return f"notify_{channel}"


class Notifier:
    def __init__(self, store, settings, clock, *, error_streak: Callable[[int], int], reports: Any,
                 setups: dict[str, Setup] | None = None, timeout: float = TIMEOUT, **worker_time):
        self.settings = settings
        self.clock = clock
        self._error_streak = error_streak
        self._reports = reports
        self.setups = setups if setups is not None else config.load()
        self.scrub = Scrubber()
        for setup in self.setups.values():
            self.scrub = self.scrub + setup.scrub
        self.outbox = Outbox(store.tables(OUTBOX_FILE))
        caught = self.outbox.recover()
        if caught:
            log.warning("notifications caught mid-send by a crash, not sent again: %s", caught)
        self.channels: dict[str, Channel] = {}
        for name, setup in self.setups.items():
            if setup.config is not None:
                cls = TelegramChannel if name == "telegram" else WebhookChannel
                self.channels[name] = cls(setup.config, setup.scrub, timeout)  # type: ignore[arg-type]
        self.workers = {name: Worker(self.outbox, channel, wall=clock.now, **worker_time)
                        for name, channel in self.channels.items()}
        self._report_lock = threading.Lock()
        self.closed = False

    def start(self, scheduler=None) -> None:
        """Start sending; with a scheduler, also look every half minute whether a report is due."""
        for worker in self.workers.values():
            worker.start()
        if scheduler is not None:
            scheduler.add_job(self.check_reports, IntervalTrigger(seconds=REPORT_CHECK_EVERY), id="notify-reports",
                              replace_existing=True, misfire_grace_time=REPORT_CHECK_EVERY)

    def close(self, timeout: float = CLOSE_WAIT) -> None:
        """Stop the workers (bounded wait); what is unsent stays in the outbox for the next start. Never raises."""
        self.closed = True  # a late event (a tick past the engine's wait) no longer touches the store
        try:
            for worker in self.workers.values():
                worker.request_stop()
            deadline = time.monotonic() + timeout
            for name, worker in self.workers.items():
                if not worker.stop(max(0.0, deadline - time.monotonic())):
                    log.warning("a %s notification was still being sent at close; it goes again at the next start",
                                name)
        except Exception as exc:  # noqa: BLE001 - closing the engine must go on
            log.warning("stopping notifications: %s", type(exc).__name__)

    # -- what is queued --------------------------------------------------------------------
    def on_event(self, event: dict) -> None:
        """The activity log's listener: queue the event for every channel that wants its category."""
        category = category_of(event["action"])
        if category is None or self.closed:
            return
        if event["action"] == ev.ERROR and event.get("bot_id") is not None and self._error_streak(event["bot_id"]) > 1:
            return  # only the first error of a streak; the halt that may follow has its own message
        if event["action"] == ev.ALERT_REFUSED and event.get("bot_id") is None:
            return  # an unknown webhook secret names no bot of the trader's: it stays in the log
        settings = self.settings.all()
        targets = self._targets(category, settings)
        if not targets:
            return
        note = event_note(event, category, settings["language"], settings["timezone"])
        try:
            self.outbox.add([(name, PRIORITY[category], note) for name in targets])
        except QbxError as exc:
            log.warning("could not queue a notification: %s", self.scrub(exc))
            return
        self._wake(targets)

    def check_reports(self) -> list[str]:
        """Queue each scheduled report that is due today and past the chosen time; returns their names."""
        with self._report_lock:
            settings = self.settings.all()
            targets = self._targets(REPORTS, settings)
            if not targets or self.closed:
                return []
            tz, lang = settings["timezone"], settings["language"]
            now = self.clock.now()
            local = datetime.fromtimestamp(now, ZoneInfo(tz))
            if (local.hour, local.minute) < parse_time(settings["notify_report_time"]):
                return []
            day, queued = local.date(), []
            for item in SCHEDULED:
                if not item.due(day) or self.outbox.schedule_day(item.name) == day.isoformat():
                    continue
                try:
                    built = item.build(self._reports, day, lang)
                except QbxError as exc:  # e.g. the broker is down: try again at the next look
                    log.warning("the %s report is not ready: %s", item.name, self.scrub(exc))
                    continue
                notes = [] if built is None else [
                    (name, PRIORITY[REPORTS], report_note(REPORTS, built[0], built[1], now, lang, tz))
                    for name in targets]
                self.outbox.add(notes, schedule=(item.name, day.isoformat()))
                if notes:
                    queued.append(item.name)
            if queued:
                self._wake(targets)
            return queued

    def _wake(self, names: list[str]) -> None:
        for name in names:
            self.workers[name].wake()

    def _targets(self, category: str, settings: dict) -> list[str]:
        return [name for name in self.channels if category in settings[setting_name(name)]]

    # -- the Settings page ------------------------------------------------------------------
    def status(self) -> dict:
        settings = self.settings.all()
        stats, queued = self.outbox.stats(), self.outbox.queued()
        channels = {}
        for name in CHANNELS:
            setup = self.setups.get(name) or Setup()
            channels[name] = {
                "configured": name in self.channels,
                "problem": setup.problem.to_json() if setup.problem else None,
                "masked": setup.config.masked() if setup.config is not None else {},
                "categories": [c for c in CATEGORIES if c in settings[setting_name(name)]],
                "queued": queued.get(name, 0),
                "retry_in": self.workers[name].retry_in() if name in self.workers else None,
                **stats.get(name, empty_stats())}
        return {"channels": channels, "categories": list(CATEGORIES), "report_time": settings["notify_report_time"],
                "timezone": settings["timezone"]}

    def send_test(self, channel: str) -> None:
        """Send a test message now (not queued); NotificationFailed says why it did not arrive."""
        if channel not in CHANNELS:
            raise ValidationError.one("channel", "notify.err.unknown_channel", channel=shown(channel))
        if channel not in self.channels:
            raise NotificationFailed("notify.err.not_configured", channel=channel.capitalize())
        settings = self.settings.all()
        note = test_note(self.clock.now(), settings["language"], settings["timezone"])
        try:
            self.workers[channel].send_now(note)
        except SendFailed as exc:
            raise NotificationFailed("notify.err.test_failed", channel=channel.capitalize(),
                                     problem=exc.problem) from None
