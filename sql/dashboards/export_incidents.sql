-- One row per incident (read only when the warehouse has the table): its date range, place in both
-- languages with coordinates and precision, cause, perpetrator in both languages, per outcome the low /
-- best / high figures, and how many claims, articles, outlets and independent sources stand behind it.
-- Columns are described in dashboards/assets/columns.csv.
select
    i.incident_id,
    i.event_date_low,
    i.event_date_high,
    i.location_id,
    l.name_ar as location_ar,
    l.name_en as location_en,
    -- an incident placed at a governorate is in that governorate (as the Incidents page shows it)
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
order by i.event_date_low desc nulls last, i.incident_id;
