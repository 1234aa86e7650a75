-- Replace the rows of re-read files ($new_files, $new_documents are registered frames)
-- and mark files that left the corpus.
delete from raw_documents where file_id in (select file_id from new_files);
delete from raw_documents where file_id in (select file_id from gone_files);
delete from raw_files where file_id in (select file_id from new_files);
insert into raw_files by name select * from new_files;
update raw_files
   set status = 'deleted', reason = 'the file is no longer in the corpus folder'
 where file_id in (select file_id from gone_files);
insert into raw_documents by name select * from new_documents;
