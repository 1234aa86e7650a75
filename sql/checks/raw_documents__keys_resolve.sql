select (select count(*) - count(distinct doc_id) from raw_documents)
     + (select count(*) from raw_documents r left join raw_files f using (file_id)
         where f.file_id is null or f.status <> 'ok');
