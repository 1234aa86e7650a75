-- Articles whose text is new or changed since they were last cleaned.
select r.doc_id, r.file_id, r.title, r.body, r.url, r.outlet, r.published_at, r.content_sha256
from raw_documents r
left join clean_documents c on c.doc_id = r.doc_id
where c.doc_id is null or c.content_sha256 <> r.content_sha256
order by r.doc_id;
