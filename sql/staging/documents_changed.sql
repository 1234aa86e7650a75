-- The documents whose text documents_insert.sql must copy, in doc_id order.
select doc_id from doc_state where text_changed order by doc_id;
