"""The metadata sidecar (metadata.csv at the corpus root): dates and fields applied, bad rows reported,
an edited sidecar applied on the next run, and the sidecar never read as a dump of articles."""

import shutil
from datetime import datetime

import duckdb

from pipelines.lib.warehouse import apply_ddl
from pipelines.stages.clean import run_clean
from pipelines.stages.ingest import run_ingest
from tests.conftest import REFERENCE, SEEDS

A, B = "000_8c89416b5eb7dd4b", "001_d50f83f25a8dc3e7"


def _run(con, corpus, lake):
    meta = run_ingest(con, corpus, lake, REFERENCE / "outlets.csv", 20 * 2**20)
    run_clean(con, REFERENCE / "boilerplate.yaml")
    return meta


def _fields(con):
    return {r[0]: r[1:] for r in con.execute("select doc_id, published_at, url, outlet from documents").fetchall()}


def test_sidecar_dates_reports_and_edits(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    sidecar = corpus / "metadata.csv"
    sidecar.write_text(
        "file_name,published_at,url,outlet\n"
        f"{A}.txt,2018-04-09,https://example.org/a,Outlet A\n"
        f"{B}.txt,2018-04-11T11:09:07+00:00,,\n"
        "gone_article.txt,2018-04-12,,\n"
        "002_a4a810ac40d15723.txt,yesterday-ish,https://example.org/c,\n",
        encoding="utf-8")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_ddl(con)
    meta = _run(con, corpus, tmp_path / "lake")
    assert (meta["documents_read"], meta["metadata_rows"], meta["metadata_rows_reported"]) == (5, 4, 2)
    docs = _fields(con)
    assert docs[A] == (datetime(2018, 4, 9), "https://example.org/a", "Outlet A")
    assert docs[B][0] == datetime(2018, 4, 11, 11, 9, 7)
    assert docs["002_a4a810ac40d15723"][:2] == (None, "https://example.org/c")   # bad date: the url still applies
    status = dict(con.execute("select file_name, status from corpus_metadata").fetchall())
    assert status == {f"{A}.txt": "ok", f"{B}.txt": "ok", "gone_article.txt": "missing_file",
                      "002_a4a810ac40d15723.txt": "bad_date"}
    sidecar_row = con.execute("select status, n_records, reason from raw_files where path = 'metadata.csv'").fetchone()
    assert sidecar_row[:2] == ("ok", 0)
    assert "2 reported" in sidecar_row[2] and "gone_article.txt" in sidecar_row[2] and "yesterday-ish" in sidecar_row[2]

    # An edited sidecar changes the dates on the next run though no article changed; a removed row gives the
    # article its own values back (none for a text file).
    sidecar.write_text(f"file_name,published_at\n{A}.txt,2018-05-01\n", encoding="utf-8")
    meta = _run(con, corpus, tmp_path / "lake")
    assert (meta["files_read"], meta["metadata_rows_reported"]) == (1, 0)
    docs = _fields(con)
    assert docs[A][0] == datetime(2018, 5, 1) and docs[A][1] is None
    assert docs[B][0] is None
    assert meta["metadata_applied_to_documents"]

    # The same sidecar again: the documents are not compared again (a new article gets its values when it
    # is cleaned), and they keep what the sidecar gave them.
    (corpus / "zz_new.txt").write_text("عنوان\n\nقتل مدني في قصف على حلب.\n", encoding="utf-8")
    meta = _run(con, corpus, tmp_path / "lake")
    assert meta["files_read"] == 1 and not meta["metadata_applied_to_documents"]
    assert _fields(con)[A][0] == datetime(2018, 5, 1)

    # A file the sidecar named before it arrived gets its row's values when it is cleaned.
    sidecar.write_text(f"file_name,published_at\n{A}.txt,2018-05-01\nzz_later.txt,2019-01-02\n", encoding="utf-8")
    assert _run(con, corpus, tmp_path / "lake")["metadata_rows_reported"] == 1       # no such file yet
    (corpus / "zz_later.txt").write_text("عنوان آخر\n\nجرح طفلان في قصف على إدلب.\n", encoding="utf-8")
    meta = _run(con, corpus, tmp_path / "lake")
    assert not meta["metadata_applied_to_documents"] and meta["metadata_rows_reported"] == 0
    assert _fields(con)["zz_later"][0] == datetime(2019, 1, 2)

    # The sidecar deleted: its rows go and the documents lose its values; after that, a corpus without a
    # sidecar has nothing to apply.
    sidecar.unlink()
    meta = _run(con, corpus, tmp_path / "lake")
    assert meta["metadata_applied_to_documents"] and meta["metadata_rows"] == 0
    assert con.execute("select count(*) from corpus_metadata").fetchone()[0] == 0
    assert _fields(con)[A][0] is None and _fields(con)["zz_later"][0] is None
    (corpus / "zz_third.txt").write_text("عنوان ثالث\n\nقتل مدني في حمص.\n", encoding="utf-8")
    meta = _run(con, corpus, tmp_path / "lake")
    assert meta["files_read"] == 1 and not meta["metadata_applied_to_documents"]


def test_unusable_sidecar_is_quarantined_and_nothing_else_breaks(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "metadata.csv").write_text("name,date\nx.txt,2018-01-01\n", encoding="utf-8")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_ddl(con)
    meta = _run(con, corpus, tmp_path / "lake")
    assert (meta["documents_read"], meta["metadata_rows"]) == (5, 0)
    status, reason = con.execute("select status, reason from raw_files where path = 'metadata.csv'").fetchone()
    assert status == "quarantined" and "file_name" in reason
