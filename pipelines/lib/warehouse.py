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

from pipelines.lib.sql import sql_files


def building_path(published: Path) -> Path:
    return published.with_name(published.name + ".building")


def apply_ddl(con: duckdb.DuckDBPyConnection) -> None:
    """Create every contract table that does not exist yet (``sql/ddl/*.sql``)."""
    for path in sql_files("ddl"):
        con.execute(path.read_text(encoding="utf-8"))


def start_build(published: Path) -> Path:
    """Fresh building file: a copy of the published warehouse (for incremental runs) or a new one."""
    build = building_path(published)
    build.parent.mkdir(parents=True, exist_ok=True)
    for stale in (build, build.with_name(build.name + ".wal")):
        if stale.exists():
            stale.unlink()
    if published.exists():
        tmp = build.with_name(build.name + ".copying")
        shutil.copyfile(published, tmp)
        os.replace(tmp, build)
    with duckdb.connect(str(build)) as con:
        apply_ddl(con)
        con.execute("delete from run_log")
    return build


def ensure_build(published: Path) -> Path:
    """The building file, started if no run has started one (an asset materialised on its own)."""
    build = building_path(published)
    return build if build.exists() else start_build(published)


def publish(published: Path) -> None:
    """Checkpoint the building file and atomically move it over the published path."""
    build = building_path(published)
    with duckdb.connect(str(build)) as con:
        con.execute("checkpoint")
    os.replace(build, published)
    wal = build.with_name(build.name + ".wal")
    if wal.exists():
        wal.unlink()


def discard_build(published: Path) -> None:
    """Drop the building file: nothing changed, the published warehouse stays as it is."""
    build = building_path(published)
    for stale in (build, build.with_name(build.name + ".wal")):
        if stale.exists():
            stale.unlink()
