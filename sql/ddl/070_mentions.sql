create table if not exists actor_mentions (
    doc_id      varchar not null,
    sentence_no integer not null,
    actor_id    varchar not null,
    surface     varchar not null,
    char_start  integer not null,
    char_end    integer not null
);
create table if not exists location_mentions (
    doc_id      varchar not null,
    sentence_no integer not null,
    location_id varchar not null,
    surface     varchar not null,
    char_start  integer not null,
    char_end    integer not null
);
