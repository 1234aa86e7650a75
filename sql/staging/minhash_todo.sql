select c.doc_id, c.text_norm, c.norm_sha256
from clean_documents c
join raw_documents r using (doc_id)
left join doc_minhash m on m.doc_id = c.doc_id and m.norm_sha256 = c.norm_sha256
where m.doc_id is null
order by c.doc_id;
