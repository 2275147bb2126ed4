"""How the dashboard process logs: our own lines at INFO, the scheduler only when something is wrong.

APScheduler writes two INFO lines for every job run ("Running job …", "… executed successfully"):
with 100 bots at 1 s that is gigabytes of stdout a day and buries the lines that matter. Its
warnings (a run skipped or missed) and errors still pass.
"""

from __future__ import annotations

import logging

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
QUIET = ("apscheduler.executors", "apscheduler.scheduler")


def configure_logging(level: int = logging.INFO) -> None:
    """Lines to stderr at ``level`` (unless logging was set up already), the scheduler's per-run lines off."""
    logging.basicConfig(level=level, format=FORMAT)
    for name in QUIET:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
