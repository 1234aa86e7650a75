"""Idempotence, incremental runs, deleted files, a killed run, and a reader during a run."""

import hashlib
import shutil
import subprocess
import sys
import textwrap

import duckdb

from pipelines.cli import build_warehouse
from pipelines.lib import lake
from pipelines.settings import lake_config
from tests.conftest import ROOT, SEEDS

TABLES = ["raw_files", "raw_documents", "documents", "sentences", "actors", "locations", "actor_mentions",
          "location_mentions", "casualty_claims"]


def digest(con) -> dict:
    out = {}
    for t in TABLES:
        rows = con.execute(f"select * from {t} order by all").fetchall()
        out[t] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return out


def table_digest(path) -> dict:
    with duckdb.connect(str(path), read_only=True) as con:
        return digest(con)


def published_digest(lake_root) -> dict:
    """The tables as a reader of the lake sees them: at its newest published snapshot."""
    con, _ = lake.connect_published(lake_config(lake_root))
    with con:
        return digest(con)


def _corpus(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus


def test_second_run_changes_nothing_and_reads_nothing(tmp_path):
    corpus = _corpus(tmp_path)
    wh = tmp_path / "w.duckdb"
    first = build_warehouse(corpus, wh, tmp_path / "lake")
    before = table_digest(wh)
    inode = wh.stat().st_ino
    second = build_warehouse(corpus, wh, tmp_path / "lake")
    assert second["success"] and second["files_read"] == 0 and second["docs_processed"] == 0
    assert second["published"] is False and wh.stat().st_ino == inode
    assert table_digest(wh) == before
    assert first["docs_processed"] == 5


def test_new_changed_and_deleted_files(tmp_path):
    corpus = _corpus(tmp_path)
    wh = tmp_path / "w.duckdb"
    build_warehouse(corpus, wh, tmp_path / "lake")
    extra = "قصف على حلب\n\nقتل خمسة مدنيين في قصف على حي الشعار في حلب، بحسب المرصد السوري لحقوق الإنسان.\n"
    (corpus / "new_article.txt").write_text(extra, encoding="utf-8")
    edited = corpus / "003_12267a34fe978af7.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة جديدة أضيفت إلى الخبر.\n", encoding="utf-8")
    (corpus / "001_d50f83f25a8dc3e7.txt").unlink()
    facts = build_warehouse(corpus, wh, tmp_path / "lake")
    assert facts["files_read"] == 2 and facts["docs_processed"] == 2
    with duckdb.connect(str(wh), read_only=True) as con:
        status = dict(con.execute("select path, status from raw_files").fetchall())
        assert status["001_d50f83f25a8dc3e7.txt"] == "deleted" and status["new_article.txt"] == "ok"
        docs = dict(con.execute("select doc_id, status from documents").fetchall())
        assert docs["001_d50f83f25a8dc3e7"] == "deleted" and docs["new_article"] == "ok"
        text = con.execute("select text from documents where doc_id = '003_12267a34fe978af7'").fetchone()[0]
        assert text.endswith("فقرة جديدة أضيفت إلى الخبر.")
        assert facts["n_documents"] == 5


_SLICED_BACK = """
    select count(*) filter (where substr(d.text, t.char_start + 1, t.char_end - t.char_start) <> t.{surface})
    from {table} t join documents d using (doc_id)"""


