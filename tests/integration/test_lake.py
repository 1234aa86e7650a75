"""The DuckLake lake: offline extensions, MERGE upserts, publication, time travel, expiry and compaction,
the release file and the release command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.cli import build_warehouse
from pipelines.lib import lake
from pipelines.lib.sql import sql
from pipelines.lib.warehouse import apply_ddl
from pipelines.settings import lake_config
from tests.conftest import ROOT, SEEDS

EXTRA = "قصف على إدلب\n\nقتل ثلاثة مدنيين وجرح سبعة آخرون في قصف على بلدة سراقب في ريف إدلب.\n"


def _rows(con, table: str) -> list[tuple]:
    return con.execute(f'select * from "{table}" order by all').fetchall()


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory) -> dict:
    """A lake with two published runs: the seeds (run 1), then the seeds plus one article (run 2)."""
    root = tmp_path_factory.mktemp("lake2")
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    first = build_warehouse(corpus, root / "w.duckdb", root / "lake")
    (corpus / "extra.txt").write_text(EXTRA, encoding="utf-8")
    second = build_warehouse(corpus, root / "w.duckdb", root / "lake")
    assert first["success"] and second["success"] and second["published"]
    return {"root": root, "first": first, "second": second, "config": lake_config(root / "lake")}


def test_extensions_load_by_path_with_no_network_and_no_extension_folder(tmp_path):
    """A fresh HOME (no ~/.duckdb/extensions) and proxies to a closed port: attaching still works, from the
    PyPI wheels' files, and nothing is downloaded."""
    home = tmp_path / "home"
    home.mkdir()
    script = textwrap.dedent(f"""
        from pathlib import Path
        from pipelines.lib import lake
        from pipelines.lib.warehouse import apply_ddl
        from pipelines.settings import lake_config
        with lake.connect(lake_config(Path({str(tmp_path / 'lake')!r}))) as con:
            apply_ddl(con)
            con.execute("insert into run_log values ('x', 1, 1, 0.5)")
            loaded = con.execute("select extension_name, install_path from duckdb_extensions() "
                                 "where loaded and extension_name in ('ducklake', 'sqlite_scanner')").fetchall()
            print(sorted(loaded), con.execute("select count(*) from run_log").fetchone()[0])
    """)
    dead = "http://127.0.0.1:9"
    env = {**os.environ, "HOME": str(home), "http_proxy": dead, "https_proxy": dead, "HTTP_PROXY": dead,
           "HTTPS_PROXY": dead, "ALL_PROXY": dead}
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "('ducklake'" in proc.stdout and "('sqlite_scanner'" in proc.stdout and proc.stdout.strip().endswith(" 1")
    assert not list(home.rglob("*.duckdb_extension"))
    assert (tmp_path / "lake" / "catalog.sqlite").exists()


def test_upserts_are_idempotent_and_keep_a_detected_row(tmp_path):
    with lake.connect(lake_config(tmp_path / "lake")) as con:
        apply_ddl(con)
        con.execute("create temp table todo_docs as "
                    "select * from (values ('a', '1'), ('b', '2')) t(doc_id, fingerprint)")
        for _ in range(2):                                           # the same upserts twice: the same rows
            con.execute(sql("staging/state_set"), ["claims", "a", "1"])
            con.execute(sql("staging/incidents_done"))
        assert _rows(con, "stage_state") == [("claims", "a", "1"), ("incidents", "a", "1"), ("incidents", "b", "2")]
        con.execute(sql("staging/state_set"), ["claims", "a", "9"])   # a new value replaces the old one
        assert _rows(con, "stage_state")[0] == ("claims", "a", "9") and len(_rows(con, "stage_state")) == 3

        # actors: a batch adds the ids the table lacks, once each (a batch naming one id twice writes the
        # dictionary's row), and keeps every stored row as it is: a detected person its first row, a dictionary
        # row too (run_mentions deletes the dictionary's rows before a run's first batch: test_detected_rows).
        # Columns are matched by name.
        add_actors = next(s for s in sql("staging/mentions_merge").split(";\n") if "insert into actors" in s)
        batches = ([("p1", "أول", "detected"), ("d1", "قاموس", "dictionary")],
                   [("p1", "ثان", "detected"), ("d1", "قاموس", "dictionary"), ("d2", "مكرر", "detected"),
                    ("d2", "مكرر", "dictionary")])
        for batch in batches:
            con.execute("create or replace temp table batch_actors as "
                        "select source, 'person' as actor_type, name_ar, actor_id from (values "
                        + ", ".join("(?, ?, ?)" for _ in batch) + ") t(actor_id, name_ar, source)",
                        [v for row in batch for v in row])
            con.execute(add_actors)
            con.execute(add_actors)                                  # idempotent
        got = con.execute("select actor_id, name_ar, actor_type, source from actors order by actor_id").fetchall()
        assert got == [("d1", "قاموس", "person", "dictionary"), ("d2", "مكرر", "person", "dictionary"),
                       ("p1", "أول", "person", "detected")]


