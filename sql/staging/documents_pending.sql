-- Clean documents whose text the documents table does not hold yet (new, or re-cleaned since).
select count(*)
from clean_documents c
left join stage_state s on s.stage = 'documents' and s.doc_id = c.doc_id
left join documents d on d.doc_id = c.doc_id
where d.doc_id is null or s.fingerprint is distinct from c.content_sha256;
