"""The only module that opens the warehouse.

Every query is a file in ``sql/dashboards/`` run on a short-lived read-only
connection, with the sidebar's filters bound as named parameters. Results are
cached on (query, parameters, warehouse path, file modification time): a
pipeline run publishes a new file by atomic rename, which changes the mtime, so
fresh data shows up on the next rerun and no connection ever outlives a query
(an open reader would not block the publish, but it would pin the old file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from dashboards import search
from pipelines.lib.sql import sql
from pipelines.settings import path_setting

# Tables the dashboard cannot work without; the marts are built last by the pipeline,
# so their presence means a run got to the end.
REQUIRED_TABLES = ("documents", "mart_claims", "mart_actor_mentions", "mart_location_mentions")

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class Warehouse:
    """Where the warehouse is and which version of it we saw."""

    path: Path
    mtime_ns: int  # 0 when the file is missing
    size: int

    @property
    def exists(self) -> bool:
        return self.mtime_ns > 0


def warehouse() -> Warehouse:
    """The published warehouse named by ``RASD_WAREHOUSE`` (default ``data/warehouse.duckdb``)."""
    path = path_setting("RASD_WAREHOUSE")
    try:
        st_ = path.stat()
    except OSError:
        return Warehouse(path, 0, 0)
    return Warehouse(path, st_.st_mtime_ns, st_.st_size)


def bound_params(sql_text: str, params: dict[str, Any]) -> dict[str, Any]:
    """The subset of ``params`` that ``sql_text`` refers to as ``$name``.

    DuckDB rejects named parameters a statement does not use, and every page hands
    the same filter set to every query; a parameter the SQL needs but nobody passed
    is an error here, not a silent null.
    """
    names = set(_PARAM.findall(sql_text))
    missing = names - params.keys()
    if missing:
        raise KeyError(f"query needs parameters {sorted(missing)}")
    return {k: params[k] for k in names}


def _execute(con: duckdb.DuckDBPyConnection, name: str, items: tuple[tuple[str, Any], ...]) -> pl.DataFrame:
    text = sql(f"dashboards/{name}")
    params = bound_params(text, {k: list(v) if isinstance(v, tuple) else v for k, v in items})
    return con.execute(text, params).pl()


@st.cache_data(max_entries=512, show_spinner=False)
def _run(name: str, items: tuple[tuple[str, Any], ...], path: str, mtime_ns: int) -> pl.DataFrame:
    """Run ``sql/dashboards/<name>.sql``; ``mtime_ns`` is only there to key the cache."""
    with duckdb.connect(path, read_only=True) as con:
        return _execute(con, name, items)


@st.cache_data(max_entries=256, show_spinner=False)
def _run_many(
    names: tuple[str, ...], items: tuple[tuple[str, Any], ...], path: str, mtime_ns: int
) -> dict[str, pl.DataFrame]:
    # one connection for a page's queries: opening one costs tens of milliseconds on a busy machine
    with duckdb.connect(path, read_only=True) as con:
        return {name: _execute(con, name, items) for name in names}


def _freeze(value: Any) -> Any:
    # st.cache_data hashes arguments; lists become tuples so the key is stable.
    return tuple(value) if isinstance(value, list) else value


def query(name: str, **params: Any) -> pl.DataFrame:
    """Result of ``sql/dashboards/<name>.sql`` on the current warehouse, filters bound by name."""
    wh = warehouse()
    items = tuple(sorted((k, _freeze(v)) for k, v in params.items()))
    return _run(name, items, str(wh.path), wh.mtime_ns)


def queries(*names: str, **params: Any) -> dict[str, pl.DataFrame]:
    """Results of several ``sql/dashboards`` files run on one connection (each binds the
    parameters it uses), cached together."""
    wh = warehouse()
    items = tuple(sorted((k, _freeze(v)) for k, v in params.items()))
    return _run_many(tuple(names), items, str(wh.path), wh.mtime_ns)


def first_row(frame: pl.DataFrame) -> dict[str, Any]:
    """The single row a summary query returns, as a dict (empty when it returned nothing)."""
    return frame.row(0, named=True) if frame.height else {}


def scalar_row(name: str, **params: Any) -> dict[str, Any]:
    """The single row a summary query returns, as a dict (empty when it returned nothing)."""
    return first_row(query(name, **params))


@dataclass(frozen=True)
class Readiness:
    """Whether the warehouse can be shown, and if not, why (for the "run make run" page)."""

    ok: bool
    reason: str
    has_pipeline_runs: bool = False
    tables: frozenset[str] = frozenset()


@st.cache_data(max_entries=16, show_spinner=False)
def _readiness(path: str, mtime_ns: int) -> Readiness:
    if mtime_ns == 0:
        return Readiness(False, f"No warehouse at `{path}`.")
    try:
        with duckdb.connect(path, read_only=True) as con:
            tables = {r[0] for r in con.execute(sql("dashboards/warehouse_tables")).fetchall()}
            missing = [t for t in REQUIRED_TABLES if t not in tables]
            if missing:
                return Readiness(False, f"The warehouse at `{path}` has no {', '.join(missing)} yet.")
            n_docs = con.execute(sql("dashboards/document_count")).fetchone()[0]
    except duckdb.Error as exc:
        return Readiness(False, f"The warehouse at `{path}` cannot be read: {type(exc).__name__}.")
    if n_docs == 0:
        return Readiness(False, f"The warehouse at `{path}` holds no documents.")
    return Readiness(True, "", has_pipeline_runs="pipeline_runs" in tables, tables=frozenset(tables))


def readiness() -> Readiness:
    """Can the dashboard show this warehouse? Checked once per warehouse version."""
    wh = warehouse()
    return _readiness(str(wh.path), wh.mtime_ns)


def has_table(name: str) -> bool:
    """Does the published warehouse hold table ``name`` (tables other helpers' stages add)?"""
    return name in readiness().tables


EXPORTS = ("claims", "mentions", "incidents")


def export(name: str, **params: Any) -> pl.DataFrame:
    """Rows of ``sql/dashboards/export_<name>.sql`` (the columns ``assets/columns.csv`` describes);
    ``doc_id`` narrows the claims to one article."""
    return query(f"export_{name}", **{"doc_id": None, **params})


def export_frames(**params: Any) -> dict[str, pl.DataFrame]:
    """Every dataset the warehouse can export, filtered by ``params``; incidents once the table exists."""
    return {name: export(name, **params) for name in EXPORTS if name != "incidents" or has_table("incidents")}


def export_mentions(kind: str, **params: Any) -> pl.DataFrame:
    """The filtered mentions export narrowed to one ``mention_kind`` (actor | location)."""
    return export("mentions", **params).filter(pl.col("mention_kind") == kind)


@st.cache_data(max_entries=4, show_spinner=False)
def _name_index(path: str, mtime_ns: int) -> dict[str, tuple[str, ...]]:
    rows = _run("search_names", (), path, mtime_ns).iter_rows()
    return search.name_index(rows)


def name_index() -> dict[str, tuple[str, ...]]:
    """Latin names of places and actors -> the Arabic forms that find them (for the search box)."""
    wh = warehouse()
    return _name_index(str(wh.path), wh.mtime_ns)


@st.cache_data(max_entries=16, show_spinner=False)
def _export_columns(name: str, path: str, mtime_ns: int) -> pl.DataFrame:
    # the export's query wrapped in "limit 0": DuckDB plans it and returns the typed columns only
    text = "select * from (\n" + sql(f"dashboards/export_{name}").strip().rstrip(";") + "\n) limit 0"
    from dashboards.filters import Filters

    params = bound_params(text, {**Filters().params(), "doc_id": None})
    with duckdb.connect(path, read_only=True) as con:
        return con.execute(text, params).pl()


def export_columns() -> dict[str, pl.DataFrame]:
    """Each exportable dataset's columns and types (no rows), for the codebook."""
    wh = warehouse()
    return {
        name: _export_columns(name, str(wh.path), wh.mtime_ns)
        for name in EXPORTS
        if name != "incidents" or has_table("incidents")
    }
