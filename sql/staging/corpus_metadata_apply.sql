-- The sidecar's rows as read this run ($sidecar_rows, possibly empty) replace the previous ones; rows naming
-- no live file are reported; the sidecar's own raw_files row says
-- what was read and what was wrong (sql/staging/corpus_metadata_sidecar.sql, next).
delete from corpus_metadata;
insert into corpus_metadata by name select * from sidecar_rows;

update corpus_metadata
   set status = 'missing_file', reason = 'row ' || row_no || ': no file ' || file_name || ' in the corpus'
 where status in ('ok', 'bad_date')
   and file_id not in (select file_id from raw_files where status = 'ok');
