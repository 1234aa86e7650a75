-- `documents` (the contract's table of articles) is a view over two tables: the texts the clean stage writes
-- and the dedup decisions the dedup stage writes. DuckLake rewrites a row whole when one of its columns
-- changes, and an article's decision changes long after its text was written (a longer wire copy comes in):
-- with both in one table, a +1% run at 100,000 articles in which 76 old articles became duplicates read and
-- rewrote the texts of all 52 files of the table to change 311 rows (1.7-1.9 s), and each such run added
-- those texts to the lake again. Now a decision is a row of four short columns.
--
-- Texts are stored in Parquet files compressed with ZSTD (the lake's parquet_compression option,
-- pipelines/lib/lake.py); DuckLake takes no per-column compression.
-- doc_id is unique in both (checked on the view by documents__doc_ids_unique: a second row in either table
-- doubles the document there), not a declared key (DuckLake has none).
create table if not exists document_texts (
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
    norm_sha256           varchar not null
);
-- The dedup stage's decision on a document; a document without one (just cleaned, not yet decided) is
-- canonical until the stage says otherwise.
create table if not exists document_decisions (
    doc_id          varchar not null,
    status          varchar not null,   -- ok (canonical) | duplicate | deleted
    duplicate_of    varchar,
    dup_similarity  double
);
create or replace view documents as
select t.doc_id, t.file_id, t.outlet, t.title, t.published_at, t.url, t.text, t.text_norm, t.n_chars,
       t.n_paragraphs, t.n_paragraphs_removed, t.n_boilerplate_lines,
       coalesce(d.status, 'ok') as status, d.duplicate_of, d.dup_similarity, t.norm_sha256
from document_texts t
left join document_decisions d on d.doc_id = t.doc_id;
