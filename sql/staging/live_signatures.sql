-- Signatures of every document still in the corpus, in a stable order.
select c.doc_id, c.n_chars, c.norm_sha256, m.signature
from clean_documents c
join raw_documents r using (doc_id)
join doc_minhash m on m.doc_id = c.doc_id and m.norm_sha256 = c.norm_sha256
order by c.doc_id;
