-- The near-duplicate pairs found by earlier runs (the dedup stage keeps those whose two documents are
-- unchanged since).
select doc_a, doc_b from doc_near_pairs;
