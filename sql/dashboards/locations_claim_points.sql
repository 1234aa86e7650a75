-- One map point per resolved place tied to claims: claims by outcome and the lower-bound
-- sums of event claims. Only places resolved to a place, district or governorate are drawn:
-- a country-level place would sit at a centroid that means nothing, and an unresolved one
-- has no coordinates; both are listed by locations_places instead.
select
    location_id,
    any_value(location_name) as name_ar,
    any_value(location_en) as name_en,
    any_value(governorate) as governorate,
    any_value(lat) as lat,
    any_value(lon) as lon,
    any_value(geo_precision) as geo_precision,
    count(*) as n_claims,
    count(*) filter (where outcome = 'killed') as n_killed_claims,
    count(*) filter (where outcome = 'injured') as n_injured_claims,
    coalesce(sum(count_low) filter (where outcome = 'killed' and quantified and scope = 'event'), 0) as killed_low,
    coalesce(sum(count_low) filter (where outcome = 'injured' and quantified and scope = 'event'), 0) as injured_low
from claims_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only,
              claimants := $claimants)
where lat is not null and lon is not null and geo_precision between 1 and 3
group by location_id
order by n_claims desc;
