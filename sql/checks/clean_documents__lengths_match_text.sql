-- Every document this run changed is as long as its cleaning recorded: n_chars is the length of its text.
--
-- (changed_document_texts: the documents this run changed; the others passed in the run that wrote them.)
select count(*)
  from changed_document_texts d
  join clean_documents c on c.doc_id = d.doc_id
 where c.n_chars <> length(d.text);
