-- One cleaned batch: the texts go to `document_texts` (their only copy in the warehouse), pending their dedup
-- decision (without a row in `document_decisions` the `documents` view says 'ok' until the dedup stage,
-- which runs next, says otherwise), the counts and hashes incremental runs compare to `clean_documents` ($batch_clean_rows: the same
-- documents without their texts; each frame read once is streamed, not copied into a temporary table first).
insert into clean_documents by name
select doc_id, n_chars, n_paragraphs, n_paragraphs_removed, n_boilerplate_lines, norm_sha256, content_sha256,
       cleaner_version, n_invisible
from batch_clean_rows;
insert into document_texts by name
select doc_id, file_id, outlet, title, published_at, url, text, text_norm, n_chars, n_paragraphs,
       n_paragraphs_removed, n_boilerplate_lines, norm_sha256
from batch_documents;
insert into sentences by name select * from batch_sentences;
