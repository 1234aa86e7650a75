-- Gives each document its dedup decision ($dedup_decisions: one per live document whose group was looked at, every
-- live one when all were; $dedup_live: every live document), and marks 'deleted' the documents no longer live
-- (their rows stay). The decisions live in `document_decisions`, apart from the texts the clean stage wrote
-- (sql/ddl/030_documents.sql): only decisions that differ from what the `documents` view shows are written, a
-- few short rows in an incremental run, and no text is read or written again.
create or replace temp table dedup_changes as
select d.doc_id,
       if(x.doc_id is null, 'deleted', x.status) as status,
       if(x.doc_id is null, null, x.duplicate_of) as duplicate_of,
       if(x.doc_id is null, null, x.dup_similarity) as dup_similarity
from documents d
left join dedup_decisions x on x.doc_id = d.doc_id
where if(x.doc_id is null,
         d.doc_id not in (select doc_id from dedup_live)
             and (d.status <> 'deleted' or d.duplicate_of is not null or d.dup_similarity is not null),
         d.status is distinct from x.status or d.duplicate_of is distinct from x.duplicate_of
             or d.dup_similarity is distinct from x.dup_similarity);

merge into document_decisions t
using dedup_changes c
   on t.doc_id = c.doc_id
 when matched then update set status = c.status, duplicate_of = c.duplicate_of, dup_similarity = c.dup_similarity
 when not matched then insert by name;

drop table dedup_changes;

-- Remember which cleaned version of each document has its decision.
merge into stage_state t
using (select 'documents' as stage, c.doc_id, c.content_sha256 as fingerprint
       from clean_documents c
       left join stage_state s on s.stage = 'documents' and s.doc_id = c.doc_id
       where s.fingerprint is distinct from c.content_sha256) s
   on t.stage = s.stage and t.doc_id = s.doc_id
 when matched then update set fingerprint = s.fingerprint
 when not matched then insert by name;
