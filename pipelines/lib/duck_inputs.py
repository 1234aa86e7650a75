"""Values and Polars frames handed to DuckDB without its Python client importing pandas.

DuckDB 1.5.5's Python client imports pandas (and pyarrow with it) the first time it binds a Python value as
a statement parameter, and ``pyarrow.dataset`` (which imports pandas too) the first time it registers an Arrow
table, a Polars frame or anything with ``__arrow_c_stream__``: 0.4 s of a 4 s ``make run`` on the seeds, in a
pipeline that uses neither. Two ways in avoid both:

- parameters written into the statement as SQL literals (:func:`inline_params`), the placeholders found
  outside quoted strings, quoted names and comments;
- a frame handed over as the bare Arrow C stream capsule Polars exports (:func:`register_frame`), which
  DuckDB reads without pyarrow. A capsule can be read once; a frame several statements read is copied into a
  temporary table first.

Results come back the same way, as a relation's Arrow C stream read by Polars (:func:`fetch_frame`), so a run
needs no pyarrow at all.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:       # imported where a frame is made: `make run` with nothing to do never needs Polars
    import polars as pl

# A quoted string ('' escapes a quote), a quoted name, a comment, or a placeholder: ?, $1, $name.
_TOKEN = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|/\*.*?\*/|\$(\d+)|\$([A-Za-z_]\w*)|\?""", re.S)

Params = Sequence[object] | Mapping[str, object] | None