def test_a_display_only_edit_is_extracted_again(tmp_path):
    """A diacritic added near an article's start leaves its normalised text (and its signature) as it was but moves
    every display offset after it: its mentions and claims are read again, so they still slice back."""
    corpus = _corpus(tmp_path)
    wh = tmp_path / "w.duckdb"
    build_warehouse(corpus, wh, tmp_path / "lake")
    edited = corpus / "000_8c89416b5eb7dd4b.txt"
    lines = edited.read_text(encoding="utf-8").split("\n")
    k = next(i for i, line in enumerate(lines) if len(line) > 80)      # the first paragraph of the body
    lines[k] = lines[k][0] + "\u064e" + lines[k][1:]                  # a fatha on its first letter
    edited.write_text("\n".join(lines), encoding="utf-8")
    facts = build_warehouse(corpus, wh, tmp_path / "lake")
    assert facts["success"] and facts["files_read"] == 1 and facts["docs_processed"] == 1
    with duckdb.connect(str(wh), read_only=True) as con:
        for table, surface in (("actor_mentions", "surface"), ("location_mentions", "surface"),
                               ("casualty_claims", "mention_text")):
            assert con.execute(_SLICED_BACK.format(table=table, surface=surface)).fetchone()[0] == 0, table
        assert con.execute("select count(*) from actor_mentions where doc_id = '000_8c89416b5eb7dd4b' "
                           "and char_start > 0").fetchone()[0] > 0
        placed, counted = con.execute("select (select count(*) from casualty_claims where incident_id is not null), "
                                      "(select sum(n_claims) from incidents)").fetchone()
        assert placed == counted > 0


def test_killed_run_leaves_the_published_warehouse_readable(tmp_path):
    corpus = _corpus(tmp_path)
    wh = tmp_path / "w.duckdb"
    build_warehouse(corpus, wh, tmp_path / "lake")
    before = table_digest(wh)
    assert published_digest(tmp_path / "lake") == before
    (corpus / "another.txt").write_text("عنوان\n\nقتل مدني في قصف على إدلب.\n", encoding="utf-8")
    # A run that dies (SIGKILL-like: no cleanup at all) right after writing the documents table.
    script = textwrap.dedent(f"""
        import os, sys
        from pathlib import Path
        import pipelines.stages.dedup as dedup
        real = dedup.run_dedup
        def dying(con, *settings):
            real(con, *settings)
            os._exit(137)
        dedup.run_dedup = dying
        import pipelines.defs.dedup.assets as a
        a.run_dedup = dying
        from pipelines.cli import build_warehouse
        build_warehouse(Path({str(corpus)!r}), Path({str(wh)!r}), Path({str(tmp_path / 'lake')!r}))
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=300)
    assert proc.returncode == 137, proc.stderr.decode()[-2000:]
    # The dead run committed its ingest, clean and dedup to the lake, unpublished: readers of the lake and
    # of the release file still see the last published run.
    with lake.connect(lake_config(tmp_path / "lake"), read_only=True) as con:
        assert lake.current_snapshot(con) > lake.newest_publication(con).snapshot_id
        assert con.execute("select count(*) from raw_files").fetchone()[0] == 6
    assert published_digest(tmp_path / "lake") == before
    assert table_digest(wh) == before
    # The next run puts back what the dead one left, then redoes its work.
    facts = build_warehouse(corpus, wh, tmp_path / "lake")
    assert facts["success"] and facts["n_documents"] == 6 and facts["files_read"] == 1


def test_reader_holding_the_warehouse_open_during_a_run(tmp_path):
    corpus = _corpus(tmp_path)
    wh = tmp_path / "w.duckdb"
    build_warehouse(corpus, wh, tmp_path / "lake")
    reader = duckdb.connect(str(wh), read_only=True)
    try:
        assert reader.execute("select count(*) from documents").fetchone()[0] == 5
        (corpus / "another.txt").write_text("عنوان\n\nجرح ثلاثة أطفال في قصف على دوما.\n", encoding="utf-8")
        facts = build_warehouse(corpus, wh, tmp_path / "lake")
        assert facts["success"] and facts["published"]
        # The open reader still sees its snapshot; a new reader sees the new warehouse.
        assert reader.execute("select count(*) from documents").fetchone()[0] == 5
    finally:
        reader.close()
    with duckdb.connect(str(wh), read_only=True) as fresh:
        assert fresh.execute("select count(*) from documents").fetchone()[0] == 6
