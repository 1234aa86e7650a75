-- mart_scope, which every sql/marts file reads: the documents to redo numbered $1 + 1 to $2.
create or replace temp table mart_scope as
select doc_id, changed from marts_todo where n > $1 and n <= $2;
