"""Helpers shared by the stage functions: bulk frames in and out of DuckDB, and the run log."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import duckdb

from pipelines.lib.duck_inputs import execute, frames_registered
from pipelines.lib.sql import sql

if TYPE_CHECKING:       # Polars is not imported at run time here: `make run` with nothing to do never needs it
    import polars as pl


def tune_for_bulk_writes(con: duckdb.DuckDBPyConnection) -> None:
    """``sql/staging/bulk_write_settings.sql`` on this connection's database instance.

    DuckDB checkpoints whenever its write-ahead log passes 16 MB, and each checkpoint rewrites the
    growing primary-key indexes: a 100,000-article clean checkpointed after nearly every batch spent
    109 s writing instead of 23 s with a 512 MB threshold.
    DuckDB's memory limit is set per connection (``RASD_DUCKDB_MEMORY``, ``pipelines/lib/warehouse.py``).
    """
    con.execute(sql("staging/bulk_write_settings"))


@contextmanager
def one_commit(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The statements of the block as one transaction: one lake commit (snapshot) for all of them, rolled
    back together on an error. On DuckLake a commit writes the catalog and each autocommitted statement
    looks the newest snapshot up again: a marts refresh of the seeds took 1.0–1.2 s statement by statement,
    0.4 s as one commit."""
    con.begin()
    try:
        yield
    except BaseException:
        con.rollback()
        raise
    con.commit()


@contextmanager
def view_as_table(con: duckdb.DuckDBPyConnection, view: str) -> Iterator[None]:
    """Within the block, ``view`` (of the connection's default database) reads as a temporary table of the same
    name, filled from it once on entry; the temporary table shadows the view, in other views too, and is
    dropped on exit. For a view that several statements read while what it reads stays as it is: on the lake
    every statement reading it pays a catalog look-up per table the view reads, and its whole work again."""
    database = con.execute("select current_database()").fetchone()[0]
    con.execute(f'create or replace temp table "{view}" as select * from "{database}".main."{view}"')
    try:
        yield
    finally:
        con.execute(f'drop table if exists temp.main."{view}"')


def run_script(con: duckdb.DuckDBPyConnection, name: str, frames: dict[str, pl.DataFrame]) -> None:
    """Run ``sql/<name>.sql`` with Polars frames registered under the names it reads: a frame whose name the
    script mentions once is streamed to it, any other held in a temporary table (``lib/duck_inputs``)."""
    script = sql(name)
    once = frames_read_once(script, frames)
    with frames_registered(con, frames, read_once=once):
        con.execute(script)


_COMMENT = re.compile(r"--[^\n]*")


def frames_read_once(script: str, names: Iterable[str]) -> set[str]:
    """The names a script's statements mention once: those frames are streamed, not copied into a temporary
    table first. Comments do not count (naming a frame in one made the search index copy its postings:
    1.4 s of a first run at 100,000 articles)."""
    code = _COMMENT.sub("", script)
    return {name for name in names if len(re.findall(rf"\b{re.escape(name)}\b", code)) == 1}


def scalar(con: duckdb.DuckDBPyConnection, query: str) -> int:
    """The single number a count query returns."""
    return int(con.execute(query).fetchone()[0])


def state_value(con: duckdb.DuckDBPyConnection, key: tuple[str, str]) -> str | None:
    """A run-wide value kept in ``stage_state`` under ``key`` (stage, key), or None."""
    row = execute(con, sql("staging/state_get"), list(key)).fetchone()
    return row[0] if row else None


def set_state_value(con: duckdb.DuckDBPyConnection, key: tuple[str, str], value: str) -> None:
    execute(con, sql("staging/state_set"), [*key, value])


def utc_now() -> datetime:
    """The current time in UTC to the second, without a zone: the warehouse's timestamps are UTC."""
    return datetime.now(UTC).replace(microsecond=0, tzinfo=None)


def log_stage(con: duckdb.DuckDBPyConnection, stage: str, n_processed: int, n_changed: int, seconds: float) -> None:
    execute(con, sql("staging/run_log_record"), [stage, n_processed, n_changed, round(seconds, 3)])


@contextmanager
def timed() -> Iterator[list[float]]:
    box = [0.0]
    start = time.perf_counter()
    try:
        yield box
    finally:
        box[0] = time.perf_counter() - start


def batches(frame: pl.DataFrame, size: int) -> Iterator[pl.DataFrame]:
    for start in range(0, frame.height, size):
        yield frame.slice(start, size)
