delete from clean_documents where doc_id in (select doc_id from batch_documents);
delete from sentences where doc_id in (select doc_id from batch_documents);
insert into clean_documents by name select * from batch_documents;
insert into sentences by name select * from batch_sentences;
