-- Event claims grouped by each chart dimension (victim group, claimant, perpetrator, outlet,
-- governorate) and outcome, in one pass: the range of people reported (sum of lower / upper bounds
-- of quantified claims) and how many claims, unquantified ones counted apart.
with ev as (
    select victim_group, claimant, perpetrator, outlet, governorate, outcome, count_low, count_high, quantified
    from claims_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only)
    where scope = 'event'
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
