-- Which version of each document each stage has processed (incremental runs skip the rest).
create table if not exists stage_state (
    stage       varchar not null,
    doc_id      varchar not null,
    fingerprint varchar not null,
    primary key (stage, doc_id)
);
-- Work done by the run that is building this file; emptied when a build starts.
create table if not exists run_log (
    stage        varchar primary key,
    n_processed  bigint not null,
    n_changed    bigint not null,
    seconds      double not null
);
create table if not exists doc_minhash (
    doc_id       varchar primary key,
    norm_sha256  varchar not null,
    signature    uinteger[] not null
);
create table if not exists clean_documents (
    doc_id                varchar primary key,
    file_id               varchar not null,
    outlet                varchar,
    title                 varchar,
    published_at          timestamp,
    url                   varchar,
    text                  varchar not null,
    text_norm             varchar not null,
    n_chars               integer not null,
    n_paragraphs          integer not null,
    n_paragraphs_removed  integer not null,
    n_boilerplate_lines   integer not null,
    norm_sha256           varchar not null,
    content_sha256        varchar not null
);
create table if not exists pipeline_runs (
    run_id            varchar primary key,
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
