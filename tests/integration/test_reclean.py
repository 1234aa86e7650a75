"""A new cleaner (boilerplate patterns or cleaning code edited) cleans every article again, and only the articles
it cleans differently are written again: the others keep their rows, their dedup decision and their extraction."""

import shutil

import duckdb

from tests.conftest import REFERENCE, SEEDS
from tests.integration.conftest import materialize_metadata

TABLES = ("documents", "sentences", "actor_mentions", "location_mentions", "casualty_claims", "incidents",
          "mart_claims", "mart_search_documents")
# A line of one seed article (004) only, a reporter's lead-in, which the pattern below removes.
REPORTER_LINE = "تعليق مراسلنا في دمشق:"
REPORTER_PATTERN = "\n  reporter_lead_ins:\n    - 'تعليق مراسلنا.*'\n"


def _tables(wh) -> dict[str, list]:
    """Every row of ``TABLES``; the search index's documents without their numbers (a document counted again
    when it comes back takes a new one)."""
    with duckdb.connect(str(wh), read_only=True) as con:
        return {t: sorted(con.execute(f"select * exclude (doc_no) from {t}" if t == "mart_search_documents"
                                      else f"select * from {t}").fetchall(), key=repr) for t in TABLES}


def test_articles_a_new_cleaner_cleans_as_before_keep_their_rows(tmp_path):
    corpus, wh, lake, reference = tmp_path / "corpus", tmp_path / "w.duckdb", tmp_path / "lake", tmp_path / "ref"
    shutil.copytree(SEEDS, corpus)
    shutil.copytree(REFERENCE, reference)
    materialize_metadata(corpus, wh, lake, reference)
    before = _tables(wh)
    [(reported_id,)] = [(doc_id,) for doc_id, *_, text in [(r[0], r[6]) for r in before["documents"]]
                        if REPORTER_LINE in text]
    boilerplate = reference / "boilerplate.yaml"

    # The same patterns under another version: every article cleaned again, none written again.
    boilerplate.write_text(boilerplate.read_text(encoding="utf-8") + "\n# edited: the same patterns\n",
                           encoding="utf-8")
    meta = materialize_metadata(corpus, wh, lake, reference)
    assert meta["clean_documents"]["documents_cleaned_this_run"] == 5
    assert meta["clean_documents"]["documents_cleaned_unchanged"] == 5
    assert meta["sentences"]["sentences_written_this_run"] == 0
    assert meta["actor_mentions"]["documents_processed"] == meta["casualty_claims"]["documents_processed"] == 0
    assert meta["published_warehouse"]["published"] is False
    assert _tables(wh) == before

    # A pattern that removes a line of one article: that article alone is written and extracted again.
    boilerplate.write_text(boilerplate.read_text(encoding="utf-8") + REPORTER_PATTERN, encoding="utf-8")
    meta = materialize_metadata(corpus, wh, lake, reference)
    assert meta["clean_documents"]["documents_cleaned_this_run"] == 5
    assert meta["clean_documents"]["documents_cleaned_unchanged"] == 4
    assert meta["actor_mentions"]["documents_processed"] == meta["casualty_claims"]["documents_processed"] == 1
    after = _tables(wh)
    [text] = [r[6] for r in after["documents"] if r[0] == reported_id]
    assert REPORTER_LINE not in text
    for table in TABLES:
        others_after = [r for r in after[table] if reported_id not in r]
        assert others_after == [r for r in before[table] if reported_id not in r], table
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("select count(distinct cleaner_version) from clean_documents").fetchone()[0] == 1


def test_a_document_whose_file_came_back_under_a_new_cleaner_is_canonical_again(tmp_path):
    """Deleted, then back with the same bytes in the run a new cleaner cleans everything: written again (a
    document marked deleted is never kept as it was), canonical, with its claims."""
    corpus, wh, lake, reference = tmp_path / "corpus", tmp_path / "w.duckdb", tmp_path / "lake", tmp_path / "ref"
    shutil.copytree(SEEDS, corpus)
    shutil.copytree(REFERENCE, reference)
    materialize_metadata(corpus, wh, lake, reference)
    before = _tables(wh)
    article = sorted(corpus.glob("*.txt"))[0]
    kept = tmp_path / article.name
    shutil.move(article, kept)
    materialize_metadata(corpus, wh, lake, reference)
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("select count(*) from documents where status = 'deleted'").fetchone()[0] == 1
    shutil.move(kept, article)
    boilerplate = reference / "boilerplate.yaml"
    boilerplate.write_text(boilerplate.read_text(encoding="utf-8") + "\n# edited: the same patterns\n",
                           encoding="utf-8")
    meta = materialize_metadata(corpus, wh, lake, reference)
    assert meta["clean_documents"]["documents_cleaned_unchanged"] == 4
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("select count(*) from documents where status = 'deleted'").fetchone()[0] == 0
    assert _tables(wh) == before


def test_documents_written_again_by_a_new_cleaner_keep_their_dedup_decision(tmp_path, monkeypatch):
    """An exact copy of a seed article is a duplicate; cleaned again by a new cleaner and written again (as an
    article it cleans differently would be, here every article), it is still one once dedup has run."""
    from pipelines.lib.warehouse import apply_ddl
    from pipelines.stages import clean
    from pipelines.stages.dedup import run_dedup
    from pipelines.stages.ingest import run_ingest

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    first = sorted(corpus.glob("*.txt"))[0]
    shutil.copyfile(first, corpus / "zz_copy.txt")
    boilerplate = tmp_path / "boilerplate.yaml"
    shutil.copyfile(REFERENCE / "boilerplate.yaml", boilerplate)
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        apply_ddl(con)
        run_ingest(con, corpus, tmp_path / "lake", REFERENCE / "outlets.csv", 20 * 2**20)
        clean.run_clean(con, boilerplate)
        run_dedup(con, 0.8)
        decisions = "select doc_id, status, duplicate_of from documents order by doc_id"
        before = con.execute(decisions).fetchall()
        assert [status for _, status, _ in before].count("duplicate") == 1
        boilerplate.write_text(boilerplate.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        monkeypatch.setattr(clean, "_keep_unchanged", lambda con, docs, sents: (docs, sents, 0))
        assert clean.run_clean(con, boilerplate)["documents_cleaned"] == 6
        run_dedup(con, 0.8)
        assert con.execute(decisions).fetchall() == before
