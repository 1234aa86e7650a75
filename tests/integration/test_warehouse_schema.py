"""The lake's schema: the DDL applies on a DuckLake catalog (which has no keys: uniqueness is a contract
check), and the migrations still bring older tables to the current definition."""

import duckdb

from pipelines.lib import lake
from pipelines.lib.sql import sql
from pipelines.lib.warehouse import apply_ddl
from pipelines.settings import lake_config


def test_the_ddl_makes_keyless_tables_in_one_lake_snapshot_and_again_changes_nothing(tmp_path):
    with lake.connect(lake_config(tmp_path / "lake")) as con:
        apply_ddl(con)
        tables = {r[0] for r in con.execute(
            "select table_name from duckdb_tables() where database_name = 'lake'").fetchall()}
        assert {"raw_files", "document_texts", "document_decisions", "casualty_claims", "stage_state",
                "incidents"} <= tables
        assert "documents" not in tables                   # a view over the two (sql/ddl/030_documents.sql)
        assert con.execute("select count(*) from duckdb_views() where database_name = 'lake' "
                           "and view_name = 'documents'").fetchone()[0] == 1
        assert con.execute("select count(*) from duckdb_constraints() where database_name = 'lake' "
                           "and constraint_type in ('PRIMARY KEY', 'UNIQUE')").fetchone()[0] == 0
        first = lake.current_snapshot(con)
        assert first == 1                                  # snapshot 0 made the schema, 1 every table
        apply_ddl(con)
        assert con.execute("select count(*) from lake.snapshots() where snapshot_id > $s",
                           {"s": first}).fetchone()[0] <= 1   # the views, recreated in one commit


def test_an_old_full_text_index_schema_is_dropped_without_the_fts_extension(tmp_path):
    """Warehouses from before the SQL search index kept DuckDB fts's schema; it goes without loading fts."""
    con = duckdb.connect(str(tmp_path / "old.duckdb"),
                         config={"autoload_known_extensions": False, "autoinstall_known_extensions": False})
    con.execute("create schema fts_main_documents")
    con.execute("create table fts_main_documents.terms (docid bigint, term varchar)")
    con.execute("create macro fts_main_documents.match_bm25(docname, query_string) as 0.0")
    apply_ddl(con)
    assert con.execute("select count(*) from duckdb_schemas() where schema_name = 'fts_main_documents'"
                       ).fetchone()[0] == 0
    assert con.execute("select loaded from duckdb_extensions() where extension_name = 'fts'").fetchone() in (
        None, (False,))


def test_an_older_claims_table_gains_the_claimant_column_and_keeps_its_rows(tmp_path):
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    ddl = sql("ddl/080_casualty_claims")
    column = ddl[ddl.index("    claimant_id"):ddl.index(");")]
    con.execute(ddl.replace(column, "").replace("char_end              integer not null,",
                                                "char_end              integer not null"))
    con.execute("insert into casualty_claims (claim_id, doc_id, sentence_no, outcome, quantified, victim_group, "
                "cause, scope, evidence, mention_text, char_start, char_end) "
                "values ('c1', 'a', 0, 'killed', false, 'unknown', 'unknown', 'event', 'نص', 'نص', 0, 2)")
    assert "claimant_id" not in {r[0] for r in con.execute("describe casualty_claims").fetchall()}
    apply_ddl(con)
    apply_ddl(con)                                                           # and again: nothing to do
    assert con.execute("select claim_id, claimant_id from casualty_claims").fetchall() == [("c1", None)]


OLD_DOCUMENTS = """create table documents (doc_id varchar not null, file_id varchar not null, outlet varchar,
    title varchar, published_at timestamp, url varchar, text varchar not null, text_norm varchar not null,
    n_chars integer not null, n_paragraphs integer not null, n_paragraphs_removed integer not null,
    n_boilerplate_lines integer not null, status varchar not null, duplicate_of varchar, dup_similarity double,
    norm_sha256 varchar not null)"""


def test_a_lake_with_one_documents_table_moves_its_decisions_apart_and_keeps_every_row(tmp_path):
    """Lakes from before the seventeenth round hold `documents` as one table; it becomes `document_texts` (renamed,
    no file rewritten) and its decisions move to `document_decisions`, the view showing the same rows."""
    with lake.connect(lake_config(tmp_path / "lake")) as con:
        apply_ddl(con)
        con.execute("drop view documents; drop table document_texts; drop table document_decisions")
        con.execute(OLD_DOCUMENTS)
        rows = [("a", "f1", "O", "t", None, None, "نص أ", "نص ا", 4, 1, 0, 0, "ok", None, None, "h1"),
                ("b", "f2", "O", "t", None, None, "نص أ", "نص ا", 4, 1, 0, 0, "duplicate", "a", 1.0, "h1"),
                ("c", "f3", "O", "t", None, None, "نص ج", "نص ج", 4, 1, 0, 0, "deleted", None, None, "h3")]
        con.executemany("insert into documents values (" + ", ".join("?" * 16) + ")", rows)
        files_before = lake.live_data_files(con)
        apply_ddl(con)
        assert con.execute("select * from documents order by doc_id").fetchall() == rows
        assert con.execute("select doc_id, status, duplicate_of from document_decisions order by doc_id"
                           ).fetchall() == [("a", "ok", None), ("b", "duplicate", "a"), ("c", "deleted", None)]
        columns = [r[0] for r in con.execute("describe document_texts").fetchall()]
        assert "status" not in columns and "duplicate_of" not in columns and "text" in columns
        assert lake.live_data_files(con) == files_before + 1        # the decisions' file; the texts' kept
        apply_ddl(con)                                              # and again: nothing moves
        assert con.execute("select count(*) from document_decisions").fetchone()[0] == 3
        # The migration is a clean end: a run that dies after it is rolled back to it, its tables kept.
        con.execute("insert into document_texts select * replace ('d' as doc_id) from document_texts limit 1")
        assert lake.restore_published(con) == ["document_texts"]
        assert con.execute("select * from documents order by doc_id").fetchall() == rows
