-- mart_location_mentions: place mentions in canonical documents with coordinates,
-- governorate and geo_precision (null = unresolved: never placed on the map). Rows of the documents in
-- mart_scope.
select
    m.doc_id,
    m.sentence_no,
    m.location_id,
    l.name_ar,
    l.name_en,
    l.kind,
    coalesce(l.admin1_en, case when l.kind = 'governorate' then l.name_en end, 'unknown') as governorate,
    coalesce(l.admin1_ar, case when l.kind = 'governorate' then l.name_ar end) as governorate_ar,
    l.lat,
    l.lon,
    l.geo_precision,
    m.surface,
    m.char_start,
    m.char_end,
    coalesce(nullif(trim(d.outlet), ''), 'unknown') as outlet,
    cast(d.published_at as date) as published_date
from mart_scope k
join location_mentions m on m.doc_id = k.doc_id
join documents d on d.doc_id = m.doc_id and d.status = 'ok'
join locations l on l.location_id = m.location_id;
