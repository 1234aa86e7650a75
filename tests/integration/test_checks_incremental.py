"""The contract checks of an incremental run read the rows of the documents that run changed, and still
stop a bad new row from being published."""

import shutil

import dagster as dg
import duckdb
import pytest

import pipelines.defs.checks as checks
from pipelines.cli import build_warehouse
from pipelines.definitions import ASSETS
from pipelines.defs.checks import count_violations
from pipelines.defs.resources import RasdSettings, build_resources, settings_from_env
from pipelines.lib.sql import sql_files
from tests.conftest import SEEDS

NEW_ARTICLE = (
    "قصف على حلب\n\n"
    "قال المرصد السوري لحقوق الإنسان إن خمسة مدنيين قتلوا في قصف لقوات النظام على حي الشعار في حلب.\n"
)
NEW_FILE = "new_article.txt"


@pytest.fixture
def published(tmp_path):
    """A warehouse published from the seeds, and a corpus holding one more article."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    wh = tmp_path / "w.duckdb"
    assert build_warehouse(corpus, wh, tmp_path / "lake")["success"]
    (corpus / NEW_FILE).write_text(NEW_ARTICLE, encoding="utf-8")
    return corpus, wh, tmp_path / "lake"


def _new_doc_id(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute(
        "select d.doc_id from raw_documents d join raw_files f using (file_id) where f.path = ?", [NEW_FILE]
    ).fetchone()[0]


def _check_results(corpus, wh, lake) -> dict[str, bool]:
    """Run the pipeline as ``build_warehouse`` does; whether each check that ran passed."""
    base = settings_from_env()
    settings = RasdSettings(corpus_dir=str(corpus), warehouse_path=str(wh), lake_dir=str(lake),
                            reference_dir=str(base.reference))
    result = dg.materialize(ASSETS, resources=build_resources(settings),
                            raise_on_error=False)
    return {f"{e.asset_key.path[-1]}__{e.check_name}": e.passed for e in result.get_asset_check_evaluations()}


def _failed_checks(corpus, wh, lake) -> set[str]:
    return {name for name, passed in _check_results(corpus, wh, lake).items() if not passed}


def _n_documents(wh) -> int:
    with duckdb.connect(str(wh), read_only=True) as con:
        return con.execute("select count(*) from documents").fetchone()[0]


def test_checks_scope_is_the_documents_the_run_changed(published, tmp_path):
    corpus, wh, lake = published
    facts = build_warehouse(corpus, wh, lake)
    assert facts["success"] and facts["docs_processed"] == 1
    with duckdb.connect(str(wh), read_only=True) as con:
        new = _new_doc_id(con)
        assert con.execute("select doc_id from run_documents").fetchall() == [(new,)]
        assert con.execute("select doc_id from changed_documents").fetchall() == [(new,)]
    # A bad row of the new document fails its check; the check reads the changed documents only.
    broken = tmp_path / "broken.duckdb"
    shutil.copyfile(wh, broken)
    check = next(p for p in sql_files("checks") if p.stem == "clean_documents__lengths_match_text")
    with duckdb.connect(str(broken)) as con:
        assert count_violations(con, check.read_text(encoding="utf-8")) == 0
        # A text is not part of a document's mark: the old documents stay unchanged for the rule.
        con.execute("update document_texts set text = text || '.' where doc_id <> ?", [new])
        assert count_violations(con, check.read_text(encoding="utf-8")) == 0
        con.execute("update document_texts set text = text || '.' where doc_id = ?", [new])
        assert count_violations(con, check.read_text(encoding="utf-8")) == 1


def test_a_whole_table_rule_sees_the_rows_of_documents_the_run_left(published, tmp_path):
    """The keys-only rules read the whole table, unchanged documents' rows too (cheaper at scale than finding the
    changed documents first)."""
    corpus, wh, lake = published
    assert build_warehouse(corpus, wh, lake)["success"]
    broken = tmp_path / "broken.duckdb"
    shutil.copyfile(wh, broken)
    check = next(p for p in sql_files("checks") if p.stem == "casualty_claims__evidence_sentence_exists")
    with duckdb.connect(str(broken)) as con:
        new = _new_doc_id(con)
        assert count_violations(con, check.read_text(encoding="utf-8")) == 0
        old_claims = con.execute("select count(*) from casualty_claims where doc_id <> ?", [new]).fetchone()[0]
        con.execute("update casualty_claims set sentence_no = 999 where doc_id <> ?", [new])
        assert old_claims > 0 and count_violations(con, check.read_text(encoding="utf-8")) == old_claims


# held_share 1.0: the changed documents' texts are read once for the step's rules; 0.0: each rule reads them.
@pytest.mark.parametrize("held_share", [1.0, 0.0])
def test_a_bad_sentence_of_a_new_document_blocks_publication(published, monkeypatch, held_share):
    corpus, wh, lake = published
    monkeypatch.setattr(checks, "TEXTS_HELD_SHARE", held_share)
    before = _n_documents(wh)
    import pipelines.stages.clean as clean_stage

    real = clean_stage.clean_batch

    def off_by_one(raw, boilerplate_yaml):
        docs, sents = real(raw, boilerplate_yaml)
        return docs, sents.with_columns(sents["char_end"] + 1)

    monkeypatch.setattr(clean_stage, "clean_batch", off_by_one)
    assert _failed_checks(corpus, wh, lake) == {"sentences__slice_back_to_text"}
    assert _n_documents(wh) == before  # the published warehouse is the previous one


# held_share 1.0: the changed documents' texts are read once for the step's rules; 0.0: each rule reads them.
@pytest.mark.parametrize("held_share", [1.0, 0.0])
def test_a_bad_claim_of_a_new_document_blocks_publication(published, monkeypatch, held_share):
    corpus, wh, lake = published
    monkeypatch.setattr(checks, "TEXTS_HELD_SHARE", held_share)
    before = _n_documents(wh)
    import pipelines.stages.extract as extract_stage

    real = extract_stage.extract_claims

    def shifted(*args, **kwargs):
        claims = real(*args, **kwargs)
        assert claims.height, "the new article should yield a claim"
        return claims.with_columns(claims["char_start"] + 1)

    monkeypatch.setattr(extract_stage, "extract_claims", shifted)
    assert _failed_checks(corpus, wh, lake) == {"casualty_claims__offsets_slice_back_to_phrase"}
    assert _n_documents(wh) == before


def test_each_rule_of_a_table_reports_its_own_result(published, monkeypatch):
    """Counts out of order break one rule of casualty_claims: the table's other rules still report, passed."""
    corpus, wh, lake = published
    import pipelines.stages.extract as extract_stage

    real = extract_stage.extract_claims

    def reversed_counts(*args, **kwargs):
        claims = real(*args, **kwargs)
        return claims.with_columns(count_low=claims["count_high"] + 1)

    monkeypatch.setattr(extract_stage, "extract_claims", reversed_counts)
    results = _check_results(corpus, wh, lake)
    rules = sorted([*(p.stem for p in sql_files("checks") if p.stem.startswith("casualty_claims__")),
                    *(f"{r.table}__{r.rule}" for r in checks.FRAME_RULES if r.table == "casualty_claims")])
    assert len(rules) == 8
    expected = {rule: rule != "casualty_claims__counts_ordered" for rule in rules}
    assert {rule: results[rule] for rule in rules} == expected


@pytest.mark.parametrize("table", ["actor_mentions", "location_mentions"])
def test_a_mention_off_its_sentence_blocks_publication(published, monkeypatch, table):
    """The mentions' offsets are checked on the frames the stage writes: one shifted mention of the new article
    fails its table's rule, and only that one, and the published warehouse stays the previous one."""
    corpus, wh, lake = published
    before = _n_documents(wh)
    import dataclasses

    import pipelines.stages.extract as extract_stage

    real = extract_stage.find_mentions

    def shifted(*args, **kwargs):
        found = real(*args, **kwargs)
        rows = getattr(found, table)
        assert rows.height, "the new article names an actor and a place"
        return dataclasses.replace(found, **{table: rows.with_columns(rows["char_start"] + 1)})

    monkeypatch.setattr(extract_stage, "find_mentions", shifted)
    assert _failed_checks(corpus, wh, lake) == {f"{table}__slice_back_to_surface"}
    assert _n_documents(wh) == before
