-- Every raw document comes from a raw file whose status is ok.
select count(*) from raw_documents r left join raw_files f using (file_id)
 where f.file_id is null or f.status <> 'ok';
