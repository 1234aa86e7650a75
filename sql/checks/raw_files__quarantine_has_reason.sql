select count(*) from raw_files where status not in ('ok', 'quarantined', 'deleted')
   or (status = 'quarantined' and coalesce(trim(reason), '') = '');
