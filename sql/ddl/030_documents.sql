-- Texts are stored with ZSTD (in files of storage version >= v1.2; older files store them uncompressed):
-- DuckDB's automatic choice for long strings (a dictionary of FSST strings) took 36 s instead of 9.5 s to
-- checkpoint 100,000 generated articles, into 400 MB instead of 100 MB.
-- doc_id is unique (checked by documents__doc_ids_unique), not a declared key: see KEYLESS_TABLES
-- in pipelines/lib/warehouse.py.
create table if not exists documents (
    doc_id                varchar not null,
    file_id               varchar not null,
    outlet                varchar,
    title                 varchar,
    published_at          timestamp,
    url                   varchar,
    text                  varchar not null using compression zstd,   -- clean display text; every offset points here
    text_norm             varchar not null using compression zstd,   -- normalised for matching and search
    n_chars               integer not null,
    n_paragraphs          integer not null,
    n_paragraphs_removed  integer not null,
    n_boilerplate_lines   integer not null,
    status                varchar not null,   -- ok (canonical) | duplicate
    duplicate_of          varchar,
    dup_similarity        double,
    norm_sha256           varchar not null
);
