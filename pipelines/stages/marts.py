"""Stage 6: the marts the dashboard reads (``sql/marts/*.sql``, canonical documents only)."""

from __future__ import annotations

import time

import duckdb

from pipelines.lib.duckdb_ext import load_extension
from pipelines.lib.sql import sql_files
from pipelines.stages.common import log_stage


def run_marts(con: duckdb.DuckDBPyConnection) -> dict:
    start = time.perf_counter()
    changed = con.execute("select coalesce(sum(n_changed), 0) from run_log").fetchone()[0]
    files = sql_files("marts")
    if changed == 0 and con.execute("select count(*) from pipeline_runs").fetchone()[0] > 0:
        log_stage(con, "marts", 0, 0, time.perf_counter() - start)
        return {"marts_built": 0, "skipped": "no input changed"}
    load_extension(con, "fts")
    for path in files:
        con.execute(path.read_text(encoding="utf-8"))
    log_stage(con, "marts", len(files), 0, time.perf_counter() - start)
    return {"marts_built": len(files)}
