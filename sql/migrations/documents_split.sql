-- The second half of documents_split_rename.sql, after the DDL made `document_decisions` and the view: every
-- document's decision moves to `document_decisions`, and `document_texts` drops the columns (DuckLake drops a
-- column in its catalog; the Parquet files stay as they are).
insert into document_decisions by name
select doc_id, status, duplicate_of, dup_similarity from document_texts;
alter table document_texts drop column status;
alter table document_texts drop column duplicate_of;
alter table document_texts drop column dup_similarity;
