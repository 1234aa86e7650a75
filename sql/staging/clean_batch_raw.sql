-- The raw articles of a run of clean_todo ($batch_keys is a registered frame; the stage reads a few
-- batches at a time). The todo list is sorted by doc_id, so the range ($1 .. $2) lets DuckDB skip row groups
-- instead of reading every article's body for every read; a semi-join (not a join) keeps the range filter
-- in the scan.
select r.doc_id, r.file_id, r.title, r.body, r.url, r.outlet, r.published_at, r.content_sha256
from raw_documents_dated r
where r.doc_id between $1 and $2 and r.doc_id in (select doc_id from batch_keys)
order by r.doc_id;
