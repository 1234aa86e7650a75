"""Releases: a published snapshot's tables as one plain DuckDB file (and, for a researcher's release, as
Parquet files with a codebook).

The release file at ``RASD_WAREHOUSE`` is refreshed after each published run in the embedded setup, so the
scorers and every reader of a DuckDB file keep working. The file knows which publication it holds (its
``pipeline_runs`` rows), so a refresh brings it from that publication to the newest one, whatever happened
in between: a table the lake changed is written whole only when it is new, reshaped or mostly rewritten;
otherwise only the rows of the documents whose rows changed (DuckLake's change feed names them) are deleted
and selected again (by ``doc_no`` in the search postings, which name documents by number), and in a table
without documents whose rows have a key of their own (``incidents``: one row per ``incident_id``) the rows of
the keys that changed. A one-article run at 100,000 articles touches a few thousand rows, not the file.

All of it is one transaction on the file, written in place: DuckDB lets no reader open a file while a
process writes it, so readers (the dashboard opens the file per page) wait for that transaction, and a
refresh killed half-way leaves the file as it was. When a reader keeps the file open longer than
``wait_s``, the refresh writes a copy instead and moves it over the file (``os.replace``): the reader keeps
the old file, the next one opens the new one. A file written anew (none yet, one holding no publication still
in the lake's history, or one with a table of article texts the refresh would write whole) is written beside
the old one and moved over it when whole, its tables copied by several connections at once
(``_copy_in_streams``).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from pipelines.lib import lake
from pipelines.lib.cores import available_cores
from pipelines.lib.duck_inputs import execute, fetch_frame, frames_registered, sql_literal, temporary_setting
from pipelines.lib.lake import ARTICLE_TEXT_COLUMNS, LAKE, lake_tables
from pipelines.lib.sql import SQL_DIR, reader_macro_files

if TYPE_CHECKING:       # `make run` with nothing to do reads this module, never a frame
    import polars as pl

RELEASE = "release_file"
# A table with more changed rows than this share of its rows is written whole: cheaper than finding and
# replacing most of its documents' rows.
WHOLE_TABLE_SHARE = 0.3
# A table holding more deleted rows than this share of its live rows is written whole. Refreshes in place do not
# vacuum (``_apply``), so the rows they delete stay in the file, marked deleted, until the table is written anew.
DELETED_ROW_SHARE = 0.25
# The columns holding whole articles (``lake.ARTICLE_TEXT_COLUMNS``) are stored with ZSTD. DuckDB 1.5 picks
# DICT_FSST for them, which is slow to write and compresses long texts poorly: at 100,000 articles `documents` took
# 16 s and 405 MB, with ZSTD 6.5 s and 97 MB (`raw_documents` alike); one document's text is looked up in 6 ms
# instead of 13, a scan of every text is ~10% slower. Every other column keeps DuckDB's choice (ZSTD for all of
# them made the file larger: 1.48 GB against 1.18).

# The contract's tables that are views, with the lake tables that store them (sql/ddl/030_documents.sql): a
# researcher's release holds the view's rows as a table, the release file the view and its tables.
CONTRACT_VIEWS = {"documents": ("document_texts", "document_decisions")}


def contract_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables the contract checks cover (``sql/checks/<table>__<rule>.sql``) plus ``pipeline_runs``, the
    views of ``CONTRACT_VIEWS`` among them (in place of the tables that store them)."""
    checked = {p.stem.split("__", 1)[0] for p in (SQL_DIR / "checks").glob("*.sql")} | {"pipeline_runs"}
    stored = set(lake_tables(con))
    views = [view for view, tables in CONTRACT_VIEWS.items() if stored.issuperset(tables)]
    return sorted(t for t in [*stored, *views] if t in checked)


# Rows per row group of the release file's tables (DuckDB's default is 122,880). DuckDB keeps a table's unfinished
# row group in memory until it is full or the transaction commits: `documents` (100,000 articles, two texts each)
# was one row group, buffered whole, spilled under the write's memory cap and compressed at the commit, 7.7 s
# of a 28.7 s first write at 100,000 articles; in groups of 32,768 rows the write took 24.0 s, the file 673 MB
# against 664. A +1% refresh's checkpoint, which merges the partly filled groups earlier writes left, went from
# 3.6 s to 1.1 s. The size is a setting of the attach, not of the file: every writer attaches with it, or its
# checkpoint merges the groups back to DuckDB's size (11.5 s at 100,000 articles).
ROW_GROUP_ROWS = 32_768


