"""How the dashboard process logs: our own lines at INFO, the scheduler only when something is wrong.

APScheduler writes two INFO lines for every job run ("Running job …", "… executed successfully"):
with 100 bots at 1 s that is gigabytes of stdout a day and buries the lines that matter. Its
warnings (a run skipped or missed) and errors still pass.

On Windows the console, or a file stderr is redirected to, often encodes cp1252 or cp437: a line with
Indonesian text, an arrow or an emoji would fail to encode and be lost (logging prints "--- Logging error
---" instead). The stream writes what it cannot encode as escapes (``\\U0001f6a8``), so every line arrives.
"""

from __future__ import annotations

import logging
import sys

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
QUIET = ("apscheduler.executors", "apscheduler.scheduler")


def configure_logging(level: int = logging.INFO) -> None:
    """Lines to stderr at ``level`` (unless logging was set up already), the scheduler's per-run lines off;
    stdout and stderr take any text."""
    tolerant_console()
    if not logging.getLogger().handlers:
        logging.basicConfig(level=level, format=FORMAT, stream=sys.stderr)
    for name in QUIET:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))


def tolerant_console() -> None:
    """stdout and stderr in an encoding other than UTF-8 write what they cannot encode as escapes."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
