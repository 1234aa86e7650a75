-- The texts whose words the search index counts: the canonical documents of the range in mart_scope
-- that changed.
select d.doc_id, d.text_norm
from mart_scope k
join documents d on d.doc_id = k.doc_id and d.status = 'ok'
where k.changed;
