"""Standard Dagster metadata for assets that are warehouse tables, read from the tables themselves.

Every table asset gets the same on its definition (owner, kinds, group, a freshness policy when readers
see it) and on every materialisation: its row count (``dagster/row_count``), its column schema
(``dagster/column_schema``) and a preview of its first rows, all read from the table after the stage
wrote it, so the UI shows the table's numbers, never a count a stage kept on the side. ``dagster/row_count``
counts every row, those of duplicate documents too; tables written after deduplication also say how many
rows belong to canonical documents, the figure the dashboard, the run summary and ``pipeline_runs``
report (on the dev corpus: 384 claims in the table, 348 of them in canonical documents). What the run
itself did (documents processed, rows written) is kept under names that say so.

A new asset gets all of it from :func:`table_spec` on its definition and :func:`table_result` after its
stage ran.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb

from pipelines.lib.sql import sql
from pipelines.stages.common import one_commit

OWNERS = ["team:rasd"]
# Kinds shown as icons in the UI: stage tables are written by Python (Polars) into DuckDB; marts are SQL.
STAGE_KINDS = frozenset({"duckdb", "polars", "python"})
MART_KINDS = frozenset({"duckdb", "sql"})
# The daily schedule (rasd_daily, 03:00) materialises every asset, even when nothing changed. One day and
# an hour without a materialisation means the last daily run failed or never started (a warning); two
# days and an hour, that two did (a failure).
PUBLISHED_FRESHNESS = dg.FreshnessPolicy.time_window(fail_window=timedelta(hours=49),
                                                     warn_window=timedelta(hours=25))
PREVIEW_ROWS = 5
PREVIEW_CHARS = 80


def table_spec(key: str, *, group: str, description: str, deps: Iterable[str] = (), published: bool = True,
               kinds: Iterable[str] = STAGE_KINDS, is_table: bool = True) -> dg.AssetSpec:
    """The definition of asset ``key``: the warehouse table of that name (``is_table``), or something else
    of the warehouse (a mart script's macros and index, the published file). ``published``: readers of the
    published warehouse use it (the contract tables and marts), so it carries the freshness policy."""
    return dg.AssetSpec(
        key, group_name=group, description=description, deps=list(deps), owners=OWNERS, kinds=set(kinds),
        freshness_policy=PUBLISHED_FRESHNESS if published else None,
        tags={"rasd/zone": "published" if published else "staging"},
        metadata={"dagster/table_name": f"warehouse.main.{key}"} if is_table else None,
    )


def sql_description(path: Path) -> str:
    """The first paragraph of the comment a ``.sql`` file opens with (up to a bare ``--`` line): what the
    file's table or rule is. Notes for whoever edits the SQL follow that line."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.removeprefix("--").strip()
        if not line.startswith("--") or not text:
            break
        lines.append(text)
    return " ".join(" ".join(lines).split())


def _cell(value: Any) -> str | int | float | bool | None:
    """A preview cell: numbers and booleans as they are, anything else as text of at most PREVIEW_CHARS."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = value.isoformat() if isinstance(value, date | datetime) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


def column_schema(con: duckdb.DuckDBPyConnection, table: str) -> dg.TableSchema:
    rows = con.execute(sql("metadata/table_columns").format(table=table)).fetchall()
    return dg.TableSchema(columns=[
        dg.TableColumn(name, data_type.lower(),
                       constraints=dg.TableColumnConstraints(nullable=nullable == "YES", unique=key == "PRI"))
        for name, data_type, nullable, key, *_ in rows
    ])


def table_metadata(con: duckdb.DuckDBPyConnection, table: str, canonical_rows: bool = False) -> dict[str, Any]:
    """Row count, column schema and preview of ``table`` as it is now on ``con``; with ``canonical_rows``
    (a table with a ``doc_id``, written after deduplication decided which documents are canonical) also
    its rows in canonical documents."""
    with one_commit(con):       # one read transaction: one snapshot lookup for the four queries
        return _table_metadata(con, table, canonical_rows)


def _table_metadata(con: duckdb.DuckDBPyConnection, table: str, canonical_rows: bool) -> dict[str, Any]:
    schema = column_schema(con, table)
    names = [column.name for column in schema.columns]
    meta: dict[str, Any] = {
        "dagster/row_count": dg.MetadataValue.int(con.execute(sql("metadata/table_rows").format(table=table))
                                                  .fetchone()[0]),
        "dagster/column_schema": dg.MetadataValue.table_schema(schema),
    }
    if canonical_rows:
        canonical = con.execute(sql("metadata/table_canonical_rows").format(table=table)).fetchone()[0]
        meta["rows_in_canonical_documents"] = dg.MetadataValue.int(canonical)
    rows = con.execute(sql("metadata/table_preview").format(table=table), [PREVIEW_ROWS]).fetchall()
    preview_schema = dg.TableSchema(columns=[dg.TableColumn(name, "string") for name in names])
    meta["preview"] = dg.MetadataValue.table(
        [dg.TableRecord(dict(zip(names, map(_cell, row), strict=True))) for row in rows], schema=preview_schema)
    return meta


def table_result(con: duckdb.DuckDBPyConnection, table: str, run_facts: Mapping[str, Any] | None = None,
                 canonical_rows: bool = False) -> dg.MaterializeResult:
    """The materialisation of table asset ``table``: its standard metadata plus what this run did."""
    return dg.MaterializeResult(asset_key=table,
                                metadata={**table_metadata(con, table, canonical_rows), **(run_facts or {})})


def warehouse_tables(con: duckdb.DuckDBPyConnection) -> dg.TableMetadataValue:
    """Every table of the warehouse behind ``con`` with its exact row count and number of columns. The publish
    stage calls it on the final building file, before the move: opening the published file afterwards fails
    while a reader in this process holds it with another configuration."""
    records = [dg.TableRecord({"table": name, "columns": n_columns, "rows": con.execute(
                   sql("metadata/table_rows").format(table=name)).fetchone()[0]})
               for name, n_columns in con.execute(sql("metadata/warehouse_tables")).fetchall()]
    return dg.MetadataValue.table(records, schema=dg.TableSchema(columns=[
        dg.TableColumn("table", "string"), dg.TableColumn("rows", "int"), dg.TableColumn("columns", "int")]))
