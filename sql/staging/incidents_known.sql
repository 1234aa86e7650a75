-- Stored incidents whose dates reach the window [$1, $2] (the claims to place, widened by the days an article
-- may recall an attack): what a new claim is matched against. Ordered, because a claim that fits two incidents
-- equally well joins the one met first: without an order the same +1% run grouped its claims differently run
-- to run (DuckDB's parallel scan returns rows in any order).
select i.incident_id, i.location_id, l.admin1_ar as admin1, i.geo_precision,
       (l.geo_precision >= 2 or l.name_ar = l.admin1_ar) as broad_place,
       i.event_date_low, i.event_date_high, i.date_basis, i.cause, i.perpetrator_actor_id
from incidents i
left join locations l on l.location_id = i.location_id
where i.event_date_low <= $2 and i.event_date_high >= $1
order by i.event_date_low, i.event_date_high, i.incident_id;
