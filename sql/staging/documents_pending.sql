-- Clean documents (re)cleaned since the dedup stage last decided on them.
select count(*)
from clean_documents c
left join stage_state s on s.stage = 'documents' and s.doc_id = c.doc_id
where s.fingerprint is distinct from c.content_sha256;
