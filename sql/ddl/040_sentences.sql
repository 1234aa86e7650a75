create table if not exists sentences (
    doc_id       varchar not null,
    sentence_no  integer not null,
    paragraph_no integer not null,
    char_start   integer not null,
    char_end     integer not null,
    text         varchar not null
);
