"""Where the mentor gets its material: the journal and the emotion log, cut into local days."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from ..errors import ValidationError
from ..i18n import Msg, shown
from ..journal import Journal, day_bounds, local_day, summarize
from ..store.partitioned import PartitionedLog
from .analysis import analyse_day
from .emotions import EMOTIONS, clean_entry
from .feedback import instant_feedback

HISTORY_DAYS = 30


class MentorDesk:
    def __init__(self, journal: Journal, emotions: PartitionedLog):
        self.journal = journal
        self.emotion_log = emotions

    def add_emotion(self, entry: dict, now: float, tz: str) -> dict:
        record = {"ts": now, "day": local_day(now, tz).isoformat(), **clean_entry(entry)}
        record["seq"] = self.emotion_log.append(record)
        return record

    def emotions(self, day: date, tz: str) -> list[dict]:
        bounds = day_bounds(day, tz)
        return self.emotion_log.query(since=bounds.start, until=bounds.end, limit=None, newest_first=False)

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

    def analyse(self, day: date, tz: str, currency: str) -> dict:
        """The analysis of ``day``, with the day's trades it was made from (``trades``)."""
        *history, today = self.sessions(day - timedelta(days=HISTORY_DAYS), day, tz)
        return {**analyse_day(day, today["trades"], self.emotions(day, tz), history, currency),
                "trades": today["trades"]}

    def feedback(self, emotion: str, today: date, tz: str) -> list[dict]:
        if emotion not in EMOTIONS:
            raise ValidationError({"emotion": Msg("mentor.err.emotion", {"value": shown(emotion)})})
        return instant_feedback(emotion, self.sessions(today, today, tz)[0]["trades"])
