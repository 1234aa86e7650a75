-- The corpus's metadata sidecar (metadata.csv at the corpus root, pipelines/lib/ingest/metadata.py), one row
-- per sidecar row as the last ingest read it: status ok | bad_date | no_file_name | repeated | missing_file,
-- with a reason when not ok. Rewritten by every ingest, so an edited sidecar applies on the next run.
create table if not exists corpus_metadata (
    row_no        integer not null,
    file_name     varchar not null,
    file_id       varchar not null,     -- = raw_files.file_id of file_name
    published_at  timestamp,
    url           varchar,
    outlet        varchar,
    title         varchar,
    status        varchar not null,
    reason        varchar
);

-- Each raw article with the sidecar's fields over its own (a field the sidecar leaves empty keeps the
-- record's value; a removed sidecar row gives the record's values back). The clean stage copies these into
-- documents, and the ingest stage rewrites the documents whose values changed.
create or replace view raw_documents_dated as
select r.doc_id, r.file_id, r.record_no, r.body, r.content_sha256,
       coalesce(m.title, r.title)               as title,
       coalesce(m.url, r.url)                   as url,
       coalesce(m.outlet, r.outlet)             as outlet,
       coalesce(m.published_at, r.published_at) as published_at
from raw_documents r
left join corpus_metadata m on m.file_id = r.file_id and m.status in ('ok', 'bad_date');
