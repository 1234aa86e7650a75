"""Ingest, clean and dedup stage functions on a small corpus: batches, and what a re-run rewrites."""

import shutil

import duckdb
import pytest

from pipelines.lib.dedup.minhash import scheme, signature_series
from pipelines.lib.warehouse import apply_ddl
from pipelines.stages import clean, dedup, ingest
from pipelines.stages.clean import run_clean
from pipelines.stages.dedup import NUM_PERM, SHINGLE_WORDS, run_dedup
from pipelines.stages.ingest import run_ingest
from tests.conftest import REFERENCE, SEEDS


@pytest.fixture()
def corpus(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root / "a")
    shutil.copy(SEEDS / "000_8c89416b5eb7dd4b.txt", root / "copy_of_000.txt")
    text = (SEEDS / "003_12267a34fe978af7.txt").read_text(encoding="utf-8")
    (root / "near_003.txt").write_text("دمشق - وكالات\n" + text, encoding="utf-8")
    return root


def _run(con, corpus, lake):
    return (run_ingest(con, corpus, lake, REFERENCE / "outlets.csv", 20 * 2**20),
            run_clean(con, REFERENCE / "boilerplate.yaml"), run_dedup(con, 0.8))


def _documents(con):
    return {r[0]: r[1:] for r in con.execute("select doc_id, status, duplicate_of, text from documents").fetchall()}


def test_small_batches_and_incremental_reruns(tmp_path, corpus, monkeypatch):
    for module, name in ((ingest, "BATCH_FILES"), (clean, "BATCH"), (dedup, "BATCH")):
        monkeypatch.setattr(module, name, 2)          # several batches even on seven files
    monkeypatch.setattr(dedup, "TEXTS_READ", 3)       # texts read three at a time, signed two at a time
    monkeypatch.setattr(clean, "RAW_READ", 3)         # articles read three at a time, cleaned two at a time
    monkeypatch.setattr(ingest, "WRITE_FILES", 3)     # files read two at a time, their rows written four at a time
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_ddl(con)
    ing, cln, ddp = _run(con, corpus, tmp_path / "lake")
    assert (ing["files_read"], ing["documents_read"], cln["documents_cleaned"], ddp["documents_hashed"]) == (7, 7, 7, 7)
    # every document's signature is that of its own text
    texts = con.execute("select doc_id, text_norm from document_texts order by doc_id").pl()
    own = signature_series(texts["text_norm"], NUM_PERM, SHINGLE_WORDS).to_list()
    stored = con.execute("select doc_id, signature from doc_minhash order by doc_id").fetchall()
    assert [doc_id for doc_id, _ in stored] == texts["doc_id"].to_list()
    assert [list(signature) for _, signature in stored] == own
    docs = _documents(con)
    assert docs["copy_of_000"][:2] == ("duplicate", "000_8c89416b5eb7dd4b")
    assert docs["003_12267a34fe978af7"][:2] == ("duplicate", "near_003")       # the longer one is canonical
    assert sum(d[0] == "ok" for d in docs.values()) == 5

    ing, cln, ddp = _run(con, corpus, tmp_path / "lake")                       # nothing changed
    assert (ing["files_read"], cln["documents_cleaned"], ddp["documents_hashed"], ddp["rewritten"]) == (0, 0, 0, False)

    # A diacritic added: the display text changes, the normalised text (and its signature) does not.
    path = corpus / "a" / "004_a27e68f401b81780.txt"
    title, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(title + "\u064b\n" + rest, encoding="utf-8")
    (corpus / "a" / "001_d50f83f25a8dc3e7.txt").unlink()
    ing, cln, ddp = _run(con, corpus, tmp_path / "lake")
    assert (ing["files_read"], ing["files_deleted"], cln["documents_cleaned"], ddp["documents_hashed"]) == (1, 1, 1, 0)
    docs = _documents(con)
    assert docs["004_a27e68f401b81780"][2].startswith(title + "\u064b")
    assert docs["001_d50f83f25a8dc3e7"][0] == "deleted"
    assert con.execute("select count(*) from stage_state where stage = 'documents'").fetchone()[0] == 7


