-- Which version of each document each stage has processed (incremental runs skip the rest).
create table if not exists stage_state (
    stage       varchar not null,
    doc_id      varchar not null,
    fingerprint varchar not null
);
-- Work done by the run that is building this file; emptied when a build starts.
create table if not exists run_log (
    stage        varchar not null,
    n_processed  bigint not null,
    n_changed    bigint not null,
    seconds      double not null
);
create table if not exists doc_minhash (
    doc_id       varchar not null,
    norm_sha256  varchar not null,
    signature    uinteger[] not null
);
-- The near-duplicate pairs (doc_a < doc_b) the dedup stage judged at or above its threshold, among the
-- documents stage_state marks 'near_pairs' with the text and settings they were judged on: an incremental run
-- looks for the pairs of its new and changed documents only and keeps these (pipelines/stages/dedup.py).
create table if not exists doc_near_pairs (
    doc_a  varchar not null,
    doc_b  varchar not null
);
-- What the clean stage made of each raw article, without the texts: the clean stage writes the display
-- and normalised texts to `documents` only (one copy of each article's text in the warehouse, not two).
create table if not exists clean_documents (
    doc_id                varchar not null,
    n_chars               integer not null,
    n_paragraphs          integer not null,
    n_paragraphs_removed  integer not null,
    n_boilerplate_lines   integer not null,
    norm_sha256           varchar not null,
    content_sha256        varchar not null
);
-- Warehouses built before kept the texts and metadata here too.
alter table clean_documents drop column if exists text;
alter table clean_documents drop column if exists text_norm;
alter table clean_documents drop column if exists file_id;
alter table clean_documents drop column if exists outlet;
alter table clean_documents drop column if exists title;
alter table clean_documents drop column if exists published_at;
alter table clean_documents drop column if exists url;
-- The cleaner (boilerplate patterns and code, pipelines/lib/clean/version.py) that produced the row; rows
-- from before this column re-clean once.
alter table clean_documents add column if not exists cleaner_version varchar;
-- Invisible characters (zero-width, direction marks; pipelines/lib/arabic/normalize.py) in the display text:
-- of a set of duplicates, the copy with fewest is the canonical one. Rows from before it re-clean once (the
-- cleaner's version changed with it).
alter table clean_documents add column if not exists n_invisible integer default 0;
create table if not exists pipeline_runs (
    run_id            varchar not null,
    started_at        timestamp,
    finished_at       timestamp not null,
    n_files           integer,
    n_documents       integer,
    n_duplicates      integer,
    n_quarantined     integer,
    n_claims          integer,
    n_docs_processed  integer
);
-- Digest of everything a run depends on (pipelines/stages/fingerprint.py); added after the first release.
alter table pipeline_runs add column if not exists input_fingerprint varchar;
-- Files the run read (new or changed since the run before); started_at and finished_at are UTC.
alter table pipeline_runs add column if not exists n_files_read integer;
