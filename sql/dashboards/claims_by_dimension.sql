-- Event claims grouped by one dimension ($dimension names it; a bound value, not SQL) and
-- outcome: the range of people reported (sum of lower / upper bounds of quantified claims)
-- and how many claims, unquantified ones counted apart.
select
    case $dimension
        when 'victim_group' then victim_group
        when 'claimant' then claimant
        when 'perpetrator' then perpetrator
        when 'outlet' then outlet
        when 'governorate' then governorate
    end as category,
    outcome,
    count(*) as n_claims,
    coalesce(sum(count_low) filter (where quantified), 0) as low,
    coalesce(sum(coalesce(count_high, count_low)) filter (where quantified), 0) as high,
    count(*) filter (where not quantified) as n_unquantified
from claims_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only,
              claimants := $claimants)
where scope = 'event'
group by category, outcome
order by category, outcome;
