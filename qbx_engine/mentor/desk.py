"""Where the mentor gets its material: the journal and the emotion log, cut into the trader's local days and weeks."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from ..errors import ValidationError
from ..i18n import Msg
from ..journal import Journal, day_bounds, local_day, summarize
from ..store.partitioned import PartitionedLog
from .analysis import analyse_day
from .context import MentorView, Reading
from .emotions import EMOTIONS, clean_entry
from .feedback import instant_feedback
from .weekly import analyse_week, monday_of

HISTORY_DAYS = 30
EARLIER_WEEKS = 4


class MentorDesk:
    def __init__(self, journal: Journal, emotions: PartitionedLog):
        self.journal = journal
        self.emotion_log = emotions

    def add_emotion(self, entry: dict, now: float, tz: str) -> dict:
        record = {"ts": now, "day": local_day(now, tz).isoformat(), **clean_entry(entry)}
        record["seq"] = self.emotion_log.append(record)
        return record

    def emotions(self, day: date, tz: str, last: date | None = None) -> list[dict]:
        """The notes of ``day`` (through ``last``, if given), oldest first."""
        since, until = day_bounds(day, tz).start, day_bounds(last or day, tz).end
        return self.emotion_log.query(since=since, until=until, limit=None, newest_first=False)

    def sessions(self, first: date, last: date, tz: str) -> list[dict]:
        """One summary per calendar day from ``first`` to ``last`` (days without trades included)."""
        since, until = day_bounds(first, tz).start, day_bounds(last, tz).end
        trades, felt = defaultdict(list), defaultdict(list)
        for trade in self.journal.trades(since=since, until=until, newest_first=False):
            trades[local_day(trade["close_time"], tz)].append(trade)
        for entry in self.emotion_log.query(since=since, until=until, limit=None, newest_first=False):
            day = local_day(entry["ts"], tz)
            felt[day] += [e for e in (entry["emotion_before"], entry.get("emotion_after")) if e]
        days = []
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            summary = summarize(day, trades[day])
            summary["emotions"] = sorted(set(felt[day]), key=EMOTIONS.index)
            days.append(summary)
        return days

    def reading(self, first: date, last: date, view: MentorView, history: list[dict] | None = None) -> Reading:
        """The trades and notes of ``first``..``last``; the open positions only if that period includes now."""
        trades = [x for s in self.sessions(first, last, view.tz) for x in s["trades"]]
        bounds = (day_bounds(first, view.tz).start, day_bounds(last, view.tz).end)
        positions = view.positions() if bounds[0] <= view.now < bounds[1] else []
        return Reading(first, last, trades, self.emotions(first, view.tz, last), view.tz, view.currency,
                       view.max_per_day, positions, history or [])

    def analyse(self, day: date, view: MentorView) -> dict:
        """The analysis of ``day``, with the day's trades it was made from (``trades``)."""
        history = self.sessions(day - timedelta(days=HISTORY_DAYS), day - timedelta(days=1), view.tz)
        reading = self.reading(day, day, view, history)
        return {**analyse_day(reading), "trades": reading.trades}

    def weekly(self, day: date, view: MentorView) -> dict:
        """The review of the Monday-Sunday week holding ``day``, with the week's trades (``trades``)."""
        monday = monday_of(day)
        sunday = monday + timedelta(days=6)
        days = self.sessions(monday - timedelta(days=HISTORY_DAYS), sunday, view.tz)
        before = days[:-7]
        earlier = [[x for s in before[len(before) - 7 * k:len(before) - 7 * (k - 1)] for x in s["trades"]]
                   for k in range(1, EARLIER_WEEKS + 1)]
        week = self.reading(monday, sunday, view)
        return {**analyse_week(week, earlier, days), "trades": week.trades}

    def feedback(self, emotion: str, today: date, view: MentorView) -> list[dict]:
        if emotion not in EMOTIONS:
            raise ValidationError({"emotion": Msg("mentor.err.emotion", {"value": str(emotion)})})
        return instant_feedback(emotion, self.reading(today, today, view))
