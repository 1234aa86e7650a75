-- Drop the mentions an earlier extraction wrote for the documents of a batch ($batch_docs: doc_id, fingerprint,
-- extracted_before); a batch of documents never extracted skips this script (each delete scans its whole table:
-- 10 s of a first run at 100,000 articles).
delete from actor_mentions where doc_id in (select doc_id from batch_docs);
delete from location_mentions where doc_id in (select doc_id from batch_docs);
-- Their stage_state rows take the fingerprint they are extracted under now (mentions_merge.sql writes the rows
-- of the documents never extracted).
update stage_state t set fingerprint = s.fingerprint
  from (select doc_id, fingerprint from batch_docs where extracted_before) s
 where t.stage = 'mentions' and t.doc_id = s.doc_id;
