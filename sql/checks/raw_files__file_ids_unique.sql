-- Every raw file has its own file_id (the key every raw document and quarantine row hangs on).
select count(*) - count(distinct file_id) from raw_files;
