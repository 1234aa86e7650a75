-- The incidents passing the sidebar's filters (one of their claims passes), with place, governorate and
-- perpetrator named in Arabic and English and each outcome's low / best / high, newest first.
select * rename (location_ar as place_ar, location_en as place_en)
from incidents_named()
where incident_id in (
    select incident_id
    from incident_ids_f($outlets, $date_from, $date_to, $governorates, $actors, $outcomes, $quantified_only)
)
order by event_date_low desc nulls last, coalesce(killed_best, 0) + coalesce(injured_best, 0) desc, incident_id;
