-- Drop the mentions an earlier extraction wrote for the documents of a batch ($batch_docs); a batch of
-- documents never extracted skips this script (each delete scans its whole table: 10 s of a first run at
-- 100,000 articles).
delete from actor_mentions where doc_id in (select doc_id from batch_docs);
delete from location_mentions where doc_id in (select doc_id from batch_docs);
