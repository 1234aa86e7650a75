"""Parameters written as literals and frames streamed to DuckDB (``pipelines/lib/duck_inputs``)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import duckdb
import polars as pl
import pytest

from pipelines.lib.duck_inputs import (
    SCATTERED_KEYS_MAX,
    execute,
    fetch_frame,
    frames_registered,
    inline_params,
    key_ranges,
    register_frame,
    sql_literal,
)


@pytest.mark.parametrize("value", [
    None, True, False, 0, 7, -3, 2**40, 1.5, -0.25, "plain", "it's", "عربي 'مقتبس'", "--not a comment",
    date(2026, 12, 4), datetime(2026, 12, 4, 15, 30, 1), datetime(2026, 12, 4, 15, 30, 1, 250),
    [1, 2, 3], ["a", "b'c"], [],
])
def test_a_literal_reads_back_as_the_value_binding_gives(value):
    con = duckdb.connect()
    literal = con.execute(f"select {sql_literal(value)}").fetchone()[0]
    bound = con.execute("select ?", [value]).fetchone()[0]
    assert literal == bound == value


def test_non_finite_floats_and_unknown_types():
    con = duckdb.connect()
    assert con.execute(f"select {sql_literal(float('inf'))}").fetchone()[0] == float("inf")
    with pytest.raises(TypeError, match="no SQL literal for a parameter of type dict"):
        sql_literal({"a": 1})


def test_a_negative_number_after_a_minus_stays_an_operand():
    con = duckdb.connect()
    assert execute(con, "select 10-?", [-3]).fetchone()[0] == 13
    assert execute(con, "select 10-$1", [-3.5]).fetchone()[0] == 13.5


def test_placeholders_inside_strings_names_and_comments_are_left_alone():
    query = """select '?' as "q?", 'a $1 b' as "$x" -- a ? here
    , /* and $2 here */ ? as v, $2 as w"""
    assert inline_params(query, [5, "z"]) == """select '?' as "q?", 'a $1 b' as "$x" -- a ? here
    , /* and $2 here */ 5 as v, 'z' as w"""
    con = duckdb.connect()
    assert execute(con, query, [5, "z"]).fetchone() == ("?", "a $1 b", 5, "z")


def test_numbered_and_named_placeholders():
    con = duckdb.connect()
    assert execute(con, "select $2, $1, $2", ["a", "b"]).fetchone() == ("b", "a", "b")
    assert execute(con, "select $lake || $x", {"lake": "l'", "x": "y"}).fetchone()[0] == "l'y"
    assert execute(con, "select ? is null", [None]).fetchone()[0] is True
    assert execute(con, "select 1").fetchone()[0] == 1


@pytest.mark.parametrize(("query", "params", "message"), [
    ("select ?, ?", [1], "no value for the placeholder"),
    ("select ?", [1, 2], "2 parameters given, 1 used"),
    ("select $a", {"b": 1}, "no value for the placeholder"),
    ("select $a", [1], "needs named parameters"),
    ("select $3", [1, 2], "no value for the placeholder"),
])
def test_a_placeholder_without_a_value_or_a_value_without_a_placeholder_is_an_error(query, params, message):
    with pytest.raises(ValueError, match=message):
        inline_params(query, params)


def test_a_frame_read_by_several_statements_is_held_and_dropped_after():
    con = duckdb.connect()
    frame = pl.DataFrame({"doc_id": ["a", "b", "c"], "n": [1, 2, 3], "words": [["x"], [], ["y", "z"]]})
    with frames_registered(con, {"keys": frame}):
        assert con.execute("select sum(n) from keys").fetchone()[0] == 6
        assert con.execute("select count(*) from keys k1 join keys k2 using (doc_id)").fetchone()[0] == 3
        assert con.execute("select words from keys where doc_id = 'c'").fetchone()[0] == ["y", "z"]
    with pytest.raises(duckdb.CatalogException):
        con.execute("select * from keys")


def test_a_frame_read_once_is_streamed_and_a_second_read_fails_loudly():
    con = duckdb.connect()
    frame = pl.DataFrame({"doc_id": ["a", "b"], "published_at": [datetime(2026, 1, 2), None]})
    register_frame(con, "batch", frame, read_once=True)
    assert con.execute("select count(published_at), min(doc_id) from batch").fetchone() == (1, "a")
    with pytest.raises(duckdb.InvalidInputException, match="already been consumed"):
        con.execute("select * from batch").fetchall()


def test_a_result_fetched_as_a_frame_keeps_its_types_and_an_empty_one_its_schema():
    con = duckdb.connect()
    query = ("select 'a' as doc_id, 3::bigint as n, [1, 2] as l, timestamp '2026-12-04 10:00:00' as at, "
             "2::ubigint as mark, 1.5::double as x where $1")
    assert fetch_frame(con, query, [True]).equals(con.execute(query, [True]).pl())
    empty = fetch_frame(con, query, [False])
    assert empty.height == 0 and empty.schema == con.execute(query, [True]).pl().schema


def test_no_way_in_or_out_imports_pandas_or_pyarrow():
    # DuckDB's client imports pandas to bind a Python parameter and pyarrow.dataset to scan an Arrow table:
    # in a fresh interpreter, these ways in must import neither.
    script = (
        "import sys, duckdb, polars as pl\n"
        "from pipelines.lib.duck_inputs import execute, fetch_frame, frames_registered\n"
        "con = duckdb.connect()\n"
        "assert execute(con, 'select ? + 1', [1]).fetchone()[0] == 2\n"
        "with frames_registered(con, {'f': pl.DataFrame({'a': [1, 2]})}, read_once={'f'}):\n"
        "    assert con.execute('select sum(a) from f').fetchone()[0] == 3\n"
        "with frames_registered(con, {'g': pl.DataFrame({'a': [1, 2]})}):\n"
        "    assert con.execute('select sum(a) from g').fetchone()[0] == 3\n"
        "assert fetch_frame(con, 'select ? as a', [1])['a'].to_list() == [1]\n"
        "print(sorted(m for m in ('pandas', 'pyarrow') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_frame_named_once_outside_comments_is_streamed():
    from pipelines.stages.common import frames_read_once

    script = """-- The rows of $batch (streamed) and the keys of $keys (read twice).
