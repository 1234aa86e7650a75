"""Releases: a published snapshot's tables as one plain DuckDB file (and, for a researcher's release, as
Parquet files with a codebook).

The release file at ``RASD_WAREHOUSE`` is refreshed after each published run in the embedded setup, so the
scorers and every reader of a DuckDB file keep working. DuckDB forbids opening a file another process
writes, so the refresh never writes the file readers open: it copies it, rewrites the tables the run
changed in the copy, and moves the copy over the file (``os.replace``). A reader holding the old file
keeps reading it; the next one opens the new one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from pipelines.lib.lake import LAKE, sql_literal
from pipelines.lib.sql import SQL_DIR, reader_macro_files

RELEASE = "release_file"


def lake_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = $db and schema_name = 'main' order by 1",
        {"db": LAKE}).fetchall()]


def contract_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables the contract checks cover (``sql/checks/<table>__<rule>.sql``) plus ``pipeline_runs``."""
    checked = {p.stem.split("__", 1)[0] for p in (SQL_DIR / "checks").glob("*.sql")} | {"pipeline_runs"}
    return [t for t in lake_tables(con) if t in checked]


def write_tables(con: duckdb.DuckDBPyConnection, target: Path, tables: list[str], drop_others: bool,
                 with_views: bool) -> None:
    """Write ``tables`` of the lake (as ``con`` sees it) into the DuckDB file ``target`` (created or updated
    in place: the caller writes a file no reader has open), with the lake's views and the readers' macros
    when ``with_views``."""
    con.execute(f"attach {sql_literal(str(target))} as {RELEASE} (storage_version 'v1.5.0')")
    try:
        present = {r[0] for r in con.execute(
            "select table_name from duckdb_tables() where database_name = $db", {"db": RELEASE}).fetchall()}
        for table in tables:
            con.execute(f'create or replace table {RELEASE}.main."{table}" as select * from {LAKE}.main."{table}"')
        if drop_others:
            for table in present - set(lake_tables(con)):
                con.execute(f'drop table {RELEASE}.main."{table}"')
        if with_views:
            views = con.execute("select view_name, sql from duckdb_views() where database_name = $db and not internal",
                                {"db": LAKE}).fetchall()
            con.execute(f"use {RELEASE}")
            try:
                _create_views(con, [text.replace("CREATE VIEW", "CREATE OR REPLACE VIEW", 1) for _, text in views])
                for script in reader_macro_files():
                    con.execute(script.read_text(encoding="utf-8"))
            finally:
                con.execute(f"use {LAKE}")
        con.execute(f"checkpoint {RELEASE}")
    finally:
        con.execute(f"detach {RELEASE}")


def _create_views(con: duckdb.DuckDBPyConnection, statements: list[str]) -> None:
    """Create views that read each other, in an order that works (a view needs those it reads first)."""
    pending = statements
    while pending:
        failed = []
        for statement in pending:
            try:
                con.execute(statement)
            except duckdb.CatalogException:
                failed.append(statement)
        if len(failed) == len(pending):
            raise RuntimeError(f"views that read missing tables or views: {failed}")
        pending = failed


def refresh_release_file(con: duckdb.DuckDBPyConnection, path: Path, changed: set[str] | None) -> list[str]:
    """Bring the release file at ``path`` to the lake as ``con`` sees it, rewriting only the ``changed``
    tables (all when None or when there is no release file yet) in a copy that then replaces the file.
    Returns the tables written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.refresh-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    every = lake_tables(con)
    if path.exists() and changed is not None:
        shutil.copyfile(path, tmp)
        tables = [t for t in every if t in changed]
    else:
        tables = every
    try:
        write_tables(con, tmp, tables, drop_others=True, with_views=True)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
    return tables


def stale_refresh_files(path: Path) -> list[Path]:
    """Copies a refresh killed half-way left beside the release file (``<name>.refresh-<pid>``)."""
    return sorted(path.parent.glob(path.name + ".refresh-*")) if path.parent.is_dir() else []


def _table_descriptions() -> dict[str, str]:
    import csv

    from dashboards import ASSETS

    with open(ASSETS / "tables.csv", encoding="utf-8", newline="") as fh:
        return {row["table"]: row["description"] for row in csv.DictReader(fh)}


def write_release(con: duckdb.DuckDBPyConnection, out_dir: Path, run_no: int) -> dict[str, Path]:
    """A researcher's release of published run ``run_no`` (``con`` reads the lake as of it): its contract
    tables as one DuckDB file ``rasd-run-<N>.duckdb`` and as Parquet files in ``rasd-run-<N>/`` with
    ``codebook.md`` and ``datapackage.json`` (the dashboard's codebook, one section per table)."""
    from dashboards.exports import codebook_markdown, data_package

    tables = contract_tables(con)
    name = f"rasd-run-{run_no}"
    out_dir.mkdir(parents=True, exist_ok=True)
    db_file, folder = out_dir / f"{name}.duckdb", out_dir / name
    tmp = db_file.with_name(db_file.name + ".writing")
    tmp.unlink(missing_ok=True)
    write_tables(con, tmp, tables, drop_others=False, with_views=False)
    os.replace(tmp, db_file)
    folder.mkdir(exist_ok=True)
    for table in tables:
        target = folder / f"{table}.parquet"
        con.execute(f'copy (select * from {LAKE}.main."{table}") to {sql_literal(str(target))} '
                    "(format parquet, compression zstd)")
    columns = {t: con.execute(f'select * from {LAKE}.main."{t}" limit 0').pl() for t in tables}
    described = _table_descriptions()
    (folder / "codebook.md").write_text(codebook_markdown(
        columns, title=f"Rasd release: published run {run_no}", datasets=described,
        intro=("The contract tables of one published pipeline run, as Parquet files (and together in "
               f"`{db_file.name}`). Every table keeps all its rows: filter `documents.status = 'ok'` for "
               "canonical articles. An empty cell means unknown.")), encoding="utf-8")
    import json

    (folder / "datapackage.json").write_text(json.dumps(
        data_package(columns, name=name, file_format="parquet", datasets=described), ensure_ascii=False, indent=2),
        encoding="utf-8")
    return {"duckdb": db_file, "parquet": folder}
