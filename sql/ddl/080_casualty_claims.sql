create table if not exists casualty_claims (
    claim_id              varchar not null,
    doc_id                varchar not null,
    sentence_no           integer not null,
    outcome               varchar not null,     -- killed | injured
    count_low             bigint,
    count_high            bigint,
    quantified            boolean not null,
    victim_group          varchar not null,     -- civilians | combatants | unknown
    victim_actor_id       varchar,
    perpetrator_actor_id  varchar,
    perpetrator_text      varchar,
    claimed_by_actor_id   varchar,
    claimed_by_text       varchar,
    location_id           varchar,
    location_text         varchar,
    cause                 varchar not null,
    scope                 varchar not null,     -- event | cumulative
    evidence              varchar not null,     -- the sentence the claim was read from
    mention_text          varchar not null,     -- the claim phrase, = documents.text[char_start:char_end]
    char_start            integer not null,
    char_end              integer not null,
    claimant_id           varchar               -- the claimant as an actor: a person rolled up to whom he speaks for
);
