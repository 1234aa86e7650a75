-- Rows of one table (it has a doc_id) that belong to canonical documents: what the dashboard, the run summary
-- and pipeline_runs count. Rows of duplicate and deleted documents stay in the table. An aggregate of
-- table_figures.sql; canonical_documents is the set of table_figures_with.sql.
count(*) filter (where doc_id in (select doc_id from canonical_documents))
