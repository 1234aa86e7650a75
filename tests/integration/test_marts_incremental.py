"""An incremental run replaces the mart rows of the documents it changed, and leaves marts equal to a full
rebuild; the article search finds new words and forgets the words of documents that went."""

import os
import shutil

import dagster as dg
import duckdb

from pipelines.definitions import ASSETS
from pipelines.defs.resources import RasdSettings, build_resources, settings_from_env
from pipelines.lib import lake as lake_module
from pipelines.lib.arabic.normalize import normalize
from pipelines.lib.sql import sql
from pipelines.lib.warehouse import duckdb_config
from pipelines.settings import lake_config
from pipelines.stages.marts import plan, refresh_marts
from tests.conftest import SEEDS

MARTS = ["mart_claims", "mart_actor_mentions", "mart_location_mentions", "mart_actor_pairs",
         "mart_doc_governorates", "mart_search_documents"]
NEW_ARTICLE = (
    "قصف على حلب\n\n"
    "قال المرصد السوري لحقوق الإنسان إن خمسة مدنيين قتلوا في قصف على حي الشعار في حلب، وإن زنبركيا أصيب.\n"
)
# The postings by doc_id and word (they name documents by number: mart_search_documents.doc_no).
POSTINGS = ("select d.doc_id, t.term, p.tf from mart_search_postings p "
            "join mart_search_documents d using (doc_no) join mart_search_terms t using (term_id)")


def _run(corpus, wh, lake, reference=None) -> dict:
    """The pipeline as ``build_warehouse`` runs it; the metadata of the mart_claims asset."""
    base = settings_from_env()
    settings = RasdSettings(corpus_dir=str(corpus), warehouse_path=str(wh), lake_dir=str(lake),
                            reference_dir=str(reference or base.reference))
    result = dg.materialize(ASSETS, resources=build_resources(settings))
    [marts] = [e.materialization for e in result.get_asset_materialization_events()
               if e.materialization.asset_key.path[-1] == "mart_claims"]
    return {k: v.value for k, v in marts.metadata.items()}


def _rows(con: duckdb.DuckDBPyConnection, query: str) -> list:
    return sorted(con.execute(query).fetchall(), key=repr)


def _mart_rows(con: duckdb.DuckDBPyConnection, mart: str) -> list:
    """A mart's rows; the search index's documents without their numbers, which depend on the order in which
    runs counted them."""
    return _rows(con, f"select * exclude (doc_no) from {mart}" if mart == "mart_search_documents"
                 else f"select * from {mart}")


def _search(con: duckdb.DuckDBPyConnection, words: str) -> list[str]:
    return [r[0] for r in con.execute("select doc_id from search_bm25(?) order by score desc, doc_id",
                                      [normalize(words)]).fetchall()]


