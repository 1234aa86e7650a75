-- Normalised texts of one batch of minhash_todo ($batch_keys is a registered frame).
select c.doc_id, c.text_norm
from clean_documents c
join batch_keys k using (doc_id)
order by c.doc_id;
