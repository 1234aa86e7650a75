"""The Pipeline page: run history equal to pipeline_runs, the quarantined files of a corpus with known
bad inputs (an empty and a binary file) listed with their reasons, and the freshness rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from dashboards import runs
from tests.dashboards.apptest_run import run_app
from tests.dashboards.dash_warehouse import BINARY_NAME, EMPTY_NAME
from tests.dashboards.html_tables import tables


def test_pipeline_page_lists_runs_and_quarantined_files(
    dashboard_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RASD_WAREHOUSE", str(dashboard_warehouse))
    at = run_app("app_pages/pipeline.py")
    with duckdb.connect(str(dashboard_warehouse), read_only=True) as con:
        quarantined = dict(con.execute("select path, reason from raw_files where status = 'quarantined'").fetchall())
        run = con.execute(
            "select finished_at, n_files, n_files_read, n_documents, n_claims from pipeline_runs"
        ).fetchall()
        newest = con.execute("select max(cast(published_at as date)) from documents where status = 'ok'").fetchone()[0]
    assert set(quarantined) == {EMPTY_NAME, BINARY_NAME}
    assert all(reason for reason in quarantined.values())
    shown = tables([h.value for h in at.html])
    listed = next(t for t in shown if any(h.startswith("reason") for h in t.headers))
    assert dict(zip(listed.column("file"), listed.column("reason"), strict=True)) == quarantined

    (finished, n_files, n_read, n_docs, n_claims), = run
    history = next(t for t in shown if any(h.startswith("files read") for h in t.headers))
    assert history.column("finished (UTC)") == [finished.strftime("%Y-%m-%d %H:%M")]
    assert history.column("files seen") == [f"{n_files:,}"] and history.column("files read") == [f"{n_read:,}"]
    assert n_read == n_files == 9
    # the first run added everything it holds
    assert history.column("documents added") == [f"{n_docs:,}"]
    assert history.column("claims added") == [f"{n_claims:,}"]
    metrics = {m.label.split(" ·")[0]: m.value for m in at.metric}
    assert metrics["Quarantined files"] == "2"
    assert metrics["Newest article"] == (newest.isoformat() if newest else "undated")
    assert at.success  # just built: fresh


def test_freshness_follows_the_daily_schedule() -> None:
    now = dt.datetime(2026, 3, 10, 12, 0)
    assert runs.last_tick(now) == dt.datetime(2026, 3, 10, 3, 0)
    assert runs.last_tick(dt.datetime(2026, 3, 10, 2, 59)) == dt.datetime(2026, 3, 9, 3, 0)
    assert not runs.is_stale(dt.datetime(2026, 3, 10, 3, 20), now)
    assert runs.is_stale(dt.datetime(2026, 3, 9, 3, 20), now)  # today's 03:00 run is missing
    # within the grace after the tick, yesterday's run still counts
    assert not runs.is_stale(dt.datetime(2026, 3, 9, 3, 20), dt.datetime(2026, 3, 10, 4, 0))
    assert runs.is_stale(None, now)


def test_the_dashboard_knows_the_dagster_schedule() -> None:
    from pipelines.definitions import defs

    assert defs().get_schedule_def("rasd_daily").cron_schedule == runs.SCHEDULE_CRON
