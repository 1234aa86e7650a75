-- Drop what an earlier extraction wrote for the documents this stage extracts again ($todo_docs: doc_id): their
-- mentions and their stage_state rows, all at once with the first batch. Each delete reads its whole table, so a
-- delete and an update per batch made a run that extracts every document again quadratic (50 batches at 100,000
-- articles: 22 s of mentions' and claims' statements). Each batch then writes its documents' rows and stage_state
-- rows as for documents never extracted (mentions_merge.sql); a run killed after the first leaves the others with
-- neither, so the next run extracts them, and no publication shows them meanwhile.
delete from actor_mentions where doc_id in (select doc_id from todo_docs);
delete from location_mentions where doc_id in (select doc_id from todo_docs);
delete from stage_state where stage = 'mentions' and doc_id in (select doc_id from todo_docs);
