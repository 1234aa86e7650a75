select count(*) - count(distinct file_id) from raw_files;
