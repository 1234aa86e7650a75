"""Every contract check passes on the real seeds warehouse and fails on a warehouse broken on purpose."""

import shutil

import duckdb
import pytest

from pipelines.defs.checks import count_violations
from pipelines.lib.sql import sql_files

CORRUPTIONS = {
    "raw_files__keys_unique":
        "create or replace table raw_files as select * from raw_files union all (select * from raw_files limit 1)",
    "raw_files__quarantine_has_reason": "update raw_files set status = 'quarantined', reason = null where rowid = 0",
    "raw_documents__keys_resolve": "update raw_documents set file_id = 'nope' where rowid = 0",
    "clean_documents__counts_valid": "update clean_documents set n_chars = n_chars + 1 where rowid = 0",
    "sentences__offsets_inside_text": "update sentences set char_end = char_end + 3 where rowid = 0",
    "documents__keys_and_duplicates_resolve":
        "update documents set status = 'duplicate', duplicate_of = 'missing', dup_similarity = 0.9 where rowid = 0",
    "actors__keys_unique": "update actors set parent_id = 'no_such_actor' where rowid = 0",
    "locations__keys_and_coordinates_valid": "update locations set lat = 0, lon = 0 where lat is not null",
    "actor_mentions__resolve_and_slice": "update actor_mentions set char_start = char_start + 1 where rowid = 0",
    "location_mentions__resolve_and_slice": "update location_mentions set location_id = 'nowhere' where rowid = 0",
    "casualty_claims__valid": "update casualty_claims set count_low = 10, count_high = 5 where rowid = 0",
    "incidents__figures_valid": "update incidents set n_claims = n_claims + 1 where rowid = 0",
    "incidents__claims_link": "update casualty_claims set incident_id = 'inc:nowhere' where rowid = 0",
}


def test_every_check_has_a_corruption():
    assert {p.stem for p in sql_files("checks")} == set(CORRUPTIONS)


@pytest.mark.parametrize("name", sorted(CORRUPTIONS))
def test_check_passes_then_fails(name, seeds_warehouse, tmp_path):
    path, _ = seeds_warehouse
    check_sql = next(p for p in sql_files("checks") if p.stem == name).read_text(encoding="utf-8")
    with duckdb.connect(str(path), read_only=True) as con:
        assert count_violations(con, check_sql) == 0
    broken = tmp_path / "broken.duckdb"
    shutil.copyfile(path, broken)
    with duckdb.connect(str(broken)) as con:
        con.execute(CORRUPTIONS[name])
        assert count_violations(con, check_sql) > 0


def test_a_failing_check_blocks_publication(tmp_path, monkeypatch):
    """A blocking check stops the run before publish: the previous warehouse stays."""
    from pipelines.cli import build_warehouse
    from tests.conftest import SEEDS

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    wh = tmp_path / "w.duckdb"
    import pipelines.stages.clean as clean_stage

    real = clean_stage.clean_batch

    def off_by_one(raw, boilerplate_yaml):
        docs, sents = real(raw, boilerplate_yaml)
        return docs, sents.with_columns(sents["char_end"] + 1)

    monkeypatch.setattr(clean_stage, "clean_batch", off_by_one)
    facts = build_warehouse(corpus, wh, tmp_path / "lake", raise_on_error=False)
    assert not facts["success"]
    assert not wh.exists()
