create table if not exists actors (
    actor_id    varchar not null,
    name_ar     varchar not null,
    name_en     varchar,
    actor_type  varchar not null,
    side        varchar,
    parent_id   varchar,
    source      varchar not null          -- dictionary | detected
);
