-- Drop the claims an earlier extraction wrote for the documents of a batch ($batch_docs: doc_id, fingerprint,
-- extracted_before); a batch of documents never extracted skips this script (the delete scans the whole table).
delete from casualty_claims where doc_id in (select doc_id from batch_docs);
-- Their stage_state rows take the fingerprint they are extracted under now (claims_merge.sql writes the rows
-- of the documents never extracted).
update stage_state t set fingerprint = s.fingerprint
  from (select doc_id, fingerprint from batch_docs where extracted_before) s
 where t.stage = 'claims' and t.doc_id = s.doc_id;