def _attach(con: duckdb.DuckDBPyConnection, target: Path, read_only: bool = False) -> None:
    mode = ", read_only" if read_only else f", row_group_size {ROW_GROUP_ROWS}"
    con.execute(f"attach {sql_literal(str(target))} as {RELEASE} (storage_version 'v1.5.0'{mode})")


def _detach(con: duckdb.DuckDBPyConnection) -> None:
    """Detach the release file. DuckDB refuses while the open transaction has read or written it, and an asset
    step's connection is one transaction (``StepConnection``): end that transaction first. On a plain
    connection in autocommit mode the begin and commit hold nothing."""
    con.begin()
    con.commit()
    con.execute(f"detach {RELEASE}")


def table_columns(con: duckdb.DuckDBPyConnection, database: str,
                  table: str | None = None) -> dict[str, list[tuple[str, str]]]:
    """Every table of ``database`` (schema main), or only ``table`` (a table or a view), → its (column, type)
    pairs in order."""
    out: dict[str, list[tuple[str, str]]] = {}
    only = (" and table_name in (select table_name from duckdb_tables() where database_name = $db and "
            "schema_name = 'main')") if table is None else f" and table_name = {sql_literal(table)}"
    rows = execute(con,
        "select table_name, column_name, data_type from duckdb_columns() where database_name = $db and "
        f"schema_name = 'main'{only} order by table_name, column_index", {"db": database})
    for table, column, data_type in rows.fetchall():
        out.setdefault(table, []).append((column, data_type))
    return out


def _write_extras(con: duckdb.DuckDBPyConnection) -> None:
    """The lake's views and the readers' macros, in the attached release file."""
    views = execute(con, "select view_name, sql from duckdb_views() where database_name = $db and not internal",
                        {"db": LAKE}).fetchall()
    con.execute(f"use {RELEASE}")
    try:
        _create_views(con, [text.replace("CREATE VIEW", "CREATE OR REPLACE VIEW", 1) for _, text in views])
        for script in reader_macro_files():
            con.execute(script.read_text(encoding="utf-8"))
    finally:
        con.execute(f"use {LAKE}")


def write_tables(con: duckdb.DuckDBPyConnection, target: Path, tables: list[str], drop_others: bool,
                 with_views: bool) -> None:
    """Write ``tables`` of the lake (as ``con`` sees it) whole into the DuckDB file ``target`` (created or
    updated in place: the caller writes a file no reader has open), with the lake's views and the readers'
    macros when ``with_views``."""
    _attach(con, target)
    try:
        present = {r[0] for r in execute(con,
            "select table_name from duckdb_tables() where database_name = $db", {"db": RELEASE}).fetchall()}
        for table in tables:
            _copy_whole(con, table)
        if drop_others:
            for table in present - set(lake_tables(con)):
                con.execute(f'drop table {RELEASE}.main."{table}"')
        if with_views:
            _write_extras(con)
        con.execute(f"checkpoint {RELEASE}")
    finally:
        _detach(con)


# The tables a reader takes in the file's order: the gold scorer (../shared/tools/score.py) matches claims and
# names to the gold greedily, row by row, so their rows are copied in the lake's order, by one thread. The other
# tables are copied in any order (DuckDB's `preserve_insertion_order` off) by every thread, each filling row
# groups of its own. An ordered copy by two threads hands batches to one writer, which leaves part-filled row
# groups that checkpoints then merge: at 100,000 articles the first write took 18.3 s against 13.8 s in any order
# (the file 852 MB against 691), and the next refresh's checkpoint 3.7 s merging those the ordered tables kept.
ORDERED_TABLES = frozenset({"casualty_claims", "actor_mentions", "location_mentions", "actors", "locations"})
# The article-text tables are copied by one thread too, in any order: two threads leave each a part-filled last
# row group (`documents` at 100,000 articles: 23,268 articles in it), and a refresh's checkpoint merges the rows it
# appends into that group, compressing its texts again (3.5 s of a +1% run's 14.4 s). One thread fills the groups
# in turn and leaves 1,696 articles in the last, for 2.3 s more in the first write (documents 5.4 s against 4.0 s,
# raw_documents 2.2 s against 1.3 s).


