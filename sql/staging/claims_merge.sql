-- One extracted batch of documents ($batch_docs) whose earlier claims, if any, claims_replace.sql dropped.
insert into casualty_claims by name select * from batch_claims;
-- The documents never extracted are done under their fingerprint (`extracted_before`, stage_todo.sql); those
-- extracted before have their row updated by claims_replace.sql. One MERGE did both, but read every row of
-- stage_state for every batch: 28 ms a batch at 100,000 articles, growing with the table.
insert into stage_state by name select 'claims' as stage, doc_id, fingerprint from batch_docs where not extracted_before;
