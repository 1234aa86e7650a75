-- Normalised texts of some documents ($batch_keys is a registered frame; {doc_range} a filter on d.doc_id
-- that holds for their ids, from ``duck_inputs.key_ranges``, which lets DuckDB skip row groups instead of
-- reading every text for every batch; a semi-join, not a join, keeps that filter in the scan).
select d.doc_id, d.text_norm
from document_texts d
where {doc_range} and d.doc_id in (select doc_id from batch_keys)
order by d.doc_id;
