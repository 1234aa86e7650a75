"""Every contract check passes on the real seeds warehouse and fails on a warehouse broken on purpose."""

import shutil

import duckdb
import pytest

from pipelines.definitions import ASSETS
from pipelines.defs.checks import FRAME_RULES, count_violations
from pipelines.lib.sql import sql_files
from tests.conftest import ROOT

# One corruption per rule, which breaks that rule and no other.
CORRUPTIONS = {
    "raw_files__file_ids_unique":
        "create or replace table raw_files as select * from raw_files union all (select * from raw_files limit 1)",
    "raw_files__status_is_known":
        "insert into raw_files select * replace ('extra_file' as file_id, 'lost' as status) from raw_files limit 1",
    "raw_files__quarantined_files_say_why":
        "insert into raw_files select * replace ('extra_file' as file_id, 'quarantined' as status, null as reason) "
        "from raw_files limit 1",
    "raw_documents__doc_ids_unique": "insert into raw_documents select * from raw_documents limit 1",
    "raw_documents__come_from_ok_files": "update raw_documents set file_id = 'nope' where rowid = 0",
    "clean_documents__match_a_document": "update clean_documents set doc_id = 'orphan' where rowid = 0",
    "clean_documents__counts_not_negative": "update clean_documents set n_boilerplate_lines = -1 where rowid = 0",
    "clean_documents__lengths_match_text":
        "update document_texts set n_chars = n_chars + 1 where doc_id = (select min(doc_id) from clean_documents); "
        "update clean_documents set n_chars = n_chars + 1 where doc_id = (select min(doc_id) from clean_documents)",
    "sentences__belong_to_documents":
        "insert into sentences select * replace ('orphan' as doc_id) from sentences limit 1",
    # `documents` is a view over the texts and the dedup decisions (sql/ddl/030_documents.sql): a second row in
    # either table doubles a document; a decision is written where the dedup stage writes it.
    "documents__doc_ids_unique": "insert into document_texts select * from document_texts limit 1",
    "documents__status_is_known":
        "insert into document_decisions select doc_id, 'lost', null, null from document_texts limit 1",
    "documents__duplicates_point_to_canonical":
        "insert into document_decisions select doc_id, 'duplicate', 'missing', 0.9 from document_texts limit 1",
    "documents__canonical_are_no_duplicates":
        "insert into document_decisions select doc_id, 'ok', doc_id, null from document_texts limit 1",
    "actors__actor_ids_unique":
        "create or replace table actors as select * from actors union all (select * from actors limit 1)",
    "actors__parents_exist": "update actors set parent_id = 'no_such_actor' where rowid = 0",
    "locations__location_ids_unique":
        "create or replace table locations as select * from locations union all (select * from locations limit 1)",
    "locations__coordinates_valid": "update locations set lat = 0, lon = 0 where lat is not null",
    "actor_mentions__resolve_to_document_and_actor":
        "update actor_mentions set actor_id = 'nobody' where rowid = 0",
    "location_mentions__resolve_to_document_and_location":
        "update location_mentions set location_id = 'nowhere' where rowid = 0",
    "casualty_claims__claim_ids_unique":
        "create or replace table casualty_claims as select * from casualty_claims "
        "union all (select * replace (null as incident_id) from casualty_claims limit 1)",
    "casualty_claims__values_in_vocabulary": "update casualty_claims set scope = 'someday' where rowid = 0",
    "casualty_claims__counts_ordered": "update casualty_claims set count_low = 10, count_high = 5 where rowid = 0",
    "casualty_claims__belong_to_documents":
        "insert into casualty_claims select * replace ('extra_claim' as claim_id, 'orphan' as doc_id, "
        "null as incident_id) "
        "from casualty_claims limit 1",
    "casualty_claims__actors_and_places_resolve":
        "update casualty_claims set claimed_by_actor_id = 'nobody' where rowid = 0",
    "casualty_claims__evidence_sentence_exists": "update casualty_claims set sentence_no = 9999 where rowid = 0",
    "casualty_claims__claimants_resolve": "update casualty_claims set claimant_id = 'nobody' where rowid = 0",
    "incidents__incident_ids_unique":
        "create or replace table incidents as select * from incidents union all (select * from incidents limit 1)",
    "incidents__figures_ordered":
        "update incidents set killed_low = killed_best + 1 where incident_id = "
        "(select min(incident_id) from incidents where killed_best is not null)",
    "incidents__source_counts_consistent":
        "update incidents set n_articles = n_claims + 1 where incident_id = (select min(incident_id) from incidents)",
    "incidents__claim_counts_match":
        "update incidents set n_claims = n_claims + 1 where incident_id = (select min(incident_id) from incidents)",
    "incidents__claims_point_to_existing_incidents":
        "delete from incidents where incident_id = (select min(incident_id) from casualty_claims)",
    "incidents__cumulative_claims_outside_incidents":
        "update casualty_claims set scope = 'cumulative' where claim_id = "
        "(select min(claim_id) from casualty_claims where incident_id is not null)",
    "incidents__revisions_within_incident":
        "update casualty_claims set revises_claim_id = 'no_such_claim' where claim_id = "
        "(select min(claim_id) from casualty_claims where incident_id is not null)",
    "incidents__breakdowns_within_document":
        "update casualty_claims set part_of_claim_id = 'no_such_claim' where claim_id = "
        "(select min(claim_id) from casualty_claims where incident_id is not null)",
    "incidents__event_dates_ordered":
        "update casualty_claims set event_date_low = date '2018-01-02', event_date_high = date '2018-01-01' "
        "where claim_id = (select min(claim_id) from casualty_claims where incident_id is not null)",
}


