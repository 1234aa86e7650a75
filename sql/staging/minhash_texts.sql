-- Normalised texts of some documents ($batch_keys is a registered frame; $1 .. $2 the range of their
-- doc_ids, which lets DuckDB skip row groups instead of reading every text for every batch; a semi-join,
-- not a join, keeps the range filter in the scan).
select d.doc_id, d.text_norm
from document_texts d
where d.doc_id between $1 and $2 and d.doc_id in (select doc_id from batch_keys)
order by d.doc_id;
