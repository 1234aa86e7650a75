-- Signatures of every document still in the corpus, in a stable order, with what picks a duplicate set's
-- canonical copy: invisible characters, length and when its file was ingested.
select c.doc_id, c.n_chars, coalesce(c.n_invisible, 0) as n_invisible, f.ingested_at, c.norm_sha256, m.signature
from clean_documents c
join raw_documents r using (doc_id)
join raw_files f on f.file_id = r.file_id
join doc_minhash m on m.doc_id = c.doc_id and m.norm_sha256 = c.norm_sha256
order by c.doc_id;
