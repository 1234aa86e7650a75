-- Display texts of the documents a search result page shows, for their snippets.
select doc_id, text
from documents
where list_contains($doc_ids::varchar[], doc_id);
