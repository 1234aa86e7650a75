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

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb

from pipelines.lib.release import CONTRACT_VIEWS
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


def _column_schemas(con: duckdb.DuckDBPyConnection, tables: Sequence[str]) -> dict[str, dg.TableSchema]:
    """The column schema of each of ``tables``, read in one statement."""
    columns: dict[str, list[dg.TableColumn]] = {table: [] for table in tables}
    for table, name, data_type, nullable in con.execute(
            sql("metadata/table_columns").format(tables=_names(tables))).fetchall():
        columns[table].append(dg.TableColumn(name, data_type.lower(),
                                             constraints=dg.TableColumnConstraints(nullable=nullable)))
    return {table: dg.TableSchema(columns=found) for table, found in columns.items()}


def _names(tables: Iterable[str]) -> str:
    """``tables`` (names from the asset definitions, never user input) as a list of SQL string literals."""
    return ", ".join("'" + table.replace("'", "''") + "'" for table in tables)


def _quoted(table: str) -> str:
    return '"' + table.replace('"', '""') + '"'


def _select(text: str) -> str:
    """A one-statement SQL file's select without its closing semicolon, to nest or join."""
    return text.rstrip().rstrip(";")


def _sql_body(text: str) -> str:
    """A SQL fragment file without its comment lines and closing semicolon."""
    return _select("\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--")))


def _union_all(selects: Iterable[str]) -> str:
    """One statement of several selects: on the lake each statement pays a snapshot and catalog look-up."""
    return "\nunion all\n".join(_select(text) for text in selects)


def tables_metadata(con: duckdb.DuckDBPyConnection, tables: Sequence[str],
                    canonical_rows: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Row count, column schema and preview of each of ``tables`` as they are now on ``con``; the tables of
    ``canonical_rows`` (with a ``doc_id``, written after deduplication decided which documents are canonical;
    None: every table with a ``doc_id`` column) also get their rows in canonical documents.

    Two statements in one read transaction whatever the number of tables: on the lake each statement pays a
    catalog lookup (a few milliseconds), which four statements per table made a tenth of a seeds run."""
    if not tables:
        return {}
    with one_commit(con):
        schemas = _column_schemas(con, tables)
        if canonical_rows is None:
            canonical = {t for t, schema in schemas.items() if any(c.name == "doc_id" for c in schema.columns)}
        else:
            canonical = set(canonical_rows)
        counted = _sql_body(sql("metadata/table_canonical_rows"))
        figures = {row[0]: row[1:] for row in con.execute(
            (_sql_body(sql("metadata/table_figures_with")) + "\n" if canonical else "") + _union_all(
                sql("metadata/table_figures").format(name=_names([table]), table=_quoted(table), rows=PREVIEW_ROWS,
                                                     canonical=counted if table in canonical else "null")
                for table in tables)).fetchall()}
    result: dict[str, dict[str, Any]] = {}
    for table in tables:
        n_rows, n_canonical, preview = figures[table]
        schema = schemas[table]
        names = [column.name for column in schema.columns]
        meta: dict[str, Any] = {"dagster/row_count": dg.MetadataValue.int(n_rows),
                                "dagster/column_schema": dg.MetadataValue.table_schema(schema)}
        if table in canonical:
            meta["rows_in_canonical_documents"] = dg.MetadataValue.int(n_canonical)
        records = [json.loads(row) for row in preview or []]
        meta["preview"] = dg.MetadataValue.table(
            [dg.TableRecord({name: _cell(record.get(name)) for name in names}) for record in records],
            schema=dg.TableSchema(columns=[dg.TableColumn(name, "string") for name in names]))
        result[table] = meta
    return result


def table_results(con: duckdb.DuckDBPyConnection, run_facts: Mapping[str, Mapping[str, Any]],
                  canonical_rows: Iterable[str] = ()) -> list[dg.MaterializeResult]:
    """The materialisations of the table assets named by ``run_facts`` (each with what this run did): their
    standard metadata, read together."""
    meta = tables_metadata(con, list(run_facts), canonical_rows)
    return [dg.MaterializeResult(asset_key=table, metadata={**meta[table], **facts})
            for table, facts in run_facts.items()]


def table_result(con: duckdb.DuckDBPyConnection, table: str, run_facts: Mapping[str, Any] | None = None,
                 canonical_rows: bool = False) -> dg.MaterializeResult:
    """The materialisation of table asset ``table``: its standard metadata plus what this run did."""
    return table_results(con, {table: run_facts or {}}, [table] if canonical_rows else [])[0]


def warehouse_tables(con: duckdb.DuckDBPyConnection, database: str | None = None) -> dg.TableMetadataValue:
    """Every table of the warehouse behind ``con`` (or of its attached ``database``) with its exact row count
    and number of columns. The publish stage reads them from the release file it just refreshed when there is
    one (a plain DuckDB file counts in microseconds what the lake counts in milliseconds per table)."""
    where = _names([database]) if database else "current_database()"
    prefix = f"{_quoted(database)}.main." if database else ""
    tables = con.execute(sql("metadata/warehouse_tables").format(
        database=where, views="[" + _names(CONTRACT_VIEWS) + "]")).fetchall()
    counts = dict(con.execute(_union_all(
        sql("metadata/table_rows").format(name=_names([name]), table=prefix + _quoted(name))
        for name, _ in tables)).fetchall()) if tables else {}
    records = [dg.TableRecord({"table": name, "columns": n_columns, "rows": counts[name]})
               for name, n_columns in tables]
    return dg.MetadataValue.table(records, schema=dg.TableSchema(columns=[
        dg.TableColumn("table", "string"), dg.TableColumn("rows", "int"), dg.TableColumn("columns", "int")]))
