-- Clean documents (re)cleaned since the dedup stage last decided on them: a new cleaning can change what picks
-- a group's canonical copy (length, invisible characters) without changing the normalised text.
select c.doc_id
from clean_documents c
left join stage_state s on s.stage = 'documents' and s.doc_id = c.doc_id
where s.fingerprint is distinct from c.content_sha256;
