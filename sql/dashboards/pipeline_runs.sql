-- Every published run, newest first, with what it found and what it added (the difference from the run
-- before it). Timestamps are UTC. `*`: warehouses from before a column was added still show the rest.
select
    *,
    n_documents as n_documents_total,
    n_documents - coalesce(lag(n_documents) over w, 0) as n_documents_added,
    n_claims as n_claims_total,
    n_claims - coalesce(lag(n_claims) over w, 0) as n_claims_added
from pipeline_runs
window w as (order by finished_at)
order by finished_at desc;
