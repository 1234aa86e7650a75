-- Every raw file's status is ok, quarantined or deleted.
select count(*) from raw_files where status is null or status not in ('ok', 'quarantined', 'deleted');
