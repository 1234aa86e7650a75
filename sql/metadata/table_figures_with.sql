-- The canonical documents, read once for every table of a table_figures.sql statement that counts its rows in
-- them (materialised: each table's filter reads this set, not the documents table again).
with canonical_documents as materialized (select doc_id from documents where status = 'ok')
