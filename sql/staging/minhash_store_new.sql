-- Store one batch of signatures ($batch_minhash) of documents never signed (no signature, no minhash mark:
-- `signed_before` in minhash_todo.sql) and the scheme they were computed under. Nothing to replace: plain
-- inserts, where minhash_merge.sql's delete and MERGE read the whole of doc_minhash and stage_state for every
-- batch (2.6 s of a first run at 100,000 articles).
insert into doc_minhash by name select doc_id, norm_sha256, signature from batch_minhash;
insert into stage_state by name select 'minhash' as stage, doc_id, fingerprint from batch_minhash;
