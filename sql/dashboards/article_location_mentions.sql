-- The place mentions of one document, in text order.
select sentence_no, surface, name_ar, name_en, kind, governorate_ar, governorate as governorate_en, geo_precision, lat, lon, char_start, char_end
from mart_location_mentions
where doc_id = $doc_id
order by char_start;
