-- Articles whose text is new or changed since they were last cleaned, or were cleaned by another version
-- of the cleaner ($1; keys only: the texts are fetched a batch at a time by clean_batch_raw.sql);
-- `recleaned` when older rows must be replaced.
select r.doc_id, c.doc_id is not null as recleaned
from raw_documents r
left join clean_documents c on c.doc_id = r.doc_id
where c.doc_id is null or c.content_sha256 <> r.content_sha256 or c.cleaner_version is distinct from $1
order by r.doc_id;
