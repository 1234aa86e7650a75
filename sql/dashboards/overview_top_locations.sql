-- Most mentioned places in the filtered canonical documents.
select
    name_ar,
    name_en,
    governorate,
    geo_precision,
    count(*) as n_mentions,
    count(distinct doc_id) as n_documents
from location_mentions_f($outlets, $date_from, $date_to, $governorates, $actors)
group by location_id, name_ar, name_en, governorate, geo_precision
order by n_mentions desc, name_ar
limit 10;
