-- Drop what an earlier extraction wrote for the documents this stage extracts again ($todo_docs: doc_id): their
-- claims and their stage_state rows, all at once with the first batch (see mentions_drop_earlier.sql).
delete from casualty_claims where doc_id in (select doc_id from todo_docs);
delete from stage_state where stage = 'claims' and doc_id in (select doc_id from todo_docs);
