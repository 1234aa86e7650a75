-- Store one batch of signatures ($batch_minhash) and the scheme they were computed under, replacing what the
-- documents signed before had (a batch of documents never signed takes minhash_store_new.sql).
delete from doc_minhash where doc_id in (select doc_id from batch_minhash);
insert into doc_minhash by name select doc_id, norm_sha256, signature from batch_minhash;
merge into stage_state t
using (select 'minhash' as stage, doc_id, fingerprint from batch_minhash) s
   on t.stage = s.stage and t.doc_id = s.doc_id
 when matched then update set fingerprint = s.fingerprint
 when not matched then insert by name;
