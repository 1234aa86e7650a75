-- What went in: files seen and quarantined, documents, canonical and duplicate (no filters:
-- this is the state of the ingest), plus how many canonical documents pass the filters.
select
    (select count(*) from raw_files) as n_files,
    (select count(*) from raw_files where status = 'quarantined') as n_quarantined,
    (select count(*) from documents) as n_documents,
    (select count(*) from documents where status = 'ok') as n_canonical,
    (select count(*) from documents where status = 'duplicate') as n_duplicates,
    (select count(*) from documents_f($outlets, $date_from, $date_to, $governorates)) as n_matching;
