-- The published run's row ($1 run_id … $11 n_files_read); committed with the lake's publication tag.
insert into pipeline_runs by name
select $1 as run_id, $2 as started_at, $3 as finished_at, $4 as n_files, $5 as n_documents,
       $6 as n_duplicates, $7 as n_quarantined, $8 as n_claims, $9 as n_docs_processed,
       $10 as input_fingerprint, $11 as n_files_read;
