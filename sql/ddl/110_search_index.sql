-- Warehouses built before kept DuckDB fts's index of the documents; the search marts (sql/marts/070 to
-- 090) replace it, updated a document at a time.
drop schema if exists fts_main_documents cascade;
