-- One row per actor or place mention in a canonical article passing the filters, for download.
-- mention_id is stable: the document, the kind and the character offsets of the surface form.
with docs as (
    select doc_id, url, title from documents_f($outlets, $date_from, $date_to, [])
),
mentions as (
    select 'actor' as mention_kind, doc_id, sentence_no, char_start, char_end, surface,
           actor_id as entity_id, name_ar, name_en, actor_type as entity_type, nullif(side, 'unknown') as side,
           null::varchar as governorate_ar, null::varchar as governorate_en,
           null::double as lat, null::double as lon, null::integer as geo_precision, outlet, published_date
    from actor_mentions_f($outlets, $date_from, $date_to, $governorates, $actors)
    union all
    select 'location', doc_id, sentence_no, char_start, char_end, surface,
           location_id, name_ar, name_en, kind, null,
           governorate_ar, nullif(governorate, 'unknown'),
           lat, lon, geo_precision, outlet, published_date
    from location_mentions_f($outlets, $date_from, $date_to, $governorates, $actors)
)
select
    m.doc_id || ':' || m.mention_kind || ':' || m.char_start || '-' || m.char_end as mention_id,
    m.mention_kind,
    m.doc_id,
    m.sentence_no,
    m.char_start,
    m.char_end,
    m.surface,
    m.entity_id,
    m.name_ar,
    m.name_en,
    m.entity_type,
    m.side,
    m.governorate_ar,
    m.governorate_en,
    m.lat,
    m.lon,
    m.geo_precision,
    nullif(m.outlet, 'unknown') as outlet,
    m.published_date,
    d.title,
    case when regexp_matches(d.url, '^https?://') then d.url end as source_url
from mentions m
join docs d on d.doc_id = m.doc_id
order by m.published_date nulls last, m.doc_id, m.char_start, m.mention_kind, m.entity_id;
