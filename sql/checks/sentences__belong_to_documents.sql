-- Every sentence belongs to a document (the whole table, keys only).
select count(*) from sentences s anti join documents d on d.doc_id = s.doc_id;