def test_signatures_of_another_scheme_are_recomputed(tmp_path, corpus, monkeypatch):
    """A first run stores its signatures with plain inserts; signatures of another scheme are replaced, one row
    per document in doc_minhash and stage_state."""
    scripts = []
    real = dedup.run_script
    monkeypatch.setattr(dedup, "run_script", lambda con, name, frames: scripts.append(name) or real(con, name, frames))
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_ddl(con)
    _run(con, corpus, tmp_path / "lake")
    assert "staging/minhash_store_new" in scripts and "staging/minhash_merge" not in scripts
    before = con.execute("select status, duplicate_of from documents order by doc_id").fetchall()
    con.execute("update stage_state set fingerprint = fingerprint || '-old' where stage = 'minhash'")
    scripts.clear()
    result = run_dedup(con, 0.8)
    assert result["documents_hashed"] == 7 and "staging/minhash_merge" in scripts
    assert con.execute("select status, duplicate_of from documents order by doc_id").fetchall() == before
    tag = scheme(NUM_PERM, SHINGLE_WORDS)
    assert con.execute("select count(*) from stage_state where stage = 'minhash' and fingerprint like '%' || ?",
                       [tag]).fetchone()[0] == 7
    assert con.execute("select count(*), count(distinct doc_id) from doc_minhash").fetchone() == (7, 7)
    assert con.execute("select count(*) from stage_state where stage = 'minhash'").fetchone()[0] == 7


def test_a_changed_cleaner_recleans_every_article(tmp_path, corpus):
    """Editing boilerplate.yaml (or the cleaning code) re-cleans stored articles, not only new ones."""
    import yaml

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_ddl(con)
    _run(con, corpus, tmp_path / "lake")
    caption = "صورة بثتها وكالة مسار برس"
    assert caption in _documents(con)["000_8c89416b5eb7dd4b"][2]
    edited = tmp_path / "boilerplate.yaml"
    rules = yaml.safe_load((REFERENCE / "boilerplate.yaml").read_text(encoding="utf-8"))
    rules["line_patterns"]["photo_captions"] = ["صورة (?:بثتها|بثها) .*"]
    edited.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")

    assert run_clean(con, edited)["documents_cleaned"] == 7
    docs = _documents(con)
    assert caption not in docs["000_8c89416b5eb7dd4b"][2]
    assert con.execute("select n_boilerplate_lines from clean_documents where doc_id = '000_8c89416b5eb7dd4b'"
                       ).fetchone()[0] >= 2
    assert con.execute("select count(*) from sentences where doc_id = '000_8c89416b5eb7dd4b' "
                       "and text like '%' || ? || '%'", [caption]).fetchone()[0] == 0
    assert run_clean(con, edited)["documents_cleaned"] == 0                 # same cleaner: nothing to do
    assert run_dedup(con, 0.8)["documents_hashed"] > 0                        # changed texts get new signatures


def test_ingest_writes_the_rows_of_several_batches_in_one_transaction(tmp_path, corpus, monkeypatch):
    """Seven files read two at a time, their rows written once four (two batches) are held and once three more
    are: two writes, and every file and document is there."""
    monkeypatch.setattr(ingest, "BATCH_FILES", 2)
    monkeypatch.setattr(ingest, "WRITE_FILES", 3)
    written = []
    real = ingest.run_script
    monkeypatch.setattr(ingest, "run_script",
                        lambda con, name, frames: written.append((name, frames["new_files"].height))
                        or real(con, name, frames))
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_ddl(con)
    run_ingest(con, corpus, tmp_path / "lake", REFERENCE / "outlets.csv", 20 * 2**20)
    assert written == [("staging/ingest_merge", 4), ("staging/ingest_merge", 3)]
    assert con.execute("select count(*) from raw_files").fetchone()[0] == 7
    assert con.execute("select count(*) from raw_documents").fetchone()[0] == 7


class _CountingCommits:
    """A connection that counts its commits."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con, self.commits = con, 0

    def commit(self):
        self.commits += 1
        return self._con.commit()

    def __getattr__(self, name: str):
        return getattr(self._con, name)


def test_clean_commits_once_per_commit_docs_articles(tmp_path, corpus, monkeypatch):
    """Seven articles cleaned two at a time, a commit once three or more are written: after four, after three
    more, and the (empty) last one; every article is there."""
    monkeypatch.setattr(clean, "BATCH", 2)
    monkeypatch.setattr(clean, "COMMIT_DOCS", 3)
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_ddl(con)
    run_ingest(con, corpus, tmp_path / "lake", REFERENCE / "outlets.csv", 20 * 2**20)
    counting = _CountingCommits(con)
    assert run_clean(counting, REFERENCE / "boilerplate.yaml")["documents_cleaned"] == 7
    assert counting.commits == 3
    assert con.execute("select count(*) from clean_documents").fetchone()[0] == 7
