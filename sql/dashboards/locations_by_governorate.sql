-- Per governorate: claims and their lower-bound sums (event claims), place mentions, and how
-- many of those mentions are of places the gazetteer could not resolve.
with c as (
    select
        governorate,
        any_value(governorate_ar) as governorate_ar,
        count(*) as n_claims,
        coalesce(sum(count_low) filter (where outcome = 'killed' and quantified and scope = 'event'), 0)
            as killed_low,
        coalesce(sum(count_low) filter (where outcome = 'injured' and quantified and scope = 'event'), 0)
            as injured_low,
        count(*) filter (where location_name is not null and lat is null) as n_claims_unplaced
    from claims_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only,
              claimants := $claimants)
    group by governorate
),
m as (
    select
        governorate,
        any_value(governorate_ar) as governorate_ar,
        count(*) as n_mentions,
        count(distinct location_id) as n_places,
        count(*) filter (where geo_precision is null or lat is null) as n_unresolved_mentions
    from location_mentions_f($outlets, $date_from, $date_to, $governorates, $actors)
    group by governorate
)
select
    coalesce(c.governorate, m.governorate) as governorate,
    coalesce(c.governorate_ar, m.governorate_ar) as governorate_ar,
    coalesce(c.n_claims, 0) as n_claims,
    coalesce(c.killed_low, 0) as killed_low,
    coalesce(c.injured_low, 0) as injured_low,
    coalesce(c.n_claims_unplaced, 0) as n_claims_unplaced,
    coalesce(m.n_mentions, 0) as n_mentions,
    coalesce(m.n_places, 0) as n_places,
    coalesce(m.n_unresolved_mentions, 0) as n_unresolved_mentions
from c
full outer join m on m.governorate = c.governorate
order by (coalesce(c.governorate, m.governorate) = 'unknown'), n_claims desc, n_mentions desc;
