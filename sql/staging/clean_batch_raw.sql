-- The raw articles of one batch of clean_todo ($batch_keys is a registered frame).
select r.doc_id, r.file_id, r.title, r.body, r.url, r.outlet, r.published_at, r.content_sha256
from raw_documents r
join batch_keys k using (doc_id)
order by r.doc_id;
