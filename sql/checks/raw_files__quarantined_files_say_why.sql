-- Every quarantined file says why in its reason: nothing is dropped silently.
select count(*) from raw_files where status = 'quarantined' and coalesce(trim(reason), '') = '';
