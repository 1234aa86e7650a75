-- Files that left the corpus ($gone_files): marked, and their articles dropped (documents keeps them,
-- marked deleted by the dedup stage).
delete from raw_documents where file_id in (select file_id from gone_files);
update raw_files
   set status = 'deleted', reason = 'the file is no longer in the corpus folder'
 where file_id in (select file_id from gone_files);
