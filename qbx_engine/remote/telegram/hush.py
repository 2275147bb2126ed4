"""Keep the token and the chats' words out of the libraries' log lines.

The Bot API puts the token in every URL: httpx logs each request's URL at INFO (a line per long
poll), and python-telegram-bot logs its base URL and every request's parameters and answers (a
stranger's message included) at DEBUG. While the poller runs, a filter on exactly those loggers drops
their DEBUG/INFO lines and scrubs the token from warnings and errors, tracebacks included.
"""

from __future__ import annotations

import logging
import traceback

from ...notify.config import Scrubber

# Filters apply to records of the logger they are set on (not its children): every name that writes.
LOGGERS = ("httpx", "telegram", "telegram.Bot", "telegram.request.BaseRequest", "telegram.request.HTTPXRequest",
           "telegram.ext")


class Hush(logging.Filter):
    def __init__(self, scrub: Scrubber):
        super().__init__()
        self.scrub = scrub

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return False
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + "".join(traceback.format_exception(*record.exc_info))
            record.exc_info = None
        record.exc_text = None
        record.msg, record.args = self.scrub(text), None
        return True

    def install(self) -> Hush:
        for name in LOGGERS:
            logging.getLogger(name).addFilter(self)
        return self

    def remove(self) -> None:
        for name in LOGGERS:
            logging.getLogger(name).removeFilter(self)
