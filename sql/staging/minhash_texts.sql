-- Normalised texts of some documents ($batch_keys is a registered frame; $1 .. $2 the range of their
-- doc_ids, which lets DuckDB skip row groups instead of reading every text for every batch).
select c.doc_id, c.text_norm
from clean_documents c
join batch_keys k using (doc_id)
where c.doc_id between $1 and $2
order by c.doc_id;
