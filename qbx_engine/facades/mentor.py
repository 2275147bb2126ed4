"""``engine.mentor``: the trading mentor's calls (:mod:`qbx_engine.mentor`)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..core import inputs
from ..mentor.context import MentorView
from ..mentor.desk import MentorDesk

if TYPE_CHECKING:
    from ..engine import Engine


class Mentor:
    def __init__(self, engine: Engine):
        self._engine = engine
        self.desk = MentorDesk(engine.journal, engine.store.emotions)

    def add_emotion(self, entry: dict) -> dict:
        """Log how the trader feels (several entries a day are fine); ValidationError saves nothing."""
        self._engine.check_open()
        return self.desk.add_emotion(entry, self._engine.now(), self._tz())

    def emotions(self, day: str | date | None = None) -> list[dict]:
        """The emotion log of one day (``YYYY-MM-DD`` or a date; today by default)."""
        return self.desk.emotions(self._engine.day(day), self._tz())

    def report(self, day: str | date | None = None) -> dict:
        """The mentor's analysis of one day (today by default); messages are keys, render per language."""
        return self.desk.analyse(self._engine.day(day), self.view())

    def weekly(self, week: str | date | None = None) -> dict:
        """The mentor's review of the Monday-Sunday week (trader's time zone) holding ``week`` (this week)."""
        return self.desk.weekly(self._engine.day(week), self.view())

    def feedback(self, emotion: str) -> list[dict]:
        """Advice for the emotion felt right now, given today's trades so far and the trader's limits."""
        return self.desk.feedback(emotion, self._engine.day(None), self.view())

    def sessions(self, days: int = 30) -> list[dict]:
        """The last ``days`` calendar days (1 to 3650; today last), each with its trades, totals and emotions."""
        days = inputs.whole("days", days, 1, 3650)
        today = self._engine.day(None)
        return self.desk.sessions(today - timedelta(days=days - 1), today, self._tz())

    def view(self) -> MentorView:
        engine = self._engine
        settings = engine.settings.all()
        return MentorView(tz=settings["timezone"], currency=engine.account_currency(), now=engine.now(),
                          max_per_day=settings["mentor_max_trades_per_day"], positions=engine.positions)

    def _tz(self) -> str:
        return self._engine.settings.get("timezone")
