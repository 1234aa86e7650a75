-- The normalised texts of some of the documents scope_documents.sql lists ($scope_batch, a registered frame;
-- {doc_range} a filter on d.doc_id that holds for their ids, from duck_inputs.key_ranges, which lets the scan
-- skip the files of other documents: a semi-join or a join with mart_scope alone read every text of the lake).
select d.doc_id, d.text_norm
from documents d
where {doc_range} and d.doc_id in (select doc_id from scope_batch);
