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
        assert {"raw_files", "documents", "casualty_claims", "stage_state", "incidents"} <= tables
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
