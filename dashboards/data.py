"""The only module that opens the warehouse.

By default (``RASD_DASHBOARD_SOURCE=auto``) the dashboard reads the release file at ``RASD_WAREHOUSE`` when
there is one (the embedded default brings it to every publication in one transaction, so a page sees one
publication whole, and it is 3-5x faster to query than the lake over its SQLite catalog) and otherwise, and
for time travel, the lake.
With ``RASD_DASHBOARD_SOURCE=lake`` it always reads the lake at its newest published snapshot:
a run commits as it goes, and a reader attached at a published snapshot never sees a half-written run.
``?as_of_run=N`` in the URL shows the data as published by run N (time travel, while the lake keeps it).
Each published snapshot read gets one read-only DuckDB instance per process (the extensions loaded, the
lake attached, the readers' macros made once), pinned in the lake's ``pins`` folder so that expiring old
snapshots never removes its files; every query runs on a cursor of it. ``RASD_DASHBOARD_SOURCE=release``
reads the DuckDB file at ``RASD_WAREHOUSE`` instead (a release someone downloaded), on a short-lived
read-only connection per query.

Every query is a file in ``sql/dashboards/`` with the sidebar's filters bound as named parameters. Results
are cached on (query, parameters, source, version): the version is the published snapshot (or the file's
modification time), so fresh data shows up on the next rerun after a publication.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from dashboards import search
from pipelines.lib import lake
from pipelines.lib.sql import create_reader_macros, sql
from pipelines.settings import lake_config, path_setting, setting

# Tables the dashboard cannot work without; the marts are built last by the pipeline,
# so their presence means a run got to the end.
REQUIRED_TABLES = ("documents", "mart_claims", "mart_actor_mentions", "mart_location_mentions")

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class Warehouse:
    """Where the warehouse is and which version of it we saw: for the lake, its catalog and the published
    snapshot read (``run_no`` the run that published it); for a release file, its path and mtime."""

    path: Path
    mtime_ns: int  # the version: the published snapshot id, or the file's mtime; 0 when there is none
    size: int
    source: str = "release"
    run_no: int = 0

    @property
    def exists(self) -> bool:
        return self.mtime_ns > 0


_LOOKUP_S = 1.0          # how long a found newest publication is trusted before the catalog is asked again
_READERS_KEPT = 4        # published snapshots with an open reader per process (the newest and time travels)
_PIN_RENEW_S = 60.0
_readers: OrderedDict[tuple[str, int], tuple[duckdb.DuckDBPyConnection, list[float]]] = OrderedDict()
_newest: dict[tuple[str, int | None], tuple[float, lake.Publication | None]] = {}
_guard = threading.Lock()


def _as_of_run() -> int | None:
    """The run asked for by ``?as_of_run=N`` (time travel), None for the newest publication."""
    try:
        value = st.query_params.get("as_of_run")
    except Exception:   # outside a Streamlit script run (tests, benchmarks)
        return None
    return int(value) if value and str(value).isdigit() else None


def _publication(config: lake.LakeConfig, run_no: int | None) -> lake.Publication | None:
    key = (config.catalog, run_no)
    now = time.monotonic()
    with _guard:
        seen = _newest.get(key)
        if seen and now - seen[0] < _LOOKUP_S:
            return seen[1]
    if not lake.lake_exists(config):
        found = None
    else:
        with lake.connect(config, read_only=True) as con:
            found = [p for p in lake.publications(con) if run_no is None or p.run_no == run_no]
        found = found[-1] if found else None
    with _guard:
        _newest[key] = (now, found)
    return found


def warehouse() -> Warehouse:
    """What the dashboard reads: the lake at its newest publication (or ``?as_of_run=N``'s), or with
    ``RASD_DASHBOARD_SOURCE=release`` the DuckDB file at ``RASD_WAREHOUSE``."""
    source = setting("RASD_DASHBOARD_SOURCE")
    if source == "auto":
        # The release file holds one publication whole (each refresh is one transaction, or a copy moved over it),
        # so it never shows a half-written run either; older publications live only in the lake.
        source = "lake" if _as_of_run() is not None or not path_setting("RASD_WAREHOUSE").is_file() else "release"
    if source == "lake":
        config = lake_config()
        where = config.catalog_file or Path(config.catalog)
        try:
            found = _publication(config, _as_of_run())
        except duckdb.Error:
            found = None
        if found is None:
            return Warehouse(where, 0, 0, "lake")
        return Warehouse(where, found.snapshot_id, 0, "lake", found.run_no)
    path = path_setting("RASD_WAREHOUSE")
    try:
        st_ = path.stat()
    except OSError:
        return Warehouse(path, 0, 0)
    return Warehouse(path, st_.st_mtime_ns, st_.st_size)


def _reader(snapshot: int) -> duckdb.DuckDBPyConnection:
    """The process's read-only instance on the lake at published ``snapshot``, pinned while in use."""
    config = lake_config()
    key = (config.catalog, snapshot)
    pins = path_setting("RASD_LAKE") / "pins"
    with _guard:
        if key in _readers:
            _readers.move_to_end(key)
            con, renewed = _readers[key]
            if time.monotonic() - renewed[0] > _PIN_RENEW_S:
                lake.pin(pins, snapshot)
                renewed[0] = time.monotonic()
            return con
        con = lake.connect(config, snapshot=snapshot)
        lake.pin(pins, snapshot)
        con.execute("set search_path = 'lake.main,memory.main'")
        create_reader_macros(con, catalog="memory")
        _readers[key] = (con, [time.monotonic()])
        while len(_readers) > _READERS_KEPT:
            _, (old, _) = _readers.popitem(last=False)
            old.close()
        return con


@contextmanager
def _open(source: str, path: str, version: int) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection on what :func:`warehouse` named: a cursor of the lake reader at snapshot
    ``version``, or a connection to the release file."""
    if source == "lake":
        cur = _reader(version).cursor()
        try:
            cur.execute("use lake")
            cur.execute("set search_path = 'lake.main,memory.main'")
            yield cur
        finally:
            cur.close()
    else:
        with _open_release(path) as con:
            yield con


# A run writes the release file in place for as long as its refresh takes (one transaction, a second or two
# at 100,000 articles); DuckDB refuses readers meanwhile, so a page waits for it rather than failing.
_RELEASE_WAIT_S = 30.0


def _open_release(path: str, wait_s: float = _RELEASE_WAIT_S) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return duckdb.connect(path, read_only=True)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise
            time.sleep(0.1)


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
def _run(name: str, items: tuple[tuple[str, Any], ...], source: str, path: str, mtime_ns: int) -> pl.DataFrame:
    """Run ``sql/dashboards/<name>.sql`` on the source at version ``mtime_ns``."""
    with _open(source, path, mtime_ns) as con:
        return _execute(con, name, items)


@st.cache_data(max_entries=256, show_spinner=False)
def _run_many(
    names: tuple[str, ...], items: tuple[tuple[str, Any], ...], source: str, path: str, mtime_ns: int
) -> dict[str, pl.DataFrame]:
    # one connection for a page's queries: opening one costs tens of milliseconds on a busy machine
    with _open(source, path, mtime_ns) as con:
        return {name: _execute(con, name, items) for name in names}


def _freeze(value: Any) -> Any:
    # st.cache_data hashes arguments; lists become tuples so the key is stable.
    return tuple(value) if isinstance(value, list) else value


def query(name: str, **params: Any) -> pl.DataFrame:
    """Result of ``sql/dashboards/<name>.sql`` on the current warehouse, filters bound by name."""
    wh = warehouse()
    items = tuple(sorted((k, _freeze(v)) for k, v in params.items()))
    return _run(name, items, wh.source, str(wh.path), wh.mtime_ns)


def queries(*names: str, **params: Any) -> dict[str, pl.DataFrame]:
    """Results of several ``sql/dashboards`` files run on one connection (each binds the
    parameters it uses), cached together."""
    wh = warehouse()
    items = tuple(sorted((k, _freeze(v)) for k, v in params.items()))
    return _run_many(tuple(names), items, wh.source, str(wh.path), wh.mtime_ns)


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
def _readiness(source: str, path: str, mtime_ns: int) -> Readiness:
    if mtime_ns == 0:
        return Readiness(False, f"No published run in the lake at `{path}`." if source == "lake"
                         else f"No warehouse at `{path}`.")
    try:
        with _open(source, path, mtime_ns) as con:
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
    return _readiness(wh.source, str(wh.path), wh.mtime_ns)


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
def _name_index(source: str, path: str, mtime_ns: int) -> dict[str, tuple[str, ...]]:
    rows = _run("search_names", (), source, path, mtime_ns).iter_rows()
    return search.name_index(rows)


def name_index() -> dict[str, tuple[str, ...]]:
    """Latin names of places and actors -> the Arabic forms that find them (for the search box)."""
    wh = warehouse()
    return _name_index(wh.source, str(wh.path), wh.mtime_ns)


@st.cache_data(max_entries=16, show_spinner=False)
def _export_columns(name: str, source: str, path: str, mtime_ns: int) -> pl.DataFrame:
    # the export's query wrapped in "limit 0": DuckDB plans it and returns the typed columns only
    text = "select * from (\n" + sql(f"dashboards/export_{name}").strip().rstrip(";") + "\n) limit 0"
    from dashboards.filters import Filters

    params = bound_params(text, {**Filters().params(), "doc_id": None})
    with _open(source, path, mtime_ns) as con:
        return con.execute(text, params).pl()


def export_columns() -> dict[str, pl.DataFrame]:
    """Each exportable dataset's columns and types (no rows), for the codebook."""
    wh = warehouse()
    return {
        name: _export_columns(name, wh.source, str(wh.path), wh.mtime_ns)
        for name in EXPORTS
        if name != "incidents" or has_table("incidents")
    }
