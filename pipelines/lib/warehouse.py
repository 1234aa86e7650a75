"""The warehouse file a run builds, and its atomic publication.

DuckDB lets one process write a database file and no other process open it
meanwhile. So a run never writes the published file: it copies it to a private
``.building`` file, writes there, and publishes by ``os.replace`` (atomic on
POSIX). Readers keep opening the published path; one that holds the old file
open keeps reading the old inode until it reconnects. A run killed half-way
leaves only a stale ``.building`` file, which the next run discards.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from pipelines.lib.sql import sql, sql_files
from pipelines.settings import setting


def building_path(published: Path) -> Path:
    return published.with_name(published.name + ".building")


def stale_build_files(published: Path) -> list[Path]:
    """Temporary files a run leaves beside the warehouse when it dies: the building file, its WAL and a
    half-done copy (``.building.copying``, e.g. after a full disk)."""
    build = building_path(published)
    return sorted(build.parent.glob(build.name + "*")) if build.parent.is_dir() else []


def remove_stale_build_files(published: Path) -> list[Path]:
    """Delete :func:`stale_build_files`; only a holder of the writer lock (``lib/writer_lock``) may call
    this, since while a run is going they are that run's own files. Returns what was removed."""
    removed = []
    for path in stale_build_files(published):
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def duckdb_config() -> dict[str, str | int]:
    """Settings of every DuckDB connection the pipeline opens on a warehouse file.

    DuckDB's buffers count in the process's RSS and by default may take 80% of the machine's memory:
    building the full-text index over 100,000 articles peaked at 3.6 GB and the contract checks at
    2.9 GB. With ``memory_limit`` (``RASD_DUCKDB_MEMORY``, default 1GB) DuckDB spills to its temporary
    directory instead, for about the same time. ``threads`` is the cores this process may use (its CPU
    affinity, which a container narrows), not the machine's.
    """
    threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    # A file created in DuckDB's default format (v0.10) stores every text over a few KB uncompressed; in
    # the current one articles take about 2.5x less room (FSST, ZSTD). Files keep the format they were
    # created in; readers need DuckDB >= 1.5 (pyproject pins 1.5.5).
    return {"memory_limit": setting("RASD_DUCKDB_MEMORY"), "threads": threads,
            "storage_compatibility_version": "v1.5.0"}


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to a warehouse file with the pipeline's settings (:func:`duckdb_config`)."""
    return duckdb.connect(str(path), read_only=read_only, config=duckdb_config())


# The tables that hold article texts have no primary key: after appending 1,000 articles to the 100,000 of
# a table with one, the next checkpoint took 4 s (raw_documents) and 7-8 s (documents), against 0.2 s
# without the key, as if it recompressed every text of the table's last row group (122,880 rows).
# Uniqueness of doc_id is a blocking contract check instead (sql/checks/*documents__doc_ids_unique.sql).
KEYLESS_TABLES = {"raw_documents": "ddl/020_raw_documents", "documents": "ddl/030_documents"}


def apply_ddl(con: duckdb.DuckDBPyConnection) -> None:
    """Create every contract table that does not exist yet (``sql/ddl/*.sql``), and bring tables of
    warehouses built by earlier releases to the current definition."""
    for path in sql_files("ddl"):
        con.execute(path.read_text(encoding="utf-8"))
    drop_text_table_keys(con)
    con.execute(sql("migrations/casualty_claims_claimant"))


def drop_text_table_keys(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Rebuild the text tables that still have a primary key (warehouses from before it was dropped)
    without it; returns the tables rebuilt."""
    keyed = {row[0] for row in con.execute(sql("migrations/tables_with_primary_key")).fetchall()}
    rebuilt = [table for table in KEYLESS_TABLES if table in keyed]
    for table in rebuilt:
        con.execute(sql("migrations/keyless_set_aside").format(table=table))
        con.execute(sql(KEYLESS_TABLES[table]))
        con.execute(sql("migrations/keyless_refill").format(table=table))
    return rebuilt


BUILDER_KEY = ("run", "__builder__")


def start_build(published: Path, run_id: str | None = None) -> Path:
    """Fresh building file: a copy of the published warehouse (for incremental runs) or a new one,
    marked as built by ``run_id`` (publication checks the mark: a run publishes only its own build).
    The caller holds the writer lock (``lib/writer_lock``): leftovers of dead runs are removed here."""
    build = building_path(published)
    build.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_build_files(published)
    if published.exists():
        tmp = build.with_name(build.name + ".copying")
        shutil.copyfile(published, tmp)
        os.replace(tmp, build)
    with connect(build) as con:
        apply_ddl(con)
        con.execute(sql("staging/run_start"))
        con.execute(sql("staging/state_set"), [*BUILDER_KEY, run_id or ""])
    return build


def builder_of(con: duckdb.DuckDBPyConnection) -> str | None:
    """The run that started this building file ("" for one started outside a Dagster run)."""
    row = con.execute(sql("staging/state_get"), list(BUILDER_KEY)).fetchone()
    return row[0] if row else None


def ensure_build(published: Path) -> Path:
    """The building file, started if no run has started one (an asset materialised on its own)."""
    build = building_path(published)
    return build if build.exists() else start_build(published)


def publish(published: Path) -> None:
    """Checkpoint the building file and atomically move it over the published path."""
    build = building_path(published)
    with connect(build) as con:
        con.execute("checkpoint")
    os.replace(build, published)
    wal = build.with_name(build.name + ".wal")
    if wal.exists():
        wal.unlink()


def discard_build(published: Path) -> None:
    """Drop the building file: nothing changed, the published warehouse stays as it is."""
    remove_stale_build_files(published)
