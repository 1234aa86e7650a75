-- Every raw document has its own doc_id.
--
-- raw_documents declares no primary key (see KEYLESS_TABLES in pipelines/lib/warehouse.py): this check is
-- what keeps doc_id unique.
select count(*) - count(distinct doc_id) from raw_documents;
