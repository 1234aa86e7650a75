-- One row per input file ever seen: processed, or quarantined with a reason.
create table if not exists raw_files (
    file_id      varchar not null,   -- sha256 of the path relative to the corpus root
    path         varchar not null,      -- path relative to the corpus root
    sha256       varchar,               -- content hash: name of the immutable copy in the raw zone
    n_bytes      bigint,
    encoding     varchar,               -- detected text encoding, null when unreadable
    status       varchar not null,      -- ok | quarantined | deleted
    reason       varchar,               -- human-readable, set when not ok
    n_records    integer,               -- documents found in the file
    mtime        double,                -- file modification time seen at ingest
    ingested_at  timestamp not null
);
