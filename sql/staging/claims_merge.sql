-- One extracted batch of documents ($batch_docs) whose earlier claims, if any, claims_replace.sql dropped.
insert into casualty_claims by name select * from batch_claims;
merge into stage_state t
using (select 'claims' as stage, doc_id, fingerprint from batch_docs) s
   on t.stage = s.stage and t.doc_id = s.doc_id
 when matched then update set fingerprint = s.fingerprint
 when not matched then insert by name;