def test_each_run_is_one_tagged_publication_and_time_travel_returns_its_counts(two_runs):
    config = two_runs["config"]
    with lake.connect(config, read_only=True) as con:
        published = lake.publications(con)
    assert [p.run_no for p in published] == [1, 2]
    for run_no, facts in ((1, two_runs["first"]), (2, two_runs["second"])):
        con, publication = lake.connect_published(config, run_no)
        with con:
            assert publication.run_no == run_no
            n_documents, n_claims = con.execute(
                "select (select count(*) from documents where status = 'ok'), "
                "(select count(*) from casualty_claims c join documents d using (doc_id) where d.status = 'ok')"
            ).fetchone()
            assert con.execute("select count(*) from pipeline_runs").fetchone()[0] == run_no
        assert (n_documents, n_claims) == (facts["n_canonical"], facts["n_claims"])
    assert two_runs["second"]["n_canonical"] == two_runs["first"]["n_canonical"] + 1
    with pytest.raises(lake.NoPublication, match="number 7"):
        lake.connect_published(config, 7)


def test_the_release_file_equals_the_lakes_published_tables(two_runs):
    con, _ = lake.connect_published(two_runs["config"])
    with con, duckdb.connect(str(two_runs["root"] / "w.duckdb"), read_only=True) as release:
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where database_name = 'lake' order by 1").fetchall()]
        assert {"document_texts", "document_decisions", "casualty_claims", "incidents", "mart_claims",
                "pipeline_runs"} <= set(tables)
        for table in [*tables, "documents"]:          # and the view over the first two
            assert _rows(release, table) == _rows(con, table), table
        # the readers' macros and the lake's views come with it
        assert release.execute("select count(*) from claims_f([], null, null, [], [], [], false)").fetchone()[0] > 0
        assert release.execute("select count(*) from document_marks").fetchone()[0] > 0


def test_the_release_command_writes_a_runs_contract_tables_as_duckdb_and_parquet(two_runs, tmp_path, monkeypatch):
    from pipelines.cli import main

    monkeypatch.setenv("RASD_LAKE", str(two_runs["root"] / "lake"))
    assert main(["release", "--run", "1", "--out", str(tmp_path / "rel")]) == 0
    folder = tmp_path / "rel" / "rasd-run-1"
    con, _ = lake.connect_published(two_runs["config"], 1)
    with con, duckdb.connect(str(tmp_path / "rel" / "rasd-run-1.duckdb"), read_only=True) as release:
        tables = {r[0] for r in release.execute("select table_name from duckdb_tables()").fetchall()}
        assert {"raw_files", "documents", "casualty_claims", "incidents", "pipeline_runs"} <= tables
        assert not any(t.startswith("mart_") or t in ("stage_state", "run_log") for t in tables)
        for table in tables:
            assert _rows(release, table) == _rows(con, table), table
            parquet = con.execute(f"select * from read_parquet('{folder / (table + '.parquet')}') order by all")
            assert parquet.fetchall() == _rows(con, table), table
    codebook = (folder / "codebook.md").read_text(encoding="utf-8")
    assert "published run 1" in codebook and "## casualty_claims" in codebook and "`claim_id`" in codebook
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} == {f"{t}.parquet" for t in tables}
    assert main(["release", "--run", "9", "--out", str(tmp_path / "rel")]) == 1


