-- The figures make run prints and pipeline_runs records for the lake as it is now. Each table is read once
-- (on the lake every read of a table pays a catalog look-up): its counts are filters of one aggregate, and the
-- canonical documents are one materialised set the joins share.
with docs as materialized (select doc_id, status from documents),
canonical as materialized (select doc_id from docs where status = 'ok'),
files as (
    select count(*) filter (where status <> 'deleted')     as n_files,
           count(*) filter (where status = 'quarantined')  as n_quarantined
    from raw_files
),
doc_counts as (
    select count(*) filter (where status <> 'deleted')     as n_documents,
           count(*) filter (where status = 'ok')           as n_canonical,
           count(*) filter (where status = 'duplicate')    as n_duplicates
    from docs
),
stages as (
    -- extracted: by either stage (the claims stage alone extracts again after its lexicon is edited)
    select coalesce(max(n_processed) filter (where stage in ('mentions', 'claims')), 0) as n_docs_processed,
           coalesce(max(n_processed) filter (where stage = 'ingest'), 0)   as n_files_read
    from run_log
),
incident_counts as (
    select count(*) as n_incidents, count(*) filter (where n_articles > 1) as n_incidents_shared
    from incidents
),
metadata_counts as (
    select count(*) as n_metadata_rows, count(*) filter (where status <> 'ok') as n_metadata_reported
    from corpus_metadata
)
select
    f.n_files,
    d.n_documents,
    d.n_canonical,
    d.n_duplicates,
    f.n_quarantined,
    (select count(*) from casualty_claims where doc_id in (select doc_id from canonical))                as n_claims,
    (select count(distinct actor_id) from actor_mentions where doc_id in (select doc_id from canonical))     as n_actors,
    (select count(distinct location_id) from location_mentions where doc_id in (select doc_id from canonical))
                                                                                                         as n_locations,
    s.n_docs_processed,
    s.n_files_read,
    i.n_incidents,
    i.n_incidents_shared,
    m.n_metadata_rows,
    m.n_metadata_reported
from files f, doc_counts d, stages s, incident_counts i, metadata_counts m;
