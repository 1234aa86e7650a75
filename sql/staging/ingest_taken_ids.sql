-- Which of a batch's doc_ids ($batch_ids) the warehouse already holds, and from which file.
select r.doc_id, r.file_id
from raw_documents r
where r.doc_id in (select doc_id from batch_ids);
