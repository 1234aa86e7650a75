-- Drop what an earlier clean wrote for the re-cleaned articles of a batch ($batch_documents); a batch of
-- new articles skips this script (each delete scans its whole table).
delete from clean_documents where doc_id in (select doc_id from batch_documents);
delete from sentences where doc_id in (select doc_id from batch_documents);
delete from documents where doc_id in (select doc_id from batch_documents);
