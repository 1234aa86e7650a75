-- The last pipeline run that published this warehouse.
select run_id, started_at, finished_at, n_files, n_documents, n_duplicates, n_quarantined, n_claims,
       n_docs_processed
from pipeline_runs
order by finished_at desc
limit 1;
