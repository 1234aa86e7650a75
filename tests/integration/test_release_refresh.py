"""The release file follows the lake's publications: in place, by document, from whichever publication it
holds; written anew when it holds none; a reader in another process holding it open gets a copy moved over
it; a refresh that never happened is caught up by the next `make run`."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import duckdb
import pytest

from pipelines.cli import build_warehouse, main
from pipelines.lib import lake
from pipelines.lib.release import refresh_release_file
from pipelines.settings import lake_config
from tests.conftest import SEEDS

ARTICLES = [
    "قصف على إدلب\n\nقتل ثلاثة مدنيين وجرح سبعة آخرون في قصف على بلدة سراقب في ريف إدلب.\n",
    "غارة على حماة\n\nقتل خمسة مدنيين في غارة جوية على بلدة اللطامنة في ريف حماة الشمالي.\n",
]


def _lake_rows(config) -> dict[str, list[tuple]]:
    con, _ = lake.connect_published(config)
    with con:
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where database_name = 'lake' order by 1").fetchall()]
        # and the contract's view over the tables of documents, which the file holds as a view too
        return {t: con.execute(f'select * from "{t}" order by all').fetchall() for t in [*tables, "documents"]}


def _file_rows(path, tables) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: con.execute(f'select * from "{t}" order by all').fetchall() for t in tables}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def test_a_file_two_publications_behind_is_brought_up_by_document(corpus, tmp_path, monkeypatch):
    import pipelines.lib.release as release

    # Two new articles on five seeds are 40% of `documents`: past the share that writes a table whole, and with
    # it the file anew (the test below). Here the tables of documents are to go by document.
    monkeypatch.setattr(release, "WHOLE_TABLE_SHARE", 0.5)
    wh, lake_dir = tmp_path / "w.duckdb", tmp_path / "lake"
    assert build_warehouse(corpus, wh, lake_dir)["published"]
    monkeypatch.setenv("RASD_RELEASE_ON_RUN", "false")
    for n, text in enumerate(ARTICLES):
        (corpus / f"new_{n}.txt").write_text(text, encoding="utf-8")
        assert build_warehouse(corpus, wh, lake_dir)["published"]
    config = lake_config(lake_dir)
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("select count(*) from pipeline_runs").fetchone()[0] == 1     # run 1's file

    con = lake.connect(config)
    with con:
        done = refresh_release_file(con, wh)
    assert done.base_run == 1 and not done.copied
    # on five seeds two new articles rewrite most small tables whole; the per-document tables go by document
    assert {"casualty_claims", "sentences"} <= set(done.by_key) and done.documents_replaced >= 2
    # the search postings too, by the documents' numbers (they hold no doc_id)
    assert "mart_search_postings" in done.by_key
    assert release.refresh_key("mart_search_postings", {"doc_no": "INTEGER", "term_id": "INTEGER"}) == "doc_no"
    expected = _lake_rows(config)
    assert _file_rows(wh, expected) == expected


def test_a_refresh_that_would_rewrite_the_article_texts_writes_a_new_file(corpus, tmp_path, monkeypatch):
    """Three of five articles edited: the texts' tables are to be written whole, so the file is written anew and
    moved over the old one (rewritten in place it would keep the freed blocks and grow), and the other tables'
    change feeds are not read."""
    import pipelines.lib.release as release

    wh, lake_dir = tmp_path / "w.duckdb", tmp_path / "lake"
    assert build_warehouse(corpus, wh, lake_dir)["published"]
    monkeypatch.setenv("RASD_RELEASE_ON_RUN", "false")
    for path in sorted(corpus.glob("*.txt"))[:3]:
        path.write_text(path.read_text(encoding="utf-8") + "\nفقرة أضيفت إلى الخبر بعد نشره.\n", encoding="utf-8")
    assert build_warehouse(corpus, wh, lake_dir)["published"]
    before = wh.stat().st_ino
    asked: list[list[str]] = []
    changed_keys = release._changed_keys
    monkeypatch.setattr(release, "_changed_keys",
                        lambda con, keyed, plan: (asked.append(sorted(keyed)), changed_keys(con, keyed, plan))[1])
    config = lake_config(lake_dir)
    con = lake.connect(config)
    with con:
        done = refresh_release_file(con, wh)
    assert done.base_run is None and wh.stat().st_ino != before
    assert asked == [["document_texts", "raw_documents"]]
    assert not list(tmp_path.glob("w.duckdb.refresh-*"))
    expected = _lake_rows(config)
    assert _file_rows(wh, expected) == expected


def _deleted_rows(path) -> dict[str, int]:
    """The deleted rows each table of the DuckDB file at ``path`` still holds (tables that hold any)."""
    with duckdb.connect(str(path), read_only=True) as con:
        estimated = con.execute("select table_name, estimated_size from duckdb_tables()").fetchall()
        deleted = {t: n - con.execute(f'select count(*) from "{t}"').fetchone()[0] for t, n in estimated}
    return {t: n for t, n in deleted.items() if n}


def test_in_place_refreshes_keep_deleted_rows_until_past_a_share_the_file_is_written_anew(corpus, tmp_path,
                                                                                          monkeypatch):
    """A refresh in place checkpoints without vacuuming, DuckDB's setting put back after: the rows it replaced
    stay in the file, marked deleted. Once the article texts' tables hold more of them than DELETED_ROW_SHARE of
    their rows (2 of 5 documents, after two single-article edits), the next refresh writes them whole, and with
    them the file anew, which holds no deleted row."""
    import pipelines.lib.release as release

    assert release.DELETED_ROW_SHARE == 0.25
    # On five seeds one edited article is 40% of `documents`' change rows: here the tables go by document.
    monkeypatch.setattr(release, "WHOLE_TABLE_SHARE", 0.9)
    wh, lake_dir = tmp_path / "w.duckdb", tmp_path / "lake"
    assert build_warehouse(corpus, wh, lake_dir)["published"]
    monkeypatch.setenv("RASD_RELEASE_ON_RUN", "false")
    vacuum_tasks = []
    write_plan = release._write_plan
    monkeypatch.setattr(release, "_write_plan", lambda con, plan: vacuum_tasks.append(
        con.execute("select current_setting('max_vacuum_tasks')").fetchone()[0]) or write_plan(con, plan))
    config = lake_config(lake_dir)
    refreshes, deleted = [], []
    for path in sorted(corpus.glob("*.txt"))[:3]:
        path.write_text(path.read_text(encoding="utf-8") + "\nفقرة أضيفت إلى الخبر بعد نشره.\n", encoding="utf-8")
        assert build_warehouse(corpus, wh, lake_dir)["published"]
        with lake.connect(config) as con:
            refreshes.append(refresh_release_file(con, wh))
            assert con.execute("select current_setting('max_vacuum_tasks')").fetchone()[0] == 100
        deleted.append(_deleted_rows(wh))
        expected = _lake_rows(config)
        assert _file_rows(wh, expected) == expected
    assert vacuum_tasks == [0, 0, 0]
    assert [r.base_run for r in refreshes] == [1, 2, None]
    assert all({"document_texts", "raw_documents", "sentences"} <= set(r.by_key) for r in refreshes[:2])
    assert [(d["document_texts"], d["raw_documents"]) for d in deleted[:2]] == [(1, 1), (2, 2)]
    assert deleted[0]["sentences"] > 0 and deleted[1]["sentences"] > deleted[0]["sentences"]
    assert deleted[2] == {}


@pytest.mark.parametrize(("whole", "anew"), [(["document_texts", "raw_documents"], True), (["document_texts"], True),
                                             (["raw_documents", "sentences"], True), (["sentences", "actors"], False),
                                             ([], False)])
def test_a_plan_writing_either_table_of_article_texts_whole_writes_the_file_anew(whole, anew):
    from pipelines.lib.release import RefreshPlan, _rewrites_article_texts

    assert _rewrites_article_texts(RefreshPlan(1, whole=whole)) is anew


def test_a_reader_in_another_process_gets_a_copy_and_keeps_its_file(corpus, tmp_path, monkeypatch):
    wh, lake_dir = tmp_path / "w.duckdb", tmp_path / "lake"
    build_warehouse(corpus, wh, lake_dir)
    monkeypatch.setenv("RASD_RELEASE_ON_RUN", "false")
    (corpus / "new.txt").write_text(ARTICLES[0], encoding="utf-8")
    assert build_warehouse(corpus, wh, lake_dir)["published"]
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, duckdb
        con = duckdb.connect({str(wh)!r}, read_only=True)
        print(con.execute("select count(*) from documents").fetchone()[0], flush=True)
        sys.stdin.readline()
        print(con.execute("select count(*) from documents").fetchone()[0], flush=True)
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "5"
        with lake.connect(lake_config(lake_dir)) as con:
            done = refresh_release_file(con, wh, wait_s=0.5)
        assert done.copied and done.base_run == 1 and "sentences" in done.by_key
        still, _ = holder.communicate("\n", timeout=30)
    finally:
        holder.kill()
    assert still.strip() == "5"                     # the reader kept the file it had open
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == 6


def test_a_refresh_that_never_happened_is_caught_up_by_the_next_make_run(corpus, tmp_path, monkeypatch):
    wh, lake_dir = tmp_path / "w.duckdb", tmp_path / "lake"
    monkeypatch.setenv("RASD_CORPUS", str(corpus))
    monkeypatch.setenv("RASD_WAREHOUSE", str(wh))
    monkeypatch.setenv("RASD_LAKE", str(lake_dir))
    assert main(["run"]) == 0
    (corpus / "new.txt").write_text(ARTICLES[1], encoding="utf-8")
    monkeypatch.setenv("RASD_RELEASE_ON_RUN", "false")      # as if killed between publishing and the refresh
    assert main(["run"]) == 0
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == 5
    monkeypatch.setenv("RASD_RELEASE_ON_RUN", "true")
    assert main(["run"]) == 0                       # nothing new in the corpus, but the file is behind
    expected = _lake_rows(lake_config(lake_dir))
    assert _file_rows(wh, expected) == expected
    assert main(["run"]) == 0


def test_one_row_per_document_tables_come_from_the_change_feed_new_edited_and_gone(tmp_path, shared_dir,
                                                                                  monkeypatch):
    """document_texts, document_decisions and raw_documents (doc_id unique) are refreshed from the change feed's
    last row versions:
    a new article, an edited one and a deleted one leave the file equal to the lake, row for row."""
    from pipelines.lib.release import one_row_per_document

    assert {"documents", "document_texts", "document_decisions", "raw_documents"} <= one_row_per_document()
    corpus = tmp_path / "corpus"
    shutil.copytree(shared_dir / "corpus" / "dev", corpus)
    wh, lake_dir = tmp_path / "w.duckdb", tmp_path / "lake"
    assert build_warehouse(corpus, wh, lake_dir)["published"]
    monkeypatch.setenv("RASD_RELEASE_ON_RUN", "false")
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in (".txt", ".html", ".json"))
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\n\nقتل رجل في قصف على بلدة سراقب.\n",
                        encoding="utf-8")
    files[1].unlink()
    (corpus / "new_0.txt").write_text(ARTICLES[0], encoding="utf-8")
    assert build_warehouse(corpus, wh, lake_dir)["published"]
    import pipelines.lib.release as release

    from_feed = []
    last_versions = release._last_versions
    monkeypatch.setattr(release, "_last_versions", lambda table, plan: from_feed.append(table) or
                        last_versions(table, plan))
    config = lake_config(lake_dir)
    con = lake.connect(config)
    with con:
        done = refresh_release_file(con, wh)
    assert done.base_run == 1
    stored = {"document_texts", "document_decisions", "raw_documents"}
    assert stored <= set(done.by_key) and stored <= set(from_feed)
    # tables without documents but with a key of their own come by that key, from the change feed too
    assert {"incidents", "raw_files"} <= set(done.by_key) and {"incidents", "raw_files"} <= set(from_feed)
    assert not {"incidents", "raw_files"} & set(done.whole)
    expected = _lake_rows(config)
    assert _file_rows(wh, expected) == expected


def test_article_texts_are_stored_with_zstd_and_keep_it_through_a_refresh(corpus, tmp_path):
    """The columns holding whole articles are declared with ZSTD (DuckDB's default for long strings is slower to
    write and larger); rows a refresh inserts later are stored the same way, and every column reads back as in
    the lake."""
    wh, lake_dir = tmp_path / "w.duckdb", tmp_path / "lake"
    assert build_warehouse(corpus, wh, lake_dir)["published"]
    (corpus / "new_0.txt").write_text(ARTICLES[0], encoding="utf-8")
    assert build_warehouse(corpus, wh, lake_dir)["published"]
    with duckdb.connect(str(wh), read_only=True) as con:
        stored = con.execute(
            "select table_name, column_name, list(distinct compression order by compression) from "
            "(select 'document_texts' as table_name, * from pragma_storage_info('document_texts') union all by name "
            " select 'raw_documents' as table_name, * from pragma_storage_info('raw_documents')) "
            "where segment_type = 'VARCHAR' and column_name in ('text', 'text_norm', 'body', 'doc_id') "
            "group by all order by all").fetchall()
    compression = {(table, column): kinds for table, column, kinds in stored}
    for column in [("document_texts", "text"), ("document_texts", "text_norm"), ("raw_documents", "body")]:
        assert set(compression[column]) - {"Constant"} == {"ZSTD"}, (column, compression[column])
    assert "ZSTD" not in compression[("document_texts", "doc_id")]
    expected = _lake_rows(lake_config(lake_dir))
    assert _file_rows(wh, expected) == expected


def test_a_whole_write_runs_under_a_lower_memory_limit_and_puts_it_back(corpus, tmp_path, monkeypatch):
    """Copying tables whole is the pipeline's largest moment in memory: it runs under a share of DuckDB's limit,
    and the connection gets its own limit back afterwards."""
    import pipelines.lib.release as release

    wh, lake_dir = tmp_path / "w.duckdb", tmp_path / "lake"
    assert build_warehouse(corpus, wh, lake_dir)["published"]
    wh.unlink()
    seen = []
    write_plan = release._write_plan
    monkeypatch.setattr(release, "_write_plan", lambda con, plan: seen.append(
        con.execute("select current_setting('memory_limit')").fetchone()[0]) or write_plan(con, plan))
    con = lake.connect(lake_config(lake_dir))
    with con:
        con.execute("set memory_limit = '1GB'")
        done = refresh_release_file(con, wh)
        after = con.execute("select current_setting('memory_limit')").fetchone()[0]
    assert done.base_run is None and seen
    assert release.memory_bytes(seen[0]) == pytest.approx(0.6 * release.memory_bytes("953.6 MiB"), rel=0.01)
    assert release.memory_bytes(after) == pytest.approx(release.memory_bytes("953.6 MiB"), rel=0.001)


@pytest.mark.parametrize(("setting", "expected"), [("953.6 MiB", int(953.6 * 2**20)), ("2.0 GiB", 2 * 2**30),
                                                    ("500MB", 500 * 10**6), ("1024 B", 1024), ("12KB", 12000)])
def test_memory_settings_read_as_bytes(setting, expected):
    from pipelines.lib.release import memory_bytes

    assert memory_bytes(setting) == expected


def test_release_tables_are_stored_in_row_groups_of_the_release_size_through_later_writes(tmp_path):
    """A table written whole is cut into row groups of ``ROW_GROUP_ROWS`` (DuckDB buffers an unfinished group in
    memory until the commit: 100,000 articles' texts were one group), and a later write that attaches the file
    again keeps them (a checkpoint under DuckDB's default size would merge them back)."""
    import pipelines.lib.release as release

    rows = 3 * release.ROW_GROUP_ROWS + 100
    con = duckdb.connect()
    con.execute(f"attach ':memory:' as {release.LAKE}")
    con.execute(f"create table {release.LAKE}.main.words as select range as n, 'كلمة ' || range as word "
                f"from range({rows})")

    def row_groups() -> list[int]:
        return [r[0] for r in con.execute(
            f"select sum(count) from pragma_storage_info('{release.RELEASE}.main.words') where column_id = 0 "
            "and segment_type <> 'VALIDITY' group by row_group_id order by row_group_id").fetchall()]

    target = tmp_path / "release.duckdb"
    release._attach(con, target)
    con.begin()
    release._copy_whole(con, "words")
    con.commit()
    con.execute(f"checkpoint {release.RELEASE}")
    assert len(row_groups()) == 4 and max(row_groups()) <= release.ROW_GROUP_ROWS
    release._detach(con)

    release._attach(con, target)
    con.execute(f"insert into {release.RELEASE}.main.words select n + {rows}, word from {release.LAKE}.main.words "
                "limit 10")
    con.execute(f"checkpoint {release.RELEASE}")
    assert len(row_groups()) >= 4 and max(row_groups()) <= release.ROW_GROUP_ROWS
    assert sum(row_groups()) == rows + 10
    release._detach(con)


def test_tables_read_in_file_order_are_copied_in_the_lakes_order_the_others_in_any(tmp_path):
    """The gold scorer takes claims and names in the file's order: those tables are copied with DuckDB's insertion
    order kept, by one thread; the others without it, by every thread but the article texts (one thread: a
    part-filled last row group of texts is compressed again by the next refresh). The connection's own settings
    come back."""
    import pipelines.lib.release as release

    con = duckdb.connect()
    con.execute(f"attach ':memory:' as {release.LAKE}")
    for table in ("casualty_claims", "sentences"):
        con.execute(f"create table {release.LAKE}.main.{table} as select range as n from range(10)")
    con.execute(f"create table {release.LAKE}.main.raw_documents as select range as n, 'نص' as body from range(10)")
    release._attach(con, tmp_path / "release.duckdb")
    copied: dict[str, bool] = {}

    class Spy:
        def execute(self, statement, *args):
            if statement.startswith(("create or replace table", "insert into")):
                table = statement.split('"')[1]
                copied[table] = con.execute("select current_setting('preserve_insertion_order'), "
                                            "current_setting('threads')").fetchone()
            return con.execute(statement, *args)

    con.execute("set threads = 2")
    for table in ("casualty_claims", "sentences", "raw_documents"):
        release._copy_whole(Spy(), table)
    # one ordered writer fills its groups; the article texts are copied by one thread in any order
    assert copied == {"casualty_claims": (True, 1), "sentences": (False, 2), "raw_documents": (False, 1)}
    assert "casualty_claims" in release.ORDERED_TABLES and "sentences" not in release.ORDERED_TABLES
    assert con.execute("select current_setting('preserve_insertion_order'), current_setting('threads')").fetchone() \
        == (True, 2)
    assert con.execute(f"select list(n order by n) = list(n) from {release.RELEASE}.main.casualty_claims").fetchone()[0]
    release._detach(con)


def test_a_new_file_is_copied_by_two_connections_at_once_each_table_in_the_lakes_order(tmp_path, monkeypatch):
    """A new file's tables are copied by as many connections at once as the process has cores (two here), even
    where the run's connections have one DuckDB thread (a small corpus), each query by one thread: every table
    comes out whole, in the order the lake reads it, the article texts with ZSTD, and the connection gets its
    settings back."""
    import threading

    import pipelines.lib.release as release

    con = duckdb.connect()
    con.execute(f"attach ':memory:' as {release.LAKE}")
    # rows in an order of their own (not sorted), so a copy that reordered them would show
    for table in ("casualty_claims", "actor_mentions", "sentences"):
        con.execute(f"create table {release.LAKE}.main.{table} as select (range * 7919) % 20011 as n "
                    "from range(20011)")
    con.execute(f"create table {release.LAKE}.main.documents as select range as n, 'نص ' || range as text, "
                "'نص' as text_norm from range(1000)")
    tables = ["casualty_claims", "actor_mentions", "sentences", "documents"]
    release._attach(con, tmp_path / "release.duckdb")
    con.execute("set threads = 1")
    monkeypatch.setattr(release, "available_cores", lambda: 2)
    # Each stream waits at its first table for the other: with one stream at a time the barrier breaks.
    both = threading.Barrier(2, timeout=20)
    first: set[str] = set()
    create_copy = release._create_copy

    def copy_when_both_run(cursor, table):
        name = threading.current_thread().name
        if name not in first:
            first.add(name)
            both.wait()
        create_copy(cursor, table)

    monkeypatch.setattr(release, "_create_copy", copy_when_both_run)
    release._copy_in_streams(con, tables)
    assert len(first) == 2
    assert con.execute("select current_setting('threads'), current_setting('preserve_insertion_order')").fetchone() \
        == (1, True)
    con.execute(f"checkpoint {release.RELEASE}")     # as the refresh does: the texts compressed on disk
    for table in tables:
        lake_rows = con.execute(f"select list(n) from {release.LAKE}.main.{table}").fetchone()[0]
        assert con.execute(f"select list(n) from {release.RELEASE}.main.{table}").fetchone()[0] == lake_rows
    compression = {r[0] for r in con.execute(
        f"select distinct compression from pragma_storage_info('{release.RELEASE}.main.documents') "
        "where column_name = 'text' and segment_type = 'VARCHAR'").fetchall()}
    assert compression - {"Constant"} == {"ZSTD"}
    release._detach(con)


def _range_plan(con, after: int, upto: int):
    """A refresh plan over the change feed's range ``after``..``upto``, its deletions asked as ``_plan`` asks them."""
    import pipelines.lib.release as release

    return release.RefreshPlan(1, base_snapshot=after, newest_snapshot=upto,
                               deleted_from=frozenset(lake.tables_with_deletions(con, after, upto)))


def test_the_change_feed_is_read_one_table_per_query_inserts_updates_and_deletes_counted(tmp_path, monkeypatch):
    """The keys each table's change feed names are those ``table_changes`` gives: inserts, updates and deletes
    counted per key. Each query reads one table's feed: a ``union all`` of several tables' feeds never finished
    in DuckDB 1.5.5 on a large range (see ``release._changed_keys``)."""
    import re

    import polars as pl

    import pipelines.lib.release as release

    asked: list[str] = []
    fetch = release.fetch_frame
    monkeypatch.setattr(release, "fetch_frame", lambda con, query, params=None: (asked.append(query),
                                                                                 fetch(con, query, params))[1])

    con = lake.connect(lake_config(lake_root=tmp_path / "lake"))
    with con:
        con.execute("create table a (doc_id varchar, v integer)")
        con.execute("create table b (doc_id varchar, v integer)")
        con.execute("create table c (n bigint, v integer)")
        con.execute("insert into a values ('d1', 1), ('d2', 2)")
        con.execute("insert into c values (1, 1)")
        base = lake.current_snapshot(con) + 1     # the feed's range includes its first snapshot
        con.execute("insert into a values ('d3', 3), ('d3', 4)")
        con.execute("update a set v = 9 where doc_id = 'd1'")
        con.execute("insert into b values ('d9', 1)")
        con.execute("delete from c where n = 1")
        con.execute("insert into c values (7, 7)")
        newest = lake.current_snapshot(con)
        plan = _range_plan(con, base, newest)
        assert plan.deleted_from == {"a", "c"}       # b only got rows
        keyed = {"a": "doc_id", "b": "doc_id", "c": "n"}
        found = release._changed_keys(con, keyed, plan)
        read = [set(re.findall(r"table_(?:insertions|deletions)\('(\w+)'", query)) for query in asked]
        assert sorted(map(sorted, read)) == [["a"], ["b"], ["c"]]
        for table, key in keyed.items():
            each = con.execute(f'select "{key}", count(*) as n_rows from lake.table_changes(\'{table}\', {base}, '
                               f"{newest}) group by 1").pl()
            assert found[table].sort(key).equals(each.sort(key).cast({"n_rows": pl.Int64})), table
        assert dict(found["a"].iter_rows()) == {"d1": 2, "d3": 2}     # an update is two change rows
        assert dict(found["b"].iter_rows()) == {"d9": 1}
        assert found["c"].schema["n"] == pl.Int64 and dict(found["c"].iter_rows()) == {1: 1, 7: 1}


def test_last_versions_of_a_table_that_only_got_rows_are_its_insertions(tmp_path):
    """A table with one row per key that only got rows in the range is read from its insertions in one pass; one
    that also lost rows (an update) from the ranked feed: either way the rows the table holds now for those keys."""
    import pipelines.lib.release as release

    con = lake.connect(lake_config(lake_root=tmp_path / "lake"))
    with con:
        con.execute("create table u (k varchar, v integer)")
        con.execute("insert into u values ('a', 1)")
        base = lake.current_snapshot(con) + 1     # the feed's range includes its first snapshot
        con.execute("insert into u values ('b', 2), ('c', 3)")
        added = lake.current_snapshot(con)
        con.execute("update u set v = 20 where k = 'b'")
        newest = lake.current_snapshot(con)

        def last_versions(after: int, upto: int) -> tuple[str, list[tuple]]:
            query = release._last_versions("u", _range_plan(con, after, upto))
            return query, sorted(con.execute(f"select * from ({query})").fetchall())

        query, rows = last_versions(base, added)
        assert "table_insertions" in query and "table_changes" not in query
        assert rows == [("b", 2), ("c", 3)]
        query, rows = last_versions(base, newest)
        assert "table_changes" in query
        assert rows == [("b", 20), ("c", 3)] == sorted(con.execute("select * from u where k <> 'a'").fetchall())


@pytest.mark.parametrize("expired", [False, True])
def test_a_table_that_only_lost_rows_of_a_file_with_deletions_is_seen_changed(tmp_path, expired):
    """DuckLake adds a data file's later deletions to the delete file it already has, without moving the snapshot
    that file began at: a table whose only change in a range was such a deletion is still named as changed and as
    having lost rows, from the snapshots' change records, or (those expired) because it has a delete file."""
    con = lake.connect(lake_config(lake_root=tmp_path / "lake"))
    with con:
        con.execute("create table t (k integer)")
        con.execute("create table u (k integer)")
        con.execute("insert into t select i from range(10) r(i)")
        con.execute("insert into u values (0)")
        con.execute("delete from t where k = 1")      # the file's delete file begins here: the file's publication
        after = lake.current_snapshot(con)
        con.execute("insert into u values (1)")
        con.execute("delete from t where k = 3")      # only deleted: no new data or delete file for t
        con.execute("insert into u values (2)")
        upto = lake.current_snapshot(con)
        if expired:
            con.execute(f"call ducklake_expire_snapshots('lake', versions => [{after + 1}, {after + 2}])")
        assert lake.tables_with_new_files(con, after, upto) == {"t", "u"}
        assert lake.tables_with_deletions(con, after, upto) == {"t"}


def test_a_run_that_only_removes_an_article_leaves_the_file_equal_to_the_lake(corpus, tmp_path):
    """Removing an article deletes rows (its mart rows, its place in incidents) and may add none to some tables:
    every table is brought to the lake's rows all the same, each run refreshing the file."""
    wh, lake_dir = tmp_path / "w.duckdb", tmp_path / "lake"
    (corpus / "new_0.txt").write_text(ARTICLES[0], encoding="utf-8")
    (corpus / "new_1.txt").write_text(ARTICLES[1], encoding="utf-8")
    assert build_warehouse(corpus, wh, lake_dir)["published"]
    (corpus / "new_1.txt").unlink()
    assert build_warehouse(corpus, wh, lake_dir)["published"]
    sorted(corpus.glob("*.txt"))[0].unlink()
    assert build_warehouse(corpus, wh, lake_dir)["published"]
    expected = _lake_rows(lake_config(lake_dir))
    assert _file_rows(wh, expected) == expected
