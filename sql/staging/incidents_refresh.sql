-- Every affected incident (affected_incidents) rewritten from its claims; an incident left without claims goes.
-- Figures per outcome come from totals only (quantified, not a breakdown inside another claim): low = the
-- smallest, high = the largest sourced figure (a range's top: "عشرات" reaches 99), best = the figure the most
-- independent sources give, each source counted once with its latest figure (a later article, or a later
-- phrase of one article, revises it; within one article a source's largest total is its figure); a tie goes
-- to the figure more articles print, then to the larger (tolls are revised upward as bodies are found).
delete from incidents where incident_id in (select incident_id from affected_incidents);

insert into incidents by name
with members as (
    select c.*, cast(d.published_at as date) as published, coalesce(d.duplicate_of, d.doc_id) as article,
           coalesce(d.outlet, coalesce(d.duplicate_of, d.doc_id)) as outlet_key, s.source_key
    from casualty_claims c
    join documents d on d.doc_id = c.doc_id
    join incident_claim_sources s on s.claim_id = c.claim_id
    where c.incident_id in (select incident_id from affected_incidents)
),
totals as (
    select * from members where quantified and count_low is not null and part_of_claim_id is null
),
source_figures as (
    select incident_id, outcome, source_key, article, max(published) as published, max(count_low) as figure
    from totals
    group by all
),
latest as (
    select incident_id, outcome, source_key, figure,
           row_number() over (partition by incident_id, outcome, source_key
                              order by published desc nulls last, article desc) as rn
    from source_figures
),
votes as (
    select incident_id, outcome, figure, count(*) as n_sources from latest where rn = 1 group by all
),
printed as (
    select incident_id, outcome, count_low as figure, count(distinct article) as n_articles
    from totals group by all
),
best as (
    select v.incident_id, v.outcome, v.figure as best,
           row_number() over (partition by v.incident_id, v.outcome
                              order by v.n_sources desc, coalesce(p.n_articles, 0) desc, v.figure desc) as rn
    from votes v
    left join printed p on p.incident_id = v.incident_id and p.outcome = v.outcome and p.figure = v.figure
),
figures as (
    select t.incident_id, t.outcome, min(t.count_low) as low, any_value(b.best) as best,
           max(coalesce(t.count_high, t.count_low)) as high
    from totals t
    join best b on b.incident_id = t.incident_id and b.outcome = t.outcome and b.rn = 1
    group by all
),
places as (
    select m.incident_id, m.location_id, l.geo_precision, l.name_ar,
           row_number() over (partition by m.incident_id
                              order by coalesce(l.geo_precision, 9), count(*) desc, m.location_id) as rn
    from members m
    join locations l on l.location_id = m.location_id
    group by m.incident_id, m.location_id, l.geo_precision, l.name_ar
),
basis as (
    select incident_id,
           case when bool_or(event_date_basis = 'explicit') then 'explicit'
                when bool_or(event_date_basis = 'relative') then 'relative'
                when bool_or(event_date_basis = 'article') then 'article' else 'unknown' end as date_basis
    from members group by all
),
dates as (
    select m.incident_id, b.date_basis, max(m.event_date_low) as lo, min(m.event_date_high) as hi,
           min(m.event_date_low) as lo_all, max(m.event_date_high) as hi_all
    from members m join basis b on b.incident_id = m.incident_id and m.event_date_basis = b.date_basis
    group by all
),
causes as (
    select incident_id, cause,
           row_number() over (partition by incident_id order by count(*) desc, cause) as rn
    from members where cause <> 'unknown' group by incident_id, cause
),
attackers as (
    select incident_id, perpetrator_actor_id,
           row_number() over (partition by incident_id order by count(*) desc, perpetrator_actor_id) as rn
    from members where perpetrator_actor_id is not null group by incident_id, perpetrator_actor_id
),
counts as (
    select incident_id, count(*) as n_claims, count(distinct article) as n_articles,
           count(distinct outlet_key) as n_outlets, count(distinct source_key) as n_independent_sources
    from members group by all
)
select n.incident_id,
       case when d.lo <= d.hi then d.lo else d.lo_all end as event_date_low,
       case when d.lo <= d.hi then d.hi else d.hi_all end as event_date_high,
       coalesce(bs.date_basis, 'unknown') as date_basis,
       p.location_id, p.geo_precision,
       coalesce(ca.cause, 'unknown') as cause,
       a.perpetrator_actor_id,
       k.low as killed_low, k.best as killed_best, k.high as killed_high,
       j.low as injured_low, j.best as injured_best, j.high as injured_high,
       n.n_claims, n.n_articles, n.n_outlets, n.n_independent_sources,
       case when k.high > 0 then round((k.high - k.low) / k.high, 3) end as killed_disagreement,
       concat_ws(', ', coalesce(ca.cause, 'unknown'), p.name_ar,
                 cast(case when d.lo <= d.hi then d.lo else d.lo_all end as varchar)) as label
from counts n
left join basis bs on bs.incident_id = n.incident_id
left join dates d on d.incident_id = n.incident_id
left join places p on p.incident_id = n.incident_id and p.rn = 1
left join causes ca on ca.incident_id = n.incident_id and ca.rn = 1
left join attackers a on a.incident_id = n.incident_id and a.rn = 1
left join figures k on k.incident_id = n.incident_id and k.outcome = 'killed'
left join figures j on j.incident_id = n.incident_id and j.outcome = 'injured';