def test_expiry_keeps_the_newest_publications_and_pinned_ones_and_compaction_keeps_the_data(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    root = tmp_path / "lake"
    monkeypatch.setenv("RASD_LAKE_KEEP", "1")
    assert build_warehouse(corpus, tmp_path / "w.duckdb", root)["success"]
    config = lake_config(root)
    con, first = lake.connect_published(config, pins_dir=root / "pins")     # a reader pins run 1
    with con:
        run1_claims = _rows(con, "casualty_claims")
    for name in ("a.txt", "b.txt"):
        (corpus / name).write_text(EXTRA.replace("ثلاثة", "أربعة" if name == "a.txt" else "خمسة"), encoding="utf-8")
        assert build_warehouse(corpus, tmp_path / "w.duckdb", root)["published"]
    with lake.connect(config, read_only=True) as con:
        assert [p.run_no for p in lake.publications(con)] == [1, 3]          # run 2 expired, run 1 pinned

    from pipelines.defs.maintenance.assets import lake_compaction
    from pipelines.defs.resources import RasdSettings

    settings = RasdSettings(corpus_dir=str(corpus), warehouse_path=str(tmp_path / "w.duckdb"), lake_dir=str(root),
                            reference_dir=str(ROOT / "seeds" / "reference"), keep_published=1)
    before = {t: _rows(duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True), t)
              for t in ("documents", "casualty_claims", "incidents")}
    result = dg.materialize([lake_compaction], resources={"settings": settings})
    assert result.success
    done = result.get_asset_materialization_events()[0].event_specific_data.materialization.metadata
    assert done["merged_files"].value > 0 and done["snapshots_pinned"].value == 1
    con, newest = lake.connect_published(config)
    with con:
        assert newest.run_no == 3 and {t: _rows(con, t) for t in before} == before
    con, again = lake.connect_published(config, 1)                           # the pinned run still reads
    with con:
        assert again.snapshot_id == first.snapshot_id and _rows(con, "casualty_claims") == run1_claims
    # the next run starts from the compacted lake without putting anything back
    (corpus / "c.txt").write_text(EXTRA.replace("ثلاثة", "ستة"), encoding="utf-8")
    facts = build_warehouse(corpus, tmp_path / "w.duckdb", root)
    assert facts["success"] and facts["files_read"] == 1 and facts["docs_processed"] == 1


def test_a_killed_compaction_or_run_never_changes_what_readers_see(two_runs):
    """Commits after the newest publication are invisible to readers of the published snapshot."""
    config = two_runs["config"]
    con, before = lake.connect_published(config)
    with con:
        n_before = con.execute("select count(*) from documents").fetchone()[0]
    with lake.connect(config) as writer:
        writer.execute("delete from document_texts")                         # a run half-way, not published
        con, after = lake.connect_published(config)
        with con:
            assert after == before and con.execute("select count(*) from documents").fetchone()[0] == n_before
        assert lake.restore_published(writer) == ["document_texts"]
        assert writer.execute("select count(*) from documents").fetchone()[0] == n_before
        assert lake.restore_published(writer) == []


def test_the_lake_data_path_is_where_the_settings_say(tmp_path, monkeypatch):
    monkeypatch.setenv("RASD_LAKE_CATALOG", "sqlite:" + str(tmp_path / "elsewhere" / "cat.sqlite"))
    monkeypatch.setenv("RASD_LAKE_DATA", str(tmp_path / "files"))
    config = lake_config(tmp_path / "lake")
    assert config.catalog == "sqlite:" + str(tmp_path / "elsewhere" / "cat.sqlite")
    with lake.connect(config) as con:
        con.execute("create table t as select 42 as answer")
    assert list((tmp_path / "files").rglob("*.parquet")) and (tmp_path / "elsewhere" / "cat.sqlite").exists()
    assert Path(config.lock_file(tmp_path / "locks")) == tmp_path / "elsewhere" / "cat.sqlite"
    assert not config.relocatable      # a data path set apart from the catalog is where the settings say


