-- The documents whose words the search index counts: the canonical documents of the range in mart_scope
-- whose words it does not hold (search_stale, made by 070_search_index.sql), in doc_id order.
select k.doc_id
from mart_scope k
join search_stale s on s.doc_id = k.doc_id
join documents d on d.doc_id = k.doc_id and d.status = 'ok'
order by k.doc_id;
