-- One map point per resolved place of the filtered incidents: how many incidents and the sums of their
-- best estimates of killed and injured (the circle's size). Like the claim points, only places resolved
-- to a place, district or governorate are drawn; the others are listed by locations_places.
with points as (
select
    i.location_id,
    any_value(l.name_ar) as name_ar,
    any_value(l.name_en) as name_en,
    any_value(coalesce(l.admin1_en, case when l.kind = 'governorate' then l.name_en end, 'unknown')) as governorate,
    any_value(l.lat) as lat,
    any_value(l.lon) as lon,
    any_value(l.geo_precision) as geo_precision,
    count(*) as n_incidents,
    count(i.killed_best) as n_killed_incidents,
    count(i.injured_best) as n_injured_incidents,
    -- an outcome the outcome filter leaves out adds nothing to the circle
    coalesce(sum(i.killed_best) filter (where len($outcomes::varchar[]) = 0
                                           or list_contains($outcomes::varchar[], 'killed')), 0)::bigint as killed_best,
    coalesce(sum(i.injured_best) filter (where len($outcomes::varchar[]) = 0
                                            or list_contains($outcomes::varchar[], 'injured')), 0)::bigint as injured_best
from incidents i
join locations l on l.location_id = i.location_id
where i.incident_id in (
          select incident_id
          from incident_ids_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only))
  and l.lat is not null and l.lon is not null and l.geo_precision between 1 and 3
group by i.location_id
)
select * from points
order by killed_best + injured_best desc, location_id;
