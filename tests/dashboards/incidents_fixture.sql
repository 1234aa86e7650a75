-- Incidents for the dashboard tests, written over a pipeline-built warehouse so the tests do not depend
-- on how the incidents stage clusters the articles: only the contract's columns; every event claim of a
-- canonical article in one incident per governorate (per article when it names no place), dated on its
-- article's day, or from 2018-03-02 on when undated; a source's later figure for the same incident and
-- outcome revises its earlier one.
drop table if exists incidents;
alter table casualty_claims add column if not exists event_date_low date;
alter table casualty_claims add column if not exists event_date_high date;
alter table casualty_claims add column if not exists incident_id varchar;
alter table casualty_claims add column if not exists revises_claim_id varchar;
update casualty_claims set incident_id = null, event_date_low = null, event_date_high = null, revises_claim_id = null;

create temp table placed as
with keyed as (
    select c.*, coalesce(l.admin1_en, case when l.kind = 'governorate' then l.name_en end, c.doc_id) as gkey,
           coalesce(c.claimed_by_actor_id, c.claimed_by_text) as source, cast(d.published_at as date) as published
    from casualty_claims c
    join documents d on d.doc_id = c.doc_id and d.status = 'ok'
    left join locations l on l.location_id = c.location_id
    where c.scope = 'event'
)
select
    claim_id,
    'inc:' || gkey as incident_id,
    coalesce(published, date '2018-03-01' + dense_rank() over (order by gkey)::integer) as day,
    case when quantified and source is not null
         then lag(claim_id) over (partition by gkey, outcome, source, quantified order by doc_id, char_start)
    end as revises
from keyed;

update casualty_claims c
   set incident_id = p.incident_id, event_date_low = p.day, event_date_high = p.day + 1, revises_claim_id = p.revises
  from placed p
 where c.claim_id = p.claim_id;

create table incidents as
with m as (
    select c.*, d.outlet, coalesce(c.claimed_by_actor_id, c.claimed_by_text, d.outlet, d.doc_id) as source_key
    from casualty_claims c join documents d on d.doc_id = c.doc_id
    where c.incident_id is not null
),
f as (
    select incident_id, outcome,
           min(count_low) as low,
           quantile_disc(count_low, 0.5) as best,
           max(coalesce(count_high, count_low)) as high
    from m where quantified and count_low is not null
    group by all
)
select
    m.incident_id,
    min(m.event_date_low) as event_date_low,
    max(m.event_date_high) as event_date_high,
    min(m.location_id) as location_id,
    min(l.geo_precision) as geo_precision,
    coalesce(mode(m.cause), 'unknown') as cause,
    min(m.perpetrator_actor_id) as perpetrator_actor_id,
    any_value(k.low)::bigint as killed_low, any_value(k.best)::bigint as killed_best,
    any_value(k.high)::bigint as killed_high,
    any_value(j.low)::bigint as injured_low, any_value(j.best)::bigint as injured_best,
    any_value(j.high)::bigint as injured_high,
    count(*)::integer as n_claims,
    count(distinct m.doc_id)::integer as n_articles,
    count(distinct m.outlet)::integer as n_outlets,
    count(distinct m.source_key)::integer as n_independent_sources
from m
left join locations l on l.location_id = m.location_id
left join f k on k.incident_id = m.incident_id and k.outcome = 'killed'
left join f j on j.incident_id = m.incident_id and j.outcome = 'injured'
group by m.incident_id;
