-- Rows of re-read files ($new_files) that an earlier run wrote; a batch of files never seen skips this
-- script (each delete scans its whole table).
delete from raw_documents where file_id in (select file_id from new_files);
delete from raw_files where file_id in (select file_id from new_files);
