-- Input files the pipeline set aside, with the reason, newest first.
select path, reason, n_bytes, ingested_at
from raw_files
where status = 'quarantined'
order by ingested_at desc, path;
