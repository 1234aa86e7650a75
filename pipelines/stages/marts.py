"""Stage 6: the marts the dashboard reads (``sql/marts/*.sql``, canonical documents only)."""

from __future__ import annotations

import hashlib
import time

import duckdb

from pipelines.lib.duckdb_ext import load_extension
from pipelines.lib.sql import sql_files
from pipelines.stages.common import log_stage

_STATE_KEY = ("marts", "__sql__")


def marts_fingerprint() -> str:
    h = hashlib.sha256()
    for path in sql_files("marts"):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def run_marts(con: duckdb.DuckDBPyConnection) -> dict:
    """Rebuild every mart when an input table or a mart's SQL changed; otherwise leave them be."""
    start = time.perf_counter()
    changed = con.execute("select coalesce(sum(n_changed), 0) from run_log").fetchone()[0]
    fingerprint = marts_fingerprint()
    row = con.execute("select fingerprint from stage_state where stage = ? and doc_id = ?", list(_STATE_KEY)).fetchone()
    if changed == 0 and row is not None and row[0] == fingerprint:
        log_stage(con, "marts", 0, 0, time.perf_counter() - start)
        return {"marts_built": 0, "skipped": "no input and no mart definition changed"}
    files = sql_files("marts")
    load_extension(con, "fts")
    for path in files:
        con.execute(path.read_text(encoding="utf-8"))
    con.execute("insert or replace into stage_state values (?, ?, ?)", [*_STATE_KEY, fingerprint])
    # A new mart definition alone is a change worth publishing.
    log_stage(con, "marts", len(files), 0 if changed else 1, time.perf_counter() - start)
    return {"marts_built": len(files)}
