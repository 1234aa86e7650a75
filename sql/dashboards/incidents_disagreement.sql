-- Incidents where independent sources disagree, most disagreement first. Each source (the claimant, else
-- the outlet: ten outlets repeating one monitor are one source) counts with its standing figure for an
-- outcome: its largest quantified total that no later claim revises (a breakdown inside a total is not a
-- figure). An incident and outcome disagree when two or more sources stand on different figures;
-- ratio = largest / smallest figure, spread = largest - smallest. One row per source and figure.
with member as (
    select
        k.incident_id,
        m.outcome,
        coalesce(k.named_source, m.outlet) as source_key,
        m.count_low as figure,
        m.claimant,
        m.outlet,
        m.published_date
    from mart_claims m
    join claim_incidents() k on k.claim_id = m.claim_id
    where k.incident_id in (
              select incident_id
              from incident_ids_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only))
      and m.quantified and m.count_low is not null and m.scope = 'event'
      and k.part_of_claim_id is null
      and m.claim_id not in (select revises_claim_id from claim_incidents() where revises_claim_id is not null)
      and (len($outcomes::varchar[]) = 0 or list_contains($outcomes::varchar[], m.outcome))
),
by_source as (
    select
        incident_id,
        outcome,
        source_key,
        max(figure) as figure,
        any_value(claimant order by figure desc) as claimant,
        string_agg(distinct outlet, '، ' order by outlet) as outlets,
        min(published_date) as first_published
    from member
    group by incident_id, outcome, source_key
),
ranked as (
    select
        incident_id,
        outcome,
        count(*) as n_sources,
        min(figure) as smallest,
        max(figure) as largest,
        max(figure) - min(figure) as spread,
        round(max(figure) / greatest(min(figure), 1), 2) as ratio
    from by_source
    group by incident_id, outcome
    having count(distinct figure) > 1
)
select
    r.incident_id,
    r.outcome,
    r.n_sources,
    r.smallest,
    r.largest,
    r.spread,
    r.ratio,
    dense_rank() over (order by r.ratio desc, r.spread desc, r.incident_id, r.outcome) as disagreement_rank,
    s.source_key,
    s.claimant,
    s.outlets,
    s.figure,
    s.first_published
from ranked r
join by_source s on s.incident_id = r.incident_id and s.outcome = r.outcome
order by disagreement_rank, s.figure desc, s.source_key;
