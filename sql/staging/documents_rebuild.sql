-- documents holds every cleaned article (the clean stage writes its text); this gives each its dedup
-- decision ($dedup_decisions has one per live document; documents of deleted files stay, marked
-- 'deleted'). Only decisions that differ are written, so an incremental run rewrites a few rows.
update documents
   set status = 'deleted', duplicate_of = null, dup_similarity = null
 where doc_id not in (select doc_id from dedup_decisions)
   and (status <> 'deleted' or duplicate_of is not null or dup_similarity is not null);

update documents
   set status = x.status, duplicate_of = x.duplicate_of, dup_similarity = x.dup_similarity
  from dedup_decisions x
 where documents.doc_id = x.doc_id
   and (documents.status is distinct from x.status
        or documents.duplicate_of is distinct from x.duplicate_of
        or documents.dup_similarity is distinct from x.dup_similarity);

-- Remember which cleaned version of each document has its decision.
merge into stage_state t
using (select 'documents' as stage, c.doc_id, c.content_sha256 as fingerprint
       from clean_documents c
       left join stage_state s on s.stage = 'documents' and s.doc_id = c.doc_id
       where s.fingerprint is distinct from c.content_sha256) s
   on t.stage = s.stage and t.doc_id = s.doc_id
 when matched then update set fingerprint = s.fingerprint
 when not matched then insert by name;
