"""Stage 7: record the run and publish it: its last lake commit, tagged ``publish`` (or ``unchanged`` when
the run changed nothing), then the release file refreshed and snapshots beyond the kept ones expired."""

from __future__ import annotations

import uuid
from datetime import datetime

import duckdb

from pipelines.lib import lake
from pipelines.lib.duck_inputs import execute
from pipelines.lib.sql import sql
from pipelines.lib.warehouse import builder_of
from pipelines.stages.common import set_state_value, utc_now
from pipelines.stages.fingerprint import recorded_input_fingerprint

_ENDED_KEY = ("run", "__ended__")
# What summary() returns (sql/staging/run_summary.sql's columns).
SUMMARY_KEYS = frozenset({
    "n_files", "n_documents", "n_canonical", "n_duplicates", "n_quarantined", "n_claims", "n_actors", "n_locations",
    "n_docs_processed", "n_files_read", "n_incidents", "n_incidents_shared", "n_metadata_rows", "n_metadata_reported"})


def summary(con: duckdb.DuckDBPyConnection) -> dict:
    cur = con.execute(sql("staging/run_summary"))
    cols = [d[0] for d in cur.description]
    return dict(zip(cols, cur.fetchone(), strict=True))


def run_publish(con: duckdb.DuckDBPyConnection, run_id: str | None, started_at: datetime | None) -> dict:
    """Publish the run on the lake behind ``con`` (or end it as ``unchanged`` when it changed nothing and a
    publication exists). The ``pipeline_runs`` row and the tag are one commit, so a reader sees both or
    neither. Returns the summary, ``published``, the snapshot (``snapshot_id``, ``run_no``), the previous
    publication's snapshot (``previous_snapshot_id``)."""
    builder = builder_of(con)
    if builder and run_id and builder != run_id:
        # Cannot happen while runs hold the writer lock; if it ever did, publishing would put another
        # run's half-written tables in front of readers.
        raise RuntimeError(f"the lake's current run was started by run {builder}, not by this run "
                           f"({run_id}): not publishing it")
    run_id = run_id or uuid.uuid4().hex
    changed = con.execute("select coalesce(sum(n_changed), 0) from run_log").fetchone()[0]
    facts = summary(con)
    previous = lake.newest_publication(con)
    publish_it = changed != 0 or previous is None
    run_no = None
    con.begin()
    try:
        if publish_it:
            execute(con, sql("staging/pipeline_run_record"),
                        [run_id, started_at, utc_now(), facts["n_files"], facts["n_documents"],
                         facts["n_duplicates"], facts["n_quarantined"], facts["n_claims"],
                         facts["n_docs_processed"], recorded_input_fingerprint(con), facts["n_files_read"]])
            run_no = con.execute("select count(*) from pipeline_runs").fetchone()[0]
        # A write of its own, so the tagged commit exists even when the run changed nothing.
        set_state_value(con, _ENDED_KEY, run_id)
        # The publication carries its summary (what summary() reads of the published lake): a `make run` that
        # finds nothing changed prints it without counting the lake's tables again (0.2 s at 100,000 articles).
        lake.tag_commit(con, lake.PUBLISH if publish_it else lake.UNCHANGED, run_id, run_no,
                        facts if publish_it else None)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    newest = lake.newest_publication(con)
    return {**facts, "published": publish_it, "snapshot_id": newest.snapshot_id if newest else None,
            "run_no": newest.run_no if newest else None,
            "previous_snapshot_id": previous.snapshot_id if previous and publish_it else None}
