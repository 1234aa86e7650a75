-- Drop what an earlier clean wrote for the re-cleaned articles of a batch ($batch_documents); a batch of
-- new articles skips this script (each delete scans its whole table).
delete from clean_documents where doc_id in (select doc_id from batch_documents);
delete from sentences where doc_id in (select doc_id from batch_documents);
delete from document_texts where doc_id in (select doc_id from batch_documents);
delete from document_decisions where doc_id in (select doc_id from batch_documents);
-- What the extraction stages read of them is gone too: they match in the normalised text but count offsets in
-- the display text, and a display-only edit (a diacritic added) leaves the normalised text, which their
-- fingerprints name, as it was while moving every offset after it. Their marks are made stale so that those
-- stages read the new text and the incidents stage places the new claims (a claim's id names its offset).
-- The dedup stage's too: their texts are written again without a decision (canonical, pending its decision), and a
-- re-cleaning by a new cleaner leaves the content hash its mark names as it was (until 2026-12-06 such
-- documents stayed canonical: every duplicate of the 100k bench corpus after an edit of the boilerplate).
update stage_state set fingerprint = 'stale: re-cleaned'
 where stage in ('documents', 'mentions', 'claims', 'incidents') and doc_id in (select doc_id from batch_documents);
