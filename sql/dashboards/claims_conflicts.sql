-- Conflicting claims: for one place and outcome (and, when $same_day, one publication day),
-- event claims credited to different claimants that give different counts.
with ev as (
    select
        *,
        coalesce(location_id, location_name) as place_key,
        case when $same_day then published_date end as day,
        count_low::varchar || '–' || coalesce(count_high::varchar, '…') as reported
    from claims_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only,
              claimants := $claimants)
    where scope = 'event' and quantified and location_name is not null
),
conflicts as (
    select place_key, outcome, day
    from ev
    group by place_key, outcome, day
    having count(distinct claimant) > 1 and count(distinct reported) > 1
)
select
    ev.location_name as place,
    ev.governorate,
    ev.outcome,
    ev.day,
    ev.reported,
    ev.count_low,
    ev.count_high,
    ev.claimant,
    ev.outlet,
    ev.published_date,
    ev.doc_id,
    ev.evidence
from ev
join conflicts k
  on k.place_key = ev.place_key and k.outcome = ev.outcome and k.day is not distinct from ev.day
order by ev.location_name, ev.outcome, ev.day nulls last, ev.count_low, ev.claimant;
