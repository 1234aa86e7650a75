-- The doc_id of every raw document the warehouse holds, and the file it came from: ingest reads it once per
-- run to give a doc_id that another file already yields a suffix of its own.
select doc_id, file_id
from raw_documents;