def _copy_whole(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """(Re)create the release file's ``table`` with every row the lake's holds (in the lake's order for
    ``ORDERED_TABLES``; by one thread for those and the article-text tables); its article-text columns
    (``ARTICLE_TEXT_COLUMNS``) are declared with ZSTD compression, which the rows a later refresh inserts keep."""
    ordered = table in ORDERED_TABLES
    one_thread = ordered or table in ARTICLE_TEXT_COLUMNS
    with temporary_setting(con, "preserve_insertion_order", lambda _: ordered), \
            temporary_setting(con, "threads", lambda threads: 1 if one_thread else threads):
        _create_copy(con, table)


def _create_copy(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """(Re)create the release file's ``table`` as a copy of the lake's, its article-text columns declared ZSTD."""
    source = f'{LAKE}.main."{table}"'
    zstd = ARTICLE_TEXT_COLUMNS.get(table, ())
    if not zstd:
        con.execute(f'create or replace table {RELEASE}.main."{table}" as select * from {source}')
        return
    declared = column_declarations(table, table_columns(con, LAKE, table)[table])
    con.execute(f'create or replace table {RELEASE}.main."{table}" ({declared})')
    con.execute(f'insert into {RELEASE}.main."{table}" select * from {source}')


def column_declarations(table: str, columns: list[tuple[str, str]]) -> str:
    """The column list of a ``create table`` for ``table``'s (column, type) pairs, its article-text columns
    (``ARTICLE_TEXT_COLUMNS``) declared with ZSTD compression."""
    zstd = ARTICLE_TEXT_COLUMNS.get(table, ())
    return ", ".join(f'"{name}" {data_type}' + (" using compression zstd" if name in zstd else "")
                     for name, data_type in columns)


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


@cache
def unique_keys() -> dict[str, str]:
    """Table → the column its contract makes unique (``sql/checks/<table>__<column>s_unique.sql``): a key's
    row there is the last version of a row the change feed holds, or none."""
    keys = {table: rule.removesuffix("s_unique") for table, rule in
            (p.stem.split("__", 1) for p in (SQL_DIR / "checks").glob("*__*s_unique.sql"))}
    # A view's key is unique in each table that stores it (a second row in one doubles the view's row).
    return keys | {stored: keys[view] for view, tables in CONTRACT_VIEWS.items() if view in keys for stored in tables}


def one_row_per_document() -> frozenset[str]:
    """The tables whose contract makes ``doc_id`` unique (``sql/checks/<table>__doc_ids_unique.sql``)."""
    return frozenset(table for table, key in unique_keys().items() if key == "doc_id")


# Columns that name a document, tried in turn: the search index's postings name theirs by number
# (``mart_search_documents.doc_no``); written whole, a +1% run at 100k copied all 30.7 million (1.1 s).
DOCUMENT_KEYS = ("doc_id", "doc_no")


def refresh_key(table: str, columns: dict[str, str]) -> str | None:
    """The column a refresh replaces ``table``'s rows by: a column naming the document (``DOCUMENT_KEYS``) where
    it has one, else its unique key; None: the table is written whole when it changes."""
    if key := next((k for k in DOCUMENT_KEYS if k in columns), None):
        return key
    key = unique_keys().get(table)
    return key if key in columns else None


@dataclass
class RefreshPlan:
    """What a refresh writes: tables whole, tables by key (a frame of the doc_ids, or of the table's own key,
    whose rows go and come back), tables dropped; ``base_run`` the published run the file held (None: a new
    file); ``base_snapshot`` and ``newest_snapshot`` the change feed's range."""

    base_run: int | None
    whole: list[str] = field(default_factory=list)
    by_key: dict[str, pl.DataFrame] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    base_snapshot: int | None = None
    newest_snapshot: int | None = None
    # The tables that may have lost rows in the range (``lake.tables_with_deletions``); the others only got rows.
    deleted_from: frozenset[str] = frozenset()

    @property
    def documents(self) -> int:
        """How many documents' rows the refresh replaces, in any table."""
        frames = [frame.get_column("doc_id") for frame in self.by_key.values() if "doc_id" in frame.columns]
        import polars as pl

        return pl.concat(frames).n_unique() if frames else 0


def _held_publication(con: duckdb.DuckDBPyConnection) -> lake.Publication | None:
    """The lake's publication the attached release file holds (its run count and run ids match), or None
    when the file holds none that is still in the lake's history."""
    try:
        n_runs, run_ids = con.execute(
            f"select count(*), list(run_id) from {RELEASE}.main.pipeline_runs").fetchone()
    except duckdb.CatalogException:
        return None
    ids = set(run_ids or [])
    return next((p for p in lake.publications(con) if p.run_no == n_runs and p.run_id in ids), None)


def _plan(con: duckdb.DuckDBPyConnection, newest: lake.Publication) -> RefreshPlan:
    """How to bring the attached release file from the publication it holds to ``newest``."""
    every = lake_tables(con)
    base = _held_publication(con)
    if base is None:
        return RefreshPlan(None, whole=every)
    # One catalog read per database for every table's columns and the file's row counts (deleted rows counted
    # too; the live rows of the tables to refresh by key are counted below): asked table by table they were 70
    # statements per refresh.
    held_rows = dict(execute(con, "select table_name, estimated_size from duckdb_tables() where database_name = $db",
                             {"db": RELEASE}).fetchall())
    plan = RefreshPlan(base.run_no, dropped=sorted(set(held_rows) - set(every)), base_snapshot=base.snapshot_id,
                       newest_snapshot=newest.snapshot_id)
    if base.snapshot_id == newest.snapshot_id:
        return plan
    lake_columns, held_columns = table_columns(con, LAKE), table_columns(con, RELEASE)
    keyed: dict[str, str] = {}    # table -> its refresh key
    for table in sorted(lake.tables_with_new_files(con, base.snapshot_id, newest.snapshot_id)):
        columns = lake_columns.get(table, [])
        key = refresh_key(table, dict(columns))
        if table not in held_rows or held_columns.get(table) != columns or key is None:
            plan.whole.append(table)
        else:
            keyed[table] = key
    live_rows = _live_rows(con, keyed)
    plan.deleted_from = frozenset(lake.tables_with_deletions(con, int(plan.base_snapshot), int(plan.newest_snapshot)))
    # The article-text tables first: when one is to be written whole the file is written anew
    # (``_rewrites_article_texts``), and the other tables' change feeds need not be read (3.7 s of a refresh
    # after 20% of 100,000 articles were edited).
    texts = {t: key for t, key in keyed.items() if t in ARTICLE_TEXT_COLUMNS}
    others = {t: key for t, key in keyed.items() if t not in ARTICLE_TEXT_COLUMNS}
    for part in (texts, others):
        for table, changes in sorted(_changed_keys(con, part, plan).items()):
            key = keyed[table]
            live, deleted = live_rows[table], held_rows[table] - live_rows[table]
            if (changes[key].null_count() or changes["n_rows"].sum() > WHOLE_TABLE_SHARE * max(live, 1)
                    or deleted > DELETED_ROW_SHARE * max(live, 1)):
                plan.whole.append(table)
            else:
                plan.by_key[table] = changes.select(key)
        if _rewrites_article_texts(plan):
            return RefreshPlan(plan.base_run, whole=every, base_snapshot=plan.base_snapshot,
                               newest_snapshot=plan.newest_snapshot)
    plan.whole.sort()
    return plan


def _live_rows(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> dict[str, int]:
    """The rows each of the release file's ``tables`` holds, not counting deleted ones (``duckdb_tables()``'s
    estimated size counts those too), in one query."""
    counts = [f'select {sql_literal(table)}, count(*) from {RELEASE}.main."{table}"' for table in tables]
    return dict(con.execute(" union all ".join(counts)).fetchall()) if counts else {}


def _changed_keys(con: duckdb.DuckDBPyConnection, keyed: dict[str, str],
                  plan: RefreshPlan) -> dict[str, pl.DataFrame]:
    """For each table of ``keyed`` (table -> key column), the keys the change feed names in the
    plan's range with their number of change rows, grouped in SQL: streaming table_changes' rows out (select
    doc_id, then fetch) never returned on a table of 364,000 changed rows in DuckLake 1.5.5; an aggregate over
    it does.

    One query per table. The feeds of all tables of a key type in one ``union all`` took about as long on a +1%
    run at 100,000 articles (the plan 0.25-0.30 s against 0.28-0.33), but DuckDB 1.5.5 with DuckLake 1.5.5
    never finished that query (its threads idle, not interruptible) over the range of a run that re-extracted
    every document there: the 21 tables' feeds with one, two or three DuckDB threads, or five feeds on one
    thread when one of them read a table of several files; table by table the same plan took 3.0 s.

    The rows inserted and the rows deleted in the range, not ``table_changes``: the same keys and counts (an
    update is a deletion and an insertion in either), without pairing updates' two images by row id, which
    is what costs: 17 tables after a one-file run at 100,000 articles, 0.43-0.47 s against 0.88-1.01 s. The
    deletions only of the tables that may have lost rows in the range (``lake.tables_with_deletions``)."""
    span = f"{int(plan.base_snapshot)}, {int(plan.newest_snapshot)}"
    out: dict[str, pl.DataFrame] = {}
    for table, key in keyed.items():
        rows = f'select "{key}" from {LAKE}.table_insertions({sql_literal(table)}, {span})'
        if table in plan.deleted_from:
            rows += f' union all select "{key}" from {LAKE}.table_deletions({sql_literal(table)}, {span})'
        out[table] = fetch_frame(con, f'select "{key}", count(*) as n_rows from ({rows}) group by all')
    return out


def _apply(con: duckdb.DuckDBPyConnection, plan: RefreshPlan) -> None:
    """Write ``plan`` into the attached release file in one transaction, then checkpoint it, without vacuuming.
    Tables written whole are copied under a lower DuckDB memory limit (``_release_memory``).

    DuckDB's checkpoint vacuums row groups that lost rows, rewriting what is left of them (article texts
    compressed again) and appending the copies to the file. After 2,000 of the 100,000 bench articles were
    edited, the in-place refresh took 24.5 s and the file grew from 705 to 972 MB; without vacuuming 7.3 s and
    743 MB, and after a +1% run 1.7-2.2 s against 2.6 s. The deleted rows stay in the file until their table is
    written whole (``DELETED_ROW_SHARE``)."""
    with _release_memory(con) if plan.whole else nullcontext(), temporary_setting(con, "max_vacuum_tasks", lambda _: 0):
        _write_plan(con, plan)


# Share of the pipeline's DuckDB memory limit a release write may use. Writing the 100k file whole under the
# full limit (about 950 MiB) peaked at 1.44 GB in a process of its own and at 1.85-2.0 GB inside a pipeline run
# (its largest moment); under 600 MB it peaked at 1.01 GB, 1 s slower (27.7 s -> 28.7 s).
RELEASE_MEMORY_SHARE = 0.6


_UNITS = {"B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12,
          "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}


def memory_bytes(setting: str) -> int:
    """Bytes of a DuckDB memory setting as ``current_setting`` shows it ("953.6 MiB", "2.0 GiB", "500MB")."""
    number, unit = re.fullmatch(r"\s*([\d.]+)\s*([A-Za-z]*)\s*", setting).groups()
    return int(float(number) * _UNITS[(unit or "B").upper()])


def _release_memory(con: duckdb.DuckDBPyConnection) -> AbstractContextManager[None]:
    """Within the block, DuckDB's memory limit is ``RELEASE_MEMORY_SHARE`` of what it was; put back after."""
    return temporary_setting(con, "memory_limit", lambda before: f"{int(memory_bytes(before) * RELEASE_MEMORY_SHARE)}B")


def _write_plan(con: duckdb.DuckDBPyConnection, plan: RefreshPlan) -> None:
    new_file = plan.base_run is None
    if new_file:
        _copy_in_streams(con, plan.whole)
        # A transaction of ``con`` opened before the streams committed would not see their tables: start anew
        # (on a step's connection, ``commit`` opens the next transaction; on a plain one the pair holds nothing).
        con.begin()
        con.commit()
    con.begin()
    try:
        for table in plan.dropped:
            con.execute(f'drop table {RELEASE}.main."{table}"')
        for table in [] if new_file else plan.whole:
            _copy_whole(con, table)
        unique = unique_keys()
        for table, keys in plan.by_key.items():
            key = keys.columns[0]
            with frames_registered(con, {"release_keys": keys}):
                con.execute(f'delete from {RELEASE}.main."{table}" where "{key}" in (select "{key}" from release_keys)')
                rows = (_last_versions(table, plan) if unique.get(table) == key else
                        f'select * from {LAKE}.main."{table}" where "{key}" in (select "{key}" from release_keys)')
                con.execute(f'insert into {RELEASE}.main."{table}" by name {rows}')
        _write_extras(con)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    con.execute(f"checkpoint {RELEASE}")


# A new file's tables are copied by this many connections at once at most, each query by one DuckDB thread.
MAX_COPY_STREAMS = 4


def _copy_in_streams(con: duckdb.DuckDBPyConnection, tables: list[str]) -> None:
    """Copy ``tables`` into a new release file by as many connections at once as this process has cores (at
    most ``MAX_COPY_STREAMS``), each query by one thread, largest tables first, each table in a transaction of
    its own. By cores, not by the run's DuckDB threads: the copy is the run's last work, and a corpus small
    enough for one DuckDB thread (``RASD_DUCKDB_THREADS=auto``) left the second core idle through it (the 10k
    bench corpus: 4.0-4.8 s in one stream, 2.6-2.7 s in two).

    Copied one after the other, the article texts and the tables kept in the lake's order took one thread
    each and left the other core idle: at 100,000 articles the file took 19.3 s, in two streams 13.7 s (peak
    764 against 789 MB), and its row groups come out full (one writer per table). Its transactions need not be
    one: the file is new, written beside the old one and moved over it when whole (``refresh_release_file``);
    one thread per query keeps every table's rows in the order the lake reads them."""
    streams = max(1, min(available_cores(), MAX_COPY_STREAMS, len(tables)))
    rows = dict(execute(con, "select table_name, estimated_size from duckdb_tables() where database_name = $db "
                             "and schema_name = 'main'", {"db": LAKE}).fetchall())
    # The article texts first (the slowest per row), then by rows.
    order = sorted(tables, key=lambda t: (t not in ARTICLE_TEXT_COLUMNS, -rows.get(t, 0)))
    with temporary_setting(con, "threads", lambda _: 1), \
            temporary_setting(con, "preserve_insertion_order", lambda _: True), \
            ThreadPoolExecutor(max_workers=streams) as pool:
        # Taken in this order by whichever connection is free: the longest copies start first, so the streams end
        # together.
        copies = [pool.submit(_copy_committed, con, table) for table in order]
        try:
            for copy in copies:
                copy.result()
        except BaseException:
            for copy in copies:
                copy.cancel()       # the copies not started yet; the running ones end with their table
            raise


def _copy_committed(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """``_create_copy`` on a connection of its own, committed."""
    cursor = con.cursor()
    try:
        cursor.begin()
        _create_copy(cursor, table)
        cursor.commit()
    finally:
        cursor.close()


def _last_versions(table: str, plan: RefreshPlan) -> str:
    """The select of the rows a table with one row per key holds now for the keys the change feed names: per
    row (DuckLake's row id, kept by an update), its last version in the feed, unless that is its deletion.
    It reads the files the range added, not the table: selecting a few hundred documents' rows by doc_id
    from ``documents`` read every text (1.35 s at 100,000 articles; 0.05 s from the feed).

    The last versions are picked on the feed's row ids, snapshots and change types alone, then the rows are read
    for them: ranked with their texts, the versions of 20,000 edited articles (of 100,000) did not fit the
    refresh's memory limit (572 MiB)."""
    span = f"{sql_literal(table)}, {int(plan.base_snapshot)}, {int(plan.newest_snapshot)}"
    if table not in plan.deleted_from:
        # Rows were only added in the range: each is live and its own last version, read in one pass over the
        # files the range added (the ranked feed reads them twice: 0.05-0.07 s a table after a +1% run at 100k).
        return f"select * from {LAKE}.table_insertions({span})"
    feed = f"{LAKE}.table_changes({span})"
    return (f"select * exclude (snapshot_id, rowid, change_type) from {feed} semi join ("
            "select rowid, snapshot_id, change_type from (select rowid, snapshot_id, change_type, row_number() over "
            "(partition by rowid order by snapshot_id desc, change_type = 'update_postimage' desc) as _last_version "
            f"from {feed}) where _last_version = 1 and change_type in ('insert', 'update_postimage')"
            ") using (rowid, snapshot_id, change_type)")


def _attach_for_writing(con: duckdb.DuckDBPyConnection, path: Path, wait_s: float) -> bool:
    """Attach the file for writing, waiting up to ``wait_s`` for readers to close it; False if they did not."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            _attach(con, path)
            return True
        except duckdb.BinderException as exc:
            # This process holds the file open itself (DuckDB keeps one handle per file per process).
            if "already attached" not in str(exc):
                raise
            return False
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


@dataclass(frozen=True)
class Refresh:
    """What a refresh did: the published run the file held before (None: written new), the tables written
    whole and by key (document or their own), the documents whose rows were replaced, and whether a reader
    kept the file open so a copy replaced it."""

    base_run: int | None
    whole: list[str]
    by_key: list[str]
    documents_replaced: int
    copied: bool
    described: Any = None


def refresh_release_file(con: duckdb.DuckDBPyConnection, path: Path, wait_s: float = 10.0,
                         describe: Callable[[duckdb.DuckDBPyConnection, str], Any] | None = None) -> Refresh:
    """Bring the release file at ``path`` to the lake's newest publication as ``con`` sees it (see the module
    docstring). A file holding no publication still in the lake's history, or with a table of article texts the
    refresh would write whole (``_rewrites_article_texts``), is written anew. ``describe(con,
    database)`` is called on the refreshed file while it is attached (as ``database``); its result is
    ``described``."""
    newest = lake.newest_publication(con)
    if newest is None:
        raise lake.NoPublication("the lake has no published run to release")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.refresh-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    copied = False
    try:
        if path.exists() and _attach_for_writing(con, path, wait_s):
            target = path
        else:
            if path.exists():
                shutil.copyfile(path, tmp)
                copied = True
            target = tmp
            _attach(con, target)
        try:
            plan = _plan(con, newest)
            if (target == path or copied) and (plan.base_run is None or _rewrites_article_texts(plan)):
                # A new file replaces the old one (or the copy made for a reader), so a failure leaves the old
                # one whole.
                _detach(con)
                tmp.unlink(missing_ok=True)
                target = tmp
                _attach(con, target)
                plan = _plan(con, newest)
            _apply(con, plan)
            described = describe(con, RELEASE) if describe else None
        finally:
            _detach(con)
        if target == tmp:
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
    return Refresh(plan.base_run, plan.whole, sorted(plan.by_key), plan.documents, copied, described)


def _rewrites_article_texts(plan: RefreshPlan) -> bool:
    """Whether ``plan`` writes a table holding article texts whole: then writing a new file is as fast as
    rewriting the old one in place or faster, and keeps it from growing. After 20% of the 100,000 bench articles
    were edited, every table was to be written whole: in place 27.5 s and the file from 705 MB to 1,428 MB
    (DuckDB keeps the freed blocks for later writes), a new file 23.5 s (the plan first asked the change feed,
    3.7 s of it) and 705 MB: the texts are the slowest rows to copy, and a new file's tables are copied by several
    connections at once. After 14.3% were edited, `documents` (its duplicates' rows changed too) and 16 other
    tables were to be written whole, `raw_documents` and 7 others by document: in place 20.4 s and 1,146 MB, a
    new file 20.3 s and 706 MB. After every document was extracted again, with the texts unchanged, 19 tables of
    mentions, claims and marts written whole in place took 15.8 s (the file 729 -> 1,096 MB), a new file 22.2 s."""
    return bool(set(ARTICLE_TEXT_COLUMNS) & set(plan.whole))


def release_holds_newest(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    """Whether the release file at ``path`` holds the lake's newest publication (read without a write lock)."""
    newest = lake.newest_publication(con)
    if newest is None or not path.exists():
        return newest is None
    try:
        _attach(con, path, read_only=True)
    except duckdb.Error:
        return False
    try:
        held = _held_publication(con)
    finally:
        _detach(con)
    return held is not None and held.snapshot_id == newest.snapshot_id


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
    columns = {t: fetch_frame(con, f'select * from {LAKE}.main."{t}" limit 0') for t in tables}
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
