-- Decoded articles before cleaning (staging): one row per article in a file. doc_id is unique (checked by
-- raw_documents__doc_ids_unique), not a declared key: DuckLake has none.
create table if not exists raw_documents (
    doc_id        varchar not null,
    file_id       varchar not null,
    record_no     integer not null,
    title         varchar,
    body          varchar not null,   -- (compression: see 030_documents.sql)
    url           varchar,
    outlet        varchar,
    published_at  timestamp,
    content_sha256 varchar not null
);
