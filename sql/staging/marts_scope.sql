-- The documents whose mart rows this run rebuilds, numbered in doc_id order so they can be taken a range
-- at a time (marts_chunk.sql): the changed and the touched ones (marts_plan.sql), or with $1 (a full
-- rebuild) every document there is or the marts have seen. `changed` is false for a document only touched
-- (its own rows did not change; only the attributes of an actor or place its rows copy).
create or replace temp table marts_todo as
select doc_id, bool_or(changed) as changed, row_number() over (order by doc_id) as n
from (
    select doc_id, true as changed from marts_changed where not $1
    union all
    select doc_id, false as changed from marts_touched where not $1
    union all
    select doc_id, true as changed from document_marks where $1
    union all
    select id as doc_id, true as changed from marts_state where $1 and kind = 'document'
)
group by doc_id;
