"""A run's life on the lake (``lib/lake``): its start, and the settings of DuckDB files Rasd writes.

A run writes straight into the lake, a commit at a time; readers attach it at the newest published snapshot
(``lib/lake``), so nothing is copied to publish. When a run starts, what a dead or failed run committed
after the last clean end is put back first (:func:`start_run`), so every run builds on published data.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.lib.cores import available_cores
from pipelines.lib.duck_inputs import execute
from pipelines.lib.lake import LAKE, MIGRATED, restore_published, tag_commit
from pipelines.lib.sql import sql, sql_files
from pipelines.settings import setting


def duckdb_config() -> dict[str, str | int]:
    """Settings of every connection Rasd opens on a plain DuckDB file (the release file).

    DuckDB's buffers count in the process's RSS and by default may take 80% of the machine's memory:
    building the full-text index over 100,000 articles peaked at 3.6 GB and the contract checks at
    2.9 GB. With ``memory_limit`` (``RASD_DUCKDB_MEMORY``, default 1GB) DuckDB spills to its temporary
    directory instead, for about the same time. ``threads`` is the cores this process may use (its CPU
    affinity, which a container narrows), not the machine's.
    """
    threads = available_cores()
    # A file created in DuckDB's default format (v0.10) stores every text over a few KB uncompressed; in
    # the current one articles take about 2.5x less room (FSST, ZSTD). Files keep the format they were
    # created in; readers need DuckDB >= 1.5 (pyproject pins 1.5.5).
    return {"memory_limit": setting("RASD_DUCKDB_MEMORY"), "threads": threads,
            "storage_compatibility_version": "v1.5.0"}


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to a DuckDB file with the pipeline's settings (:func:`duckdb_config`)."""
    return duckdb.connect(str(path), read_only=read_only, config=duckdb_config())


def apply_ddl(con: duckdb.DuckDBPyConnection) -> None:
    """Create every contract table that does not exist yet (``sql/ddl/*.sql``) and bring tables of lakes
    built by earlier releases to the current definition, in one transaction (one lake snapshot)."""
    con.begin()
    try:
        split = _documents_is_a_table(con)
        if split:
            con.execute(sql("migrations/documents_split_rename"))
        for path in sql_files("ddl"):
            con.execute(path.read_text(encoding="utf-8"))
        if split:
            con.execute(sql("migrations/documents_split"))
        con.execute(sql("migrations/casualty_claims_claimant"))
        if split and _on_the_lake(con):
            tag_commit(con, MIGRATED, "migration")
        con.commit()
    except BaseException:
        con.rollback()
        raise


def _documents_is_a_table(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the lake holds ``documents`` as a table, as lakes built before the texts and the dedup decisions
    were split (``sql/ddl/030_documents.sql``) do."""
    return bool(con.execute("select count(*) from duckdb_tables() where database_name = current_database() "
                            "and schema_name = 'main' and table_name = 'documents'").fetchone()[0])


def _on_the_lake(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("select current_database()").fetchone()[0] == LAKE


BUILDER_KEY = ("run", "__builder__")


def prepare_run(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What starting a run does before it knows the run: put back what a dead or failed run left unpublished
    and create the tables. The caller holds the lake's writer lock. Returns the tables put back."""
    restored = restore_published(con)
    apply_ddl(con)
    return restored


def start_run(con: duckdb.DuckDBPyConnection, run_id: str | None = None, prepared: bool = False) -> list[str]:
    """Start a run on the lake behind ``con``: :func:`prepare_run` (unless ``prepared``: done already), then
    empty the run's own log and mark the run as ``run_id``'s (publication checks the mark).
    The caller holds the lake's writer lock (``lib/writer_lock``). Returns the tables put back."""
    restored = [] if prepared else prepare_run(con)
    con.begin()
    con.execute(sql("staging/run_start"))
    execute(con, sql("staging/state_set"), [*BUILDER_KEY, run_id or ""])
    con.commit()
    return restored


def builder_of(con: duckdb.DuckDBPyConnection) -> str | None:
    """The run that started the run now writing ("" for one started outside a Dagster run)."""
    row = execute(con, sql("staging/state_get"), list(BUILDER_KEY)).fetchone()
    return row[0] if row else None
