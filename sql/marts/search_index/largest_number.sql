-- The largest number the search index gave a document (0 when none): a run's new documents are numbered after it.
select coalesce(max(doc_no), 0) from mart_search_documents;
