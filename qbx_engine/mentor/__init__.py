"""The trading mentor: the trader's emotion notes, the reading of a day and a week, instant advice, the report."""

from .analysis import analyse_day
from .context import MentorView, Reading
from .emotions import EMOTIONS, MARKET_CONDITIONS, NOTE_MAX, clean_entry
from .feedback import instant_feedback
from .report import report_markdown
from .weekly import analyse_week

__all__ = ["EMOTIONS", "MARKET_CONDITIONS", "NOTE_MAX", "MentorView", "Reading", "analyse_day", "analyse_week",
           "clean_entry", "instant_feedback", "report_markdown"]
