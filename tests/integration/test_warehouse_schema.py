"""The warehouse schema: text tables carry no declared key (cheap checkpoints after a small append), and a
warehouse built when they had one is rebuilt to the current definition with every row kept."""

import duckdb

from pipelines.lib.sql import sql
from pipelines.lib.warehouse import KEYLESS_TABLES, apply_ddl, drop_text_table_keys

KEYED = {"raw_documents": ("doc_id        varchar not null,", "doc_id        varchar primary key,"),
         "documents": ("doc_id                varchar not null,", "doc_id                varchar primary key,")}


def _primary_keys(con) -> set[str]:
    return {r[0] for r in con.execute(sql("migrations/tables_with_primary_key")).fetchall()}


def test_a_new_warehouse_has_no_key_on_its_text_tables(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_ddl(con)
    keys = _primary_keys(con)
    assert not keys & set(KEYLESS_TABLES)
    assert {"raw_files", "clean_documents", "sentences", "stage_state"} <= keys


def test_an_older_warehouse_loses_the_keys_and_keeps_its_rows(tmp_path):
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    for table, ddl in KEYLESS_TABLES.items():          # the tables as earlier releases created them
        plain, keyed = KEYED[table]
        assert plain in sql(ddl)
        con.execute(sql(ddl).replace(plain, keyed))
    con.execute("insert into raw_documents (doc_id, file_id, record_no, body, content_sha256) "
                "values ('a', 'f1', 0, 'نص الخبر', 'h1'), ('b', 'f2', 0, 'خبر آخر', 'h2')")
    con.execute("insert into documents (doc_id, file_id, text, text_norm, n_chars, n_paragraphs, "
                "n_paragraphs_removed, n_boilerplate_lines, status, norm_sha256) "
                "values ('a', 'f1', 'نص الخبر', 'نص الخبر', 8, 1, 0, 0, 'ok', 'n1')")
    assert set(KEYLESS_TABLES) <= _primary_keys(con)

    apply_ddl(con)
    assert not _primary_keys(con) & set(KEYLESS_TABLES)
    assert con.execute("select doc_id, body from raw_documents order by doc_id").fetchall() == [
        ("a", "نص الخبر"), ("b", "خبر آخر")]
    assert con.execute("select doc_id, status, n_chars from documents").fetchall() == [("a", "ok", 8)]
    assert drop_text_table_keys(con) == []                                  # done once
    tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert not any(t.endswith("__keyed") for t in tables)


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
