-- One extracted batch of documents ($batch_docs) whose earlier claims, if any, claims_drop_earlier.sql dropped.
insert into casualty_claims by name select * from batch_claims;
-- The batch's documents are done under their fingerprint: claims_drop_earlier.sql removed the stage_state rows
-- of those extracted before.
insert into stage_state by name select 'claims' as stage, doc_id, fingerprint from batch_docs;
