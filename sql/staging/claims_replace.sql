-- Drop the claims an earlier extraction wrote for the documents of a batch ($batch_docs); a batch of
-- documents never extracted skips this script (the delete scans the whole table).
delete from casualty_claims where doc_id in (select doc_id from batch_docs);
