select
    (select count(*) from raw_files where status <> 'deleted')                        as n_files,
    (select count(*) from documents where status <> 'deleted')                        as n_documents,
    (select count(*) from documents where status = 'ok')                              as n_canonical,
    (select count(*) from documents where status = 'duplicate')                       as n_duplicates,
    (select count(*) from raw_files where status = 'quarantined')                     as n_quarantined,
    (select count(*) from casualty_claims c join documents d using (doc_id) where d.status = 'ok') as n_claims,
    (select count(distinct m.actor_id) from actor_mentions m join documents d using (doc_id)
      where d.status = 'ok')                                                          as n_actors,
    (select count(distinct m.location_id) from location_mentions m join documents d using (doc_id)
      where d.status = 'ok')                                                          as n_locations,
    (select coalesce(max(n_processed), 0) from run_log where stage = 'mentions')      as n_docs_processed,
    (select count(*) from incidents)                                                  as n_incidents,
    (select count(*) from incidents where n_articles > 1)                             as n_incidents_shared,
    (select count(*) from corpus_metadata)                                            as n_metadata_rows,
    (select count(*) from corpus_metadata where status <> 'ok')                       as n_metadata_reported;
