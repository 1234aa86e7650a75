-- Event claims per publication day and outcome (undated articles cannot be placed in time).
select
    published_date,
    outcome,
    count(*) as n_claims,
    coalesce(sum(count_low) filter (where quantified), 0) as low
from claims_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only,
              claimants := $claimants)
where scope = 'event' and published_date is not null
group by published_date, outcome
order by published_date, outcome;