def sql_literal(value: object) -> str:
    """``value`` as a DuckDB SQL literal of the type DuckDB would bind it as."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and not math.isfinite(value):
            return f"'{value}'::DOUBLE"
        text = repr(value) if isinstance(value, float) else str(value)
        # In parentheses a sign cannot join the operator before it: x-(-1), not the comment x--1.
        return f"({text})" if text.startswith("-") else text
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, datetime):
        kind = "TIMESTAMPTZ" if value.tzinfo is not None else "TIMESTAMP"
        return f"{kind} '{value.isoformat(sep=' ')}'"
    if isinstance(value, date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, time):
        return f"TIME '{value.isoformat()}'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(sql_literal(item) for item in value) + "]"
    raise TypeError(f"no SQL literal for a parameter of type {type(value).__name__}: {value!r}")


def inline_params(query: str, params: Params) -> str:
    """``query`` with its placeholders (``?`` in order, ``$1``.. by position, ``$name`` by name) replaced by
    ``params`` as literals. Raises ``ValueError`` when a placeholder has no value or a value no placeholder."""
    if params is None:
        return query
    named = isinstance(params, Mapping)
    values = params if named else list(params)
    next_positional = 0
    used: set = set()

    def replace(match: re.Match) -> str:
        nonlocal next_positional
        token = match.group(0)
        if token[0] in "'\"-/":
            return token
        if named:
            if match.group(2) is None or match.group(2) not in values:
                raise ValueError(f"no value for the placeholder {token} (named parameters: {sorted(values)})")
            used.add(match.group(2))
            return sql_literal(values[match.group(2)])
        if match.group(2) is not None:
            raise ValueError(f"the named placeholder {token} needs named parameters")
        index = int(match.group(1)) - 1 if match.group(1) is not None else next_positional
        if token == "?":
            next_positional += 1
        if not 0 <= index < len(values):
            raise ValueError(f"no value for the placeholder {token}: {len(values)} parameters given")
        used.add(index)
        return sql_literal(values[index])

    text = _TOKEN.sub(replace, query)
    if len(used) != len(values):
        raise ValueError(f"{len(values)} parameters given, {len(used)} used by the statement")
    return text


# Up to this many keys, ``key_ranges`` names each one; past it, their whole span (see there).
SCATTERED_KEYS_MAX = 500


def key_ranges(column: str, keys: Sequence[str]) -> str:
    """A filter on ``column`` (written into the SQL as it is: a column name, never user input) that holds for
    every one of ``keys`` (sorted), for a scan to skip the row groups that hold none of them: one ``between``
    per key, or-ed, for up to ``SCATTERED_KEYS_MAX`` keys, else one over their whole span. The caller still
    selects the keys themselves (a semi-join).

    DuckDB skips a lake table's row groups by an OR of ranges, not by an IN list or a semi-join: the texts of 70
    documents scattered over 100,000 read in 0.15 s against 0.58 s (every text read), 300 in 0.25 against
    0.69 s; at 2,500 the OR costs more than the span (1.25 against 0.81 s). A range per key, not an equality:
    an OR of equalities becomes an IN list again."""
    if not keys:
        return "false"
    if len(keys) > SCATTERED_KEYS_MAX:
        return f"{column} between {sql_literal(keys[0])} and {sql_literal(keys[-1])}"
    return "(" + " or ".join(f"{column} between {lit} and {lit}" for lit in map(sql_literal, keys)) + ")"


def execute(con: duckdb.DuckDBPyConnection, query: str, params: Params = None) -> duckdb.DuckDBPyConnection:
    """``con.execute(query, params)`` with the parameters inlined (see the module's docstring)."""
    return con.execute(inline_params(query, params))


def fetch_frame(con: duckdb.DuckDBPyConnection, query: str, params: Params = None) -> pl.DataFrame:
    """The result of a query as a Polars frame, read through the relation's Arrow C stream: ``.pl()`` on a
    result goes through pyarrow (its import is 0.1 s of a seeds run)."""
    import polars as pl

    return pl.DataFrame(con.sql(inline_params(query, params)))


def register_frame(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame, *,
                   read_once: bool = False) -> None:
    """Make ``frame`` readable as ``name`` on ``con``. ``read_once``: one statement reads it once, and DuckDB
    streams it from Polars' buffers; otherwise it is copied into the temporary table ``name``, which any
    number of statements may read. Undo with :func:`unregister_frame`."""
    if read_once:
        con.register(name, frame.__arrow_c_stream__())
        return
    stream = f"__stream_{name}"
    con.register(stream, frame.__arrow_c_stream__())
    try:
        con.execute(f'create or replace temp table "{name}" as select * from "{stream}"')
    finally:
        con.unregister(stream)


def unregister_frame(con: duckdb.DuckDBPyConnection, name: str, *, read_once: bool = False) -> None:
    """Undo :func:`register_frame`."""
    if read_once:
        con.unregister(name)
    else:
        con.execute(f'drop table if exists temp.main."{name}"')


@contextmanager
def frames_registered(con: duckdb.DuckDBPyConnection, frames: Mapping[str, pl.DataFrame],
                      read_once: frozenset[str] | set[str] = frozenset()) -> Iterator[None]:
    """The block with ``frames`` readable under their names (those in ``read_once`` streamed, the others held
    in temporary tables), all of them removed on exit."""
    done: list[str] = []
    try:
        for name, frame in frames.items():
            register_frame(con, name, frame, read_once=name in read_once)
            done.append(name)
        yield
    finally:
        for name in done:
            unregister_frame(con, name, read_once=name in read_once)


def fetch_frame_for_keys(con: duckdb.DuckDBPyConnection, query: str, keys: pl.Series, name: str) -> pl.DataFrame:
    """The result of ``query`` for some keys: ``keys`` readable once as the frame ``name`` (a column named as the
    series) for its semi-join, and its ``{doc_range}`` written by :func:`key_ranges` over ``d.doc_id`` for them,
    so that a lake scan skips the row groups of other documents."""
    doc_range = key_ranges("d.doc_id", keys.sort().to_list())
    with frames_registered(con, {name: keys.to_frame()}, read_once={name}):
        return fetch_frame(con, query.format(doc_range=doc_range))


@contextmanager
def temporary_setting(con: duckdb.DuckDBPyConnection, name: str, value: Callable[[Any], Any]) -> Iterator[None]:
    """Within the block, DuckDB's setting ``name`` is ``value(what it was)``; put back after."""
    before = con.execute(f"select current_setting('{name}')").fetchone()[0]
    con.execute(f"set {name} = {sql_literal(value(before))}")
    try:
        yield
    finally:
        con.execute(f"set {name} = {sql_literal(before)}")
