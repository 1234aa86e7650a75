-- Texts are stored in Parquet files compressed with ZSTD (the lake's parquet_compression option,
-- pipelines/lib/lake.py); DuckLake takes no per-column compression.
-- doc_id is unique (checked by documents__doc_ids_unique), not a declared key (DuckLake has none).
create table if not exists documents (
    doc_id                varchar not null,
    file_id               varchar not null,
    outlet                varchar,
    title                 varchar,
    published_at          timestamp,
    url                   varchar,
    text                  varchar not null,   -- clean display text; every offset points here
    text_norm             varchar not null,   -- normalised for matching and search
    n_chars               integer not null,
    n_paragraphs          integer not null,
    n_paragraphs_removed  integer not null,
    n_boilerplate_lines   integer not null,
    status                varchar not null,   -- ok (canonical) | duplicate
    duplicate_of          varchar,
    dup_similarity        double,
    norm_sha256           varchar not null
);
