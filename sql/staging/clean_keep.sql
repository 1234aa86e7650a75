-- Re-cleaned articles that came out as they were stored (clean_unchanged.sql; $kept: doc_id and the version of
-- the cleaner now): only the version they were cleaned with is new.
update clean_documents set cleaner_version = kept.cleaner_version
from kept
where clean_documents.doc_id = kept.doc_id;
