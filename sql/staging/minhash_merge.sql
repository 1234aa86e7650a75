-- Store one batch of signatures ($batch_minhash) and the scheme they were computed under.
delete from doc_minhash where doc_id in (select doc_id from batch_minhash);
insert into doc_minhash by name select doc_id, norm_sha256, signature from batch_minhash;
insert or replace into stage_state select 'minhash', doc_id, fingerprint from batch_minhash;
