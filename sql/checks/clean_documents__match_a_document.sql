-- Every cleaned article has its document, of the length in characters the cleaning recorded (the whole
-- table, no text read).
select count(*) from clean_documents c left join documents d using (doc_id)
 where d.doc_id is null or d.n_chars <> c.n_chars;
