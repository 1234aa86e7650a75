-- mart_doc_governorates: the governorates a canonical document talks about (through its
-- place mentions or its claims), so the governorate filter can narrow document-level views.
create or replace table mart_doc_governorates as
select distinct doc_id, governorate from mart_location_mentions where governorate <> 'unknown'
union
select distinct doc_id, governorate from mart_claims where governorate <> 'unknown';
