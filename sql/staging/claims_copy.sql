-- Exact copies of documents whose claims are current ($copy_docs: doc_id, fingerprint), with their twins'
-- claims as their own, each under the claim_id extraction would give it ($copy_claims; pipelines/stages/
-- extract.py). Their earlier rows, if any, claims_drop_earlier.sql dropped.
insert into casualty_claims by name select * from copy_claims;
insert into stage_state by name select 'claims' as stage, doc_id, fingerprint from copy_docs;