def test_every_check_has_a_corruption():
    assert {p.stem for p in sql_files("checks")} == set(CORRUPTIONS)


def _violations(con) -> dict[str, int]:
    return {p.stem: count_violations(con, p.read_text(encoding="utf-8")) for p in sql_files("checks")}


@pytest.mark.parametrize("name", sorted(CORRUPTIONS))
def test_check_passes_then_fails(name, seeds_warehouse, tmp_path):
    """Every rule holds on the seeds warehouse; its corruption breaks that rule and no other."""
    path, _ = seeds_warehouse
    with duckdb.connect(str(path), read_only=True) as con:
        assert _violations(con) == dict.fromkeys(CORRUPTIONS, 0)
    broken = tmp_path / "broken.duckdb"
    shutil.copyfile(path, broken)
    with duckdb.connect(str(broken)) as con:
        con.execute(CORRUPTIONS[name])
        assert {rule for rule, bad in _violations(con).items() if bad} == {name}


def test_checks_are_named_and_described_by_their_rule():
    """One check per rule file and per frame rule, on the asset its name says, described by the sentence the
    file opens with (a frame rule: by its own sentence, with the function that counts it)."""
    checks = {(spec.asset_key.to_user_string(), spec.name): spec
              for asset in ASSETS for spec in asset.check_specs}
    frames = {f"{r.table}__{r.rule}": r for r in FRAME_RULES}
    assert {f"{asset}__{rule}" for asset, rule in checks} == set(CORRUPTIONS) | set(frames)
    assert not set(CORRUPTIONS) & set(frames)
    descriptions = [spec.description for spec in checks.values()]
    assert len(set(descriptions)) == len(descriptions)
    for (asset, rule), spec in checks.items():
        assert spec.blocking, rule
        assert spec.description.startswith(("Every", "No ")) and spec.description.endswith("."), spec.description
        assert "sql/checks" not in spec.description and not spec.description.startswith(f"{asset}__")
        if f"{asset}__{rule}" in frames:
            path, _, function = spec.metadata["code"].partition(":")
            assert function in (ROOT / path).read_text(encoding="utf-8"), spec.metadata
        else:
            assert spec.metadata["sql"] == f"sql/checks/{asset}__{rule}.sql"
    evidence = checks[("casualty_claims", "evidence_sentence_exists")]
    assert evidence.description == "Every claim of a cleaned document points at a sentence of it, its evidence " \
                                   "(the whole table, keys only)."


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
