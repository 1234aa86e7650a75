"""Stage 7: record the run and publish the building file atomically (or drop it when nothing changed)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from pipelines.lib.sql import sql
from pipelines.lib.warehouse import builder_of, building_path, connect, discard_build, publish
from pipelines.stages.common import utc_now
from pipelines.stages.fingerprint import recorded_input_fingerprint


def summary(con: duckdb.DuckDBPyConnection) -> dict:
    cur = con.execute(sql("staging/run_summary"))
    cols = [d[0] for d in cur.description]
    return dict(zip(cols, cur.fetchone(), strict=True))


def run_publish(published: Path, run_id: str | None, started_at: datetime | None,
                describe: Callable[[duckdb.DuckDBPyConnection], Any] | None = None) -> dict:
    """Publish the run's building file (or discard it when the run changed nothing). ``describe`` is called
    on the building file's connection once it is final, and its result returned as ``tables``: reading the
    published file afterwards would fail while a reader in this process holds it with other settings."""
    build = building_path(published)
    with connect(build) as con:
        builder = builder_of(con)
        if builder and run_id and builder != run_id:
            # Cannot happen while runs hold the writer lock; if it ever did, publishing would put another
            # run's half-built copy in front of readers.
            raise RuntimeError(f"the building file {build} was started by run {builder}, not by this run "
                               f"({run_id}): not publishing it")
        changed = con.execute("select coalesce(sum(n_changed), 0) from run_log").fetchone()[0]
        facts = summary(con)
        if changed == 0 and published.exists():
            publish_it = False
        else:
            publish_it = True
            con.execute(
                "insert into pipeline_runs by name select ? as run_id, ? as started_at, ? as finished_at, "
                "? as n_files, ? as n_documents, ? as n_duplicates, ? as n_quarantined, ? as n_claims, "
                "? as n_docs_processed, ? as input_fingerprint, ? as n_files_read",
                [run_id or uuid.uuid4().hex, started_at, utc_now(),
                 facts["n_files"], facts["n_documents"], facts["n_duplicates"], facts["n_quarantined"],
                 facts["n_claims"], facts["n_docs_processed"], recorded_input_fingerprint(con), facts["n_files_read"]],
            )
        tables = describe(con) if describe else None
    if publish_it:
        publish(published)
    else:
        discard_build(published)
    return {**facts, "published": publish_it, **({"tables": tables} if describe else {})}
