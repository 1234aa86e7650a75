-- mart_actor_mentions: actor mentions in canonical documents with the actor's
-- attributes and the document's outlet and date (the dashboard's global filters). Rows of the documents
-- in mart_scope.
select
    m.doc_id,
    m.sentence_no,
    m.actor_id,
    a.name_ar,
    a.name_en,
    a.actor_type,
    coalesce(a.side, 'unknown') as side,
    m.surface,
    m.char_start,
    m.char_end,
    coalesce(nullif(trim(d.outlet), ''), 'unknown') as outlet,
    cast(d.published_at as date) as published_date
from mart_scope k
join actor_mentions m on m.doc_id = k.doc_id
join documents d on d.doc_id = m.doc_id and d.status = 'ok'
join actors a on a.actor_id = m.actor_id;
