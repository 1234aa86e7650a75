-- Every claim of a document this run changed points at a sentence of its document, its evidence.
select count(*)
  from changed_documents k
  join casualty_claims c on c.doc_id = k.doc_id
  anti join sentences s on s.doc_id = c.doc_id and s.sentence_no = c.sentence_no;
