"""Every table a run publishes is what bench/expected_outputs.json says, on seeds, dev, dev2 and dev + dev2 with
their dates: a change made for speed must not change a row (issue 15). A change meant to change the outputs
writes the file anew (``python -m bench.outputs --write``) and its diff names the tables it changed."""

from __future__ import annotations

import json

import duckdb
import pytest

from bench.outputs import EXPECTED, SKIPPED, VOLATILE, differences, release_digests, table_digests

pytestmark = pytest.mark.gold


@pytest.mark.parametrize("corpus", ["seeds", "dev", "dev2", "devall"])
def test_every_published_table_is_as_expected(gold_warehouses, corpus):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))[corpus]
    found = release_digests(gold_warehouses[corpus])
    assert not differences(expected, found), (
        f"{corpus}: {differences(expected, found)} -- if the change is meant to change the outputs, "
        "write the expectations anew: python -m bench.outputs --write")
    # Something to compare: the tables the dashboard and a researcher read are all there, with rows.
    for table in ("documents", "sentences", "actor_mentions", "location_mentions", "casualty_claims", "incidents"):
        assert found[table]["rows"] > 0, (corpus, table)


def test_the_digest_tells_one_changed_value_and_ignores_run_times(tmp_path):
    con = duckdb.connect(str(tmp_path / "t.duckdb"))
    con.execute("create table casualty_claims (claim_id varchar, count_low bigint, location_id varchar)")
    con.execute("insert into casualty_claims values ('a', 3, null), ('b', 12, 'L1')")
    con.execute("create table raw_files (file_id varchar, mtime double, ingested_at timestamp)")
    con.execute("insert into raw_files values ('f1', 1.5, '2026-12-04 10:00:00')")
    con.execute("create table run_log (stage varchar, seconds double)")
    con.execute("insert into run_log values ('claims', 1.0)")
    before = table_digests(con)
    assert set(before) == {"casualty_claims", "raw_files"} and "run_log" in SKIPPED
    assert before["casualty_claims"]["rows"] == 2

    # Rows in another order, and another run's times: the same digests.
    con.execute("create or replace table casualty_claims as select * from casualty_claims order by claim_id desc")
    con.execute("update raw_files set mtime = 99.0, ingested_at = '2027-01-01 00:00:00'")
    con.execute("update run_log set seconds = 7.0")
    assert set(VOLATILE["raw_files"]) == {"mtime", "ingested_at"}
    assert table_digests(con) == before

    # One count, or a NULL that becomes a value, is a difference, named by its table.
    con.execute("update casualty_claims set count_low = 13 where claim_id = 'b'")
    assert differences(before, table_digests(con)) == ["casualty_claims: 2 rows as expected, but they differ"]
    con.execute("update casualty_claims set count_low = 12 where claim_id = 'b'")
    con.execute("update casualty_claims set location_id = 'L2' where claim_id = 'a'")
    assert differences(before, table_digests(con)) == ["casualty_claims: 2 rows as expected, but they differ"]
    con.execute("update casualty_claims set location_id = null where claim_id = 'a'")
    con.execute("delete from raw_files")
    assert differences(before, table_digests(con)) == ["raw_files: 0 rows, expected 1"]
