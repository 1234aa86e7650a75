-- Event claims grouped by each chart dimension (victim group, claimant, perpetrator, outlet,
-- governorate) and outcome, in one pass: the range of people reported (sum of lower / upper bounds
-- of quantified claims) and how many claims, unquantified ones counted apart.
-- Actors and governorates are labelled in Arabic and English where both names exist.
with ev as (
    select
        c.victim_group,
        coalesce(ca.name_ar || ' · ' || ca.name_en, c.claimant) as claimant,
        coalesce(pa.name_ar || ' · ' || pa.name_en, c.perpetrator) as perpetrator,
        c.outlet,
        coalesce(c.governorate_ar || ' · ' || c.governorate, c.governorate) as governorate,
        c.outcome, c.count_low, c.count_high, c.quantified
    from claims_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only,
                  claimants := $claimants) c
    left join actors ca on ca.actor_id = c.claimed_by_actor_id
    left join actors pa on pa.actor_id = c.perpetrator_actor_id
    where c.scope = 'event'
),
long as (
    unpivot ev on victim_group, claimant, perpetrator, outlet, governorate into name dimension value category
)
select
    dimension,
    category,
    outcome,
    count(*) as n_claims,
    coalesce(sum(count_low) filter (where quantified), 0) as low,
    coalesce(sum(coalesce(count_high, count_low)) filter (where quantified), 0) as high,
    count(*) filter (where not quantified) as n_unquantified
from long
group by dimension, category, outcome
order by dimension, category, outcome;