def test_incremental_marts_equal_a_full_rebuild(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    wh, lake = tmp_path / "w.duckdb", tmp_path / "lake"
    assert _run(corpus, wh, lake)["full_rebuild"] is True
    deleted = "001_d50f83f25a8dc3e7.txt"
    with duckdb.connect(str(wh), read_only=True) as con:
        gone_id = con.execute("select d.doc_id from documents d join raw_files f using (file_id) where f.path = ?",
                              [deleted]).fetchone()[0]
        # a word only the deleted article has, to see the search forget it
        [(gone_word,)] = con.execute(
            f"select term from ({POSTINGS}) "
            "group by term having count(*) = 1 and min(doc_id) = ? order by term limit 1", [gone_id]
        ).fetchall()
    (corpus / "new_article.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    edited = corpus / "003_12267a34fe978af7.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة جديدة أضيفت إلى الخبر.\n", encoding="utf-8")
    (corpus / deleted).unlink()

    meta = _run(corpus, wh, lake)
    assert meta["full_rebuild"] is False and meta["documents_changed"] == 3

    rebuilt = tmp_path / "rebuilt.duckdb"
    shutil.copyfile(wh, rebuilt)
    with duckdb.connect(str(rebuilt), config=duckdb_config()) as con:
        plan(con)
        refresh_marts(con, full=True)
    with duckdb.connect(str(wh), read_only=True) as inc, duckdb.connect(str(rebuilt), read_only=True) as full:
        for mart in MARTS:
            assert _mart_rows(inc, mart) == _mart_rows(full, mart), mart
        assert _rows(inc, POSTINGS) == _rows(full, POSTINGS)
        assert inc.execute("select count(*) from mart_claims where doc_id = ?", [gone_id]).fetchone()[0] == 0
        new_id = inc.execute("select d.doc_id from documents d join raw_files f using (file_id) "
                             "where f.path = 'new_article.txt'").fetchone()[0]
        assert _search(inc, "زنبركيا") == [new_id]
        assert _search(inc, gone_word) == []
        # the run changed the new, the edited and the deleted document, and the marts saw all three
        edited_id = inc.execute("select d.doc_id from documents d join raw_files f using (file_id) "
                                "where f.path = ?", [edited.name]).fetchone()[0]
        assert sorted(inc.execute("select doc_id from run_documents").fetchall()) == sorted(
            [(new_id,), (edited_id,), (gone_id,)])
        assert inc.execute(sql("staging/marts_plan")).fetchone()[0] == 3  # run_documents: nothing more


def test_a_changed_actor_redoes_the_mart_rows_that_copy_it(tmp_path):
    """A detected person re-detected with other attributes changes the mart rows of every document naming
    them, not only the rows of the documents the run changed."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    wh, lake = tmp_path / "w.duckdb", tmp_path / "lake"
    _run(corpus, wh, lake)
    # An edit of the lake outside a run, committed as a clean end (else the next run would put it back).
    with lake_module.connect(lake_config(lake)) as con:
        actor_id, doc_id = con.execute(
            "select a.actor_id, min(m.doc_id) from actors a join actor_mentions m using (actor_id) "
            "where a.source = 'detected' group by a.actor_id order by a.actor_id limit 1").fetchone()
        con.begin()
        con.execute("update actors set side = 'regime' where actor_id = ?", [actor_id])
        lake_module.tag_commit(con, lake_module.UNCHANGED, "test-edit")
        con.commit()
    (corpus / "new_article.txt").write_text(NEW_ARTICLE, encoding="utf-8")

    meta = _run(corpus, wh, lake)
    assert meta["full_rebuild"] is False and meta["documents_changed"] == 1 and meta["documents_updated"] >= 2
    with duckdb.connect(str(wh), read_only=True) as con:
        assert {r[0] for r in con.execute("select side from mart_actor_mentions where actor_id = ?",
                                          [actor_id]).fetchall()} == {"regime"}
        # the document was only touched: its search rows stay as they were
        assert con.execute(f"select count(*) from ({POSTINGS}) where doc_id = ?", [doc_id]).fetchone()[0]


def test_a_run_that_changes_no_document_leaves_every_mart_as_it_was(tmp_path):
    """A file touched (same bytes, newer mtime) is read again and changes nothing downstream: no mart statement
    runs, and the marts hold what they held."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    wh, lake = tmp_path / "w.duckdb", tmp_path / "lake"
    _run(corpus, wh, lake)
    with duckdb.connect(str(wh), read_only=True) as con:
        before = {mart: _rows(con, f"select * from {mart}") for mart in MARTS} | {"postings": _rows(con, POSTINGS)}
    touched = next(p for p in sorted(corpus.iterdir()) if p.suffix == ".txt")
    stat = touched.stat()
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))

    meta = _run(corpus, wh, lake)
    assert meta["full_rebuild"] is False and meta["documents_changed"] == 0 and meta["documents_updated"] == 0
    assert meta["seconds_this_run"] == 0.0
    with duckdb.connect(str(wh), read_only=True) as con:
        after = {mart: _rows(con, f"select * from {mart}") for mart in MARTS} | {"postings": _rows(con, POSTINGS)}
    assert after == before


def test_a_re_extraction_of_every_document_rebuilds_the_marts_but_counts_no_word_again(tmp_path, request):
    """Every document extracted again (the claim lexicon changed) is a full rebuild of the marts for the share of
    documents to update; their texts did not change, so the search index keeps its rows and counts nothing, and
    every mart equals one built from nothing."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    wh, lake = tmp_path / "w.duckdb", tmp_path / "lake"
    reference = tmp_path / "reference"
    shutil.copytree(settings_from_env().reference, reference)
    _run(corpus, wh, lake, reference)
    with duckdb.connect(str(wh), read_only=True) as con:
        terms_before = _rows(con, "select * from mart_search_terms")
    lexicon = reference / "claim_lexicon.yaml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# the lexicon's version changes\n", encoding="utf-8")
    counted = request.getfixturevalue("counted_words")    # from here on
    meta = _run(corpus, wh, lake, reference)
    assert meta["full_rebuild"] is True and meta["reason"] == "5 of 5 documents to update"
    assert counted == []
    rebuilt = tmp_path / "rebuilt.duckdb"
    shutil.copyfile(wh, rebuilt)
    with duckdb.connect(str(rebuilt), config=duckdb_config()) as con:
        plan(con)
        refresh_marts(con, full=True)     # every mart dropped, the search index too
    assert len(counted) == 5
    with duckdb.connect(str(wh), read_only=True) as inc, duckdb.connect(str(rebuilt), read_only=True) as full:
        for mart in [*MARTS, "mart_search_terms"]:
            assert _mart_rows(inc, mart) == _mart_rows(full, mart), mart
        assert _rows(inc, POSTINGS) == _rows(full, POSTINGS)
        assert _rows(inc, "select * from mart_search_terms") == terms_before
