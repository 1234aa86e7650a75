-- documents = clean documents + their dedup decision ($dedup_decisions holds every live document);
-- documents of deleted files stay, marked. Only rows whose text or decision changed are written:
-- rewriting every row would copy every article's text on every incremental run. This script marks
-- the work; documents_insert.sql copies the changed texts a range at a time, documents_finish.sql
-- updates the decisions of the others.
create or replace temp table doc_state as
select c.doc_id, c.content_sha256,
       coalesce(x.status, 'deleted') as status, x.duplicate_of, x.dup_similarity,
       d.doc_id is null or s.fingerprint is distinct from c.content_sha256 as text_changed
from clean_documents c
left join dedup_decisions x on x.doc_id = c.doc_id
left join stage_state s on s.stage = 'documents' and s.doc_id = c.doc_id
left join documents d on d.doc_id = c.doc_id;

delete from documents
 where doc_id in (select doc_id from doc_state where text_changed)
    or doc_id not in (select doc_id from clean_documents);
