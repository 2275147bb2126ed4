"""Where the mentor gets its material: the journal and the emotion log, cut into the trader's local days and weeks."""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict, defaultdict
from datetime import date, timedelta

from ..core.errors import ValidationError
from ..core.i18n import Msg, shown
from ..store.partitioned import PartitionedLog
from ..trading.journal import Journal, day_bounds, local_day, summarize
from .analysis import analyse_day
from .context import MentorView, Reading
from .emotions import EMOTIONS, clean_entry
from .feedback import instant_feedback
from .weekly import analyse_week, monday_of

HISTORY_DAYS = 30
EARLIER_WEEKS = 4
CACHED_RANGES = 8


class MentorDesk:
    def __init__(self, journal: Journal, emotions: PartitionedLog):
        self.journal = journal
        self.emotion_log = emotions
        self._cache: OrderedDict[tuple, list[dict]] = OrderedDict()
        self._lock = threading.Lock()

    def add_emotion(self, entry: dict, now: float, tz: str) -> dict:
        record = {"ts": now, "day": local_day(now, tz).isoformat(), **clean_entry(entry)}
        record["seq"] = self.emotion_log.append(record)
        return record

    def emotions(self, day: date, tz: str, last: date | None = None) -> list[dict]:
        """The notes of ``day`` (through ``last``, if given), oldest first."""
        since, until = day_bounds(day, tz).start, day_bounds(last or day, tz).end
        return self.emotion_log.query(since=since, until=until, limit=None, newest_first=False)

    def sessions(self, first: date, last: date, tz: str) -> list[dict]:
        """One summary per calendar day from ``first`` to ``last`` (days without trades included).

        The journal and the notes only grow, so a result stays right until either gets a new record: the
        last few are kept (a page rerun asks for the same days again) and handed out as copies."""
        key = (first, last, tz, self.journal.log.last_seq, self.emotion_log.last_seq)
        with self._lock:
            cached = self._cache.get(key)
            if cached is None:
                cached = self._cache[key] = self._read_sessions(first, last, tz)
                while len(self._cache) > CACHED_RANGES:
                    self._cache.popitem(last=False)
            else:
                self._cache.move_to_end(key)
        return [{**s, "trades": list(s["trades"]), "emotions": list(s["emotions"])} for s in cached]

    def _read_sessions(self, first: date, last: date, tz: str) -> list[dict]:
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        starts = [day_bounds(day, tz).start for day in days]
        since, until = starts[0], day_bounds(last, tz).end
        trades: dict[date, list[dict]] = defaultdict(list)
        felt: dict[date, list[str]] = defaultdict(list)
        for trade in self.journal.trades(since=since, until=until, newest_first=False):
            trades[days[bisect.bisect_right(starts, trade["close_time"]) - 1]].append(trade)
        for entry in self.emotion_log.query(since=since, until=until, limit=None, newest_first=False):
            day = days[bisect.bisect_right(starts, entry["ts"]) - 1]
            felt[day] += [e for e in (entry["emotion_before"], entry.get("emotion_after")) if e]
        out = []
        for day in days:
            summary = summarize(day, trades[day])
            summary["emotions"] = sorted(set(felt[day]), key=EMOTIONS.index)
            out.append(summary)
        return out

    def _reading(self, first: date, last: date, view: MentorView, days: list[dict]) -> Reading:
        """The trades and notes of ``first``..``last`` (the last days of ``days``, which come before them are
        the history); the open positions only if the period includes now."""
        length = (last - first).days + 1
        trades = [x for s in days[-length:] for x in s["trades"]]
        bounds = (day_bounds(first, view.tz).start, day_bounds(last, view.tz).end)
        positions = view.positions() if bounds[0] <= view.now < bounds[1] else []
        return Reading(first, last, trades, self.emotions(first, view.tz, last), view.tz, view.currency,
                       view.max_per_day, positions, days[:-length])

    def analyse(self, day: date, view: MentorView) -> dict:
        """The analysis of ``day``, with the day's trades it was made from (``trades``)."""
        reading = self._reading(day, day, view, self.sessions(day - timedelta(days=HISTORY_DAYS), day, view.tz))
        return {**analyse_day(reading), "trades": reading.trades}

    def weekly(self, day: date, view: MentorView) -> dict:
        """The review of the Monday-Sunday week holding ``day``, with the week's trades (``trades``)."""
        monday = monday_of(day)
        sunday = monday + timedelta(days=6)
        days = self.sessions(monday - timedelta(days=HISTORY_DAYS), sunday, view.tz)
        before = days[:-7]
        earlier = [[x for s in before[len(before) - 7 * k:len(before) - 7 * (k - 1)] for x in s["trades"]]
                   for k in range(1, EARLIER_WEEKS + 1)]
        week = self._reading(monday, sunday, view, days)
        return {**analyse_week(week, earlier, days), "trades": week.trades}

    def feedback(self, emotion: str, today: date, view: MentorView) -> list[dict]:
        if emotion not in EMOTIONS:
            raise ValidationError({"emotion": Msg("mentor.err.emotion", {"value": shown(emotion)})})
        return instant_feedback(emotion, self._reading(today, today, view, self.sessions(today, today, view.tz)))
