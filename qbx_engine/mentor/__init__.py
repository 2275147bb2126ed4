"""The trading mentor: the trader's emotion notes, the analysis of a day, instant feedback, the report."""

from .analysis import analyse_day
from .emotions import EMOTIONS, MARKET_CONDITIONS, NOTE_MAX, clean_entry
from .feedback import instant_feedback
from .report import report_markdown

__all__ = ["EMOTIONS", "MARKET_CONDITIONS", "NOTE_MAX", "analyse_day", "clean_entry", "instant_feedback",
           "report_markdown"]
