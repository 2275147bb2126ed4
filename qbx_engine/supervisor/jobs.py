"""The supervisor: one APScheduler interval job per running bot, and the engine's periodic looks.

A bot's job ticks it on the grid of its interval, so ticks follow bar closes; pause is
the job's pause. Beside the bots' jobs run the checkpoint of what the dashboard shows of
each bot, the journal sweep (positions closed by hand or by other EAs) and the
emergency brake's look at the account. The engine changes jobs only under the bot
book's lock, so when a lifecycle call returns the store and the job table agree.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from ..core.errors import BrokerUnavailable, QbxError
from ..core.i18n import Msg
from ..trading.botbook import BotBook
from ..trading.bots import ACTIVE, ERROR, PAUSED, STOPPED
from ..trading.broker_guard import BrokerGuard
from ..trading.schedule import CHECKPOINT_EVERY, SWEEP_EVERY, WATCH_EVERY, next_tick, tick_offset
from ..trading.trader import Trader

log = logging.getLogger(__name__)

# Ticks are short and mostly hold the GIL (paper) or wait on the terminal (MT5): a few threads per core.
DEFAULT_WORKERS = max(4, min(16, 4 * (os.cpu_count() or 1)))


def job_id(bot_id: int) -> str:
    return f"bot-{bot_id}"


class Supervisor:
    def __init__(self, book: BotBook, trader: Trader, guard: BrokerGuard, runtime_db, workers: int,
                 on_damaged: Callable[[Msg], None] | None = None):
        self.book, self.trader, self.guard = book, trader, guard
        self.runtime_db = runtime_db
        self.on_damaged = on_damaged  # moves a runtime.json of the wrong shape aside (it is rebuilt)
        self.workers = workers
        self.scheduler = BackgroundScheduler(executors={"default": ThreadPoolExecutor(workers)},
                                             job_defaults={"coalesce": True, "max_instances": 1}, timezone=UTC)
        self.scheduler.add_listener(self._on_skipped, EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED)
        self._restore()

    @property
    def running(self) -> bool:
        return self.scheduler.running

    def start(self) -> None:
        """Start the scheduler and the periodic looks (bots' jobs added before run from now on). The looks run on
        the UTC grid of their intervals, the instants the account backtest replays them at."""
        self.scheduler.start()
        now = time.time()
        for name, every, look in (("checkpoint", CHECKPOINT_EVERY, self.checkpoint), ("sweep", SWEEP_EVERY, self.sweep),
                                  ("account-watch", WATCH_EVERY, self.watch)):
            start = datetime.fromtimestamp(next_tick(now, every, 0.0), UTC)  # the grid the replay uses
            self.scheduler.add_job(look, IntervalTrigger(seconds=every, start_date=start), id=name,
                                   misfire_grace_time=int(every))

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    # -- the bots' jobs ----------------------------------------------------------------------
    def schedule(self, bot_id: int, *, paused: bool) -> None:
        """(Re)create the bot's job on the grid of its interval (:mod:`qbx_engine.trading.schedule`), so ticks
        follow bar closes."""
        bot = self.book.get(bot_id)
        interval = float(bot.check_interval)
        runtime = self.book.runtime(bot_id)
        assert runtime is not None  # the book keeps a runtime for every bot it holds
        now = time.time()
        start = datetime.fromtimestamp(math.floor(now / interval) * interval + interval + tick_offset(bot_id, interval),
                                       UTC)
        runtime.grid_start, runtime.interval = start.timestamp(), interval
        runtime.trading_allowed = not paused
        kwargs: dict[str, Any] = {"next_run_time": None} if paused else {}
        self.scheduler.add_job(self._scheduled_tick, IntervalTrigger(seconds=interval, start_date=start),
                               args=[bot_id], id=job_id(bot_id), replace_existing=True,
                               misfire_grace_time=max(1, int(min(interval / 2, 30))), **kwargs)

    def unschedule(self, bot_id: int) -> None:
        runtime = self.book.runtime(bot_id)
        if runtime is not None:
            runtime.close_gate()
        with suppress(JobLookupError):
            self.scheduler.remove_job(job_id(bot_id))

    def pause(self, bot_id: int) -> None:
        self.scheduler.pause_job(job_id(bot_id))

    def resume(self, bot_id: int) -> None:
        self.scheduler.resume_job(job_id(bot_id))

    def bot_jobs(self) -> dict[str, Any]:
        return {j.id: j for j in self.scheduler.get_jobs() if j.id.startswith("bot-")}

    def disagreements(self, stored: dict[int, str]) -> list[str]:
        """Where the saved statuses and the job table disagree (invariant 1), also before the scheduler starts."""
        problems = []
        jobs = self.bot_jobs()
        for bot_id, status in stored.items():
            job = jobs.get(job_id(bot_id))
            paused = job is not None and _job_paused(job)
            running = job is not None and not paused
            if status == ACTIVE and not running:
                problems.append(f"bot {bot_id} is active without a running job")
            if status == PAUSED and not paused:
                problems.append(f"bot {bot_id} is paused without a paused job")
            if status in (STOPPED, ERROR) and job is not None:
                problems.append(f"bot {bot_id} is {status} but has a job")
        problems += [f"job {name} has no bot" for name in jobs if int(name[4:]) not in stored]
        return problems

    def bot_health(self, now: float, started_at: float) -> dict[int, dict]:
        """Per bot: ticks, overruns, missed runs, lateness, staleness and its job (call under the book's lock)."""
        jobs = self.bot_jobs()
        bots = {}
        for bot in self.book:
            runtime = self.book.runtime(bot.id)
            assert runtime is not None
            reference = runtime.last_tick_at or bot.updated_at or started_at
            lateness = sorted(runtime.lateness_ms)
            bots[bot.id] = {
                "status": bot.status, "last_tick_at": runtime.last_tick_at, "ticks": runtime.ticks,
                "overruns": runtime.overruns, "missed": runtime.missed, "error_streak": bot.error_streak,
                "stale": bot.status == ACTIVE and now - max(reference, started_at) > 3 * bot.check_interval,
                "last_duration_ms": runtime.last_duration_ms, "lateness_p50_ms": _percentile(lateness, 50),
                "lateness_p99_ms": _percentile(lateness, 99), "job": _job_state(jobs.get(job_id(bot.id)))}
        return bots

    def _scheduled_tick(self, bot_id: int) -> None:
        runtime = self.book.runtime(bot_id)
        if runtime is None:
            return
        if runtime.grid_start is not None and runtime.interval:
            late = (time.time() - runtime.grid_start) % runtime.interval
            runtime.lateness_ms.append(late * 1000.0 if late < runtime.interval else 0.0)
        self.trader.tick(bot_id, scheduled=True)

    def _on_skipped(self, event) -> None:
        """Count a tick the scheduler skipped (the bot's previous tick still running, or too late to run).

        APScheduler calls this while holding its job-store lock, so it only counts; the bot's next tick
        logs the overrun (see :meth:`Trader.tick`), off the scheduler's thread.
        """
        if not event.job_id.startswith("bot-"):
            return
        runtime = self.book.runtime(int(event.job_id[4:]))
        if runtime is None:
            return
        if event.code == EVENT_JOB_MAX_INSTANCES:
            runtime.overruns += 1
        else:
            runtime.missed += 1

    # -- the periodic looks --------------------------------------------------------------------
    def _restore(self) -> None:
        """What the dashboard showed of each bot before the last close or crash. It is derived data: a file
        of the wrong shape is moved aside (said once, by ``on_damaged``) and rebuilt by the next ticks."""
        saved = self.runtime_db.get("runtime", 1) or {}
        saved.pop("doc_id", None)
        wrong = [(key, ["*"]) for key, value in saved.items() if not isinstance(value, dict)]
        runtimes = self.book.runtimes()
        for runtime in runtimes:
            fields = runtime.restore(saved.get(str(runtime.bot_id)))
            if fields and str(runtime.bot_id) not in dict(wrong):
                wrong.append((str(runtime.bot_id), fields))
        if not wrong:
            return
        for runtime in runtimes:
            runtime.restore({})  # nothing from a file that cannot be trusted
        bot, fields = wrong[0]
        problem = Msg("store.runtime_shape", {"bot": bot, "fields": ", ".join(fields), "count": len(wrong)})
        if self.on_damaged is not None:
            self.on_damaged(problem)
        else:
            log.warning("%s: %s", self.runtime_db.path, problem)

    def checkpoint(self, force: bool = False) -> None:
        """Save what the dashboard shows of each bot, so a restart does not blank it."""
        if not (self.trader.dirty or force):
            return
        self.trader.dirty = False
        with self.book.lock:
            snapshot = {str(runtime.bot_id): runtime.snapshot() for runtime in self.book.runtimes()}
        try:
            self.runtime_db.upsert_doc("runtime", 1, snapshot)
        except QbxError as exc:
            log.warning("could not save the bots' last analyses: %s", exc)

    def watch(self) -> None:
        """The emergency brake's look at the account (peak, limits, lifting at the next day)."""
        self._look("emergency brake", self.trader.watch_account)

    def sweep(self) -> None:
        """Journal positions of the account that closed without a bot noticing (manual trades, other EAs)."""
        self._look("journal sweep", self.trader.sweep)

    def _look(self, what: str, look) -> None:
        try:
            self.guard.check()
            look()
        except BrokerUnavailable as exc:
            self.guard.failed(exc)
        except QbxError as exc:
            log.warning("%s: %s", what, exc)


def _job_state(job) -> dict | None:
    """A bot's schedule as the dashboard and tests see it: running or paused, every how many seconds, next tick."""
    if job is None:
        return None
    next_run = getattr(job, "next_run_time", None)
    return {"state": "running" if next_run is not None else "paused",
            "interval": job.trigger.interval.total_seconds(),
            "next_tick_at": next_run.timestamp() if next_run is not None else None}


def _job_paused(job) -> bool:
    """A job added before the scheduler starts has no ``next_run_time`` yet (it runs once started);
    a paused one was added with ``next_run_time=None``, started or not."""
    return hasattr(job, "next_run_time") and job.next_run_time is None


def _percentile(values: list[float], pct: float) -> float | None:
    if not values:
        return None
    index = min(len(values) - 1, max(0, math.ceil(pct / 100 * len(values)) - 1))
    return round(values[index], 3)
