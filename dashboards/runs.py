"""When the pipeline should last have run: the daily schedule and the freshness rule."""

from __future__ import annotations

import datetime as dt

# The Dagster schedule `rasd_daily` (pipelines/defs/automation.py; a test keeps the two equal).
# Dagster evaluates it in UTC, and the warehouse records UTC.
SCHEDULE_CRON = "0 3 * * *"
# Time a scheduled run may take before its absence counts.
GRACE = dt.timedelta(hours=2)


def last_tick(now: dt.datetime, cron: str = SCHEDULE_CRON) -> dt.datetime:
    """The most recent time the daily ``cron`` ("M H * * *") fired at or before ``now`` (UTC)."""
    minute, hour, *rest = cron.split()
    if rest != ["*", "*", "*"]:
        raise ValueError(f"only daily schedules are understood, not {cron!r}")
    tick = now.replace(hour=int(hour), minute=int(minute), second=0, microsecond=0)
    return tick if tick <= now else tick - dt.timedelta(days=1)


def is_stale(last_finished: dt.datetime | None, now: dt.datetime, cron: str = SCHEDULE_CRON) -> bool:
    """True when no run finished since the last scheduled tick that is more than ``GRACE`` old."""
    if last_finished is None:
        return True
    due = last_tick(now - GRACE, cron)
    return last_finished < due