def test_an_embedded_lake_folder_can_be_moved_and_keeps_its_history(two_runs, tmp_path):
    """The default lake (catalog and files in one folder) is moved as a whole: readers find its files where
    they are now, time travel still works, and the next run writes beside them."""
    moved_root = tmp_path / "moved"
    shutil.copytree(two_runs["root"] / "lake", moved_root / "lake")
    config = lake_config(moved_root / "lake")
    assert config.relocatable
    con, publication = lake.connect_published(config, run_no=1)
    with con:
        assert con.execute("select count(*) from documents where status = 'ok'").fetchone()[0] == \
            two_runs["first"]["n_canonical"]
        files = [f for (f,) in con.execute("select data_file from ducklake_list_files('lake', 'document_texts')"
                                           ).fetchall()]
        assert files and all(f.startswith(str(moved_root)) for f in files)

    original_files = sorted((two_runs["root"] / "lake" / "tables").rglob("*.parquet"))
    corpus = moved_root / "corpus"
    shutil.copytree(two_runs["root"] / "corpus", corpus)
    (corpus / "more.txt").write_text(EXTRA.replace("سراقب", "معرة النعمان"), encoding="utf-8")
    facts = build_warehouse(corpus, moved_root / "w.duckdb", moved_root / "lake")
    assert facts["success"] and facts["published"]
    assert facts["n_canonical"] == two_runs["second"]["n_canonical"] + 1
    # the run wrote beside the moved files, never into the folder the lake came from
    assert sorted((two_runs["root"] / "lake" / "tables").rglob("*.parquet")) == original_files
    assert len(list((moved_root / "lake" / "tables").rglob("*.parquet"))) > len(original_files)


def test_compaction_writes_the_tables_of_articles_in_row_groups_that_fit_the_memory_limit(tmp_path, monkeypatch):
    """Merging many files of whole articles into DuckLake's default row groups of 122,880 rows ran out of the
    pipeline's memory at 100,000 articles; the tables of articles are merged in row groups of
    ``ARTICLE_ROW_GROUP_ROWS``, the option kept in the catalog. Here 256 MB of text under a 256 MB limit: in
    one row group the merge ran out of memory five times in five, in groups of 512 rows it never did."""
    monkeypatch.setenv("RASD_DUCKDB_MEMORY", "256MB")
    monkeypatch.setattr(lake, "ARTICLE_ROW_GROUP_ROWS", 512)
    con = lake.connect(lake_config(lake_root=tmp_path / "lake", threads=2))
    with con:
        con.execute("create table document_texts (doc_id varchar, text varchar)")
        con.execute("create table sentences (doc_id varchar, text varchar)")
        for batch in range(8):      # eight files of 2,000 articles of 16 KB, as eight clean batches write them
            con.execute(f"insert into document_texts select 'd{batch}-' || i, repeat(md5(i::varchar || '{batch}'), "
                        "500) from range(2000) t(i)")
        done = lake.compact(con)
        assert done["merged_files"] == 1
        assert con.execute("select count(*), count(distinct doc_id) from document_texts").fetchone() == (16000, 16000)
        options = con.execute("select scope_entry, value from lake.options() "
                              "where option_name = 'parquet_row_group_size'").fetchall()
        assert options == [("main.document_texts", "512")]
        files = [r[0] for r in con.execute("select data_file from ducklake_list_files('lake', 'document_texts')")
                 .fetchall()]
        assert len(files) == 1
        groups = con.execute("select row_group_id, any_value(row_group_num_rows) from parquet_metadata(?) group by 1",
                             [files[0]]).fetchall()
        # DuckDB's row-group size is a least number of rows, reached a data chunk (up to 2,048 rows) at a time.
        assert sum(n for _, n in groups) == 16000 and max(n for _, n in groups) <= 2048
