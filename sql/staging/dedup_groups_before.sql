-- The duplicate group each document was in after the last dedup run (the group's canonical document: its
-- duplicate_of, or itself), for the documents that had a decision ('ok' or 'duplicate').
select doc_id, coalesce(duplicate_of, doc_id) as group_id
from documents
where status in ('ok', 'duplicate');