insert into t select * from batch;
delete from u where id in (select id from keys);
insert into u select * from keys;  -- keys again
"""
    assert frames_read_once(script, ["batch", "keys", "absent"]) == {"batch"}
    # The search index's script names its frames in its header comment and reads each once.
    from pipelines.lib.sql import sql

    assert frames_read_once(sql("marts/search_index/write"), ["search_new_terms", "search_documents",
                                                                "search_postings"]) == {
        "search_new_terms", "search_documents", "search_postings"}


def test_key_ranges_name_each_key_up_to_the_limit_and_the_span_past_it():
    assert key_ranges("d.doc_id", []) == "false"
    assert key_ranges("d.doc_id", ["a1"]) == "(d.doc_id between 'a1' and 'a1')"
    assert key_ranges("d.doc_id", ["a1", "o'b"]) == ("(d.doc_id between 'a1' and 'a1' or "
                                                     "d.doc_id between 'o''b' and 'o''b')")
    many = [f"k{i:05d}" for i in range(SCATTERED_KEYS_MAX + 1)]
    assert key_ranges("doc_id", many) == f"doc_id between 'k00000' and 'k{SCATTERED_KEYS_MAX:05d}'"


@pytest.mark.parametrize("n_keys", [0, 1, 3, SCATTERED_KEYS_MAX + 1])
def test_key_ranges_hold_for_their_keys_and_no_row_between_them_is_lost(n_keys):
    con = duckdb.connect()
    con.execute("create table t as select 'd' || lpad(i::varchar, 5, '0') as doc_id from range(2000) r(i)")
    keys = [f"d{i:05d}" for i in range(0, 2 * n_keys, 2)]
    kept = {row[0] for row in con.execute(f"select doc_id from t where {key_ranges('doc_id', keys)}").fetchall()}
    assert set(keys) <= kept
    # one range per key, or past the limit the span (which also keeps the odd ids between the keys)
    assert len(kept) == (n_keys if n_keys <= SCATTERED_KEYS_MAX else 2 * n_keys - 1)
