-- Places mentioned in the filtered documents and resolved to a place, district or governorate
-- (the map's grey background points).
select
    location_id,
    any_value(name_ar) as name_ar,
    any_value(name_en) as name_en,
    any_value(governorate) as governorate,
    any_value(lat) as lat,
    any_value(lon) as lon,
    any_value(geo_precision) as geo_precision,
    count(*) as n_mentions,
    count(distinct doc_id) as n_documents
from location_mentions_f($outlets, $date_from, $date_to, $governorates, $actors)
where lat is not null and lon is not null and geo_precision between 1 and 3
group by location_id
order by n_mentions desc;
