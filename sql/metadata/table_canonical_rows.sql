-- Rows of one table (placeholder table, quoted; it has a doc_id) that belong to canonical documents: what the
-- dashboard, the run summary and pipeline_runs count. Rows of duplicate and deleted documents stay in the table.
select count(*) from {table} where doc_id in (select doc_id from documents where status = 'ok');
