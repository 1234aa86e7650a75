-- The incidents passing the sidebar's filters (one of their claims passes), with place, governorate and
-- perpetrator named in Arabic and English and each outcome's low / best / high, newest first.
select
    i.incident_id,
    i.event_date_low,
    i.event_date_high,
    i.location_id,
    l.name_ar as place_ar,
    l.name_en as place_en,
    coalesce(l.admin1_ar, case when l.kind = 'governorate' then l.name_ar end) as governorate_ar,
    coalesce(l.admin1_en, case when l.kind = 'governorate' then l.name_en end) as governorate_en,
    l.lat,
    l.lon,
    i.geo_precision,
    i.cause,
    i.perpetrator_actor_id,
    pa.name_ar as perpetrator_ar,
    pa.name_en as perpetrator_en,
    i.killed_low,
    i.killed_best,
    i.killed_high,
    i.injured_low,
    i.injured_best,
    i.injured_high,
    i.n_claims,
    i.n_articles,
    i.n_outlets,
    i.n_independent_sources
from incidents i
left join locations l on l.location_id = i.location_id
left join actors pa on pa.actor_id = i.perpetrator_actor_id
where i.incident_id in (
    select incident_id
    from incident_ids_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only)
)
order by i.event_date_low desc nulls last, coalesce(i.killed_best, 0) + coalesce(i.injured_best, 0) desc,
         i.incident_id;
