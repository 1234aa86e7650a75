-- Incidents (pipelines/lib/incidents/cluster.py): one real act of violence at one place within a short span,
-- as several articles, outlets and claimants report it. Only event claims belong to one.
--
-- Per outcome: low = the smallest sourced figure, high = the largest, best = the figure most independent
-- sources give (a source's latest figure; a tie goes to the figure more articles print, then the larger);
-- breakdowns ("بينهم 11 طفلاً") never count. A source is coalesce(claimant_id, claimed_by_actor_id, claimed_by_text, outlet): a figure
-- one monitor gave and ten outlets repeated is one source. Rewritten for the incidents a run touches.
create table if not exists incidents (
    incident_id            varchar not null,   -- 'inc:' || the claim_id of the claim that founded it
    event_date_low         date,
    event_date_high        date,
    date_basis             varchar,               -- explicit | relative (time words) | article (its window) | unknown
    location_id            varchar,               -- the most specific place its claims name
    geo_precision          integer,
    cause                  varchar,               -- most frequent known cause of its claims, else 'unknown'
    perpetrator_actor_id   varchar,               -- most frequent named attacker, else NULL
    killed_low             bigint,
    killed_best            bigint,
    killed_high            bigint,
    injured_low            bigint,
    injured_best           bigint,
    injured_high           bigint,
    n_claims               integer not null,
    n_articles             integer not null,      -- distinct articles (a duplicate counts with its original)
    n_outlets              integer not null,
    n_independent_sources  integer not null,
    killed_disagreement    double,                -- (high - low) / high of the killed figures, 0 when they agree
    label                  varchar                -- e.g. 'shelling, دوما, 2018-04-07'
);

-- Event dates, incident and revision of each claim (written by the incidents stage; NULL until it ran, and for
-- cumulative claims, which belong to no incident). part_of_claim_id: the total a breakdown sits inside.
alter table casualty_claims add column if not exists event_date_low date;
alter table casualty_claims add column if not exists event_date_high date;
alter table casualty_claims add column if not exists event_date_basis varchar;
alter table casualty_claims add column if not exists incident_id varchar;
alter table casualty_claims add column if not exists revises_claim_id varchar;
alter table casualty_claims add column if not exists part_of_claim_id varchar;
