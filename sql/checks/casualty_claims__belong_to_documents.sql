-- Every claim belongs to a document.
select count(*) from casualty_claims c anti join documents d on d.doc_id = c.doc_id;
