-- The duplicate family of a document: its canonical document and every duplicate of that
-- canonical document, the document itself excluded.
with canon as (
    select coalesce(duplicate_of, doc_id) as doc_id from documents where doc_id = $doc_id
)
select
    d.doc_id,
    d.title,
    coalesce(nullif(trim(d.outlet), ''), 'unknown') as outlet,
    d.published_at,
    d.status,
    d.dup_similarity
from documents d, canon
where (d.doc_id = canon.doc_id or d.duplicate_of = canon.doc_id) and d.doc_id <> $doc_id
order by d.status desc, d.doc_id;
